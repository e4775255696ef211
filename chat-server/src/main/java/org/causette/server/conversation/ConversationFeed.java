package org.causette.server.conversation;

import java.util.function.BiFunction;

import org.causette.bot.QuickReply;
import org.causette.server.metrics.HubMetrics;
import org.causette.server.store.AppendResult;
import org.causette.server.store.Author;
import org.causette.server.store.Conversation;
import org.causette.server.store.ConversationState;
import org.causette.server.store.MessageDraft;
import org.causette.server.store.Role;
import org.causette.server.store.Store;
import org.causette.server.store.StoredMessage;
import org.causette.server.store.Visitor;
import org.causette.server.wire.EncodedFrame;
import org.causette.server.wire.ServerFrames;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What happens in a conversation, told to everyone in it: messages appended and delivered to the visitor's sockets
 * and to the sockets of the person holding it, state changes, and the summaries staff lists show. Call it on the
 * conversation's visitor lane, so everyone sees the same order.
 */
public final class ConversationFeed {
    /**
     * A summary's {@code lastMessage} is a preview of at most this many characters: summaries go to every staff socket
     * in each queue push, and 50 messages of 4,000 characters (12,000 bytes in some scripts) would make one push
     * larger than a socket's outbound limit.
     */
    static final int LAST_MESSAGE_PREVIEW = 200;

    /** Messages an {@code assigned} frame carries, newest last. */
    public static final int ASSIGNED_HISTORY = 50;

    private final Store store;
    private final Hub hub;
    private final HubMetrics metrics;
    private final Clock clock;
    /** Outside channels by name ("messenger", "whatsapp"); the widget ("web") is served by the hub's sockets. */
    private final java.util.Map<String, ChannelOutbound> channels =
            new ConcurrentHashMap<>();

    /** Who hears of conversations created, handed over, closed, messages, leads and ratings (the CRM webhooks). */
    private volatile HubEvents events = HubEvents.NONE;

    /** Staff photos by site and staff id (staff.json {@code avatarUrl}), or null for none. */
    private final BiFunction<String, String, String> avatars;

    public ConversationFeed(Store store, Hub hub, HubMetrics metrics, Clock clock) {
        this(store, hub, metrics, clock, (site, staff) -> null);
    }

