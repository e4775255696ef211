package org.causette.server.bench;

import org.causette.server.CausetteServer;
import org.causette.server.config.ServerConfig;
import org.causette.server.support.RedisServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one bot round trip costs the hub's own threads (lanes and event loops): CPU nanoseconds and bytes allocated,
 * read per thread from {@code com.sun.management.ThreadMXBean}. On a machine shared with other engineers' builds the
 * hub's throughput says little, but the CPU and the allocation of its threads per round trip barely move with the
 * neighbours, so this is the figure to compare before and after a change of the hot path (docs/performance.md).
 *
 * <p>A real hub (demo site) in this process on a free port, {@code sockets} visitors on the JDK's WebSocket client
 * (its threads are not counted) in a closed loop, each asking the load tool's eight questions in turn and waiting for
 * the bot's reply, never faster than the flood guard allows. Not a unit test (surefire does not run {@code bench/}).
 * From the repository root:
 * <pre>
 * mvn -q -pl chat-server -am test-compile
 * mvn -q -pl chat-server dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -Xms256m -Xmx1g -XX:+UseG1GC -cp "$(cat /tmp/cp.txt):chat-server/target/classes:chat-server/target/test-classes" \
 *      org.causette.server.bench.HubCostBenchmark [seconds=20] [sockets=200] [memory|redis]
 * </pre>
 */
public final class HubCostBenchmark {
    private static final Logger log = LoggerFactory.getLogger(HubCostBenchmark.class);
    private static final List<String> QUESTIONS = List.of(
            "How much is delivery?", "How much is the Oslo armchair?", "Is the Luna armchair in stock?",
            "How do I return an item?", "Which payment methods do you accept?", "Combien coûte la livraison ?",
            "Do you have any sales right now?", "Le fauteuil Oslo existe en bleu ?");
    /** The flood guard allows 10 frames/s per socket after a burst: stay just under it. */
    private static final long MIN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(110);

    private static final AtomicLong ROUND_TRIPS = new AtomicLong();

