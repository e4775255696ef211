package org.causette.server.ws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared string per language tag. Every hello brings its own copy of a tag like {@code fr-FR}, which the visitor's
 * connection and profile then keep as long as the visitor is around (48 bytes each); the tags in use are few, so the
 * first copy of each serves everyone. Bounded: past {@link #MAX_TAGS} different tags a tag keeps its own copy.
 */
final class LocaleTags {
    static final int MAX_TAGS = 1_000;
    private static final Map<String, String> SHARED = new ConcurrentHashMap<>();

    private LocaleTags() {
    }

    /** The shared copy of {@code tag} (already checked by the caller: short, letters, digits, - and _). */
    static String shared(String tag) {
        if (tag == null) {
            return null;
        }
        String known = SHARED.get(tag);
        if (known != null) {
            return known;
        }
        if (SHARED.size() >= MAX_TAGS) {
            return tag;
        }
        String raced = SHARED.putIfAbsent(tag, tag);
        return raced != null ? raced : tag;
    }
}
