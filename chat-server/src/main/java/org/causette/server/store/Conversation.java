package org.causette.server.store;

import org.causette.bot.DialogueContext;

import java.time.Instant;
import java.util.Objects;

/**
 * One conversation of one visitor on one channel.
 *
 * @param lastSeq         the seq of its newest message (0 before the first); only {@link Store#append} moves it
 * @param language        the language the conversation is held in, or null before the first bot turn
 * @param assignee        the person holding it, or null
 * @param reason          why it left the bot (hand-over reason) or closed, or null
 * @param skill           the skill or expertise the hand-over asks for, or null
 * @param target          "agent" or "ambassador" while handed over, else null
 * @param botContext      what the bot remembers between turns
 * @param handedOverAt    when it first left the bot, or null (it never did: the bot handled it alone)
 * @param queuedAt        when it last entered the queue (its place in line), or null
 * @param assignedAt      when the current assignee got it, or null
 * @param answeredAt      when the current assignee first wrote in it, or null (not answered yet)
 * @param firstResponseAt when a person first wrote in it, or null
 * @param closedAt        when it closed, or null
 * @param staffReadSeq    the last seq the person holding it has read
 * @param handoverReason  why it first left the bot (kept through transfers, hand-backs and the close, which
 *                        overwrite {@code reason}), or null (it never left the bot, or was stored before this field)
 * @param startPage       the page the shopper wrote from when it started (agents' context, never ambassadors'), or null
 */
public record Conversation(String id, String siteId, String visitorId, String channel, ConversationState state,
                           Instant createdAt, Instant updatedAt, long lastSeq, String language, Assignee assignee,
                           String reason, String skill, String target, DialogueContext botContext,
                           Instant handedOverAt, Instant queuedAt, Instant assignedAt, Instant answeredAt,
                           Instant firstResponseAt, Instant closedAt, long staffReadSeq, String handoverReason,
                           StartPage startPage) {
    public Conversation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(visitorId, "visitorId");
        Objects.requireNonNull(state, "state");
        botContext = botContext == null ? DialogueContext.EMPTY : botContext;
    }

    public static Conversation open(String id, String siteId, String visitorId, String channel, Instant now) {
        return new Conversation(id, siteId, visitorId, channel, ConversationState.BOT, now, now, 0, null, null,
                null, null, null, DialogueContext.EMPTY, null, null, null, null, null, null, 0, null, null);
    }

    public Conversation withBotContext(DialogueContext context, String newLanguage, Instant now) {
        return new Conversation(id, siteId, visitorId, channel, state, createdAt, now, lastSeq, newLanguage, assignee,
                reason, skill, target, context, handedOverAt, queuedAt, assignedAt, answeredAt, firstResponseAt, closedAt,
                staffReadSeq, handoverReason, startPage);
    }

    /** Into the queue, waiting for a person of {@code newTarget} with {@code newSkill}. */
    public Conversation queued(String newReason, String newSkill, String newTarget, Instant now) {
        return new Conversation(id, siteId, visitorId, channel, ConversationState.QUEUED, createdAt, now, lastSeq,
                language, null, newReason, newSkill, newTarget, botContext, handedOverAt == null ? now : handedOverAt,
                now, null, null, firstResponseAt, null, staffReadSeq, handedOverAt == null ? newReason : handoverReason, startPage);
    }

    public Conversation assigned(Assignee person, Instant now) {
        return new Conversation(id, siteId, visitorId, channel, ConversationState.ASSIGNED, createdAt, now, lastSeq,
                language, person, reason, skill, target, botContext, handedOverAt == null ? now : handedOverAt,
                queuedAt, now, null, firstResponseAt, null, staffReadSeq,
                handedOverAt == null && handoverReason == null ? reason : handoverReason, startPage);
    }

    /** The assignee wrote: the conversation is answered (and the first response time is known). */
    public Conversation answered(Instant now) {
        return new Conversation(id, siteId, visitorId, channel, state, createdAt, now, lastSeq, language, assignee,
                reason, skill, target, botContext, handedOverAt, queuedAt, assignedAt,
                answeredAt == null ? now : answeredAt, firstResponseAt == null ? now : firstResponseAt, closedAt, staffReadSeq, handoverReason, startPage);
    }

    /** Back to the bot: people let go, the bot answers again. */
    public Conversation handedBack(Instant now) {
        return new Conversation(id, siteId, visitorId, channel, ConversationState.BOT, createdAt, now, lastSeq,
                language, null, "handback", null, null, botContext, handedOverAt, null, null,
                null, firstResponseAt, null, staffReadSeq, handoverReason, startPage);
    }

    public Conversation closed(String closeReason, Instant now) {
        return new Conversation(id, siteId, visitorId, channel, ConversationState.CLOSED, createdAt, now, lastSeq,
                language, assignee, closeReason, skill, target, botContext, handedOverAt, queuedAt, assignedAt,
                answeredAt, firstResponseAt, now, staffReadSeq, handoverReason, startPage);
    }

    /** The page the shopper wrote from, set when the conversation opens. */
    public Conversation withStartPage(StartPage page) {
        return new Conversation(id, siteId, visitorId, channel, state, createdAt, updatedAt, lastSeq, language, assignee,
                reason, skill, target, botContext, handedOverAt, queuedAt, assignedAt, answeredAt, firstResponseAt, closedAt,
                staffReadSeq, handoverReason, page);
    }

    public Conversation withLastSeq(long seq, Instant now) {
        return new Conversation(id, siteId, visitorId, channel, state, createdAt, now, seq, language, assignee,
                reason, skill, target, botContext, handedOverAt, queuedAt, assignedAt, answeredAt, firstResponseAt, closedAt,
                staffReadSeq, handoverReason, startPage);
    }

    public Conversation readByStaff(long seq) {
        return new Conversation(id, siteId, visitorId, channel, state, createdAt, updatedAt, lastSeq, language, assignee,
                reason, skill, target, botContext, handedOverAt, queuedAt, assignedAt, answeredAt, firstResponseAt, closedAt,
                Math.max(staffReadSeq, Math.min(seq, lastSeq)), handoverReason, startPage);
    }

    public boolean heldBy(String staffId) {
        return state == ConversationState.ASSIGNED && assignee != null && assignee.staffId().equals(staffId);
    }

    /** The language to speak to the visitor in. */
    public String languageOr(String fallback) {
        return language != null ? language : fallback;
    }
}
