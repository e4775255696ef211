package org.causette.server.config;

/**
 * What site.json's optional {@code widget} object says about the shopper's widget; sent in {@code welcome}.
 *
 * @param sound      whether a person's reply plays a short sound while the panel is closed or the tab hidden (off by
 *                   default: a page that beeps unasked is a page people leave)
 * @param privacyUrl the shop's privacy policy (site.json {@code privacyUrl}), linked from the widget's consent texts,
 *                   or null
 */
public record WidgetSettings(boolean sound, String privacyUrl) {
    public static final WidgetSettings DEFAULTS = new WidgetSettings(false, null);

    public WidgetSettings(boolean sound) {
        this(sound, null);
    }
}
