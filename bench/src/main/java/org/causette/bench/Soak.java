package org.causette.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * {@code java -cp bench/target/causette-bench.jar org.causette.bench.BenchMain soak [--server-jar J] [--seconds 60]
 * [--after 15] [--port 18480] [--heap 256m] [--out bench/results]}: the four denial-of-service shapes of issue 21, one
 * after another, each for {@code --seconds} against one hub with a {@code --heap} heap and its shipped limits, each
 * followed by {@code --after} seconds of quiet. Meanwhile a normal shopper, from another source address (127.0.0.2,
 * as a real one would be), sends a message every 500 ms and times its ack; every second the hub's heap
 * ({@code /metrics}), its open files ({@code /proc/PID/fd}) and {@code /healthz} are read, from that address too.
 * A benchmark, not a test: it prints a Markdown table (docs/security.md) and writes it to {@code --out}.
 */
final class Soak {
    private static final String ATTACKER = "127.0.0.1";
    private static final String SHOPPER = "127.0.0.2";
    private static final String SITE = "demo";
    private static final int ACK_TIMEOUT_MS = 5_000;

    /** What one phase saw. */
    private static final class Phase {
        final String name;
        final List<Long> ackMillis = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger missed = new AtomicInteger();
        final AtomicInteger healthFailures = new AtomicInteger();
        volatile long heapMax = -1;
        volatile long filesMax = -1;
        volatile String attackNote = "";

        Phase(String name) {
            this.name = name;
        }

        String row() {
            List<Long> sorted;
            synchronized (ackMillis) {
                sorted = new ArrayList<>(ackMillis);
            }
            Collections.sort(sorted);
            return "| " + name + " | " + (heapMax < 0 ? "?" : heapMax >> 20) + " | " + filesMax + " | " + sorted.size()
                    + " | " + missed.get() + " | " + pct(sorted, 0.50) + " | " + pct(sorted, 0.99) + " | "
                    + (sorted.isEmpty() ? "-" : sorted.get(sorted.size() - 1)) + " | " + healthFailures.get() + " | "
                    + attackNote + " |";
        }

        private static String pct(List<Long> sorted, double q) {
            return sorted.isEmpty() ? "-" : Long.toString(sorted.get(Math.min(sorted.size() - 1, (int) (q * sorted.size()))));
        }
    }

    private final int port;
    private final ServerProcess hub;
    private volatile Phase current;
    private final AtomicBoolean running = new AtomicBoolean(true);

    private Soak(int port, ServerProcess hub) {
        this.port = port;
        this.hub = hub;
    }