    /** @param avatars a staff member's photo URL by (site id, staff id), or null */
    public ConversationFeed(Store store, Hub hub, HubMetrics metrics, Clock clock, BiFunction<String, String, String> avatars) {
        this.avatars = avatars;
        this.store = store;
        this.hub = hub;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    /** Registers where a channel's conversations are delivered (once, at start). */
    public void registerChannel(String channel, ChannelOutbound outbound) {
        channels.put(channel, outbound);
    }

    /** Sets who hears of what happens in conversations (once, at start). */
    public void setEvents(HubEvents listener) {
        this.events = listener == null ? HubEvents.NONE : listener;
    }

    public HubEvents events() {
        return events;
    }

    /** Appends and delivers; a duplicate (same author and clientId) is returned as is and delivered to nobody. */
    public AppendResult post(Conversation conversation, MessageDraft draft, VisitorSession exceptVisitor,
                             StaffSession exceptStaff) {
        AppendResult result = store.append(conversation.id(), draft);
        if (!result.duplicate()) {
            metrics.messageStored(draft.from().role().wireName());
            deliver(conversation, result.message(), exceptVisitor, exceptStaff);
        }
        return result;
    }

    /**
     * A message the store already holds (appended together with other writes in one step, as a bot turn is): counted
     * and delivered as {@link #post} would, once.
     */
    public void stored(Conversation conversation, StoredMessage message) {
        metrics.messageStored(message.from().role().wireName());
        deliver(conversation, message, null, null);
    }

    /** A message from the hub itself (who joined, what happens next), in the visitor's language. */
    public StoredMessage announce(Conversation conversation, String text, List<QuickReply> quickReplies) {
        return post(conversation, new MessageDraft(new Author(Role.SYSTEM, null, null), null, text, null,
                quickReplies, List.of(), false, clock.instant()), null, null).message();
    }

    public void deliver(Conversation conversation, StoredMessage message, VisitorSession exceptVisitor,
                        StaffSession exceptStaff) {
        if (!message.internal()) {
            hub.toVisitor(conversation.siteId(), conversation.visitorId(), conversation.id(), message.seq(),
                    visitorFrame(message), exceptVisitor);
            ChannelOutbound outbound = channels.get(conversation.channel());
            if (outbound != null && message.from().role() != Role.VISITOR) {
                outbound.send(conversation, message);
            }
            events.messageCreated(conversation, message);
        }
        if (conversation.state() == ConversationState.ASSIGNED && conversation.assignee() != null) {
            boolean ambassador = conversation.assignee().role() == Role.AMBASSADOR;
            if (!(ambassador && message.internal())) {
                hub.toStaff(conversation.siteId(), conversation.assignee().staffId(),
                        ambassador ? EncodedFrame.of(forAmbassador(staffMessage(message)), "message") : staffFrame(message),
                        exceptStaff);
            }
        }
    }

    /** A state frame for the visitor's sockets and for the holder's. */
    public void state(Conversation conversation, Integer queuePosition, Integer estimatedWaitSeconds) {
        state(conversation, queuePosition, estimatedWaitSeconds, null);
    }

    /** A state frame that also says whether a person could answer now (on a hand-over; null: not said). */
    public void state(Conversation conversation, Integer queuePosition, Integer estimatedWaitSeconds, Boolean teamOnline) {
        ServerFrames.Assignee assignee = conversation.assignee() == null || conversation.state() != ConversationState.ASSIGNED
                ? null : new ServerFrames.Assignee(conversation.assignee().role().wireName(), conversation.assignee().name(),
                avatars.apply(conversation.siteId(), conversation.assignee().staffId()));
        EncodedFrame frame = EncodedFrame.of(new ServerFrames.State(conversation.id(), conversation.state().wireName(),
                queuePosition, assignee, conversation.reason(), estimatedWaitSeconds, teamOnline), "state");
        hub.toVisitor(conversation.siteId(), conversation.visitorId(), conversation.id(), 0, frame, null);
        if (conversation.assignee() != null && conversation.state() != ConversationState.QUEUED) {
            hub.toStaff(conversation.siteId(), conversation.assignee().staffId(), frame, null);
        }
    }

    /** Someone on our side types: the visitor's sockets, or the outside channel, hear of it. */
    public void typing(Conversation conversation, ServerFrames.From from, boolean on) {
        hub.toVisitor(conversation.siteId(), conversation.visitorId(), conversation.id(), 0,
                EncodedFrame.of(new ServerFrames.Typing(from, on), "typing"), null);
        ChannelOutbound outbound = channels.get(conversation.channel());
        if (outbound != null) {
            outbound.typing(conversation, on);
        }
    }

    public static EncodedFrame visitorFrame(StoredMessage message) {
        return EncodedFrame.of(new ServerFrames.Message(message.conversationId(), message.seq(), message.id(),
                from(message), message.text(), message.quickReplies(), message.cards(), message.ts()), "message");
    }

    public static EncodedFrame staffFrame(StoredMessage message) {
        return EncodedFrame.of(staffMessage(message), "message");
    }

    public static ServerFrames.StaffMessage staffMessage(StoredMessage message) {
        return new ServerFrames.StaffMessage(message.conversationId(), message.seq(), message.id(), from(message),
                message.text(), message.quickReplies(), message.cards(), message.internal(), message.ts());
    }

    private static ServerFrames.From from(StoredMessage message) {
        return new ServerFrames.From(message.from().role().wireName(), message.from().name());
    }

    /** The messages staff see: ambassadors never see internal notes, nor emails and phone numbers. Oldest first. */
    public List<ServerFrames.StaffMessage> staffMessages(Conversation conversation, boolean forAmbassador, long beforeSeq,
                                                        int limit) {
        return store.messagesBefore(conversation.id(), beforeSeq, limit).stream()
                .filter(m -> !(forAmbassador && m.internal()))
                .map(ConversationFeed::staffMessage)
                .map(m -> forAmbassador ? forAmbassador(m) : m)
                .toList();
    }

    /**
     * A message as an ambassador sees it: email addresses and phone numbers masked, whoever wrote it. The bot, a
     * system notice ("we will write to anne@…") or an agent can repeat the shopper's address as well as the shopper
     * (issue 21). Every path to an ambassador (live frames, assigned, history, REST, search, ratings) goes through
     * {@link #forAmbassador(String)}.
     */
    private static ServerFrames.StaffMessage forAmbassador(ServerFrames.StaffMessage m) {
        return new ServerFrames.StaffMessage(m.conversationId(), m.seq(), m.id(), m.from(), forAmbassador(m.text()),
                m.quickReplies(), m.cards(), m.internal(), m.ts());
    }

    /** Any text an ambassador is shown: the one place their view is masked. */
    public static String forAmbassador(String text) {
        return PersonalData.redact(text);
    }

    /**
     * Whether an ambassador's search for {@code query} finds this conversation: only in the masked text they can read,
     * so the search cannot tell them whether a guessed address is the real one.
     */
    public boolean ambassadorFinds(Conversation conversation, String query) {
        String wanted = query.toLowerCase(Locale.ROOT);
        return store.messagesBefore(conversation.id(), conversation.lastSeq() + 1, Integer.MAX_VALUE).stream()
                .filter(m -> !m.internal() && m.text() != null)
                .anyMatch(m -> forAmbassador(m.text()).toLowerCase(Locale.ROOT).contains(wanted));
    }

    private static String preview(String text) {
        if (text == null || text.length() <= LAST_MESSAGE_PREVIEW) {
            return text;
        }
        int end = LAST_MESSAGE_PREVIEW;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never cut an emoji in half
        }
        return text.substring(0, end) + "…";
    }

