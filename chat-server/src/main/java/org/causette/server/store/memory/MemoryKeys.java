package org.causette.server.store.memory;

import java.time.Instant;

/** The embedded store's composite keys and time windows, one definition for every part. */
final class MemoryKeys {
    private MemoryKeys() {
    }

    /** Parts joined by NUL, a character no id, site or channel name may hold. */
    static String key(String... parts) {
        return String.join("\u0000", parts);
    }

    /** The prefix every key of one site starts with. */
    static String sitePrefix(String siteId) {
        return key(siteId, "");
    }

    /** {@code [from, to)}, as every listing by time in the store's interfaces reads it. */
    static boolean within(Instant ts, Instant from, Instant to) {
        return !ts.isBefore(from) && ts.isBefore(to);
    }
}
