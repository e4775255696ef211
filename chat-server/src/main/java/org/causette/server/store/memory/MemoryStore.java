package org.causette.server.store.memory;

import org.causette.server.config.Lesson;
import org.causette.server.store.AnswerMark;
import org.causette.server.store.AppendResult;
import org.causette.server.store.Author;
import org.causette.server.store.BotTurnRecord;
import org.causette.server.store.ChannelLink;
import org.causette.server.store.ConsentRecord;
import org.causette.server.store.Conversation;
import org.causette.server.store.ConversationState;
import org.causette.server.store.Exposure;
import org.causette.server.store.Lead;
import org.causette.server.store.MessageDraft;
import org.causette.server.store.NpsAnswer;
import org.causette.server.store.OpenAppend;
import org.causette.server.store.Presence;
import org.causette.server.store.Rating;
import org.causette.server.store.SavedTurn;
import org.causette.server.store.StaffLogin;
import org.causette.server.store.Store;
import org.causette.server.store.StoredMessage;
import org.causette.server.store.VersionedConversation;
import org.causette.server.store.Visitor;
import org.causette.server.store.VisitorEvent;
import org.causette.server.store.WebhookDelivery;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The embedded store: everything in this process's memory, gone on restart. Good for a trial and for tests; a shop in
 * production uses the Redis store.
 *
 * <p>One part per aggregate, each implementing its own interface of the store ({@link MemoryConversations},
 * {@link MemoryVisitors}, {@link MemoryTimelines}, …); this class is the one handle on them, and the one place that
 * knows them all: erasure and retention, which reach across every aggregate.
 */
public final class MemoryStore implements Store {
    private final byte[] serverSecret = new byte[32];
    private final MemoryTimelines timelines = new MemoryTimelines();
    private final MemoryConversations conversations = new MemoryConversations(timelines);
    private final MemoryVisitors visitors = new MemoryVisitors();
    private final MemoryOutcomes outcomes = new MemoryOutcomes();
    private final MemoryVariants variants = new MemoryVariants();
    private final MemoryOutbox outbox = new MemoryOutbox();
    private final MemoryStaff staff = new MemoryStaff();
    private final MemoryLessons lessons = new MemoryLessons();

    public MemoryStore() {
        new SecureRandom().nextBytes(serverSecret);
    }

    @Override
    public void ping() {
        // Always reachable: it is this process.
    }

    @Override
    public byte[] serverSecret() {
        return serverSecret.clone();
    }

    @Override
    public void close() {
        // Nothing to release.
    }

    // ---- retention: across every aggregate ----------------------------------------------------------------------

    @Override
    public void eraseVisitor(String siteId, String visitorId) {
        Set<String> gone = conversations.idsOfVisitor(siteId, visitorId);
        // Conversations first: a bot turn still running in one writes its record under the conversation's monitor,
        // so once they are marked deleted no record can land behind the timelines' erasure.
        conversations.remove(gone);
        outcomes.forgetConversations(gone);
        timelines.erase(siteId, visitorId);
        outcomes.erase(siteId, visitorId);
        visitors.erase(siteId, visitorId);
    }

    @Override
    public int purge(String siteId, Instant cutoff) {
        Set<String> old = conversations.idsClosedBefore(siteId, cutoff);
        conversations.remove(old);
        outcomes.forgetConversations(old);
        outcomes.purge(siteId, cutoff);
        timelines.purge(siteId, cutoff);
        visitors.purge(siteId, cutoff);
        return old.size();
    }

    // ---- conversations and messages ------------------------------------------------------------------------------------

    @Override
    public Optional<Conversation> findConversation(String conversationId) {
        return conversations.findConversation(conversationId);
    }

    @Override
    public Optional<Conversation> findOpenConversation(String siteId, String visitorId, String channel) {
        return conversations.findOpenConversation(siteId, visitorId, channel);
    }

    @Override
    public Conversation openConversation(Conversation candidate) {
        return conversations.openConversation(candidate);
    }

    @Override
    public Optional<Conversation> updateIf(String conversationId, Predicate<Conversation> expected, UnaryOperator<Conversation> change) {
        return conversations.updateIf(conversationId, expected, change);
    }

    @Override
    public AppendResult append(String conversationId, MessageDraft draft) {
        return conversations.append(conversationId, draft);
    }

    @Override
    public Optional<StoredMessage> findByClientId(String siteId, Author author, String clientId) {
        return conversations.findByClientId(siteId, author, clientId);
    }

