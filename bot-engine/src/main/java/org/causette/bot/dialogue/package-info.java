/**
 * Deciding what to say: the policy (answer, clarify or hand over, and to whom), the conversation's context across
 * turns, and the French and English answers with their cards and quick replies.
 */
package org.causette.bot.dialogue;
