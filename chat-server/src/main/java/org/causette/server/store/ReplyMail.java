package org.causette.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An email owed to a shopper for one conversation: staff answered and the shopper may not have seen it. Kept in the
 * store until it is sent or found unnecessary; at most one per conversation (later replies raise {@code latestSeq}).
 *
 * @param latestSeq the highest seq of a staff reply it should carry
 * @param dueAt     when it is looked at next (a node that takes it pushes this forward: a lease)
 * @param attempts  SMTP attempts that failed so far
 * @param lastError why the last attempt failed, or null
 */
public record ReplyMail(String siteId, String conversationId, String visitorId, long latestSeq, Instant dueAt,
                        int attempts, String lastError) {
    public ReplyMail {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(visitorId, "visitorId");
        Objects.requireNonNull(dueAt, "dueAt");
    }

    public ReplyMail due(Instant next) {
        return new ReplyMail(siteId, conversationId, visitorId, latestSeq, next, attempts, lastError);
    }

    /** After a failed SMTP attempt: counted, with its error and the time of the next one. */
    public ReplyMail failed(String error, Instant next) {
        return new ReplyMail(siteId, conversationId, visitorId, latestSeq, next, attempts + 1, error);
    }
}