    @Override
    public List<StoredMessage> messagesAfter(String conversationId, long afterSeq, int limit) {
        return conversations.messagesAfter(conversationId, afterSeq, limit);
    }

    @Override
    public List<StoredMessage> messagesBefore(String conversationId, long beforeSeq, int limit) {
        return conversations.messagesBefore(conversationId, beforeSeq, limit);
    }

    @Override
    public List<Conversation> conversations(String siteId, ConversationState state, Instant before, int limit) {
        return conversations.conversations(siteId, state, before, limit);
    }

    @Override
    public List<Conversation> queue(String siteId) {
        return conversations.queue(siteId);
    }

    @Override
    public List<Conversation> assigned(String siteId) {
        return conversations.assigned(siteId);
    }

    @Override
    public List<Conversation> conversationsOfVisitor(String siteId, String visitorId) {
        return conversations.conversationsOfVisitor(siteId, visitorId);
    }

    @Override
    public Optional<Conversation> lastClosedConversation(String siteId, String visitorId) {
        return conversations.lastClosedConversation(siteId, visitorId);
    }

    @Override
    public List<Conversation> search(String siteId, String text, int limit) {
        return conversations.search(siteId, text, limit);
    }

    @Override
    public Optional<OpenAppend> appendToOpen(String siteId, String visitorId, String channel, MessageDraft draft) {
        return conversations.appendToOpen(siteId, visitorId, channel, draft);
    }

    @Override
    public Optional<VersionedConversation> updateIf(VersionedConversation known, Predicate<Conversation> expected, UnaryOperator<Conversation> change) {
        return conversations.updateIf(known, expected, change);
    }

    @Override
    public Optional<SavedTurn> saveBotTurn(VersionedConversation known, UnaryOperator<Conversation> change, List<MessageDraft> messages, BotTurnRecord turn) {
        return conversations.saveBotTurn(known, change, messages, turn);
    }

    // ---- visitors, customers, consent ----------------------------------------------------------------------------------

    @Override
    public Optional<Visitor> findVisitor(String siteId, String visitorId) {
        return visitors.findVisitor(siteId, visitorId);
    }

    @Override
    public void saveVisitor(Visitor visitor) {
        visitors.saveVisitor(visitor);
    }

    @Override
    public String linkUser(String siteId, String userId, String visitorId) {
        return visitors.linkUser(siteId, userId, visitorId);
    }

    @Override
    public boolean addCustomerVisitor(String siteId, String userId, String visitorId) {
        return visitors.addCustomerVisitor(siteId, userId, visitorId);
    }

    @Override
    public List<String> customerVisitors(String siteId, String userId) {
        return visitors.customerVisitors(siteId, userId);
    }

    @Override
    public Optional<String> customerOfVisitor(String siteId, String visitorId) {
        return visitors.customerOfVisitor(siteId, visitorId);
    }

    @Override
    public ChannelLink.Outcome linkChannel(ChannelLink link) {
        return visitors.linkChannel(link);
    }

    @Override
    public boolean unlinkChannel(String siteId, String userId, String channel, String externalId) {
        return visitors.unlinkChannel(siteId, userId, channel, externalId);
    }

    @Override
    public List<ChannelLink> channelLinks(String siteId, String userId) {
        return visitors.channelLinks(siteId, userId);
    }

    @Override
    public void forgetCustomer(String siteId, String userId) {
        visitors.forgetCustomer(siteId, userId);
    }

    @Override
    public boolean saveConsent(ConsentRecord record, boolean onlyIfChanged) {
        return visitors.saveConsent(record, onlyIfChanged);
    }

    @Override
    public List<ConsentRecord> consentHistory(String siteId, String visitorId) {
        return visitors.consentHistory(siteId, visitorId);
    }

    // ---- timelines -----------------------------------------------------------------------------------------------------

    @Override
    public void saveEvent(VisitorEvent event) {
        timelines.saveEvent(event);
    }

    @Override
    public List<VisitorEvent> events(String siteId, String visitorId) {
        return timelines.events(siteId, visitorId);
    }

    @Override
    public List<VisitorEvent> events(String siteId, Instant from, Instant to) {
        return timelines.events(siteId, from, to);
    }

    @Override
    public void saveLead(Lead lead) {
        timelines.saveLead(lead);
    }

    @Override
    public List<Lead> leads(String siteId, Instant from, Instant to) {
        return timelines.leads(siteId, from, to);
    }

