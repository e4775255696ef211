/**
 * Channels other than the widget: Messenger and WhatsApp webhooks in, Graph API sends out, and signed webhooks to
 * the shop's CRM. They reach the same bot, queue and staff through the conversation layer.
 */
package org.causette.server.channel;
