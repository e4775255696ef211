package org.causette.server.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The page a shopper was on when they started a conversation: conversation context for the agent ("which product
 * are they looking at?"), not tracking (docs/customers.md). Only an http(s) address's scheme, host and path are kept:
 * a query or fragment may carry an email, a token or a campaign id, and the agent needs none of them.
 */
public record StartPage(String url, String title) {
    /** Longer addresses and titles are cut (a URL) or dropped (a title beyond it is not a title). */
    public static final int MAX_URL = 2_000;
    public static final int MAX_TITLE = 300;

    /** The page to keep from what a widget sent, or null when it is not an http(s) address. */
    public static StartPage of(String url, String title) {
        if (url == null || url.isBlank() || url.length() > MAX_URL) {
            return null;
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                return null;
            }
            String kept = new URI(scheme, null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
            String shownTitle = title == null || title.isBlank() || title.length() > MAX_TITLE ? null : title.strip();
            return new StartPage(kept, shownTitle);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
