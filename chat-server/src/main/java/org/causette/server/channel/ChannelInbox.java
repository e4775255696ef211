package org.causette.server.channel;

import org.causette.server.config.Site;
import org.causette.server.conversation.ConversationFeed;
import org.causette.server.conversation.Hub;
import org.causette.server.metrics.HubMetrics;
import org.causette.server.store.AppendResult;
import org.causette.server.store.Assignee;
import org.causette.server.store.Author;
import org.causette.server.store.Conversation;
import org.causette.server.store.ConversationState;
import org.causette.server.store.MessageDraft;
import org.causette.server.store.Role;
import org.causette.server.store.Store;
import org.causette.server.store.StoreUnavailableException;
import org.causette.server.store.StoredMessage;
import org.causette.server.store.Visitor;
import org.causette.server.usecase.VisitorService;
import org.causette.server.wire.EncodedFrame;
import org.causette.server.wire.MessageLimits;
import org.causette.server.wire.ServerFrames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What Messenger and WhatsApp share on the way in: running on the shopper's lane, the visitor record, the shopper's
 * messages into {@link VisitorService#inbound}, read marks for the person holding the conversation, and the
 * "Page inbox" pseudo-assignee.
 *
 * <p>A conversation a person answers in Meta's own Page inbox (or that the Handover Protocol passed there) is
 * moved to {@code assigned} with the assignee {@link #PAGE_INBOX}: the usual state machine then keeps the bot quiet
 * (it only answers conversations in {@code bot}), the console shows who holds it, and nothing new is needed in the
 * store. {@code page-inbox} is no staff member: no socket receives its frames, the router's capacity count of it
 * matters to nobody, and {@code answeredAt} is set so the answer timeout never re-queues it.
 */
final class ChannelInbox {
    /** How many widget-sized messages one channel text may become; the rest is dropped. */
    static final int MAX_INBOUND_PIECES = 3;

    private static final Logger log = LoggerFactory.getLogger(ChannelInbox.class);

    static final String PAGE_INBOX_ID = "page-inbox";
    static final Assignee PAGE_INBOX = new Assignee(PAGE_INBOX_ID, Role.AGENT, "Page inbox");
    /** The author of what people write in the Page inbox, as mirrored into our transcript. */
    static final Author PAGE_INBOX_AUTHOR = new Author(Role.AGENT, PAGE_INBOX_ID, "Page inbox");

    private final Store store;
    private final VisitorService visitors;
    private final ConversationFeed feed;
    private final Hub hub;
    private final HubMetrics metrics;
    private final Clock clock;

    ChannelInbox(Store store, VisitorService visitors, ConversationFeed feed, Hub hub, HubMetrics metrics, Clock clock) {
        this.store = store;
        this.visitors = visitors;
        this.feed = feed;
        this.hub = hub;
        this.metrics = metrics;
        this.clock = clock;
    }

    Store store() {
        return store;
    }

    Clock clock() {
        return clock;
    }

    /** Runs on the shopper's lane, in the order called; failures are logged and counted, never thrown at Meta. */
    void onLane(Site site, String visitorId, String channel, String what, Runnable task) {
        visitors.onVisitorLane(site.id(), visitorId, () -> {
            MDC.put("visitor", visitorId);
            try {
                task.run();
            } catch (StoreUnavailableException e) {
                metrics.channelEvent(channel, "lost");
                log.warn("{} {} of {} lost: store unavailable: {}", channel, what, visitorId, e.getMessage());
            } finally {
                MDC.remove("visitor");
                MDC.remove("conversation");
            }
        }, () -> {
            metrics.channelEvent(channel, "lost");
            log.error("{} {} of {} lost: the server is too busy", channel, what, visitorId);
        });
    }

    /** The shopper's profile, made at first contact. Call on the lane. */
    void ensureVisitor(Site site, String visitorId, String locale) {
        Optional<Visitor> known = store.findVisitor(site.id(), visitorId);
        if (known.isEmpty()) {
            store.saveVisitor(new Visitor(site.id(), visitorId, clock.instant(), null, null, null, locale, false));
        } else if (locale != null && !locale.equals(known.get().locale())) {
            store.saveVisitor(known.get().withLocale(locale));
        }
    }

    boolean alreadyStored(Site site, Author author, String clientId) {
        return store.findByClientId(site.id(), author, clientId).isPresent();
    }

    Optional<Conversation> open(Site site, String visitorId, String channel) {
        return store.findOpenConversation(site.id(), visitorId, channel);
    }

    /**
     * The shopper's message: stored once, then the bot answers or the person holding it sees it.
     *
     * <p>Channels hold the widget's text limit ({@link MessageLimits#MAX_TEXT_CHARS}) too: a longer text is
     * split at word boundaries into at most {@link #MAX_INBOUND_PIECES} messages (clientIds {@code id}, {@code id-2},
     * {@code id-3}, so a retried webhook still stores each once) and the rest is dropped and counted
     * ({@code causette_channel_events_total{event="text_cut"}}). Messenger lets a user send 20,000 characters; an
     * unbounded text once held one lane for a minute of CPU (issue 21). A payload longer than
     * {@link MessageLimits#MAX_PAYLOAD_CHARS} is not one we sent: the text is kept, the payload dropped.
     */
    AppendResult message(Site site, String visitorId, String channel, String clientId, String text, String payload,
                         String locale) {
        String chosen = payload != null && payload.length() > MessageLimits.MAX_PAYLOAD_CHARS ? null : payload;
        List<String> pieces = text == null || text.length() <= MessageLimits.MAX_TEXT_CHARS
                ? Collections.singletonList(text) : TextLimits.split(text, MessageLimits.MAX_TEXT_CHARS);
        if (pieces.isEmpty()) {
            pieces = List.of(text.substring(0, MessageLimits.MAX_TEXT_CHARS));
        }
        if (pieces.size() > MAX_INBOUND_PIECES) {
            metrics.channelEvent(channel, "text_cut");
            pieces = pieces.subList(0, MAX_INBOUND_PIECES);
        }
        AppendResult result = null;
        for (int i = 0; i < pieces.size(); i++) {
            String pieceId = i == 0 ? clientId : clientId + "-" + (i + 1);
            result = visitors.inbound(site, visitorId, channel, pieceId, pieces.get(i),
                    i == pieces.size() - 1 ? chosen : null, locale, null);
            if (result.duplicate()) {
                metrics.channelEvent(channel, "duplicate");
            }
        }
        return result;
    }

    /** The open conversation, or a new one opened the way the widget's are (by the same code). */
    Conversation openOrCreate(Site site, String visitorId, String channel) {
        return visitors.openConversation(site.id(), visitorId, channel);
    }

    /**
     * Moves a conversation the bot or the queue has to the Page inbox pseudo-assignee; one held by a console agent
     * stays theirs. @return the conversation as it is now
     */
    Conversation holdForPageInbox(Conversation conversation) {
        ConversationState before = conversation.state();
        if (before != ConversationState.BOT && before != ConversationState.QUEUED) {
            return conversation;
        }
        Instant now = clock.instant();
        Optional<Conversation> held = store.updateIf(conversation.id(), c -> c.state() == before,
                c -> c.assigned(PAGE_INBOX, now).answered(now));
        if (held.isEmpty()) {
            return store.findConversation(conversation.id()).orElse(conversation);
        }
        log.info("Conversation {} is held in Meta's Page inbox: the bot stays quiet there", conversation.id());
        feed.state(held.get(), null, null);
        if (before == ConversationState.QUEUED) {
            hub.queueChanged(conversation.siteId());
        }
        return held.get();
    }

    boolean heldByPageInbox(Conversation conversation) {
        return conversation.heldBy(PAGE_INBOX_ID);
    }

    /** The Page inbox let go: the bot answers again. */
    Optional<Conversation> releaseFromPageInbox(Conversation conversation) {
        Optional<Conversation> back = store.updateIf(conversation.id(), c -> c.heldBy(PAGE_INBOX_ID),
                c -> c.handedBack(clock.instant()));
        back.ifPresent(c -> {
            log.info("Conversation {} is back with the bot", c.id());
            feed.state(c, null, null);
        });
        return back;
    }

    /** When a person last wrote from the Page inbox in this conversation (or when it went there). */
    Instant lastPageInboxActivity(Conversation conversation) {
        List<StoredMessage> recent = store.messagesBefore(conversation.id(), conversation.lastSeq() + 1, 50);
        for (int i = recent.size() - 1; i >= 0; i--) {
            if (PAGE_INBOX_ID.equals(recent.get(i).from().id())) {
                return recent.get(i).ts();
            }
        }
        return conversation.assignedAt() != null ? conversation.assignedAt() : conversation.updatedAt();
    }

    /** What a person wrote in the Page inbox, mirrored into the transcript (not sent back to Meta). */
    void mirrorPageInboxMessage(Conversation conversation, String clientId, String text) {
        feed.post(conversation, new MessageDraft(PAGE_INBOX_AUTHOR, clientId, text, null, List.of(), List.of(), false,
                clock.instant()), null, null);
    }

    /** The shopper read up to {@code watermark}: the person holding the conversation sees the read mark. */
    void read(Site site, String visitorId, String channel, Instant watermark) {
        Optional<Conversation> open = open(site, visitorId, channel)
                .filter(c -> c.state() == ConversationState.ASSIGNED && c.assignee() != null);
        if (open.isEmpty()) {
            return;
        }
        Conversation conversation = open.get();
        long seq = 0;
        for (StoredMessage message : store.messagesBefore(conversation.id(), conversation.lastSeq() + 1, 50)) {
            if (message.from().role() != Role.VISITOR && !message.ts().isAfter(watermark)) {
                seq = Math.max(seq, message.seq());
            }
        }
        if (seq > 0) {
            hub.toStaff(site.id(), conversation.assignee().staffId(), EncodedFrame.of(new ServerFrames.StaffRead(
                    conversation.id(), Role.VISITOR.wireName(), seq), "read"), null);
        }
    }
}
