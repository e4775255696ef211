package org.causette.bot.nlu;

/**
 * A normalised word of a message; {@code start} and {@code end} are offsets in the original text, so entities can point
 * back at what the visitor typed.
 */
public record Token(String text, int start, int end) {
}
