package org.causette.bot;

/** A card button: either a {@code payload} sent back as a message, or a {@code url} to open (the other is null). */
public record CardButton(String title, String payload, String url) {
    public static CardButton postback(String title, String payload) {
        return new CardButton(title, payload, null);
    }

    public static CardButton link(String title, String url) {
        return new CardButton(title, null, url);
    }
}
