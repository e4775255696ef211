package org.causette.server.usecase;

import com.fasterxml.jackson.databind.JsonNode;
import org.causette.server.auth.SignedIdentity;
import org.causette.server.auth.VisitorTokens;
import org.causette.server.config.Site;
import org.causette.server.conversation.ChannelIds;
import org.causette.server.conversation.ConversationFeed;
import org.causette.server.conversation.Hub;
import org.causette.server.conversation.PersonalData;
import org.causette.server.conversation.Lanes;
import org.causette.server.conversation.VisitorSession;
import org.causette.server.insights.PurchaseRecorder;
import org.causette.server.marketing.ProactiveEngine;
import org.causette.server.metrics.HubMetrics;
import org.causette.server.store.AppendResult;
import org.causette.server.store.Author;
import org.causette.server.store.ConsentRecord;
import org.causette.server.store.Conversation;
import org.causette.server.store.ConversationState;
import org.causette.server.store.EventQuota;
import org.causette.server.store.MessageDraft;
import org.causette.server.store.OpenAppend;
import org.causette.server.store.Role;
import org.causette.server.store.Store;
import org.causette.server.store.StoreUnavailableException;
import org.causette.server.store.StartPage;
import org.causette.server.store.StoredMessage;
import org.causette.server.store.VersionedConversation;
import org.causette.server.store.Visitor;
import org.causette.server.store.VisitorEvent;
import org.causette.server.wire.EncodedFrame;
import org.causette.server.wire.ErrorCode;
import org.causette.server.wire.Json;
import org.causette.server.wire.ServerFrames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What visitors do, run on their lane: hello and replay, messages (append, ack, deliver, bot turn, hand-over),
 * typing and read marks for the person helping them, ratings, events, consent and leads. Callers have validated
 * the frames' shape already.
 */
public final class VisitorService {
    private static final Logger log = LoggerFactory.getLogger(VisitorService.class);

    /** The widget's channel name in conversations. */
    public static final String WEB = ChannelIds.WEB;
    /** A typing preview shows at most this many of the last characters typed. */
    static final int MAX_TYPING_PREVIEW = 160;
    /** Replay reads the store in pages of this many messages. */
    private static final int REPLAY_PAGE = 500;

    private final Store store;
    private final Lanes lanes;
    private final Hub hub;
    private final ConversationFeed feed;
    private final BotTurns botTurns;
    private final HubMetrics metrics;
    private final VisitorTokens tokens;
    private final Clock clock;
    /** Purchases once per order, credited to proactive variants (insights). */
    private final PurchaseRecorder purchases;
    /** Runs commands on the visitor's lane, failures told to the client. */
    private final VisitorLane lane;
    /** Ratings, NPS answers and leads. */
    private final VisitorFeedback feedback;
    /** Proactive scenarios (conversational marketing); a site without scenarios.json has none to run. */
    private final ProactiveEngine proactive;
    /** How many events one visitor may have kept (issue 21): shared by the nodes when the store is. */
    private final EventQuota eventQuota;

    /** Presence for emailed replies and the "email me" choice (docs/email.md); null: neither (no mail store). */
    private final ShopperPresence presence;
    private final EmailChoice emailChoice;

    public VisitorService(Store store, Lanes lanes, Hub hub, ConversationFeed feed, BotTurns botTurns,
                          ProactiveEngine proactive, EventQuota eventQuota, HubMetrics metrics, VisitorTokens tokens,
                          Clock clock) {
        this(store, lanes, hub, feed, botTurns, proactive, eventQuota, metrics, tokens, clock, null);
    }

    /** @param presence when shoppers last had a connection, on the mail store (docs/email.md); null: no email */
    public VisitorService(Store store, Lanes lanes, Hub hub, ConversationFeed feed, BotTurns botTurns,
                          ProactiveEngine proactive, EventQuota eventQuota, HubMetrics metrics, VisitorTokens tokens,
                          Clock clock, ShopperPresence presence) {
        this.presence = presence;
        this.proactive = proactive;
        this.eventQuota = eventQuota;
        this.store = store;
        this.lanes = lanes;
        this.hub = hub;
        this.feed = feed;
        this.botTurns = botTurns;
        this.metrics = metrics;
        this.tokens = tokens;
        this.clock = clock;
        this.purchases = new PurchaseRecorder(store);
        this.lane = new VisitorLane(lanes);
        this.feedback = new VisitorFeedback(store, feed, hub, lane, clock);
        this.emailChoice = presence == null ? null : new EmailChoice(store, presence.mail(), feed, lane, clock);
    }

