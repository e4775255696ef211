package org.causette.server.store.bench;

import org.causette.server.store.Author;
import org.causette.server.store.Conversation;
import org.causette.server.store.memory.MemoryStore;
import org.causette.server.store.MessageDraft;
import org.causette.server.store.Role;
import org.causette.server.store.Store;
import org.causette.server.store.redis.RedisStore;
import org.causette.server.support.RedisServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Messages stored per second through each store, on this machine: a plain timed harness, not a surefire test (run it
 * with its main; see docs/performance.md). It starts its own redis-server (AOF on, {@code appendfsync everysec}, the
 * production setting) on a free port.
 *
 * <ul>
 *   <li>{@code append}: {@link Store#append} with a clientId, each thread on its own conversations (as lanes are).</li>
 *   <li>{@code visitor-message}: what the hub does per visitor message: findByClientId, findOpenConversation, append.</li>
 *   <li>{@code queue(50)}: reading a queue of 50 conversations, with the store's pipelining on and off.</li>
 * </ul>
 * Arguments: [seconds per run, default 8] [appendfsync policy, default everysec].
 */
public final class StoreBenchmark {
    private static final Logger log = LoggerFactory.getLogger(StoreBenchmark.class);
    private static final Duration WARMUP = Duration.ofSeconds(2);
    private static final int CONVERSATIONS_PER_THREAD = 8;

    private StoreBenchmark() {
    }

    /** One operation of a run, called with the thread's index and an ever-growing counter. */
    private interface Operation {
        void run(int thread, long n);
    }

    public static void main(String[] args) throws Exception {
        Duration measure = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 8);
        String fsync = args.length > 1 ? args[1] : "everysec";
        List<String> rows = new ArrayList<>();
        try (RedisServer redis = RedisServer.start(fsync)) {
            for (int threads : new int[]{1, 16}) {
                rows.add(appends("memory", MemoryStore::new, threads, measure));
                rows.add(appends("redis", () -> RedisStore.open(redis.uri()), threads, measure));
            }
            for (int threads : new int[]{1, 16}) {
                rows.add(visitorMessages("memory", MemoryStore::new, threads, measure));
                rows.add(visitorMessages("redis", () -> RedisStore.open(redis.uri()), threads, measure));
            }
            rows.add(queueReads("redis, pipelining on", () -> RedisStore.open(redis.uri(), true), measure));
            rows.add(queueReads("redis, pipelining off", () -> RedisStore.open(redis.uri(), false), measure));
        }
        log.info("Results (appendfsync {}, {} s per run):\n{}", fsync, measure.toSeconds(), String.join("\n", rows));
    }

    private static MessageDraft draft(String visitorId, long n) {
        return new MessageDraft(new Author(Role.VISITOR, visitorId, null), "c" + n, "Bonjour, le fauteuil Oslo existe en bleu ?",
                null, List.of(), List.of(), false, Instant.now());
    }

    private static String appends(String name, Supplier<Store> stores, int threads, Duration measure) throws Exception {
        try (Store store = stores.get()) {
            String site = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            List<List<Conversation>> mine = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<Conversation> own = new ArrayList<>();
                for (int i = 0; i < CONVERSATIONS_PER_THREAD; i++) {
                    own.add(store.openConversation(Conversation.open(UUID.randomUUID().toString(), site, "v" + t + "-" + i,
                            "web", Instant.now())));
                }
                mine.add(own);
            }
            double rate = measure(threads, measure, (t, n) -> {
                Conversation c = mine.get(t).get((int) (n % CONVERSATIONS_PER_THREAD));
                store.append(c.id(), draft(c.visitorId(), n));
            });
            return row("append", name, threads, rate);
        }
    }

    private static String visitorMessages(String name, Supplier<Store> stores, int threads, Duration measure) throws Exception {
        try (Store store = stores.get()) {
            String site = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            double rate = measure(threads, measure, (t, n) -> {
                String visitorId = "v" + t + "-" + (n % CONVERSATIONS_PER_THREAD);
                Author author = new Author(Role.VISITOR, visitorId, null);
                if (store.findByClientId(site, author, "c" + n).isPresent()) {
                    return;
                }
                Conversation c = store.findOpenConversation(site, visitorId, "web").orElseGet(() -> store.openConversation(
                        Conversation.open(UUID.randomUUID().toString(), site, visitorId, "web", Instant.now())));
                store.append(c.id(), draft(visitorId, n));
            });
            return row("visitor-message", name, threads, rate);
        }
    }

    private static String queueReads(String name, Supplier<Store> stores, Duration measure) throws Exception {
        try (Store store = stores.get()) {
            String site = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            for (int i = 0; i < 50; i++) {
                Conversation c = store.openConversation(Conversation.open(UUID.randomUUID().toString(), site, "v" + i,
                        "web", Instant.now()));
                store.update(c.id(), x -> x.queued("human_request", null, "agent", Instant.now()));
            }
            double rate = measure(1, measure, (t, n) -> {
                if (store.queue(site).size() != 50) {
                    throw new IllegalStateException("queue");
                }
            });
            return row("queue(50)", name, 1, rate);
        }
    }

    private static String row(String what, String store, int threads, double rate) {
        String line = String.format(Locale.ROOT, "| %-16s | %-22s | %2d | %,10.0f |", what, store, threads, rate);
        log.info(line);
        return line;
    }

    /** Runs the operation on {@code threads} threads: a warm-up, then operations per second over {@code measure}. */
    private static double measure(int threads, Duration measure, Operation operation) throws InterruptedException {
        LongAdder done = new LongAdder();
        AtomicLong phase = new AtomicLong(); // 0 warm-up, 1 measuring, 2 stop
        CountDownLatch finished = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                long n = thread * 1_000_000_000L;
                try {
                    while (phase.get() < 2) {
                        operation.run(thread, n++);
                        if (phase.get() == 1) {
                            done.increment();
                        }
                    }
                } finally {
                    finished.countDown();
                }
            }, "bench-" + t);
            worker.setDaemon(true);
            worker.start();
        }
        Thread.sleep(WARMUP.toMillis());
        phase.set(1);
        long start = System.nanoTime();
        Thread.sleep(measure.toMillis());
        long count = done.sum();
        double seconds = (System.nanoTime() - start) / 1e9;
        phase.set(2);
        finished.await();
        return count / seconds;
    }
}
