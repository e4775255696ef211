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
import org.causette.server.store.ConversationState;
import org.causette.server.store.Role;
import org.causette.server.store.StoredMessage;
import org.causette.server.wire.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Messenger (Meta's Messenger Platform): webhook events in, Send API calls out.
 *
 * <p>In: {@code entry[].messaging[]} and {@code entry[].standby[]}, sorted by timestamp, each on the shopper's lane.
 * Text, quick replies and postbacks are the shopper's messages (stored once per {@code mid}); echoes of our own sends
 * (our {@code metadata}) are ignored, echoes of anything else are a person answering in Meta's Page inbox — mirrored
 * into the transcript, and the bot keeps quiet (see {@link ChannelInbox}); reads become read marks for the person
 * holding the conversation; standby events (another app owns the thread) are stored without a bot answer.
 *
 * <p>Out: everything said by the bot, staff or the hub, as Send API calls with {@code messaging_type RESPONSE} (a
 * person's answers with the {@code HUMAN_AGENT} tag, which Meta allows for 7 days), in
 * order per shopper (see {@link GraphApi}), and {@code typing_on} while the bot works. With the site option
 * {@code messenger.handover: "page_inbox"}, a hand-over passes thread control to the Page inbox (Handover Protocol)
 * instead of queueing for our console, and comes back to the bot when the Page inbox passes control back.
 */
public final class MessengerChannel implements ChannelOutbound, MetaChannel {
    private static final Logger log = LoggerFactory.getLogger(MessengerChannel.class);

    public static final String NAME = ChannelIds.MESSENGER;
    /** Visitor ids of Messenger shoppers: this prefix and the page-scoped id (PSID). */
    public static final String VISITOR_PREFIX = ChannelIds.MESSENGER_VISITOR_PREFIX;
    /** Meta's Page inbox app, the target of pass_thread_control. */
    public static final String PAGE_INBOX_APP_ID = "263902037430900";

    private final Sites sites;
    private final ChannelInbox inbox;
    private final GraphApi graph;
    private final HubMetrics metrics;

    MessengerChannel(Sites sites, ChannelInbox inbox, GraphApi graph, HubMetrics metrics) {
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
        return site.config().messenger();
    }

    // ---- in ------------------------------------------------------------------------------------------------------

    private record Event(JsonNode node, boolean standby, long timestamp) {
    }

    @Override
    public void receive(Site site, JsonNode body) {
        if (!"page".equals(body.path("object").asText())) {
            log.warn("Messenger webhook for {} with object \"{}\" ignored", site.id(), body.path("object").asText());
            return;
        }
        List<Event> events = new ArrayList<>();
        for (JsonNode entry : body.path("entry")) {
            for (JsonNode event : entry.path("messaging")) {
                events.add(new Event(event, false, event.path("timestamp").asLong(entry.path("time").asLong())));
            }
            for (JsonNode event : entry.path("standby")) {
                events.add(new Event(event, true, event.path("timestamp").asLong(entry.path("time").asLong())));
            }
        }
        // Meta batches and may deliver out of order; a stable sort keeps same-time events as sent.
        events.sort(Comparator.comparingLong(Event::timestamp));
        for (Event event : events) {
            dispatch(site, event);
        }
    }

    private void dispatch(Site site, Event event) {
        JsonNode node = event.node();
        JsonNode message = node.path("message");
        boolean echo = message.path("is_echo").asBoolean(false);
        String psid = (echo ? node.path("recipient") : node.path("sender")).path("id").asText("");
        if (psid.isEmpty()) {
            metrics.channelEvent(NAME, "malformed");
            return;
        }
        String visitorId = VISITOR_PREFIX + psid;
        if (echo) {
            metrics.channelEvent(NAME, "echo");
            if (message.path("metadata").asText("").startsWith(MessengerMessages.METADATA_PREFIX)) {
                return; // our own send, coming back
            }
            String mid = message.path("mid").asText("");
            String text = textOf(message);
            inbox.onLane(site, visitorId, NAME, "echo", () -> personAnswered(site, visitorId, mid, text));
        } else if (message.isObject()) {
            metrics.channelEvent(NAME, event.standby() ? "standby" : "message");
            String mid = message.path("mid").asText("");
            if (mid.isEmpty()) {
                metrics.channelEvent(NAME, "malformed");
                return;
            }
            String payload = message.path("quick_reply").path("payload").asText(null);
            String text = textOf(message);
            inbox.onLane(site, visitorId, NAME, "message", () ->
                    shopperSaid(site, visitorId, ClientIds.of("m_", mid), text, payload, event.standby()));
        } else if (node.has("postback")) {
            metrics.channelEvent(NAME, event.standby() ? "standby" : "postback");
            JsonNode postback = node.path("postback");
            String payload = postback.path("payload").asText("");
            String title = postback.path("title").asText(payload);
            // Older postbacks carry no mid: the shopper, the time and the payload identify the tap.
            String id = postback.hasNonNull("mid") ? postback.path("mid").asText()
                    : psid + "/" + event.timestamp() + "/" + payload;
            inbox.onLane(site, visitorId, NAME, "postback", () ->
                    shopperSaid(site, visitorId, ClientIds.of("m_", id), title.isBlank() ? payload : title, payload,
                            event.standby()));
        } else if (node.has("read")) {
            metrics.channelEvent(NAME, "read");
            Instant watermark = Instant.ofEpochMilli(node.path("read").path("watermark").asLong(event.timestamp()));
            inbox.onLane(site, visitorId, NAME, "read", () -> inbox.read(site, visitorId, NAME, watermark));
        } else if (node.has("delivery")) {
            metrics.channelEvent(NAME, "delivery");
        } else if (node.has("pass_thread_control")) {
            // Sent to the app that receives control: us. The Page inbox is done; the bot answers again.
            metrics.channelEvent(NAME, "pass_thread_control");
            inbox.onLane(site, visitorId, NAME, "thread control", () -> inbox.open(site, visitorId, NAME)
                    .ifPresent(inbox::releaseFromPageInbox));
        } else if (node.has("take_thread_control")) {
            // The Page inbox took the thread from us: a person answers there now.
            metrics.channelEvent(NAME, "take_thread_control");
            inbox.onLane(site, visitorId, NAME, "thread control", () ->
                    inbox.holdForPageInbox(inbox.openOrCreate(site, visitorId, NAME)));
        } else {
            metrics.channelEvent(NAME, "other");
        }
    }

    /** The text of a message; attachments the bot cannot read are named, so staff know something came. */
    private static String textOf(JsonNode message) {
        String text = message.path("text").asText("");
        if (!text.isBlank()) {
            return text;
        }
        List<String> kinds = new ArrayList<>();
        for (JsonNode attachment : message.path("attachments")) {
            kinds.add("[" + attachment.path("type").asText("attachment") + "]");
        }
        return kinds.isEmpty() ? "[message]" : String.join(" ", kinds);
    }

    private void shopperSaid(Site site, String visitorId, String clientId, String text, String payload, boolean standby) {
        if (inbox.alreadyStored(site, new Author(Role.VISITOR, visitorId, null), clientId)) {
            metrics.channelEvent(NAME, "duplicate");
            return;
        }
        inbox.ensureVisitor(site, visitorId, null);
        Optional<Conversation> open = inbox.open(site, visitorId, NAME);
        ChannelConfig config = config(site);
        if (standby) {
            // Another app (the Page inbox) owns the thread: keep the transcript, let the bot be.
            inbox.holdForPageInbox(inbox.openOrCreate(site, visitorId, NAME));
        } else if (open.isPresent() && inbox.heldByPageInbox(open.get()) && !config.handsOverToPageInbox()) {
            Instant quietUntil = inbox.lastPageInboxActivity(open.get()).plus(Duration.ofHours(config.pauseBotHours()));
            if (inbox.clock().instant().isAfter(quietUntil)) {
                inbox.releaseFromPageInbox(open.get());
            }
        }
        Optional<Conversation> current = inbox.open(site, visitorId, NAME);
        if (current.isEmpty() || current.get().state() == ConversationState.BOT) {
            typing(site, visitorId.substring(VISITOR_PREFIX.length()), true);
        }
        inbox.message(site, visitorId, NAME, clientId, text, payload, null);
    }

    private void personAnswered(Site site, String visitorId, String mid, String text) {
        String clientId = ClientIds.of("e_", mid.isEmpty() ? visitorId + "/" + text : mid);
        if (inbox.alreadyStored(site, ChannelInbox.PAGE_INBOX_AUTHOR, clientId)) {
            metrics.channelEvent(NAME, "duplicate");
            return;
        }
        inbox.ensureVisitor(site, visitorId, null);
        Conversation held = inbox.holdForPageInbox(inbox.openOrCreate(site, visitorId, NAME));
        inbox.mirrorPageInboxMessage(held, clientId, text);
    }

    // ---- out -----------------------------------------------------------------------------------------------------

    @Override
    public void send(Conversation conversation, StoredMessage message) {
        if (ChannelInbox.PAGE_INBOX_ID.equals(message.from().id())) {
            return; // written in the Page inbox: Meta has it already
        }
        Optional<Site> site = sites.find(conversation.siteId());
        ChannelConfig config = site.map(this::config).orElse(null);
        if (config == null || !conversation.visitorId().startsWith(VISITOR_PREFIX)) {
            log.warn("Messenger conversation {} has no Messenger page to answer from", conversation.id());
            return;
        }
        String psid = conversation.visitorId().substring(VISITOR_PREFIX.length());
        if (config.handsOverToPageInbox() && handOverToPageInbox(site.get(), conversation, message, psid)) {
            return;
        }
        boolean byPerson = message.from().role() == Role.AGENT || message.from().role() == Role.AMBASSADOR;
        for (ObjectNode piece : MessengerMessages.of(message)) {
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.putObject("recipient").put("id", psid);
            if (byPerson) {
                // People answer later than bots: Meta's human-agent tag allows 7 days after the shopper's last message
                // instead of the standard 24 hours.
                body.put("messaging_type", "MESSAGE_TAG");
                body.put("tag", "HUMAN_AGENT");
            } else {
                body.put("messaging_type", "RESPONSE");
            }
            body.set("message", piece);
            call(site.get(), config, psid, "messages", body, true, "message");
        }
    }

    /**
     * With the Handover Protocol, the hub's "you are in line" message of a fresh hand-over is where the conversation
     * leaves for the Page inbox instead: we keep it from our queue, pass thread control and tell the shopper.
     *
     * @return whether the message was replaced by the hand-over
     */
    private boolean handOverToPageInbox(Site site, Conversation conversation, StoredMessage message, String psid) {
        if (conversation.state() != ConversationState.QUEUED || message.from().role() != Role.SYSTEM
                || "transfer".equals(conversation.reason())) {
            return false;
        }
        Conversation held = inbox.holdForPageInbox(conversation);
        if (!inbox.heldByPageInbox(held)) {
            return false; // someone on the console took it meanwhile
        }
        ObjectNode pass = Json.MAPPER.createObjectNode();
        pass.putObject("recipient").put("id", psid);
        pass.put("target_app_id", PAGE_INBOX_APP_ID);
        pass.put("metadata", conversation.reason() == null ? "handover" : conversation.reason());
        call(site, config(site), psid, "pass_thread_control", pass, true, "pass_thread_control");
        boolean french = "fr".equals(conversation.languageOr(site.config().defaultLanguage()));
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("recipient").put("id", psid);
        body.put("messaging_type", "RESPONSE");
        body.putObject("message").put("text", french
                        ? "Je transmets votre demande à l'équipe : une personne vous répond ici dès que possible."
                        : "I'm passing your request to the team: someone will answer you here as soon as possible.")
                .put("metadata", MessengerMessages.METADATA_PREFIX + message.id());
        call(site, config(site), psid, "messages", body, true, "message");
        return true;
    }

    @Override
    public void typing(Conversation conversation, boolean on) {
        if (conversation.visitorId().startsWith(VISITOR_PREFIX)) {
            sites.find(conversation.siteId()).ifPresent(site ->
                    typing(site, conversation.visitorId().substring(VISITOR_PREFIX.length()), on));
        }
    }

    private void typing(Site site, String psid, boolean on) {
        ChannelConfig config = config(site);
        if (config == null) {
            return;
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("recipient").put("id", psid);
        body.put("sender_action", on ? "typing_on" : "typing_off");
        call(site, config, psid, "messages", body, false, "typing");
    }

    private void call(Site site, ChannelConfig config, String psid, String edge, ObjectNode body, boolean retry, String what) {
        URI uri = URI.create(config.graphApiUrl() + "/" + config.accountId() + "/" + edge + "?access_token="
                + URLEncoder.encode(config.accessToken(), StandardCharsets.UTF_8));
        graph.submit(new GraphApi.Call(NAME, NAME + ":" + site.id() + ":" + psid, uri, null, Json.bytes(body), retry, what));
    }
}