    /** What the event loop learned from a hello frame: who the token says the visitor is, and a verified identity. */
    public record HelloRequest(String tokenVisitorId, String locale, boolean consent, SignedIdentity.Verified identity,
                               long lastSeq, String conversationId) {
    }

    public VisitorTokens tokens() {
        return tokens;
    }

    // ---- hello -------------------------------------------------------------------------------------------------

    /**
     * Binds the connection to its visitor, sends welcome and replays what the visitor missed, then calls
     * {@code onReady} (from the lane) so the connection starts handling the frames that came meanwhile.
     */
    public void hello(VisitorSession connection, HelloRequest hello, Runnable onReady, Runnable onFailure) {
        String provisionalId = hello.tokenVisitorId() != null ? hello.tokenVisitorId() : tokens.newVisitorId();
        lane.onLane(connection, provisionalId, null,
                () -> identify(connection, provisionalId, hello.tokenVisitorId() != null, hello, onReady, onFailure));
    }

    /**
     * Binds a verified identity, on {@code visitorId}'s lane. A customer known from another device continues on that
     * visitor (and this device's own visitor joins the customer's profile, with its anonymous history); a browser
     * whose visitor belongs to another customer (a shared computer) starts a fresh visitor, so nobody reads the
     * previous customer's conversations.
     *
     * @param fromToken whether {@code visitorId} came from the client's visitor token (so it may hold history)
     */
    private void identify(VisitorSession connection, String visitorId, boolean fromToken, HelloRequest hello,
                          Runnable onReady, Runnable onFailure) {
        try {
            if (hello.identity() == null && fromToken && connection.site().config().requireIdentityForCustomers()
                    && store.customerOfVisitor(connection.siteId(), visitorId).isPresent()) {
                // A signed-in customer's token without their identity: maybe the next person at a shared computer.
                // The site asked for a fresh identity, so this is a new anonymous visitor (site-files.md).
                String fresh = tokens.newVisitorId();
                lane.onLane(connection, fresh, null, () -> completeHello(connection, fresh, hello, onReady, onFailure));
                return;
            }
            if (hello.identity() != null) {
                String userId = hello.identity().userId();
                if (fromToken && store.customerOfVisitor(connection.siteId(), visitorId)
                        .filter(owner -> !owner.equals(userId)).isPresent()) {
                    String fresh = tokens.newVisitorId();
                    lane.onLane(connection, fresh, null, () -> identify(connection, fresh, false, hello, onReady, onFailure));
                    return;
                }
                String linked = store.linkUser(connection.siteId(), userId, visitorId);
                if (!linked.equals(visitorId)) {
                    if (fromToken) {
                        store.addCustomerVisitor(connection.siteId(), userId, visitorId);
                    }
                    // The customer is known from another device or channel: continue on that visitor's lane.
                    lane.onLane(connection, linked, null, () -> completeHello(connection, linked, hello, onReady, onFailure));
                    return;
                }
            }
            completeHello(connection, visitorId, hello, onReady, onFailure);
        } catch (StoreUnavailableException e) {
            helloFailed(connection, e, onFailure);
        }
    }

    private void completeHello(VisitorSession connection, String visitorId, HelloRequest hello, Runnable onReady,
                               Runnable onFailure) {
        try {
            Instant now = clock.instant();
            Visitor known = store.findVisitor(connection.siteId(), visitorId)
                    .orElseGet(() -> new Visitor(connection.siteId(), visitorId, now, null, null, null, null, false));
            Visitor visitor = known
                    .withLocale(hello.locale())
                    .withConsent(hello.consent());
            if (hello.identity() != null) {
                SignedIdentity.Verified identity = hello.identity();
                visitor = visitor.withIdentity(identity.userId(), identity.email(), identity.name(), identity.detailsSigned());
            }
            store.saveVisitor(visitor);
            if (hello.consent() != known.consent()) {
                // Every change is recorded (a first grant included: no choice means not granted); a hello that
                // repeats the current choice costs nothing more.
                Consents.record(store, clock, connection.siteId(), visitorId, ConsentRecord.TRACKING, hello.consent(), ConsentRecord.FROM_HELLO, true);
            }
            connection.bind(visitorId, hello.locale(), hello.consent(), hello.identity() != null);
            hub.visitors().add(connection);
            if (presence != null) {
                presence.connected(connection.site(), visitorId);
            }

            Optional<Conversation> open = store.findOpenConversation(connection.siteId(), visitorId, WEB);
            connection.send(EncodedFrame.of(new ServerFrames.Welcome(visitorId, tokens.issue(connection.siteId(), visitorId),
                    open.map(Conversation::id).orElse(null), open.map(c -> c.state().wireName()).orElse(null),
                    open.map(Conversation::lastSeq).orElse(0L), connection.site().config().botName(),
                    connection.site().config().name(), proactive.greeting(connection),
                    botTurns.someoneCanAnswer(connection.site(), open.map(Conversation::language).orElse(language(hello.locale()))),
                    connection.site().config().widget().sound(),
                    new ServerFrames.Welcome.Privacy(connection.site().config().retentionDays(), connection.site().config().widget().privacyUrl()))
                    .replyingByEmail(emailChoice != null && connection.site().mail().isPresent()), "welcome"));
            boolean sameConversation = open.isPresent()
                    && (hello.conversationId() == null || hello.conversationId().equals(open.get().id()));
            if (!sameConversation && hello.conversationId() != null) {
                resumeClosed(connection, visitorId, hello.conversationId(), hello.lastSeq());
            }
            if (open.isPresent()) {
                replay(connection, open.get(), sameConversation ? hello.lastSeq() : 0);
            }
            onReady.run();
            if (open.isEmpty()) {
                proactive.afterHello(connection, known.createdAt() != null ? known.createdAt() : now);
            }
        } catch (StoreUnavailableException e) {
            helloFailed(connection, e, onFailure);
        }
    }