    private HubCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int sockets = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        boolean redis = args.length > 2 && args[2].equals("redis");
        RedisServer redisServer = redis ? RedisServer.start("everysec") : null;
        ServerConfig config = ServerConfig.defaults().withPort(0);
        if (redis) {
            config = new ServerConfig(config.host(), 0, redisServer.uri(), config.nodeId(), config.sites());
        }
        CausetteServer server = CausetteServer.start(config, Map.of());
        try {
            HttpClient http = HttpClient.newHttpClient();
            List<Shopper> shoppers = new ArrayList<>();
            for (int i = 0; i < sockets; i++) {
                shoppers.add(new Shopper(http, server.port(), i));
            }
            log.info("{} shoppers connected; warming up for {} s", sockets, seconds);
            Thread.sleep(seconds * 1000L);
            RedisSample redisBefore = redis ? RedisSample.of(redisServer) : null;
            Sample before = Sample.now();
            Thread.sleep(seconds * 1000L);
            Sample after = Sample.now();
            RedisSample redisAfter = redis ? RedisSample.of(redisServer) : null;
            long trips = after.roundTrips - before.roundTrips;
            log.info(String.format("Result (%s store): %d round trips in %d s = %.0f/s; hub threads: %.1f µs CPU "
                            + "(lanes %.1f, event loops %.1f) and %.1f KiB allocated per round trip",
                    redis ? "redis" : "memory", trips, seconds, trips / (double) seconds,
                    (after.cpuLanes + after.cpuLoops - before.cpuLanes - before.cpuLoops) / 1000.0 / trips,
                    (after.cpuLanes - before.cpuLanes) / 1000.0 / trips, (after.cpuLoops - before.cpuLoops) / 1000.0 / trips,
                    (after.allocated - before.allocated) / 1024.0 / trips));
            if (redis) {
                log.info(redisAfter.minus(redisBefore, trips));
            }
            shoppers.forEach(Shopper::stop);
        } finally {
            server.close();
            if (redisServer != null) {
                redisServer.close();
            }
        }
    }

    /**
     * What redis-server did, at one instant: its CPU time (from /proc, Linux only) and the calls of each command from
     * {@code INFO commandstats}. Commands run inside a Lua script are counted there too (an EVALSHA and the HSET it runs
     * are two calls), so the per-command figures tell round trips (EVALSHA, PUBLISH, HMGET …) from work in scripts.
     */
    private record RedisSample(long cpuNanos, Map<String, Long> calls) {
        static RedisSample of(RedisServer server) throws Exception {
            long cpu = 0;
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + server.pid() + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L; // utime + stime, 100 ticks/s
            } catch (java.io.IOException e) {
                cpu = -1;
            }
            Map<String, Long> calls = new java.util.TreeMap<>();
            try (redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis("127.0.0.1", server.port())) {
                for (String line : jedis.info("commandstats").split("\r?\n")) {
                    if (line.startsWith("cmdstat_")) {
                        String name = line.substring(8, line.indexOf(':'));
                        String rest = line.substring(line.indexOf("calls=") + 6);
                        calls.put(name, Long.parseLong(rest.substring(0, rest.indexOf(','))));
                    }
                }
            }
            return new RedisSample(cpu, calls);
        }

        String minus(RedisSample before, long trips) {
            StringBuilder out = new StringBuilder(String.format("redis-server: %.1f µs CPU per round trip; commands per round trip:",
                    (cpuNanos - before.cpuNanos) / 1000.0 / trips));
            double total = 0;
            for (Map.Entry<String, Long> e : calls.entrySet()) {
                double per = (e.getValue() - before.calls.getOrDefault(e.getKey(), 0L)) / (double) trips;
                if (per >= 0.005) {
                    out.append(String.format(" %s %.2f", e.getKey(), per));
                    total += per;
                }
            }
            return out.append(String.format(" (all %.2f)", total)).toString();
        }
    }

    /** CPU and allocation of the hub's threads, summed, at one instant. */
    private record Sample(long roundTrips, long cpuLanes, long cpuLoops, long allocated) {
        static Sample now() {
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long lanes = 0;
            long loops = 0;
            long allocated = 0;
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                boolean lane = t.getName().startsWith("lane-");
                boolean loop = t.getName().startsWith("multiThreadIoEventLoopGroup");
                if (lane || loop) {
                    long cpu = Math.max(0, threads.getThreadCpuTime(t.getId()));
                    lanes += lane ? cpu : 0;
                    loops += loop ? cpu : 0;
                    allocated += Math.max(0, threads.getThreadAllocatedBytes(t.getId()));
                }
            }
            return new Sample(ROUND_TRIPS.get(), lanes, loops, allocated);
        }
    }

    /** One visitor: says hello, then asks, waits for the bot, asks again. */
    private static final class Shopper implements WebSocket.Listener {
        private final WebSocket socket;
        private final int index;
        private final StringBuilder partial = new StringBuilder();
        private volatile boolean stopped;
        /** Whether a question is out and its first bot reply has not come yet (later replies to it are not counted). */
        private boolean awaiting;
        private long sent;
        private long lastSentNanos;

        Shopper(HttpClient http, int port, int index) throws Exception {
            this.index = index;
            CountDownLatch open = new CountDownLatch(1);
            this.socket = http.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/visitor?site=demo"), this).get(10, TimeUnit.SECONDS);
            socket.sendText("{\"type\":\"hello\",\"visitorToken\":null,\"locale\":\"en-GB\",\"lastSeq\":0}", true);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                if (frame.startsWith("{\"type\":\"welcome\"")) {
                    next();
                } else if (awaiting && frame.startsWith("{\"type\":\"message\"") && frame.contains("\"role\":\"bot\"")) {
                    awaiting = false;
                    ROUND_TRIPS.incrementAndGet();
                    next();
                }
            }
            webSocket.request(1);
            return null;
        }

        private void next() {
            if (stopped) {
                return;
            }
            awaiting = true;
            long wait = lastSentNanos + MIN_INTERVAL_NANOS - System.nanoTime();
            Runnable send = () -> {
                lastSentNanos = System.nanoTime();
                String text = QUESTIONS.get((int) ((sent + index) % QUESTIONS.size()));
                socket.sendText("{\"type\":\"message\",\"clientId\":\"m" + (++sent) + "\",\"text\":\"" + text + "\"}", true);
            };
            if (wait > 0) {
                CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS).execute(send);
            } else {
                send.run();
            }
        }

        void stop() {
            stopped = true;
            socket.abort();
        }
    }
}
