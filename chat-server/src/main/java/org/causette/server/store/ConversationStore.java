package org.causette.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Conversations and their messages: opening one per visitor and channel, state changes made only when the
 * conversation still is as expected, appends with the next seq and idempotency by clientId, the listings staff see,
 * and the hot path of a visitor message and a bot turn in as few round trips as possible (docs/performance.md).
 */
public interface ConversationStore {

    Optional<Conversation> findConversation(String conversationId);

    /** The visitor's open conversation on that channel, if any. */
    Optional<Conversation> findOpenConversation(String siteId, String visitorId, String channel);

    /**
     * Stores {@code candidate} as the visitor's open conversation on its channel, unless one is open already.
     *
     * @return the open conversation after the call: {@code candidate} or the one that was there
     */
    Conversation openConversation(Conversation candidate);

    /**
     * Changes a conversation atomically when it still is as {@code expected} says: the way every state change is
     * made, so two nodes or two staff members can never both win (one accept, one assignment). The change may not
     * move {@code lastSeq}. Closing a conversation frees the visitor to open a new one.
     *
     * @return the changed conversation, or empty when it does not exist or no longer matches
     */
    Optional<Conversation> updateIf(String conversationId, Predicate<Conversation> expected,
                                    UnaryOperator<Conversation> change);

    /** {@link #updateIf} without a condition. */
    default Optional<Conversation> update(String conversationId, UnaryOperator<Conversation> change) {
        return updateIf(conversationId, c -> true, change);
    }

    /**
     * Appends a message with the next seq, atomically. A draft whose author and {@code clientId} were already stored
     * is not stored again: the result carries the original with {@code duplicate} true.
     */
    AppendResult append(String conversationId, MessageDraft draft);

    /**
     * The message an author already sent with that {@code clientId} on that site, in any conversation: a client
     * that resends after a conversation closed must get the original ack, not a second copy.
     */
    Optional<StoredMessage> findByClientId(String siteId, Author author, String clientId);

    /** Messages with {@code seq > afterSeq}, oldest first, at most {@code limit}. */
    List<StoredMessage> messagesAfter(String conversationId, long afterSeq, int limit);

    /** Messages with {@code seq < beforeSeq}, at most {@code limit} of the newest ones, oldest first. */
    List<StoredMessage> messagesBefore(String conversationId, long beforeSeq, int limit);

    /**
     * Conversations of a site, newest first.
     *
     * @param state  only this state, or null for all
     * @param before only those created before this instant, or null
     */
    List<Conversation> conversations(String siteId, ConversationState state, Instant before, int limit);

    /** The queue of a site: queued conversations, longest waiting first. */
    List<Conversation> queue(String siteId);

    /** Conversations in the {@code assigned} state of a site (for capacity and answer timeouts). */
    List<Conversation> assigned(String siteId);

    /** Every conversation of a visitor, newest first. */
    List<Conversation> conversationsOfVisitor(String siteId, String visitorId);

    /** The visitor's newest closed conversation, for a rating. */
    Optional<Conversation> lastClosedConversation(String siteId, String visitorId);

    /**
     * Conversations of a site with a message containing {@code text} (case-insensitive), newest first: the console's
     * search. Implementations may bound how far back they look.
     */
    List<Conversation> search(String siteId, String text, int limit);

    /**
     * A message into its author's open conversation on that channel, in one atomic step: the idempotency check across
     * the site's conversations (as {@link #findByClientId}), finding the open conversation (as
     * {@link #findOpenConversation}) and {@link #append}. A conversation closed meanwhile is not appended to.
     *
     * @param visitorId whose open conversation (the draft's author is usually that visitor)
     * @return the stored message with the conversation after the append, or the original for a {@code clientId} already
     * stored; empty when the visitor has no open conversation on that channel: nothing was stored, and the caller
     * opens one ({@link #openConversation}) and appends to it
     */
    Optional<OpenAppend> appendToOpen(String siteId, String visitorId, String channel, MessageDraft draft);

    /**
     * {@link #updateIf} for a caller that holds the conversation with its version: when nobody changed it since, the
     * change is written without reading the conversation again; when someone did (staff on another node assigned or
     * closed it), the condition and the change are applied to the conversation as it is now, like {@link #updateIf}.
     *
     * @return the changed conversation with its new version, or empty when it does not exist or no longer matches
     */
    Optional<VersionedConversation> updateIf(VersionedConversation known, Predicate<Conversation> expected,
                                             UnaryOperator<Conversation> change);

    /** The bot sends a handful of messages per turn; more is a bug, refused before anything reaches the store. */
    int MAX_BOT_MESSAGES_PER_TURN = 20;

    /**
     * A bot turn's writes in one atomic step: {@code change} applied to the conversation (to {@code known} when its
     * version is current, else to the conversation as it is now, as {@link #update} would), the bot's
     * {@code messages} appended with the next seqs (as {@link #append}, without clientIds), and the turn's record for
     * the report (as {@link TimelineStore#saveBotTurn(BotTurnRecord)}). Either all of it is stored or none. The change and the
     * messages are written only while the conversation is still in the state of {@code known} — the bot's own
     * ({@link ConversationState#BOT}), or the queue ({@link ConversationState#QUEUED}), where the bot answers routine
     * questions until a person joins: when staff closed or took it during the bot's turn, only the record is stored
     * (the bot does not talk over them or into a closed conversation) and the conversation comes back as it is, with
     * no messages.
     *
     * @param known a conversation in state BOT or QUEUED
     *
     * @param messages at most {@link #MAX_BOT_MESSAGES_PER_TURN}
     * @return the conversation after the change with its new version, and the stored messages in order (none when it
     * was no longer the bot's); empty when the conversation does not exist (nothing was stored)
     */
    Optional<SavedTurn> saveBotTurn(VersionedConversation known, UnaryOperator<Conversation> change,
                                    List<MessageDraft> messages, BotTurnRecord record);

    /**
     * What every store checks before a bot turn's writes: a state the bot may speak in, at most
     * {@link #MAX_BOT_MESSAGES_PER_TURN} messages, and none with a clientId (they are the server's own, so there is
     * nothing to deduplicate). A failed check is a bug in the caller, refused before anything is stored.
     */
    static void requireValidBotTurn(VersionedConversation known, List<MessageDraft> messages) {
        requireBotTurnState(known);
        if (messages.size() > MAX_BOT_MESSAGES_PER_TURN) {
            throw new IllegalArgumentException("a bot turn sends at most " + MAX_BOT_MESSAGES_PER_TURN + " messages, not "
                    + messages.size());
        }
        for (MessageDraft draft : messages) {
            if (draft.clientId() != null) {
                throw new IllegalArgumentException("a bot turn's messages carry no clientId");
            }
        }
    }

    /** The bot speaks only in a conversation it holds or one waiting in the queue for a person. */
    static void requireBotTurnState(VersionedConversation known) {
        ConversationState state = known.conversation().state();
        if (state != ConversationState.BOT && state != ConversationState.QUEUED) {
            throw new IllegalArgumentException("a bot turn needs a conversation in state BOT or QUEUED, not " + state);
        }
    }
}
