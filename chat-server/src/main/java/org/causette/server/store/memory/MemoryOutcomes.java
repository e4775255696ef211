package org.causette.server.store.memory;

import org.causette.server.store.Exposure;
import org.causette.server.store.NpsAnswer;
import org.causette.server.store.OutcomeStore;
import org.causette.server.store.Rating;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.causette.server.store.memory.MemoryKeys.key;
import static org.causette.server.store.memory.MemoryKeys.sitePrefix;
import static org.causette.server.store.memory.MemoryKeys.within;

/** Ratings, A/B exposures and NPS asks and answers, in memory. */
final class MemoryOutcomes implements OutcomeStore {
    /** By conversation id. */
    private final Map<String, Rating> ratings = new ConcurrentHashMap<>();
    private final Queue<Exposure> exposures = new ConcurrentLinkedQueue<>();
    /** (site, customer) → the running NPS ask. */
    private final Map<String, NpsAsk> npsAsks = new ConcurrentHashMap<>();
    private final Queue<NpsAnswer> npsAnswers = new ConcurrentLinkedQueue<>();

    private record NpsAsk(String conversationId, String visitorId, Instant until, boolean answered) {
    }

    @Override
    public void saveRating(Rating rating) {
        ratings.put(rating.conversationId(), rating);
    }

    @Override
    public Optional<Rating> rating(String conversationId) {
        return Optional.ofNullable(ratings.get(conversationId));
    }

    @Override
    public List<Rating> ratings(String siteId, Instant from, Instant to) {
        return ratings.values().stream().filter(r -> r.siteId().equals(siteId) && within(r.ts(), from, to)).toList();
    }

    @Override
    public void saveExposure(Exposure exposure) {
        exposures.add(exposure);
    }

    @Override
    public List<Exposure> exposures(String siteId, String visitorId) {
        return exposures.stream().filter(e -> e.siteId().equals(siteId) && e.visitorId().equals(visitorId))
                .sorted(Comparator.comparing(Exposure::ts)).toList();
    }

    @Override
    public boolean claimNpsAsk(String siteId, String customerKey, String conversationId, String visitorId, Instant now,
                               Instant until) {
        boolean[] claimed = {false};
        npsAsks.compute(key(siteId, customerKey), (k, held) -> {
            if (held != null && held.until().isAfter(now)) {
                return held;
            }
            claimed[0] = true;
            return new NpsAsk(conversationId, visitorId, until, false);
        });
        return claimed[0];
    }

    @Override
    public Optional<String> pendingNps(String siteId, String customerKey, Instant now) {
        NpsAsk ask = npsAsks.get(key(siteId, customerKey));
        return ask != null && ask.until().isAfter(now) && !ask.answered() ? Optional.of(ask.conversationId()) : Optional.empty();
    }

    @Override
    public boolean saveNpsAnswer(NpsAnswer answer, String customerKey) {
        boolean[] saved = {false};
        npsAsks.computeIfPresent(key(answer.siteId(), customerKey), (k, ask) -> {
            if (ask.answered() || !ask.until().isAfter(answer.ts())) {
                return ask;
            }
            saved[0] = true;
            npsAnswers.add(answer);
            return new NpsAsk(ask.conversationId(), ask.visitorId(), ask.until(), true);
        });
        return saved[0];
    }

    @Override
    public List<NpsAnswer> npsAnswers(String siteId, Instant from, Instant to) {
        return npsAnswers.stream().filter(a -> a.siteId().equals(siteId) && within(a.ts(), from, to))
                .sorted(Comparator.comparing(NpsAnswer::ts)).toList();
    }

    /** The ratings of conversations that are gone. */
    void forgetConversations(Collection<String> conversationIds) {
        conversationIds.forEach(ratings::remove);
    }

    /** A visitor's ratings, exposures, NPS answers and running asks go. */
    void erase(String siteId, String visitorId) {
        ratings.values().removeIf(r -> r.siteId().equals(siteId) && r.visitorId().equals(visitorId));
        exposures.removeIf(e -> e.siteId().equals(siteId) && e.visitorId().equals(visitorId));
        npsAnswers.removeIf(a -> a.siteId().equals(siteId) && a.visitorId().equals(visitorId));
        String prefix = sitePrefix(siteId);
        npsAsks.entrySet().removeIf(e -> e.getKey().startsWith(prefix) && e.getValue().visitorId().equals(visitorId));
    }

    /** Everything of a site older than the cutoff goes (an ask once it has run out by then). */
    void purge(String siteId, Instant cutoff) {
        ratings.values().removeIf(r -> r.siteId().equals(siteId) && r.ts().isBefore(cutoff));
        exposures.removeIf(e -> e.siteId().equals(siteId) && e.ts().isBefore(cutoff));
        npsAnswers.removeIf(a -> a.siteId().equals(siteId) && a.ts().isBefore(cutoff));
        String prefix = sitePrefix(siteId);
        npsAsks.entrySet().removeIf(e -> e.getKey().startsWith(prefix) && e.getValue().until().isBefore(cutoff));
    }
}
