package org.causette.server.config;

import java.util.List;

/**
 * A site's site.json, validated (docs/site-files.md).
 *
 * @param languages      the first is the default
 * @param allowedOrigins empty: any origin may open the widget's socket
 * @param identitySecret the key that signs visitors' identities, or null when the shop signs none
 * @param retentionDays  conversations, messages and events older than that are deleted
 * @param botName        the bot's name shown to shoppers
 * @param messenger      null when the site has no Messenger page
 * @param whatsapp       null when the site has no WhatsApp number
 * @param routing        answer timeouts for hand-overs
 * @param cannedResponses the console's ready-made answers
 * @param webhooks       signed webhooks to the shop's CRM (empty: none)
 * @param requireIdentityForCustomers a visitor token bound to a customer (a signed-in shopper) is refused in a hello
 *                       without a fresh signed identity for that customer: the hub starts a new anonymous visitor, so
 *                       a shared computer's next user cannot read the customer's conversations (issue 21)
 * @param widget         the shopper's widget: sound on a person's reply
 */
public record SiteConfig(String id, String name, List<String> languages, String currency, List<String> allowedOrigins,
                         BusinessHours businessHours, String identitySecret, boolean requireIdentity,
                         int retentionDays, String botName, ChannelConfig messenger, ChannelConfig whatsapp,
                         RoutingSettings routing, List<CannedResponse> cannedResponses,
                         List<WebhookSubscription> webhooks, boolean requireIdentityForCustomers,
                         WidgetSettings widget) {
    public SiteConfig {
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        widget = widget == null ? WidgetSettings.DEFAULTS : widget;
        languages = List.copyOf(languages);
        allowedOrigins = List.copyOf(allowedOrigins);
        cannedResponses = List.copyOf(cannedResponses);
    }

    /** Tokens bound to a customer accepted without an identity (the contract's behaviour), the widget's defaults. */
    public SiteConfig(String id, String name, List<String> languages, String currency, List<String> allowedOrigins,
                      BusinessHours businessHours, String identitySecret, boolean requireIdentity, int retentionDays,
                      String botName, ChannelConfig messenger, ChannelConfig whatsapp, RoutingSettings routing,
                      List<CannedResponse> cannedResponses, List<WebhookSubscription> webhooks) {
        this(id, name, languages, currency, allowedOrigins, businessHours, identitySecret, requireIdentity, retentionDays,
                botName, messenger, whatsapp, routing, cannedResponses, webhooks, false, WidgetSettings.DEFAULTS);
    }

    /** Without CRM webhooks. */
    public SiteConfig(String id, String name, List<String> languages, String currency, List<String> allowedOrigins,
                      BusinessHours businessHours, String identitySecret, boolean requireIdentity, int retentionDays,
                      String botName, ChannelConfig messenger, ChannelConfig whatsapp, RoutingSettings routing,
                      List<CannedResponse> cannedResponses) {
        this(id, name, languages, currency, allowedOrigins, businessHours, identitySecret, requireIdentity, retentionDays,
                botName, messenger, whatsapp, routing, cannedResponses, List.of());
    }

    /**
     * A ready-made answer staff insert by typing its shortcut ("/livraison"); text by language; {@code intent}, when
     * set, makes the console offer it when the shopper's last question has that intent.
     */
    public record CannedResponse(String shortcut, java.util.Map<String, String> text,
                                 @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                                 String intent) {
        public CannedResponse {
            text = java.util.Map.copyOf(text);
        }
    }

    public String defaultLanguage() {
        return languages.get(0);
    }

    public boolean allowsOrigin(String origin) {
        return allowedOrigins.isEmpty() || (origin != null && allowedOrigins.contains(origin));
    }

    @Override
    public String toString() {
        return "SiteConfig[id=" + id + "]";
    }
}