    static void main(Options options) throws Exception {
        int seconds = options.integer("seconds", 60);
        int after = options.integer("after", 15);
        int port = options.integer("port", 18480);
        String heap = options.string("heap", "256m");
        String jar = options.string("server-jar", "chat-server/target/causette.jar");
        Path out = Path.of(options.string("out", "bench/results"));
        List<String> command = ServerProcess.javaCommand(List.of("-Xms" + heap, "-Xmx" + heap, "-XX:+UseG1GC"),
                List.of("-jar", jar, "--port", Integer.toString(port)));
        // The shipped limits, stated: the tool's other modes turn the per-address ones off for their one-address load.
        Map<String, String> limits = Map.of("CAUSETTE_MAX_CONNECTIONS_PER_ADDRESS", "2000",
                "CAUSETTE_NEW_VISITORS_PER_ADDRESS", "60");
        List<Phase> phases = new ArrayList<>();
        String load = Machine.loadAverage();
        try (ServerProcess hub = ServerProcess.start("hub", command, port, out.resolve("soak-hub.log"), 180, limits)) {
            Soak soak = new Soak(port, hub);
            Thread shopper = daemon("shopper", soak::shopper);
            Thread sampler = daemon("sampler", soak::sample);
            soak.phase(phases, "baseline", 10);
            List<Map.Entry<String, Attack>> attacks = List.of(
                    Map.entry("1 unknown paths", soak::unknownPaths),
                    Map.entry("2 slow-pattern text", soak::slowText),
                    Map.entry("3 consented events", soak::events),
                    Map.entry("4 idle connections", soak::idleConnections));
            for (Map.Entry<String, Attack> attack : attacks) {
                AtomicBoolean stop = new AtomicBoolean();
                Phase during = new Phase(attack.getKey() + ", during");
                soak.current = during;
                phases.add(during);
                Thread attacker = daemon("attack", () -> {
                    try {
                        during.attackNote = attack.getValue().run(stop);
                    } catch (Exception e) {
                        during.attackNote = "attack failed: " + e;
                    }
                });
                Thread.sleep(seconds * 1_000L);
                stop.set(true);
                attacker.join(30_000);
                soak.phase(phases, attack.getKey() + ", after", after);
            }
            soak.running.set(false);
            shopper.join(10_000);
            sampler.join(5_000);
        }
        StringBuilder table = new StringBuilder();
        table.append("Soak of ").append(LocalDateTime.now()).append(", ").append(seconds).append(" s per attack, ")
                .append(after).append(" s after each, heap ").append(heap).append(", load average at start ").append(load)
                .append(", at end ").append(Machine.loadAverage()).append(" (").append(Machine.describe()).append(")\n\n");
        table.append("| phase | heap max MiB | open files max | acks | no ack in 5 s | ack p50 ms | ack p99 ms | ack max ms | /healthz failed | attack |\n");
        table.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Phase phase : phases) {
            table.append(phase.row()).append('\n');
        }
        Files.createDirectories(out);
        Path file = out.resolve("soak-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md");
        Files.writeString(file, table);
        System.out.println(table);
        Bench.info("results: " + file.toAbsolutePath());
    }

    @FunctionalInterface
    private interface Attack {
        /** Runs until {@code stop}; @return what it managed, for the table */
        String run(AtomicBoolean stop) throws Exception;
    }

    private void phase(List<Phase> phases, String name, int seconds) throws InterruptedException {
        Phase phase = new Phase(name);
        current = phase;
        phases.add(phase);
        Thread.sleep(seconds * 1_000L);
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, "soak-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    // ---- the measures ------------------------------------------------------------------------------------------

    /** The normal shopper: one socket, a message every 500 ms, its ack timed; reconnects with its token. */
    private void shopper() {
        String token = null;
        long n = 0;
        while (running.get()) {
            try (RawSocket ws = RawSocket.visitor(SHOPPER, port, SITE)) {
                ws.sendText("{\"type\":\"hello\",\"locale\":\"fr-FR\",\"visitorToken\":" + (token == null ? "null" : "\"" + token + "\"") + "}");
                String welcome = untilType(ws, "welcome", null, 10_000);
                if (welcome == null) {
                    current.missed.incrementAndGet();
                    continue;
                }
                token = field(welcome, "visitorToken");
                while (running.get()) {
                    String clientId = "n" + (++n);
                    long sent = System.nanoTime();
                    ws.sendText("{\"type\":\"message\",\"clientId\":\"" + clientId + "\",\"text\":\"Bonjour, livrez-vous en Belgique ?\"}");
                    Phase phase = current;
                    if (untilType(ws, "ack", clientId, ACK_TIMEOUT_MS) == null) {
                        phase.missed.incrementAndGet();
                        break; // a new socket, as the widget would after a silence
                    }
                    phase.ackMillis.add((System.nanoTime() - sent) / 1_000_000);
                    Thread.sleep(500);
                }
            } catch (IOException e) {
                current.missed.incrementAndGet();
                sleepQuietly(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The next frame of {@code type} (with {@code clientId} when given), skipping others; null after the timeout. */
    private static String untilType(RawSocket ws, String type, String clientId, int timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            String text = ws.nextText((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (text == null) {
                return null;
            }
            if (text.startsWith("{\"type\":\"" + type + "\"") && (clientId == null || text.contains("\"clientId\":\"" + clientId + "\""))) {
                return text;
            }
        }
        return null;
    }

    private static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":\"");
        if (at < 0) {
            return null;
        }
        int start = at + name.length() + 4;
        return json.substring(start, json.indexOf('"', start));
    }

    /** Every second: the hub's heap, its open files and /healthz, asked from the shopper's address. */
    private void sample() {
        while (running.get()) {
            Phase phase = current;
            long heap = ServerProcess.Metrics.heapUsed(httpGet("/metrics"));
            if (heap > phase.heapMax) {
                phase.heapMax = heap;
            }
            long files = openFiles(hub.pid());
            if (files > phase.filesMax) {
                phase.filesMax = files;
            }
            if (!httpGet("/healthz").contains("\"ok\"")) {
                phase.healthFailures.incrementAndGet();
            }
            sleepQuietly(1_000);
        }
    }

    private String httpGet(String path) {
        try (RawSocket http = RawSocket.tcp(SHOPPER, port)) {
            http.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String head = http.readHead(5_000);
            if (head == null) {
                return "";
            }
            StringBuilder body = new StringBuilder();
            String line;
            while ((line = http.nextLine(5_000)) != null) {
                body.append(line).append('\n');
            }
            return body.toString();
        } catch (IOException e) {
            return "";
        }
    }

    private static long openFiles(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return fds.count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the attacks, all from one address --------------------------------------------------------------------

    /** 1: pipelined GETs of random unknown paths under /console/ on keep-alive connections. */
    private String unknownPaths(AtomicBoolean stop) {
        long sent = 0;
        List<RawSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                sockets.add(RawSocket.tcp(ATTACKER, port));
            }
            while (!stop.get()) {
                for (int i = 0; i < sockets.size(); i++) {
                    try {
                        StringBuilder batch = new StringBuilder();
                        for (int r = 0; r < 50; r++) {
                            batch.append("GET /console/").append(randomPath(3_000)).append(".js HTTP/1.1\r\nHost: x\r\n\r\n");
                        }
                        sockets.get(i).write(batch.toString().getBytes(StandardCharsets.US_ASCII));
                        sockets.get(i).drain(1 << 20);
                        sent += 50;
                    } catch (IOException e) {
                        sockets.get(i).close();
                        sockets.set(i, RawSocket.tcp(ATTACKER, port));
                    }
                }
            }
        } catch (IOException e) {
            return sent + " requests, then " + e.getMessage();
        } finally {
            sockets.forEach(RawSocket::close);
        }
        return sent + " requests of 3,000-char unknown paths on 4 keep-alive connections";
    }

    private static String randomPath(int length) {
        StringBuilder path = new StringBuilder(length);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < length; i++) {
            path.append((char) ('a' + random.nextInt(26)));
        }
        return path.toString();
    }

    /** Visitor sockets (new visitors, as many as the hub lets this address make), each sending a frame per tick. */
    private String sockets(AtomicBoolean stop, int count, boolean consent, int perSecond, java.util.function.IntFunction<String> frame)
            throws InterruptedException {
        List<RawSocket> open = new ArrayList<>();
        int refused = 0;
        int peak = 0;
        long sent = 0;
        long nextTry = 0;
        try {
            while (!stop.get()) {
                // A few new sockets a tick, between the sends: the attack runs while it grows.
                for (int k = 0; k < 4 && open.size() < count && System.nanoTime() >= nextTry && !stop.get(); k++) {
                    try {
                        RawSocket ws = RawSocket.visitor(ATTACKER, port, SITE);
                        ws.sendText("{\"type\":\"hello\",\"locale\":\"fr-FR\",\"consent\":" + consent + "}");
                        String welcome = untilType(ws, "welcome", null, 5_000);
                        if (welcome == null) {
                            refused++;
                            ws.close();
                            nextTry = System.nanoTime() + 1_000_000_000L; // refused: try again in a second
                        } else {
                            open.add(ws);
                        }
                    } catch (IOException e) {
                        refused++;
                        nextTry = System.nanoTime() + 1_000_000_000L;
                    }
                }
                peak = Math.max(peak, open.size());
                long tick = System.nanoTime();
                for (int i = open.size() - 1; i >= 0; i--) {
                    try {
                        open.get(i).sendText(frame.apply((int) (sent % 1_000_000)));
                        open.get(i).drain(1 << 20);
                        sent++;
                    } catch (IOException e) {
                        open.remove(i).close();
                    }
                }
                long wait = 1_000 / perSecond - (System.nanoTime() - tick) / 1_000_000;
                if (wait > 0) {
                    Thread.sleep(wait);
                }
            }
        } finally {
            open.forEach(RawSocket::close);
        }
        return sent + " frames on " + peak + " sockets at most (of " + count + " tried), " + refused + " new visitors refused";
    }

    /** 2: long texts made to stall a backtracking pattern, 10 a second on each of 32 sockets (under the flood guard). */
    private String slowText(AtomicBoolean stop) throws InterruptedException {
        String text = "a-".repeat(2_000);
        return sockets(stop, 32, false, 10, n -> "{\"type\":\"message\",\"clientId\":\"s" + n + "\",\"text\":\"" + text + "\"}");
    }

    /** 3: 8 KB custom events with consent, 10 a second on each of 100 sockets. */
    private String events(AtomicBoolean stop) throws InterruptedException {
        String blob = "x".repeat(8_000);
        return sockets(stop, 100, true, 10, n -> "{\"type\":\"event\",\"name\":\"custom\",\"data\":{\"n\":" + n
                + ",\"blob\":\"" + blob + "\"}}");
    }

    /** 4: as many idle TCP connections as the hub takes from one address (up to 3,000), reopened as they close. */
    private String idleConnections(AtomicBoolean stop) throws InterruptedException {
        List<RawSocket> open = new ArrayList<>();
        int opened = 0;
        int failed = 0;
        try {
            while (!stop.get()) {
                for (int i = 0; i < 100 && open.size() < 3_000 && !stop.get(); i++) {
                    try {
                        open.add(RawSocket.tcp(ATTACKER, port));
                        opened++;
                    } catch (IOException e) {
                        failed++;
                    }
                }
                // Drop the ones the hub closed (its limits), so they are opened again.
                for (int i = open.size() - 1; i >= 0; i--) {
                    try {
                        if (open.get(i).closedWithin(1)) {
                            open.remove(i).close();
                        }
                    } catch (IOException e) {
                        open.remove(i).close();
                    }
                }
                Thread.sleep(200);
            }
            return opened + " connections opened, " + failed + " refused or failed, " + open.size() + " open at the end";
        } finally {
            open.forEach(RawSocket::close);
        }
    }
}
