package org.causette.server.config;

import java.util.List;
import java.util.Set;

/**
 * One of a site's outgoing webhooks to its CRM ({@code "webhooks": [{"url", "secret", "events"}]} in site.json).
 *
 * @param url    where the JSON is POSTed (http or https)
 * @param secret the HMAC-SHA256 key of the {@code X-Causette-Signature} header (use {@code env:NAME})
 * @param events the events sent there; all of {@link #EVENTS} when the file names none
 */
public record WebhookSubscription(String url, String secret, List<String> events) {
    public static final List<String> EVENTS = List.of("conversation.created", "conversation.handed_over",
            "conversation.closed", "message.created", "lead.captured", "rating.created");

    public WebhookSubscription {
        events = List.copyOf(events);
    }

    public boolean wants(String event) {
        return Set.copyOf(events).contains(event);
    }

    @Override
    public String toString() {
        return "WebhookSubscription[url=" + url + ", events=" + events + "]";
    }
}
