package org.causette.server.store;

import java.time.Instant;

/**
 * A person marked one of the bot's replies wrong, from the transcript: the shopper's question before it goes to the
 * admin's list of things to teach. Only where the reply is is kept, not its words: an erased conversation takes the
 * question with it.
 *
 * @param seq     the bot's message in the conversation
 * @param staffId who marked it
 */
public record AnswerMark(String siteId, String conversationId, long seq, String staffId, Instant ts) {
}
