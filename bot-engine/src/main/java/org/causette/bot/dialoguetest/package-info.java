/**
 * Dialogue tests for shops: multi-turn conversations written as JSON files, run through a site's {@link org.causette.bot.Bot}
 * exactly as the hub runs them (one fresh context per dialogue, carried from turn to turn) and judged turn by turn.
 * The {@code test-dialogues} command of the jar is {@link org.causette.bot.dialoguetest.DialogueTestCommand}.
 */
package org.causette.bot.dialoguetest;