    /** "fr-FR" → "fr"; null when there is no locale (then anyone of the team counts). */
    private static String language(String locale) {
        return locale == null || locale.length() < 2 ? null : locale.substring(0, 2).toLowerCase(java.util.Locale.ROOT);
    }

    private void helloFailed(VisitorSession connection, StoreUnavailableException e, Runnable onFailure) {
        log.warn("Hello failed: store unavailable: {}", e.getMessage());
        connection.sendError(ErrorCode.UNAVAILABLE, "the conversation store is unavailable; say hello again shortly", null);
        onFailure.run();
    }

    /**
     * The conversation the client last knew, when it is no longer the open one: a shopper who left while a person was
     * answering must still read the answers, learn that the conversation ended and be asked to rate it. Its missed
     * messages and its closed state go out before the open conversation (if any) starts from its beginning. Only the
     * visitor's own conversation is resumed: an id alone proves nothing, the visitor token does.
     */
    private void resumeClosed(VisitorSession connection, String visitorId, String conversationId, long lastSeq) {
        Optional<Conversation> known = store.findConversation(conversationId)
                .filter(c -> c.siteId().equals(connection.siteId()) && c.visitorId().equals(visitorId)
                        && WEB.equals(c.channel()) && c.state() == ConversationState.CLOSED);
        if (known.isEmpty()) {
            return;
        }
        Conversation closed = known.get();
        replay(connection, closed, lastSeq);
        connection.send(EncodedFrame.of(new ServerFrames.State(closed.id(), closed.state().wireName(), null, null,
                closed.reason(), null), "state"));
    }

    private void replay(VisitorSession connection, Conversation conversation, long afterSeq) {
        // The client's lastSeq counts what it has: everything after it goes out, in order.
        long from = Math.max(0, afterSeq);
        connection.accept(conversation.id(), from);
        while (true) {
            List<StoredMessage> page = store.messagesAfter(conversation.id(), from, REPLAY_PAGE);
            for (StoredMessage message : page) {
                from = message.seq();
                if (!message.internal() && connection.accept(conversation.id(), message.seq())) {
                    connection.send(ConversationFeed.visitorFrame(message));
                }
            }
            if (page.size() < REPLAY_PAGE) {
                return;
            }
        }
    }

    // ---- messages ----------------------------------------------------------------------------------------------

    public void message(VisitorSession connection, String clientId, String text, String payload) {
        lane.guarded(connection, clientId, "the message", () -> {
            inbound(connection.site(), connection.visitorId(), WEB, clientId, text, payload, connection.locale(), connection);
            proactive.afterMessage(connection);
        });
    }

