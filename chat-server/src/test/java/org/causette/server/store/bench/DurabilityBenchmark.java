package org.causette.server.store.bench;

import org.causette.server.store.Author;
import org.causette.server.store.Conversation;
import org.causette.server.store.MessageDraft;
import org.causette.server.store.Role;
import org.causette.server.store.Store;
import org.causette.server.store.redis.RedisStore;
import org.causette.server.support.RedisServer;
import org.causette.server.support.SentinelRedis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the durability option costs: the visitor message's store step ({@link Store#appendToOpen}, one script) per
 * second and its mean time, with the ack after the primary's write and with the ack after a replica has it
 * ({@code ?replicas=1}: the same round trip plus WAIT). A primary and a replica of its own on free ports, AOF
 * {@code everysec}. Not a surefire test: run its main (docs/scaling.md, Durability). Argument: seconds per run.
 */
public final class DurabilityBenchmark {
    private static final Logger log = LoggerFactory.getLogger(DurabilityBenchmark.class);
    private static final long WARMUP_MS = 1_500;
    private static final int VISITORS_PER_THREAD = 8;

    private DurabilityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 5;
        List<String> rows = new ArrayList<>();
        try (RedisServer primary = RedisServer.start("everysec");
             RedisServer replica = RedisServer.start("everysec", List.of("--replicaof", "127.0.0.1", Integer.toString(primary.port())))) {
            while (!SentinelRedis.command(replica.port(), "INFO replication").contains("master_link_status:up")) {
                Thread.sleep(50);
            }
            for (int threads : new int[]{1, 16}) {
                rows.add(run("ack after the primary", primary.uri(), threads, seconds));
                rows.add(run("ack after a replica", primary.uri() + "?replicas=1&replicaTimeoutMs=500", threads, seconds));
            }
        }
        log.info("Results ({} s per run):\n| what | threads | messages/s | mean ms |\n{}", seconds, String.join("\n", rows));
    }

    private static String run(String name, String uri, int threads, long seconds) throws Exception {
        String site = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        try (Store store = RedisStore.open(uri)) {
            for (int t = 0; t < threads; t++) {
                for (int v = 0; v < VISITORS_PER_THREAD; v++) {
                    store.openConversation(Conversation.open(UUID.randomUUID().toString(), site, visitor(t, v), "web", Instant.now()));
                }
            }
            LongAdder done = new LongAdder();
            AtomicBoolean measuring = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch finished = new CountDownLatch(threads);
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread worker = new Thread(() -> {
                    long n = 0;
                    try {
                        while (!stop.get()) {
                            String visitor = visitor(thread, (int) (n % VISITORS_PER_THREAD));
                            store.appendToOpen(site, visitor, "web", new MessageDraft(new Author(Role.VISITOR, visitor, null),
                                    "c" + n++, "Bonjour, le fauteuil Oslo existe en bleu ?", null, List.of(), List.of(), false,
                                    Instant.now())).orElseThrow();
                            if (measuring.get()) {
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
            Thread.sleep(WARMUP_MS);
            measuring.set(true);
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000);
            long count = done.sum();
            double elapsed = (System.nanoTime() - start) / 1e9;
            stop.set(true);
            finished.await();
            double rate = count / elapsed;
            String row = String.format(Locale.ROOT, "| %-22s | %2d | %,8.0f | %.3f |", name, threads, rate, threads * 1000.0 / rate);
            log.info(row);
            return row;
        }
    }

    private static String visitor(int thread, int n) {
        return "v" + thread + "-" + n;
    }
}
