/**
 * Visitor and staff sockets: frames in (validated JSON records), commands out to the conversation layer, and
 * frames back, encoded once for every receiver.
 */
package org.causette.server.ws;
