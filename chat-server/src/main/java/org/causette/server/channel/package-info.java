/**
 * Channels other than the widget: Messenger and WhatsApp webhooks in (the HTTP layer's {@code WebhookRoutes}),
 * Graph API sends out ({@link org.causette.server.channel.GraphApi}), and signed webhooks to the shop's CRM through a
 * store outbox ({@link org.causette.server.channel.CrmWebhooks}). They reach the same bot, queue and staff through the
 * conversation layer. See docs/channels.md.
 */
package org.causette.server.channel;
