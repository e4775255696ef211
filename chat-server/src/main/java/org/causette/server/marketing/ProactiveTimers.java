package org.causette.server.marketing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The timers of the time-based triggers on this node: per visitor, when their current page or their cart was last
 * touched and when the next check is due. One entry per (visitor, kind) and one queue slot per entry, so the state
 * stays small and bounded ({@link #MAX_ENTRIES}, oldest dropped first) however many visitors idle on the node, and
 * {@link #due} costs only the timers that are due. An entry goes when its last check has run. Nothing here reads a
 * clock: callers pass the time, so tests drive it.
 */
final class ProactiveTimers {
    /** Visitors with a pending timer remembered on this node; beyond, the oldest are forgotten (they lose one check). */
    static final int MAX_ENTRIES = 100_000;

    enum Kind { PAGE, CART }

    /**
     * A check that is due.
     *
     * @param since when the page was viewed or the cart last updated
     * @param url   PAGE: the page's url
     */
    record Due(String siteId, String visitorId, Kind kind, Instant since, String url) {
    }

    private record Entry(String key, Due due, List<Instant> checks, long order) {
        Instant next() {
            return checks.get(0);
        }
    }

    private final int maxEntries;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final TreeSet<Entry> queue = new TreeSet<>(Comparator.comparing(Entry::next).thenComparingLong(Entry::order));
    private long order;

    ProactiveTimers() {
        this(MAX_ENTRIES);
    }

    ProactiveTimers(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    private static String key(String siteId, String visitorId, Kind kind) {
        return siteId + "/" + visitorId + "/" + kind;
    }

    /**
     * Replaces the visitor's timer of this kind: checks at {@code since} plus each of {@code after} (past ones are
     * skipped). With none left, the timer is just removed.
     */
    synchronized void arm(String siteId, String visitorId, Kind kind, Instant since, String url, List<Duration> after,
                          Instant now) {
        String key = key(siteId, visitorId, kind);
        remove(key);
        List<Instant> checks = after.stream().map(since::plus).filter(at -> at.isAfter(now)).distinct().sorted().toList();
        if (checks.isEmpty()) {
            return;
        }
        Entry entry = new Entry(key, new Due(siteId, visitorId, kind, since, url), checks, order++);
        entries.put(key, entry);
        queue.add(entry);
        if (entries.size() > maxEntries) {
            Iterator<String> eldest = entries.keySet().iterator();
            remove(eldest.next());
        }
    }

    synchronized void cancel(String siteId, String visitorId, Kind kind) {
        remove(key(siteId, visitorId, kind));
    }

    synchronized boolean armed(String siteId, String visitorId, Kind kind) {
        return entries.containsKey(key(siteId, visitorId, kind));
    }

    synchronized int size() {
        return entries.size();
    }

    /** Takes the checks due at {@code now}; an entry with later checks stays queued for the next one. */
    synchronized List<Due> due(Instant now) {
        List<Due> due = new ArrayList<>();
        while (!queue.isEmpty() && !queue.first().next().isAfter(now)) {
            Entry entry = queue.pollFirst();
            due.add(entry.due());
            List<Instant> later = entry.checks().stream().filter(at -> at.isAfter(now)).toList();
            if (later.isEmpty()) {
                entries.remove(entry.key());
            } else {
                Entry rest = new Entry(entry.key(), entry.due(), later, entry.order());
                entries.put(entry.key(), rest);
                queue.add(rest);
            }
        }
        return due;
    }

    private void remove(String key) {
        Entry old = entries.remove(key);
        if (old != null) {
            queue.remove(old);
        }
    }
}
