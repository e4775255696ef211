package org.causette.bench;

import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The staff side of the load (docs/performance.md): {@code handover} — shoppers ask for a person, staff accept and answer — and
 * {@code fanout} — one queue change reaching every staff socket of a site. The hub is started on a generated site
 * folder ({@link BenchSite}); staff log in over HTTP first, then open {@code /ws/staff}.
 */
final class StaffBench {
    /** The hub's queue frames go out this long after a change (StaffService.QUEUE_PUSH_DELAY): part of every fan-out. */
    static final int QUEUE_PUSH_DELAY_MS = 150;
    static final String QUEUE_WRITTEN = "causette_frames_out_total{type=\"queue\"}";
    static final String QUEUE_ENCODED = "causette_frames_encoded_total{type=\"queue\"}";

    private final Options options;
    private final Bench bench;
    private final Path out;
    private final List<String> notes = new ArrayList<>();

    StaffBench(Options options, Bench bench) {
        this.options = options;
        this.bench = bench;
        this.out = Path.of(options.string("out", "bench/results"));
    }

    /** Runs the mode, writes JSON and Markdown to {@code --out}, prints the Markdown. */
    static void run(Options options, Bench bench) throws Exception {
        StaffBench staff = new StaffBench(options, bench);
        Object run;
        String markdown;
        if (options.mode().equals("handover")) {
            StaffResults.Handover h = staff.handover();
            run = h;
            markdown = StaffResults.markdown(h);
        } else {
            StaffResults.Fanout f = staff.fanout();
            run = f;
            markdown = StaffResults.markdown(f);
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path json = staff.out.resolve(options.mode() + "-" + stamp + ".json");
        StaffResults.write(run, json);
        Files.writeString(staff.out.resolve(options.mode() + "-" + stamp + ".md"), markdown);
        System.out.println();
        System.out.println(markdown);
        Bench.info("results: " + json.toAbsolutePath());
    }

    // ---- hand-over ---------------------------------------------------------------------------------------------

    StaffResults.Handover handover() throws Exception {
        String started = now();
        String loadStart = Machine.loadAverage();
        int staff = options.integer("staff", 50);
        int shoppers = options.integer("shoppers", 100);
        int maxChats = options.integer("max-chats", 4);
        int thinkMs = options.integer("think-ms", 1000);
        int visitorThinkMs = options.integer("visitor-think-ms", 1000);
        int exchanges = options.integer("exchanges", 3);
        int pauseMs = options.integer("pause-ms", 2000);
        boolean acceptQueue = options.flag("accept-queue");
        int warmup = options.integer("warmup", 10);
        int measure = options.integer("measure", 30);
        checkOpenFiles(staff + shoppers);
        Double floorSaturation = null;
        if (options.flag("with-floor")) {
            try (ServerProcess floor = bench.startFloor()) {
                floorSaturation = bench.ramp(floor, new Target.Echo(), false, 0,
                        options.integers("floor-steps", "50,100,200,400,800,1600")).stream()
                        .mapToDouble(Results.Step::roundTripsPerSecond).max().orElse(0);
            }
        }
        Path site = site(staff, maxChats);
        HandoverStats stats = new HandoverStats();
        StaffSession.Plan staffPlan = new StaffSession.Plan(TimeUnit.MILLISECONDS.toNanos(thinkMs), exchanges, acceptQueue,
                maxChats, staff);
        HandoverVisitor.Plan visitorPlan = new HandoverVisitor.Plan(TimeUnit.MILLISECONDS.toNanos(visitorThinkMs),
                TimeUnit.MILLISECONDS.toNanos(pauseMs), exchanges);
        try (ServerProcess hub = bench.startHub(List.of("--site", site.toString()));
             SessionClient client = client(hub)) {
            List<StaffSession> online = openStaff(client, hub, staff, staffPlan, stats, null);
            List<HandoverVisitor> visitors = client.open(HandoverVisitor.path(BenchSite.SITE_ID), shoppers,
                    i -> new HandoverVisitor(visitorPlan, stats), options.integer("connect-parallel", 256), 120);
            Bench.info(String.format(Locale.ROOT, "hand-over load: %d staff online, %d shoppers; %d s warm-up + %d s measured",
                    online.size(), visitors.size(), warmup, measure));
            // One whole cycle (ask, talk, pause) by default: requests arrive at a steady rate from the start.
            long cycleMs = 500L + (long) exchanges * (thinkMs + visitorThinkMs) + pauseMs;
            long spread = TimeUnit.MILLISECONDS.toNanos(options.integer("start-spread-ms", (int) cycleMs));
            visitors.forEach(v -> v.start(spread));
            Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
            Bench.Sample before = Bench.Sample.of(hub);
            stats.reset();
            Thread.sleep(TimeUnit.SECONDS.toMillis(measure));
            HandoverStats.Window w = stats.take();
            Bench.Sample after = Bench.Sample.of(hub);
            visitors.forEach(HandoverVisitor::stop);
            double seconds = (after.nanos() - before.nanos()) / 1e9;
            double relayed = (w.toAgent().getTotalCount() + w.toVisitor().getTotalCount()) / seconds;
            if (!hub.alive()) {
                notes.add("the hub died during the run; its log ends: " + hub.logTail(5));
            }
            double slow = metric(hub.httpGet("/metrics"), "causette_slow_readers_closed_total", -1);
            if (slow > 0) {
                notes.add(String.format(Locale.ROOT, "the hub closed %.0f sockets as slow readers "
                        + "(causette_slow_readers_closed_total); largest queue frame %.1f KiB",
                        slow, stats.largestQueueFrame.get() / 1024.0));
            }
            notes.add("site folder: " + site + " (bench-only PBKDF2 at " + BenchSite.ITERATIONS + " iterations)");
            StaffResults.Handover result = new StaffResults.Handover("handover", started, now(), Machine.describe(), loadStart,
                    Machine.loadAverage(), options.words("jvm-opts", "-Xms256m -Xmx1g -XX:+UseG1GC"), site.toString(), staff,
                    online.size(), shoppers, visitors.size(), maxChats, thinkMs, visitorThinkMs, exchanges, pauseMs,
                    acceptQueue, Bench.round(seconds), w.requested(), w.assignedToStaff(),
                    Bench.round(w.assignedToStaff() / seconds), w.completed(), w.visitorSent(), w.staffSent(),
                    Bench.round(relayed), Stats.Latency.of(w.toAgent()), Stats.Latency.of(w.toVisitor()),
                    Stats.Latency.of(w.queueWait()), w.accepts(), w.errors(), stats.lostSockets(),
                    stats.largestQueueFrame.get(), Bench.Sample.cpu(before, after), hub.rssBytes(),
                    hub.heapUsedBytes(), floorSaturation,
                    floorSaturation == null || floorSaturation <= 0 ? null : Math.round(relayed / floorSaturation * 1e5) / 1e5,
                    notes);
            Bench.info(String.format(Locale.ROOT, "  %.1f hand-overs/s, %.1f relayed messages/s; visitor→agent p50 %.2f p99 %.2f ms, "
                            + "agent→visitor p50 %.2f p99 %.2f ms, queue wait p50 %.2f p99 %.2f ms; errors %s; sockets lost %s",
                    result.handoversPerSecond(), result.relayedMessagesPerSecond(), result.visitorToAgent().p50(),
                    result.visitorToAgent().p99(), result.agentToVisitor().p50(), result.agentToVisitor().p99(),
                    result.queueWait().p50(), result.queueWait().p99(), result.errors(), result.socketsLost()));
            return result;
        }
    }

    // ---- fan-out -----------------------------------------------------------------------------------------------

    StaffResults.Fanout fanout() throws Exception {
        String started = now();
        String loadStart = Machine.loadAverage();
        int staff = options.integer("staff", 1000);
        int repetitions = options.integer("repetitions", 20);
        int warmRepetitions = options.integer("warmup-repetitions", 5);
        // 0: routing never gives them a conversation, so a hand-over stays in the queue and every repetition is
        // exactly one queue change (an assignment within the push delay would be a second one).
        int maxChats = options.integer("max-chats", 0);
        long waitMillis = options.integer("fanout-timeout-ms", 10_000);
        checkOpenFiles(staff + 2);
        Path site = site(staff, maxChats);
        FanoutProbe probe = new FanoutProbe(staff);
        HandoverStats stats = new HandoverStats();
        StaffSession.Plan plan = new StaffSession.Plan(0, 0, false, maxChats, staff);
        try (ServerProcess hub = bench.startHub(List.of("--site", site.toString()));
             SessionClient client = client(hub)) {
            hub.fullGc();
            Thread.sleep(1000);
            long rssBase = hub.rssBytes();
            long heapBase = hub.heapUsedBytes();
            List<StaffSession> online = openStaff(client, hub, staff, plan, stats, probe);
            List<String> adminToken = Login.tokens(hub.port(), BenchSite.SITE_ID, List.of(BenchSite.ADMIN), BenchSite.PASSWORD, 1);
            List<StaffSession> admins = client.open(StaffSession.PATH, 1,
                    i -> new StaffSession(staff, adminToken.get(0), plan, stats, probe), 1, 60);
            List<HandoverVisitor> visitors = client.open(HandoverVisitor.path(BenchSite.SITE_ID), 1,
                    i -> new HandoverVisitor(new HandoverVisitor.Plan(0, 0, 0), stats), 1, 60);
            if (admins.isEmpty() || visitors.isEmpty() || online.isEmpty()) {
                throw new IllegalStateException("fan-out needs the staff, the admin and the shopper online: got "
                        + online.size() + ", " + admins.size() + ", " + visitors.size());
            }
            StaffSession admin = admins.get(0);
            HandoverVisitor visitor = visitors.get(0);
            Thread.sleep(3000);
            hub.fullGc();
            Thread.sleep(1000);
            long rssStaff = hub.rssBytes();
            long heapStaff = hub.heapUsedBytes();
            admin.keepQueue();
            Bench.info(String.format(Locale.ROOT, "fan-out: %d staff online; RSS %d → %d MiB; %d warm-up + %d measured repetitions",
                    online.size(), rssBase >> 20, rssStaff >> 20, warmRepetitions, repetitions));
            List<StaffResults.Repetition> runs = new ArrayList<>();
            Histogram arrivals = new Histogram(3);
            Bench.Sample before = null;
            long writtenBefore = 0;
            Long encodedBefore = null;
            for (int r = 0; r < warmRepetitions + repetitions; r++) {
                boolean measured = r >= warmRepetitions;
                if (r == warmRepetitions) {
                    Thread.sleep(500);
                    before = Bench.Sample.of(hub);
                    String metrics = hub.httpGet("/metrics");
                    writtenBefore = (long) metric(metrics, QUEUE_WRITTEN, 0);
                    encodedBefore = encoded(metrics);
                }
                // The shopper's hand-over: the bot hands over, the conversation joins the queue.
                Histogram into = measured ? arrivals : null;
                StaffResults.Repetition ask = repetition(hub, probe, r - warmRepetitions + 1, "hand-over",
                        visitor::askNow, waitMillis, into);
                Thread.sleep(300); // the admin's copy of the same push, and nothing else in flight
                // The admin closes it: the queue changes again.
                AtomicLong closeSent = new AtomicLong();
                java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(1);
                StaffResults.Repetition close = repetition(hub, probe, r - warmRepetitions + 1, "admin close", () -> {
                    admin.closeQueued(t -> {
                        closeSent.set(t);
                        closing.countDown();
                    });
                    closing.await(5, TimeUnit.SECONDS);
                    return closeSent.get();
                }, waitMillis, into);
                if (measured) {
                    runs.add(ask);
                    runs.add(close);
                    Bench.info(String.format(Locale.ROOT, "  #%d hand-over: 1st %.1f p50 %.1f p99 %.1f last %.1f ms (%d); close: 1st %.1f last %.1f ms (%d)",
                            ask.n(), ask.firstMs(), ask.p50Ms(), ask.p99Ms(), ask.lastMs(), ask.received(), close.firstMs(),
                            close.lastMs(), close.received()));
                }
                Thread.sleep(500);
            }
            Bench.Sample after = Bench.Sample.of(hub);
            String metrics = hub.httpGet("/metrics");
            long written = (long) metric(metrics, QUEUE_WRITTEN, 0) - writtenBefore;
            Long encodedAfter = encoded(metrics);
            Long encoded = encodedAfter == null || encodedBefore == null ? null : encodedAfter - encodedBefore;
            if (encoded == null) {
                notes.add("the hub's /metrics has no " + QUEUE_ENCODED + " counter: encode-once is shown by the code "
                        + "(StaffService.pushQueue encodes one EncodedFrame per site and kind of staff, and every socket "
                        + "writes a duplicate of its bytes), and by " + QUEUE_WRITTEN + " counting one write per socket");
            }
            if (!stats.lostSockets().isEmpty()) {
                notes.add("sockets lost after their welcome: " + stats.lostSockets());
            }
            notes.add("every fan-out includes the hub's " + QUEUE_PUSH_DELAY_MS + " ms queue-push delay "
                    + "(StaffService.QUEUE_PUSH_DELAY, which coalesces bursts of queue changes); the hand-over trigger also "
                    + "includes the bot turn that decides the hand-over. \"last − 1st\" is the fan-out itself.");
            notes.add("site folder: " + site + " (bench-only PBKDF2 at " + BenchSite.ITERATIONS + " iterations; "
                    + "agents with maxChats " + maxChats + ")");
            double serverCpuNanos = after.serverCpu() - before.serverCpu();
            int online0 = online.size();
            return new StaffResults.Fanout("fanout", started, now(), Machine.describe(), loadStart, Machine.loadAverage(),
                    options.words("jvm-opts", "-Xms256m -Xmx1g -XX:+UseG1GC"), site.toString(), staff, online0, repetitions,
                    runs, over(runs, StaffResults.Repetition::firstMs), over(runs, StaffResults.Repetition::p50Ms),
                    over(runs, StaffResults.Repetition::p99Ms), over(runs, StaffResults.Repetition::lastMs),
                    over(runs, StaffResults.Repetition::spreadMs), Stats.Latency.of(arrivals), written, encoded, QUEUE_ENCODED,
                    Bench.Sample.cpu(before, after), written == 0 ? 0 : Bench.round(serverCpuNanos / 1000.0 / written),
                    rssBase, rssStaff, heapBase, heapStaff, Bench.round((rssStaff - rssBase) / (double) online0),
                    Bench.round((heapStaff - heapBase) / (double) online0), notes);
        }
    }

    interface Trigger {
        /** Sends the triggering frame; returns its send time (System.nanoTime), or -1 if nothing was sent. */
        long fire() throws Exception;
    }

    private StaffResults.Repetition repetition(ServerProcess hub, FanoutProbe probe, int n, String kind, Trigger trigger,
                                               long waitMillis, Histogram arrivals) throws Exception {
        String metricsBefore = hub.httpGet("/metrics");
        probe.arm(System.nanoTime());
        long sent = trigger.fire();
        boolean all = sent >= 0 && probe.await(waitMillis);
        FanoutProbe.Repetition seen = probe.result(sent >= 0 ? sent : System.nanoTime());
        probe.disarm();
        Thread.sleep(50);
        String metricsAfter = hub.httpGet("/metrics");
        if (!all && arrivals != null) {
            notes.add(kind + " #" + n + ": " + seen.received() + " of " + seen.receivers() + " staff sockets got a queue frame within "
                    + waitMillis + " ms");
        }
        if (arrivals != null) {
            for (long delay : seen.delays()) {
                arrivals.recordValue(Math.max(1, delay / 1000));
            }
        }
        Long encodedBefore = encoded(metricsBefore);
        Long encodedAfter = encoded(metricsAfter);
        if (seen.received() == 0) {
            return new StaffResults.Repetition(n, kind, 0, 0, 0, 0, 0, 0, 0, 0,
                    (long) (metric(metricsAfter, QUEUE_WRITTEN, 0) - metric(metricsBefore, QUEUE_WRITTEN, 0)), null);
        }
        return new StaffResults.Repetition(n, kind, seen.received(), ms(seen.nth(1)), ms(seen.percentile(50)),
                ms(seen.percentile(99)), ms(seen.nth(seen.received())), ms(seen.nth(seen.received()) - seen.nth(1)),
                seen.distinctFrames(), seen.frameBytes(),
                (long) (metric(metricsAfter, QUEUE_WRITTEN, 0) - metric(metricsBefore, QUEUE_WRITTEN, 0)),
                encodedBefore == null || encodedAfter == null ? null : encodedAfter - encodedBefore);
    }

    private static StaffResults.OverRepetitions over(List<StaffResults.Repetition> runs,
                                                     java.util.function.ToDoubleFunction<StaffResults.Repetition> figure) {
        double[] values = runs.stream().filter(r -> r.received() > 0).mapToDouble(figure).sorted().toArray();
        if (values.length == 0) {
            return new StaffResults.OverRepetitions(0, 0);
        }
        return new StaffResults.OverRepetitions(values[(values.length - 1) / 2], values[values.length - 1]);
    }

    // ---- shared ------------------------------------------------------------------------------------------------

    private SessionClient client(ServerProcess hub) {
        return new SessionClient(hub.port(), options.integer("client-threads", 1), options.integer("source-addrs", 4));
    }

    private Path site(int staff, int maxChats) throws Exception {
        Path dir = Files.createTempDirectory("causette-bench-site-");
        BenchSite.write(dir, Path.of(options.string("server-jar", "chat-server/target/causette.jar")), staff, maxChats);
        Bench.info("site folder " + dir + ": " + staff + " agents (maxChats " + maxChats + ") and " + BenchSite.ADMIN);
        return dir;
    }

    /** Logs {@code count} agents in over HTTP, then opens their staff sockets. */
    private List<StaffSession> openStaff(SessionClient client, ServerProcess hub, int count, StaffSession.Plan plan,
                                         HandoverStats stats, FanoutProbe probe) throws Exception {
        long started = System.nanoTime();
        List<String> ids = IntStream.range(0, count).mapToObj(BenchSite::agentId).toList();
        List<String> tokens = Login.tokens(hub.port(), BenchSite.SITE_ID, ids, BenchSite.PASSWORD, options.integer("login-parallel", 4));
        Bench.info(String.format(Locale.ROOT, "  %d staff logged in in %.1f s", tokens.size(), (System.nanoTime() - started) / 1e9));
        List<StaffSession> online = client.open(StaffSession.PATH, count, i -> new StaffSession(i, tokens.get(i), plan, stats, probe),
                options.integer("connect-parallel", 256), 300);
        Bench.info(String.format(Locale.ROOT, "  %d staff sockets online after %.1f s", online.size(), (System.nanoTime() - started) / 1e9));
        if (online.size() < count) {
            notes.add("only " + online.size() + " of " + count + " staff sockets came online");
        }
        return online;
    }

    private void checkOpenFiles(int sockets) {
        long limit = Machine.openFilesLimit();
        if (sockets + 300 > limit) {
            throw new IllegalStateException(sockets + " sockets need more than the open-files limit of " + limit
                    + " per process allows (ulimit -n)");
        }
    }

    /** A sample's value from Prometheus text, or {@code fallback}. */
    static double metric(String text, String series, double fallback) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim().split("\\s+")[0]);
            }
        }
        return fallback;
    }

    private static Long encoded(String metrics) {
        double value = metric(metrics, QUEUE_ENCODED, -1);
        return value < 0 ? null : (long) value;
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