    /**
     * A shopper's message from any channel, on the visitor's lane: stored once per (visitor, clientId), acknowledged to
     * the sending socket if there is one, delivered to everyone else in the conversation, then answered by the bot
     * or handled by the person holding it. Outside channels (Messenger, WhatsApp) call this with their message id as
     * {@code clientId} and no socket, so a webhook delivered twice is handled once.
     *
     * @param sender the socket that sent it (gets the ack), or null
     * @return the stored message and whether it was a duplicate
     * @throws StoreUnavailableException when it could not be stored (nothing was)
     */
    public AppendResult inbound(Site site, String visitorId, String channel, String clientId, String text,
                                String payload, String locale, VisitorSession sender) {
        Author author = new Author(Role.VISITOR, visitorId, null);
        MessageDraft draft = new MessageDraft(author, clientId, text, payload, List.of(), List.of(), false, clock.instant());
        // The common case in one store round trip: idempotency, the open conversation and the append together.
        Optional<OpenAppend> intoOpen = store.appendToOpen(site.id(), visitorId, channel, draft);
        if (intoOpen.isPresent() && intoOpen.get().duplicate()) {
            if (sender != null) {
                ack(sender, intoOpen.get().message());
            }
            return intoOpen.get().result();
        }
        VersionedConversation versioned;
        AppendResult result;
        if (intoOpen.isPresent()) {
            versioned = intoOpen.get().conversation();
            result = intoOpen.get().result();
        } else {
            // No open conversation (and not a duplicate: that was checked first): open one and append to it; the
            // append checks the clientId again, so a second tab racing with the same message is still stored once.
            Conversation opened = openConversation(site.id(), visitorId, channel, sender == null ? null : sender.page());
            result = store.append(opened.id(), draft);
            // A fresh conversation is at version 0; if that guess is wrong the store notices and reads it.
            versioned = new VersionedConversation(opened, 0);
        }
        Conversation conversation = versioned.conversation();
        MDC.put("conversation", conversation.id());
        StoredMessage stored = result.message();
        if (sender != null) {
            sender.accept(stored.conversationId(), stored.seq());
            ack(sender, stored);
        }
        if (result.duplicate()) {
            return result;
        }
        metrics.messageStored(Role.VISITOR.wireName());
        feed.deliver(conversation, stored, sender, null);
        switch (conversation.state()) {
            case BOT -> botTurns.take(site, versioned, text, payload, locale);
            case QUEUED -> {
                hub.queueChanged(conversation.siteId());
                botTurns.take(site, versioned, text, payload, locale);
            }
            default -> {
                // The person holding it got the message.
            }
        }
        return result;
    }

    /** Runs a task on a visitor's lane (for channels without a socket); {@code rejected} when the lane is full. */
    public void onVisitorLane(String siteId, String visitorId, Runnable task, Runnable rejected) {
        lanes.submit(Hub.visitorLane(siteId, visitorId), task, rejected);
    }

    private void ack(VisitorSession connection, StoredMessage stored) {
        connection.send(EncodedFrame.of(new ServerFrames.Ack(stored.clientId(), stored.conversationId(), stored.seq(),
                stored.id(), stored.ts()), "ack"));
    }

    /** The visitor's open conversation on that channel, or a new one (and every socket of the visitor hears of it). */
    public Conversation openConversation(String siteId, String visitorId, String channel) {
        return openConversation(siteId, visitorId, channel, null);
    }

    /** @param page the page the shopper writes from (widgets), kept with the conversation for agents; or null */
    public Conversation openConversation(String siteId, String visitorId, String channel, StartPage page) {
        Optional<Conversation> open = store.findOpenConversation(siteId, visitorId, channel);
        if (open.isPresent()) {
            return open.get();
        }
        Conversation candidate = Conversation.open(UUID.randomUUID().toString(), siteId, visitorId, channel, clock.instant())
                .withStartPage(page);
        Conversation created = store.openConversation(candidate);
        feed.state(created, null, null);
        if (created.id().equals(candidate.id())) {
            feed.events().conversationCreated(created);
        }
        return created;
    }

    // ---- the rest ----------------------------------------------------------------------------------------------

    /** Tells the person helping the visitor; nobody else watches a shopper type. */
    public void typing(VisitorSession connection, boolean on) {
        typing(connection, on, null);
    }

    /**
     * Tells the person helping the visitor, with what they have typed so far when the site shows agents a typing
     * preview (site.json {@code typingPreview}, off by default): masked (emails, phone numbers), its last
     * {@link #MAX_TYPING_PREVIEW} characters, and never to an ambassador, a fellow customer.
     */
    public void typing(VisitorSession connection, boolean on, String text) {
        lane.guarded(connection, null, "typing", () -> heldConversation(connection).ifPresent(c -> {
            boolean toAgent = c.assignee().role() != Role.AMBASSADOR;
            String preview = on && text != null && !text.isBlank() && toAgent && connection.site().typingPreview()
                    ? tail(text.strip()) : null;
            hub.toStaff(c.siteId(), c.assignee().staffId(), EncodedFrame.of(new ServerFrames.StaffTyping(c.id(),
                    new ServerFrames.From(Role.VISITOR.wireName(), null), on, preview), "typing"), null);
        }));
    }

