/**
 * The {@code eval} command (bot-engine/README.md): an RFC 4180 reader for {@code sentence,label} files, the classifier trained
 * exactly as the bot trains it, and the metrics (accuracy, in-scope accuracy, out-of-scope recall and precision,
 * multiclass MCC, macro F1).
 */
package org.causette.bot.eval;
