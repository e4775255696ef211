/**
 * The Netty pipeline on one port: HTTP routes (health, metrics, static files, REST API, webhooks) and the upgrade
 * to the visitor and staff WebSockets, with the site and Origin checked before the handshake.
 */
package org.causette.server.http;