    /**
     * A conversation as a staff list shows it. An ambassador gets a pseudonym for the shopper and no name: they help
     * a fellow customer without learning who it is.
     */
    public ServerFrames.Summary summary(Conversation conversation, boolean forAmbassador) {
        List<StoredMessage> recent = store.messagesBefore(conversation.id(), conversation.lastSeq() + 1, 20);
        String lastMessage = null;
        // In the queue the bot still answers routine questions; staff pick a conversation by what the shopper asked.
        boolean shopperWords = conversation.state() == ConversationState.QUEUED
                && recent.stream().anyMatch(m -> m.from().role() == Role.VISITOR);
        for (int i = recent.size() - 1; i >= 0 && lastMessage == null; i--) {
            if (!recent.get(i).internal() && (!shopperWords || recent.get(i).from().role() == Role.VISITOR)) {
                lastMessage = preview(forAmbassador ? forAmbassador(recent.get(i).text()) : recent.get(i).text());
            }
        }
        long unread = recent.stream()
                .filter(m -> m.seq() > conversation.staffReadSeq() && m.from().role() == Role.VISITOR)
                .count();
        Visitor visitor = store.findVisitor(conversation.siteId(), conversation.visitorId()).orElse(null);
        String locale = visitor == null ? null : visitor.locale();
        ServerFrames.SummaryVisitor who = forAmbassador
                ? new ServerFrames.SummaryVisitor(pseudonym(conversation), null, locale)
                : new ServerFrames.SummaryVisitor(conversation.visitorId(), visitor == null ? null : visitor.name(), locale);
        return new ServerFrames.Summary(conversation.id(), conversation.state().wireName(), conversation.channel(), who,
                lastMessage, unread, since(conversation), conversation.reason(), conversation.skill(), conversation.target());
    }

    private static Instant since(Conversation conversation) {
        return switch (conversation.state()) {
            case QUEUED -> conversation.queuedAt();
            case ASSIGNED -> conversation.assignedAt();
            case CLOSED -> conversation.closedAt();
            case BOT -> conversation.createdAt();
        };
    }

    /** Stable within a conversation, unrelated across conversations: no way to follow a shopper around. */
    static String pseudonym(Conversation conversation) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((conversation.id() + "/" + conversation.visitorId()).getBytes(StandardCharsets.UTF_8));
            return "shopper-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
