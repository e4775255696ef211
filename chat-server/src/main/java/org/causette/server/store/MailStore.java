package org.causette.server.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What emailing shoppers who left needs to remember, shared by every node (docs/email.md): the addresses given with
 * consent, when each shopper last had an open connection on any node, the emails owed (leased to one node at a time,
 * like the webhook outbox) and, per conversation, the last seq already emailed, which is what makes a message go out
 * once.
 */
public interface MailStore {

    /** Keeps (or replaces) the address a shopper agreed to be answered at. */
    void saveMailContact(MailContact contact);

    Optional<MailContact> mailContact(String siteId, String visitorId);

    /** Forgets the address (erasure, or the shopper withdrew); nothing when there is none. */
    void deleteMailContact(String siteId, String visitorId);

    /** These shoppers had an open connection at {@code at} (a later time never goes back to an earlier one). */
    void visitorsSeen(String siteId, Collection<String> visitorIds, Instant at);

    /** Forgets the presence of the site's shoppers last seen before {@code before} (bounded memory); returns how many. */
    int forgetPresenceBefore(String siteId, Instant before);

    /** When the shopper last had an open connection on any node, or empty if never (or forgotten). */
    Optional<Instant> visitorLastSeen(String siteId, String visitorId);

    /**
     * Owes the conversation an email: a new one as given, or, when one is owed already, the same one with the higher
     * {@code latestSeq} and the earlier {@code dueAt} of the two (a leased one keeps its lease).
     */
    void scheduleReplyMail(ReplyMail mail);

    /**
     * Atomically takes up to {@code limit} owed emails of any site that are due, earliest first, and moves their
     * {@code dueAt} to {@code leaseUntil}, so another node does not take them meanwhile.
     *
     * @return the emails as taken (with the new {@code dueAt})
     */
    List<ReplyMail> claimReplyMails(Instant now, Instant leaseUntil, int limit);

    /** Puts a taken email back to be looked at again at its {@code dueAt} (later, or after a failed attempt). */
    void saveReplyMail(ReplyMail mail);

    /** Drops what the conversation is owed when it carries nothing newer than {@code upToSeq}; true when dropped. */
    boolean dropReplyMail(String conversationId, long upToSeq);

    /**
     * Records in one step that an email carrying the conversation's replies up to {@code upToSeq} was accepted by the
     * SMTP server: the conversation's emailed seq moves up to it and its count of emails grows by one, the site's count
     * for that day too, and the owed email is dropped unless a later reply arrived meanwhile (then it is due at once).
     */
    void replyMailSent(String siteId, String conversationId, long upToSeq, LocalDate day, Instant now);

    /** The seq up to which the conversation's replies were emailed (0: none), and how many emails it got. */
    MailedState mailed(String conversationId);

    /** How many emails the site sent on that day (UTC). */
    int mailsSentOn(String siteId, LocalDate day);

    /** How many emails the site owes now: the pending gauge. */
    int pendingReplyMails(String siteId);

    /** What a conversation was emailed so far. */
    record MailedState(long upToSeq, int count) {
        public static final MailedState NONE = new MailedState(0, 0);
    }
}
