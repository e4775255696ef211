package org.causette.server.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.causette.server.config.ChannelConfig;
import org.causette.server.config.Site;
import org.causette.server.config.Sites;
import org.causette.server.conversation.ChannelIds;
import org.causette.server.conversation.ChannelOutbound;
import org.causette.server.metrics.HubMetrics;
import org.causette.server.store.Author;
import org.causette.server.store.Conversation;
import org.causette.server.store.Role;
import org.causette.server.store.StoredMessage;
import org.causette.server.wire.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * WhatsApp Cloud API: {@code entry[].changes[].value.messages[]} in (text, interactive button and list replies,
 * template quick-reply buttons; other kinds are stored as "[image]" and the like), {@code statuses[]} for delivery,
 * read marks and Meta's asynchronous refusals; replies to {@code {graphApiUrl}/{phoneNumberId}/messages} as text and
 * interactive messages. Timestamps are in seconds; each {@code wamid} is handled once.
 */
public final class WhatsAppChannel implements ChannelOutbound, MetaChannel {
    private static final Logger log = LoggerFactory.getLogger(WhatsAppChannel.class);

    public static final String NAME = ChannelIds.WHATSAPP;
    /** Visitor ids of WhatsApp shoppers: this prefix and their WhatsApp id (the phone number). */
    public static final String VISITOR_PREFIX = ChannelIds.WHATSAPP_VISITOR_PREFIX;

    private final Sites sites;
    private final ChannelInbox inbox;
    private final GraphApi graph;
    private final HubMetrics metrics;

    WhatsAppChannel(Sites sites, ChannelInbox inbox, GraphApi graph, HubMetrics metrics) {
        this.sites = sites;
        this.inbox = inbox;
        this.graph = graph;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ChannelConfig config(Site site) {
        return site.config().whatsapp();
    }

    // ---- in ------------------------------------------------------------------------------------------------------

    private record Event(JsonNode node, boolean status, long timestamp) {
    }

    @Override
    public void receive(Site site, JsonNode body) {
        if (!"whatsapp_business_account".equals(body.path("object").asText())) {
            log.warn("WhatsApp webhook for {} with object \"{}\" ignored", site.id(), body.path("object").asText());
            return;
        }
        String phoneNumberId = config(site).accountId();
        List<Event> events = new ArrayList<>();
        for (JsonNode entry : body.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                String to = value.path("metadata").path("phone_number_id").asText(phoneNumberId);
                if (!"messages".equals(change.path("field").asText("messages")) || !to.equals(phoneNumberId)) {
                    metrics.channelEvent(NAME, "other");
                    continue;
                }
                for (JsonNode message : value.path("messages")) {
                    events.add(new Event(message, false, message.path("timestamp").asLong(0)));
                }
                for (JsonNode status : value.path("statuses")) {
                    events.add(new Event(status, true, status.path("timestamp").asLong(0)));
                }
            }
        }
        events.sort(Comparator.comparingLong(Event::timestamp));
        for (Event event : events) {
            if (event.status()) {
                status(site, event);
            } else {
                message(site, event.node());
            }
        }
    }

    private void message(Site site, JsonNode message) {
        String from = message.path("from").asText("");
        String wamid = message.path("id").asText("");
        if (from.isEmpty() || wamid.isEmpty()) {
            metrics.channelEvent(NAME, "malformed");
            return;
        }
        String type = message.path("type").asText("text");
        String text;
        String payload = null;
        switch (type) {
            case "text" -> text = message.path("text").path("body").asText("");
            case "interactive" -> {
                JsonNode interactive = message.path("interactive");
                JsonNode reply = interactive.has("button_reply") ? interactive.path("button_reply") : interactive.path("list_reply");
                payload = reply.path("id").asText(null);
                text = reply.path("title").asText(payload == null ? "" : payload);
            }
            case "button" -> {
                payload = message.path("button").path("payload").asText(null);
                text = message.path("button").path("text").asText(payload == null ? "" : payload);
            }
            default -> text = "[" + type + "]";
        }
        metrics.channelEvent(NAME, payload == null ? "message" : "interactive");
        String visitorId = VISITOR_PREFIX + from;
        String clientId = ClientIds.of("w_", wamid);
        String said = text.isBlank() ? "[" + type + "]" : text;
        String chosen = payload;
        inbox.onLane(site, visitorId, NAME, "message", () -> {
            if (inbox.alreadyStored(site, new Author(Role.VISITOR, visitorId, null), clientId)) {
                metrics.channelEvent(NAME, "duplicate");
                return;
            }
            inbox.ensureVisitor(site, visitorId, null);
            inbox.message(site, visitorId, NAME, clientId, said, chosen, null);
        });
    }

    private void status(Site site, Event event) {
        JsonNode status = event.node();
        String state = status.path("status").asText("");
        String recipient = status.path("recipient_id").asText("");
        metrics.channelEvent(NAME, "status_" + (state.matches("sent|delivered|read|failed") ? state : "other"));
        if (state.equals("read") && !recipient.isEmpty()) {
            String visitorId = VISITOR_PREFIX + recipient;
            Instant at = Instant.ofEpochSecond(event.timestamp());
            inbox.onLane(site, visitorId, NAME, "read", () -> inbox.read(site, visitorId, NAME, at));
        } else if (state.equals("failed")) {
            JsonNode error = status.path("errors").path(0);
            metrics.channelSend(NAME, "refused");
            log.error("Meta refused a WhatsApp message of site {} to {}: ({}) {} {}", site.id(), recipient,
                    error.path("code").asText("?"), error.path("title").asText(""),
                    error.path("error_data").path("details").asText(error.path("message").asText("")));
        }
    }

    // ---- out -----------------------------------------------------------------------------------------------------

    @Override
    public void send(Conversation conversation, StoredMessage message) {
        Optional<Site> site = sites.find(conversation.siteId());
        ChannelConfig config = site.map(this::config).orElse(null);
        if (config == null || !conversation.visitorId().startsWith(VISITOR_PREFIX)) {
            log.warn("WhatsApp conversation {} has no WhatsApp number to answer from", conversation.id());
            return;
        }
        String to = conversation.visitorId().substring(VISITOR_PREFIX.length());
        String language = conversation.languageOr(site.get().config().defaultLanguage());
        URI uri = URI.create(config.graphApiUrl() + "/" + config.accountId() + "/messages");
        for (ObjectNode body : WhatsAppMessages.of(message, to, language)) {
            graph.submit(new GraphApi.Call(NAME, NAME + ":" + site.get().id() + ":" + to, uri,
                    "Bearer " + config.accessToken(), Json.bytes(body), true, "message"));
        }
    }
}