    @Override
    public void saveBotTurn(BotTurnRecord turn) {
        timelines.saveBotTurn(turn);
    }

    @Override
    public List<BotTurnRecord> botTurns(String siteId, Instant from, Instant to) {
        return timelines.botTurns(siteId, from, to);
    }

    @Override
    public boolean savePurchase(VisitorEvent purchase, String orderId) {
        return timelines.savePurchase(purchase, orderId);
    }

    // ---- outcomes ------------------------------------------------------------------------------------------------------

    @Override
    public void saveRating(Rating rating) {
        outcomes.saveRating(rating);
    }

    @Override
    public Optional<Rating> rating(String conversationId) {
        return outcomes.rating(conversationId);
    }

    @Override
    public List<Rating> ratings(String siteId, Instant from, Instant to) {
        return outcomes.ratings(siteId, from, to);
    }

    @Override
    public void saveExposure(Exposure exposure) {
        outcomes.saveExposure(exposure);
    }

    @Override
    public List<Exposure> exposures(String siteId, String visitorId) {
        return outcomes.exposures(siteId, visitorId);
    }

    @Override
    public boolean claimNpsAsk(String siteId, String customerKey, String conversationId, String visitorId, Instant now, Instant until) {
        return outcomes.claimNpsAsk(siteId, customerKey, conversationId, visitorId, now, until);
    }

    @Override
    public Optional<String> pendingNps(String siteId, String customerKey, Instant now) {
        return outcomes.pendingNps(siteId, customerKey, now);
    }

    @Override
    public boolean saveNpsAnswer(NpsAnswer answer, String customerKey) {
        return outcomes.saveNpsAnswer(answer, customerKey);
    }

    @Override
    public List<NpsAnswer> npsAnswers(String siteId, Instant from, Instant to) {
        return outcomes.npsAnswers(siteId, from, to);
    }

    // ---- proactive slots and A/B counters ------------------------------------------------------------------------------

    @Override
    public boolean claimProactive(String siteId, String visitorId, Instant now, Instant until) {
        return variants.claimProactive(siteId, visitorId, now, until);
    }

    @Override
    public void countVariant(String siteId, String scenarioId, String variant, String stat) {
        variants.countVariant(siteId, scenarioId, variant, stat);
    }

    @Override
    public Map<String, Long> variantCounts(String siteId, String scenarioId) {
        return variants.variantCounts(siteId, scenarioId);
    }

    @Override
    public void addToVariant(String siteId, String scenarioId, String variant, String stat, long amount) {
        variants.addToVariant(siteId, scenarioId, variant, stat, amount);
    }

    // ---- the webhook outbox --------------------------------------------------------------------------------------------

    @Override
    public void saveWebhookDelivery(WebhookDelivery delivery) {
        outbox.saveWebhookDelivery(delivery);
    }

    @Override
    public List<WebhookDelivery> claimWebhookDeliveries(Instant now, Instant leaseUntil, int limit) {
        return outbox.claimWebhookDeliveries(now, leaseUntil, limit);
    }

    @Override
    public void deleteWebhookDelivery(String deliveryId) {
        outbox.deleteWebhookDelivery(deliveryId);
    }

    @Override
    public List<WebhookDelivery> webhookDeliveries(String siteId, int limit) {
        return outbox.webhookDeliveries(siteId, limit);
    }

    // ---- staff ---------------------------------------------------------------------------------------------------------

    @Override
    public void savePresence(Presence entry) {
        staff.savePresence(entry);
    }

    @Override
    public List<Presence> presence(String siteId) {
        return staff.presence(siteId);
    }

    @Override
    public void saveStaffSession(StaffLogin session) {
        staff.saveStaffSession(session);
    }

    @Override
    public Optional<StaffLogin> findStaffSession(String tokenHash) {
        return staff.findStaffSession(tokenHash);
    }

    @Override
    public void deleteStaffSession(String tokenHash) {
        staff.deleteStaffSession(tokenHash);
    }

    // ---- lessons -------------------------------------------------------------------------------------------------------

    @Override
    public void saveLesson(Lesson lesson) {
        lessons.saveLesson(lesson);
    }

    @Override
    public List<Lesson> lessons(String siteId) {
        return lessons.lessons(siteId);
    }

    @Override
    public void saveAnswerMark(AnswerMark mark) {
        lessons.saveAnswerMark(mark);
    }

    @Override
    public List<AnswerMark> answerMarks(String siteId) {
        return lessons.answerMarks(siteId);
    }
}
