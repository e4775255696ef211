package org.causette.server.store;

import org.causette.server.config.Lesson;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Durable state of the hub. Implementations are thread-safe; calls may block (network), so they run on the
 * conversation lanes, never on an event loop. Any failure to reach the backing store is a
 * {@link StoreUnavailableException}: the caller then reports {@code unavailable} and acknowledges nothing.
 *
 * <p>Operations that several nodes may race on are atomic in the store itself: {@link #append} (next seq and
 * idempotency), {@link #openConversation} (at most one open conversation per visitor and channel),
 * {@link #linkUser} and {@link #serverSecret}.
 */
public interface Store extends AutoCloseable {

    /** Throws {@link StoreUnavailableException} when the store does not answer. */
    void ping();

    /** The hub's signing secret, created once and shared by every node and every restart. */
    byte[] serverSecret();

    Optional<Visitor> findVisitor(String siteId, String visitorId);

    void saveVisitor(Visitor visitor);

    /**
     * Binds a verified customer id to a visitor, unless it is bound already.
     *
     * @return the visitor id the customer is bound to after the call (the existing one wins)
     */
    String linkUser(String siteId, String userId, String visitorId);

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

    void saveEvent(VisitorEvent event);

    List<VisitorEvent> events(String siteId, String visitorId);

    /** Saves a rating; a second rating of the same conversation replaces the first. */
    void saveRating(Rating rating);

    Optional<Rating> rating(String conversationId);

    void savePresence(Presence presence);

    List<Presence> presence(String siteId);

    void saveLead(Lead lead);

    List<Lead> leads(String siteId, Instant from, Instant to);

    void saveBotTurn(BotTurnRecord turn);

    List<BotTurnRecord> botTurns(String siteId, Instant from, Instant to);

    /** Ratings of a site's conversations given in [from, to). */
    List<Rating> ratings(String siteId, Instant from, Instant to);

    /** Purchase and other events of a site in [from, to), for conversions. */
    List<VisitorEvent> events(String siteId, Instant from, Instant to);

    /**
     * Erases a visitor: profile, identity link, conversations with their messages, events, ratings, leads, consent
     * records, its place in a customer's profile (channel links to it included), and the outcomes kept for it (order
     * claims of its purchases, exposures, NPS asks and answers).
     */
    void eraseVisitor(String siteId, String visitorId);

    /**
     * Deletes what is older than {@code cutoff} for a site: closed conversations (with their messages), events,
     * bot turns, leads, ratings, consent records, order claims, exposures and NPS answers. @return how many
     * conversations went
     */
    int purge(String siteId, Instant cutoff);

    /**
     * Conversations of a site with a message containing {@code text} (case-insensitive), newest first: the console's
     * search. Implementations may bound how far back they look.
     */
    List<Conversation> search(String siteId, String text, int limit);

    void saveLesson(Lesson lesson);

    /** Everything taught to a site's bot, oldest first. */
    List<Lesson> lessons(String siteId);

    void saveStaffSession(StaffLogin session);

    Optional<StaffLogin> findStaffSession(String tokenHash);

    void deleteStaffSession(String tokenHash);

    // ---- outgoing CRM webhooks (the outbox) ------------------------------------------------------------------------

    /** Adds a delivery to the outbox, or replaces the one with the same id (after a failed attempt). */
    void saveWebhookDelivery(WebhookDelivery delivery);

    /**
     * Atomically takes up to {@code limit} deliveries of any site that are due ({@code nextAttemptAt <= now}), the
     * longest due first, and moves their {@code nextAttemptAt} to {@code leaseUntil}, so another node does not take
     * them meanwhile. A node that dies while holding them just lets the lease run out.
     *
     * @return the deliveries as taken (with the new {@code nextAttemptAt})
     */
    List<WebhookDelivery> claimWebhookDeliveries(Instant now, Instant leaseUntil, int limit);

    /** Removes a delivery (it was delivered, or its subscription is gone); nothing when it is not there. */
    void deleteWebhookDelivery(String deliveryId);

    /** A site's undelivered deliveries, oldest first, at most {@code limit}: what is failing, for operators. */
    List<WebhookDelivery> webhookDeliveries(String siteId, int limit);

    // ---- conversational marketing (proactive messages, A/B variants) -------------------------------------------------

    /**
     * Atomically takes the visitor's proactive-message slot until {@code until}: true when no claim was running at
     * {@code now} (the caller may show one), false when one is (the frequency cap). Atomic so two nodes or two tabs
     * never both show one.
     */
    boolean claimProactive(String siteId, String visitorId, Instant now, Instant until);

    /** Adds one to a counter of a scenario's variant ({@code stat} like shown, answered, dismissed). */
    void countVariant(String siteId, String scenarioId, String variant, String stat);

    /** Every counter of a scenario, keyed {@code variant + ":" + stat}; empty when nothing was counted. */
    Map<String, Long> variantCounts(String siteId, String scenarioId);

    // ---- customers: one profile across devices and channels; consent records (docs/customers.md) ------------------

    /**
     * Adds a visitor (another device of a verified customer) to the customer's profile, atomically: unless that
     * visitor belongs to another customer already. {@link #linkUser} adds the visitor it binds the same way.
     *
     * @return true when the visitor is the customer's after the call
     */
    boolean addCustomerVisitor(String siteId, String userId, String visitorId);

    /** Every visitor id of a customer (devices and linked channels), sorted; empty for an unknown customer. */
    List<String> customerVisitors(String siteId, String userId);

    /** The customer a visitor belongs to, if any. */
    Optional<String> customerOfVisitor(String siteId, String visitorId);

    /**
     * Links a channel identity to a customer, atomically with the check that its visitor is nobody else's, so two
     * nodes linking the same PSID to two customers cannot both win.
     */
    ChannelLink.Outcome linkChannel(ChannelLink link);

    /** Undoes {@link #linkChannel}. @return true when that identity was linked to that customer */
    boolean unlinkChannel(String siteId, String userId, String channel, String externalId);

    /** A customer's channel links, oldest first. */
    List<ChannelLink> channelLinks(String siteId, String userId);

    /**
     * Forgets a customer: its visitor set, links and {@link #linkUser} binding. The visitors' own data is erased by
     * {@link #eraseVisitor}, called for each of them first.
     */
    void forgetCustomer(String siteId, String userId);

    /**
     * Appends a consent record to its visitor's history (which keeps the newest
     * {@link ConsentRecord#MAX_PER_VISITOR}). With {@code onlyIfChanged}, only when it changes the visitor's latest
     * choice for that purpose (no record counts as not granted), checked and appended atomically.
     *
     * @return true when it was stored
     */
    boolean saveConsent(ConsentRecord record, boolean onlyIfChanged);

    /** A visitor's consent records, oldest first. */
    List<ConsentRecord> consentHistory(String siteId, String visitorId);

    // ---- outcomes: conversions, A/B exposures, NPS (issue 9) --------------------------------------------------------

    /**
     * Stores a purchase event once per order: claims {@code orderId} for its buyer (the event's visitor) and saves the
     * event in one atomic step, so a shop page that reports an order twice, or two tabs, never count it twice. The claim
     * is the buyer's, not the site's: another shopper sending a guessed order id first must not make the real
     * purchase vanish from the figures.
     *
     * @return false when that order was stored already (nothing is saved)
     */
    boolean savePurchase(VisitorEvent purchase, String orderId);

    /** The member an order claim is kept under: the buyer and the order id. */
    static String orderClaim(String visitorId, String orderId) {
        return visitorId + ":" + orderId;
    }

    /** Records that a visitor was shown a scenario's variant. */
    void saveExposure(Exposure exposure);

    /** The variants a visitor was shown, oldest first. */
    List<Exposure> exposures(String siteId, String visitorId);

    /** Adds {@code amount} to a counter of a scenario's variant (like {@link #countVariant}, by more than one). */
    void addToVariant(String siteId, String scenarioId, String variant, String stat, long amount);

    /**
     * Atomically takes the right to ask a customer the NPS question until {@code until}: true when no ask was running
     * at {@code now}, so two tabs or nodes never both ask within a period.
     *
     * @param customerKey "u:" + verified user id, else "v:" + visitor id
     */
    boolean claimNpsAsk(String siteId, String customerKey, String conversationId, String visitorId, Instant now,
                        Instant until);

    /** The conversation the customer was asked about, while that ask runs and is not answered yet. */
    Optional<String> pendingNps(String siteId, String customerKey, Instant now);

    /**
     * Saves an answer if the customer's ask is still running (at {@code answer.ts()}) and unanswered, marking it
     * answered in the same atomic step: a second answer, from another tab, is refused.
     */
    boolean saveNpsAnswer(NpsAnswer answer, String customerKey);

    /** NPS answers of a site given in [from, to), oldest first. */
    List<NpsAnswer> npsAnswers(String siteId, Instant from, Instant to);

    // ---- the hot path of a visitor message and the bot's turn, in as few store round trips as possible (issue 10) -----

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

    /**
     * A bot turn's writes in one atomic step: {@code change} applied to the conversation (to {@code known} when its
     * version is current, else to the conversation as it is now, as {@link #update} would), the bot's
     * {@code messages} appended with the next seqs (as {@link #append}, without clientIds), and the turn's record for
     * the report (as {@link #saveBotTurn(BotTurnRecord)}). Either all of it is stored or none. The change and the
     * messages are written only while the conversation is still {@link ConversationState#BOT}: when staff closed or
     * took it during the bot's turn, only the record is stored (the bot does not talk over them or into a closed
     * conversation) and the conversation comes back as it is, with no messages.
     *
     * @param messages at most {@link #MAX_BOT_MESSAGES_PER_TURN}
     * @return the conversation after the change with its new version, and the stored messages in order (none when it
     * was no longer the bot's); empty when the conversation does not exist (nothing was stored)
     */
    /** The bot sends a handful of messages per turn; more is a bug, refused before anything reaches the store. */
    int MAX_BOT_MESSAGES_PER_TURN = 20;

    Optional<SavedTurn> saveBotTurn(VersionedConversation known, UnaryOperator<Conversation> change,
                                    List<MessageDraft> messages, BotTurnRecord record);

    @Override
    void close();
}