    /** A preview is the end of what is being typed: the words the shopper is writing now. */
    private static String tail(String text) {
        // Cut wider than shown, so an email or a number cut in half is still masked whole, then cut to size.
        String wide = text.length() > 2 * MAX_TYPING_PREVIEW ? text.substring(text.length() - 2 * MAX_TYPING_PREVIEW) : text;
        String masked = PersonalData.redact(wide);
        return masked.length() > MAX_TYPING_PREVIEW ? "…" + masked.substring(masked.length() - MAX_TYPING_PREVIEW) : masked;
    }

    public void read(VisitorSession connection, long seq) {
        lane.guarded(connection, null, "the read mark", () -> heldConversation(connection).ifPresent(c ->
                hub.toStaff(c.siteId(), c.assignee().staffId(), EncodedFrame.of(new ServerFrames.StaffRead(c.id(),
                        Role.VISITOR.wireName(), Math.min(seq, c.lastSeq())), "read"), null)));
    }

    private Optional<Conversation> heldConversation(VisitorSession connection) {
        return store.findOpenConversation(connection.siteId(), connection.visitorId(), WEB)
                .filter(c -> c.state() == ConversationState.ASSIGNED && c.assignee() != null);
    }

    public void rate(VisitorSession connection, int score, String comment) {
        feedback.rate(connection, score, comment);
    }

    /** An extension: the shopper closed the rating form without rating; the NPS question may follow. */
    public void rateSkipped(VisitorSession connection) {
        feedback.rateSkipped(connection);
    }

    /** An extension: the answer to the NPS question (docs/marketing.md). */
    public void nps(VisitorSession connection, int score, String comment) {
        feedback.nps(connection, score, comment);
    }

    /** An email left (with consent) for when people are back: stored as a lead staff see in the console and report. */
    public void lead(VisitorSession connection, String email, String note) {
        feedback.lead(connection, email, note);
    }

    public void event(VisitorSession connection, String name, JsonNode data) {
        if (!connection.consent()) {
            return; // Without consent, events are not kept: by design, not an error the shopper should see.
        }
        lane.guarded(connection, null, "the event", () -> {
            // A purchase is never refused for the quota: it is stored once per order and feeds the shop's figures.
            if (!name.equals(PurchaseRecorder.PURCHASE) && !eventQuota.admit(connection.siteId(), connection.visitorId(),
                    data == null ? 0 : Json.bytes(data).length, clock.instant())) {
                connection.sendError(ErrorCode.RATE_LIMITED, "too many events kept for this visitor today", null);
                return;
            }
            if (!purchases.record(connection.site(),
                    new VisitorEvent(connection.siteId(), connection.visitorId(), name, data, clock.instant()))) {
                return; // an order stored already: not again, and nothing to trigger
            }
            proactive.afterEvent(connection, name, data);
        });
    }

    /** The visitor closed a proactive message's bubble (an extension, docs/marketing.md). */
    public void proactiveDismissed(VisitorSession connection, String scenarioId) {
        lane.guarded(connection, null, "the dismissal", () -> proactive.dismissedBy(connection, scenarioId));
    }

    /** The widget showed the bot's greeting variant (an extension, docs/marketing.md). */
    public void greetingShown(VisitorSession connection, String variant) {
        lane.guarded(connection, null, "the greeting", () -> proactive.greetingShown(connection, variant));
    }

    public void consent(VisitorSession connection, boolean granted) {
        connection.setConsent(granted);
        lane.guarded(connection, null, "the consent", () -> {
            Consents.record(store, clock, connection.siteId(), connection.visitorId(), ConsentRecord.TRACKING, granted,
                    ConsentRecord.FROM_CONSENT_FRAME, true);
            store.findVisitor(connection.siteId(), connection.visitorId())
                    .ifPresent(v -> store.saveVisitor(v.withConsent(granted)));
        });
    }

    public void disconnected(VisitorSession connection) {
        hub.visitors().remove(connection);
        if (presence != null) {
            presence.disconnected(connection.site(), connection.visitorId());
        }
    }

    /**
     * An extension (docs/email.md): the shopper agrees to get the answer by email if they leave, at {@code email} or,
     * when null, at their verified identity's address.
     */
    public void emailMe(VisitorSession connection, String email) {
        if (emailChoice == null) {
            connection.sendError(ErrorCode.BAD_REQUEST, "this shop does not send replies by email", null);
            return;
        }
        emailChoice.emailMe(connection, email);
    }
}
