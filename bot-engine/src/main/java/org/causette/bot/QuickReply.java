package org.causette.bot;

/** A suggested answer the visitor can tap: its {@code title} is shown, its {@code payload} comes back. */
public record QuickReply(String title, String payload) {
}
