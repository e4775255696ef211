package org.causette.server.usecase;

import org.causette.server.config.Lesson;
import org.causette.server.config.Site;
import org.causette.server.store.LessonStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Teaching the bot: lessons stored at once, the retraining (a second or two) in the background on one trainer thread,
 * so neither an event loop nor a thread of the blocking pool waits for it, and a status the console polls to show
 * progress. Lessons taught while a training runs are picked up by one more training, not one each: a training reads
 * every lesson of the store.
 */
public final class Teaching {
    private static final Logger log = LoggerFactory.getLogger(Teaching.class);
    /** Trainings waiting: at most one per site is ever queued (coalesced), this bounds the queue for many sites. */
    private static final int MAX_WAITING = 64;

    /** Where a site's training stands. {@code lastTrainingMs} is null before the first training taught here. */
    public record Status(boolean training, int lessons, int lessonsApplied, Long lastTrainingMs) {
    }

    private final LessonStore store;
    private final ExecutorService trainer;
    private final Map<String, Boolean> pending = new ConcurrentHashMap<>();
    private final Map<String, Boolean> running = new ConcurrentHashMap<>();
    private final Map<String, Long> lastTrainingMs = new ConcurrentHashMap<>();

    public Teaching(LessonStore store) {
        this.store = store;
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(MAX_WAITING), runnable -> {
            Thread thread = new Thread(runnable, "causette-trainer");
            thread.setDaemon(true);
            return thread;
        });
        executor.allowCoreThreadTimeOut(true);
        this.trainer = executor;
    }

    /** Stores the lessons and retrains now, on the caller's thread (the API's synchronous mode). */
    public long teachNow(Site site, List<Lesson> lessons) {
        lessons.forEach(store::saveLesson);
        long started = System.nanoTime();
        site.retrain(store.lessons(site.id()));
        long ms = (System.nanoTime() - started) / 1_000_000;
        lastTrainingMs.put(site.id(), ms);
        return ms;
    }

    /** Stores the lessons and retrains in the background; {@link #status} says when the bot answers with them. */
    public void teachInBackground(Site site, List<Lesson> lessons) {
        lessons.forEach(store::saveLesson);
        if (pending.putIfAbsent(site.id(), Boolean.TRUE) != null) {
            return; // a training not started yet will read these lessons too
        }
        trainer.execute(() -> {
            running.put(site.id(), Boolean.TRUE);
            pending.remove(site.id());
            long started = System.nanoTime();
            try {
                site.retrain(store.lessons(site.id()));
                lastTrainingMs.put(site.id(), (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                log.error("Retraining site {} failed; the bot keeps its previous training", site.id(), e);
            } finally {
                running.remove(site.id());
            }
        });
    }

    public Status status(Site site) {
        boolean training = pending.containsKey(site.id()) || running.containsKey(site.id());
        return new Status(training, store.lessons(site.id()).size(), site.lessonsApplied(), lastTrainingMs.get(site.id()));
    }

    /** An id for a new intent from the name an admin gave it: its words joined by "_", unique on the site. */
    public static String newIntentId(Site site, Map<String, String> title) {
        String name = title.values().iterator().next();
        String base = String.join("_", TeachingList.words(name));
        base = base.replaceAll("[^a-z0-9_]", "");
        if (base.length() > 36) {
            base = base.substring(0, 36);
        }
        if (base.isEmpty()) {
            base = "faq";
        }
        String id = base;
        for (int n = 2; org.causette.bot.knowledge.BuiltInIntents.isBuiltIn(id) || site.knowledge().faq().byId(id).isPresent(); n++) {
            id = base + "_" + n;
        }
        return id;
    }
}
