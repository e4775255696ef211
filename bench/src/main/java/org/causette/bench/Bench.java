package org.causette.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The runs: floor and hub saturation ramps, the open loop at a fraction of the hub's saturation, idle sockets.
 * Servers are child processes with the same JVM options; everything they and we do is bounded in time.
 */
final class Bench {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    static final List<ServerProcess> CHILDREN = new CopyOnWriteArrayList<>();

    private final Options options;
    private final Path out;
    private final List<String> jvmOptions;
    private final List<String> hubArguments;
    private final int port;
    private final long minIntervalNanos;
    private final long timeoutNanos;
    private final List<String> notes = new ArrayList<>();

    Bench(Options options) {
        this.options = options;
        this.out = Path.of(options.string("out", "bench/results"));
        this.jvmOptions = options.words("jvm-opts", "-Xms256m -Xmx1g -XX:+UseG1GC");
        this.hubArguments = options.words("hub-args", "");
        this.port = options.integer("port", 18080);
        this.minIntervalNanos = TimeUnit.MILLISECONDS.toNanos(options.integer("min-interval-ms", 110));
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(options.integer("timeout-ms", 30_000));
    }

    static void info(String message) {
        System.out.println(LocalTime.now().format(CLOCK) + " " + message);
        System.out.flush();
    }

    // ---- modes -------------------------------------------------------------------------------------------------

    Results.Run floorOrHub(boolean withHub) throws Exception {
        String started = now();
        String loadStart = Machine.loadAverage();
        List<Results.Step> floorSteps = null;
        List<Results.Step> hubSteps = null;
        Double floorSaturation = null;
        Double hubSaturation = null;
        Results.Open open = null;
        if (!withHub || !options.flag("no-floor")) {
            try (ServerProcess floor = startFloor()) {
                floorSteps = ramp(floor, new Target.Echo(), false,
                        TimeUnit.MILLISECONDS.toNanos(options.integer("floor-min-interval-ms", 0)),
                        options.integers("floor-steps", "50,100,200,400,800,1600"));
                floorSaturation = best(floorSteps);
                if (!withHub && (options.flag("open") || options.string("open-rate", null) != null)) {
                    open = openLoop(floor, new Target.Echo(), openRate(floorSaturation));
                }
            }
        }
        if (withHub) {
            try (ServerProcess hub = startHub()) {
                hubSteps = ramp(hub, new Target.Hub(options.string("site", "demo")), options.flag("jfr"), minIntervalNanos,
                        options.integers("steps", "100,200,400,800,1600,3200"));
                hubSaturation = best(hubSteps);
            }
            if (hubSaturation > 0) {
                // A fresh hub: past saturation the old one still has queued work of sockets that are gone.
                try (ServerProcess hub = startHub()) {
                    open = openLoop(hub, new Target.Hub(options.string("site", "demo")), openRate(hubSaturation));
                }
            }
        }
        Double ratio = floorSaturation != null && hubSaturation != null && floorSaturation > 0
                ? hubSaturation / floorSaturation : null;
        return new Results.Run(withHub ? "hub" : "floor", started, now(), Machine.describe(), loadStart,
                Machine.loadAverage(), jvmOptions, String.join(" ", hubArguments),
                (int) TimeUnit.NANOSECONDS.toMillis(minIntervalNanos), floorSteps, hubSteps, floorSaturation,
                hubSaturation, ratio, open, null, notes);
    }

    Results.Run idle() throws Exception {
        String started = now();
        String loadStart = Machine.loadAverage();
        List<Integer> counts = new ArrayList<>(options.integers("idle", "1000,5000,10000"));
        List<Results.Idle> results = new ArrayList<>();
        int nodes = options.integer("nodes", 1);
        if (nodes > 1) {
            // Past one process's open files: hub nodes sharing one Redis, each with a client process of its own.
            if (!options.flag("redis")) {
                throw new IllegalArgumentException("--nodes needs --redis: the nodes of a cluster share one Redis");
            }
            results.addAll(new IdleCluster(this, options, out).run(nodes, counts, notes));
            return new Results.Run("idle", started, now(), Machine.describe(), loadStart, Machine.loadAverage(), jvmOptions,
                    String.join(" ", hubArguments), 0, null, null, null, null, null, null, results, notes);
        }
        long limit = Machine.openFilesLimit();
        // Our sockets, the server's (one each), and some files of the JVMs themselves.
        long usable = limit - 300;
        List<Integer> kept = new ArrayList<>();
        for (int count : counts) {
            if (count <= usable) {
                kept.add(count);
            } else {
                notes.add("idle step " + count + " skipped: the open-files limit is " + limit
                        + " per process (ulimit -n; the server needs one file per socket too)");
            }
        }
        List<String> targets = List.of(options.string("targets", "floor,hub").split(","));
        if (targets.contains("floor")) {
            try (ServerProcess floor = startFloor()) {
                results.addAll(idleSteps(floor, new Target.Echo(), kept));
            }
        }
        if (targets.contains("hub")) {
            try (ServerProcess hub = startHub()) {
                results.addAll(idleSteps(hub, new Target.Hub(options.string("site", "demo")), kept));
            }
        }
        return new Results.Run("idle", started, now(), Machine.describe(), loadStart, Machine.loadAverage(), jvmOptions,
                String.join(" ", hubArguments), 0, null, null, null, null, null, null, results, notes);
    }

    // ---- servers -----------------------------------------------------------------------------------------------

    ServerProcess startFloor() throws IOException, InterruptedException {
        int floorPort = port + 1;
        String jar = selfJar();
        List<String> command = ServerProcess.javaCommand(jvmOptions,
                List.of("-cp", jar, EchoServer.class.getName(), "--port", Integer.toString(floorPort)));
        return track(ServerProcess.start("floor", command, floorPort, out.resolve("floor.log"),
                options.integer("start-timeout", 90)));
    }

    /**
     * With {@code --redis}: our own redis-server on 127.0.0.1:{@code --redis-port} (no persistence), emptied before
     * every hub start, stopped at the end; its CPU counts as the server's.
     */
    private Process redis;
    static volatile long redisPid = -1;

    private List<String> storeArguments() throws IOException, InterruptedException {
        return storeArguments(true);
    }

    /** @param flush empty Redis first (false for the second and later nodes of one cluster) */
    private List<String> storeArguments(boolean flush) throws IOException, InterruptedException {
        if (!options.flag("redis")) {
            return List.of();
        }
        int redisPort = options.integer("redis-port", 6390);
        if (redis == null || !redis.isAlive()) {
            Files.createDirectories(out);
            redis = new ProcessBuilder(options.string("redis-server", "redis-server"), "--port", Integer.toString(redisPort),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
                    .redirectErrorStream(true).redirectOutput(out.resolve("redis.log").toFile()).start();
            redisPid = redis.pid();
            Runtime.getRuntime().addShutdownHook(new Thread(redis::destroy));
            info("started redis-server (pid " + redis.pid() + ") on 127.0.0.1:" + redisPort);
            notes.add("store: redis://127.0.0.1:" + redisPort + " (redis-server started by the tool, no persistence); "
                    + "its CPU is counted in the server's");
        }
        for (int i = 0; i < 50; i++) {
            Process cli = new ProcessBuilder("redis-cli", "-p", Integer.toString(redisPort), flush ? "FLUSHALL" : "PING")
                    .redirectErrorStream(true).start();
            String answer = new String(cli.getInputStream().readAllBytes()).trim();
            cli.waitFor(10, TimeUnit.SECONDS);
            if (answer.equals(flush ? "OK" : "PONG")) {
                return List.of("--store", "redis://127.0.0.1:" + redisPort);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("redis-server on port " + redisPort + " does not answer");
    }

    void stopRedis() {
        if (redis != null) {
            redis.destroy();
            info("stopped redis-server");
        }
    }

    ServerProcess startHub() throws IOException, InterruptedException {
        return startHub(List.of());
    }

    /** The hub with more arguments after {@code --hub-args} (the staff runs add {@code --site DIR}). */
    ServerProcess startHub(List<String> extraArguments) throws IOException, InterruptedException {
        String jar = options.string("server-jar", "chat-server/target/causette.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException(jar + " not found: build it with mvn -q -pl chat-server -am package -DskipTests");
        }
        List<String> launch = new ArrayList<>(List.of("-jar", jar, "--port", Integer.toString(port)));
        launch.addAll(hubArguments);
        launch.addAll(extraArguments);
        launch.addAll(storeArguments());
        return track(ServerProcess.start("hub", ServerProcess.javaCommand(jvmOptions, launch), port,
                out.resolve("hub.log"), options.integer("start-timeout", 90)));
    }

    /**
     * One node of a cluster on our Redis (needs {@code --redis}), on its own port and with its own node id; the first
     * node starts on an empty Redis, the others join what it wrote (the cluster's signing secret among others).
     */
    ServerProcess startHubNode(int nodePort, String nodeId, boolean first) throws IOException, InterruptedException {
        String jar = options.string("server-jar", "chat-server/target/causette.jar");
        List<String> launch = new ArrayList<>(List.of("-jar", jar, "--port", Integer.toString(nodePort), "--node-id", nodeId));
        launch.addAll(hubArguments);
        launch.addAll(storeArguments(first));
        return track(ServerProcess.start(nodeId, ServerProcess.javaCommand(jvmOptions, launch), nodePort,
                out.resolve(nodeId + ".log"), options.integer("start-timeout", 90)));
    }

    /** The RSS of our redis-server, or 0 without one. */
    long redisRss() {
        return redisPid > 0 ? ServerProcess.statusField(redisPid, "VmRSS:") * 1024 : 0;
    }

    private static ServerProcess track(ServerProcess server) {
        CHILDREN.add(server);
        return server;
    }

    /** The class path for the floor process: our shaded jar, or under {@code mvn exec:java} the loader's URLs. */
    static String selfJar() {
        try {
            Path self = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(self)) {
                return self.toString();
            }
            List<String> entries = new ArrayList<>();
            for (ClassLoader loader = Bench.class.getClassLoader(); loader != null; loader = loader.getParent()) {
                if (loader instanceof java.net.URLClassLoader urls) {
                    for (java.net.URL url : urls.getURLs()) {
                        entries.add(Path.of(url.toURI()).toString());
                    }
                }
            }
            entries.add(self.toString());
            entries.add(System.getProperty("java.class.path"));
            return String.join(java.io.File.pathSeparator, entries);
        } catch (Exception e) {
            throw new IllegalStateException("cannot find the bench classes", e);
        }
    }

    private LoadClient client(Target target, Stats stats, int serverPort) {
        return new LoadClient(target, stats, serverPort, options.integer("client-threads", 1),
                options.integer("source-addrs", 4), options.integer("connect-parallel", 256), timeoutNanos);
    }

    // ---- closed loop -------------------------------------------------------------------------------------------

    /** Adds shoppers step by step; stops past saturation (throughput under 90 % of the best) or when the server dies. */
    List<Results.Step> ramp(ServerProcess server, Target target, boolean jfr, long minIntervalNanos, List<Integer> plan)
            throws Exception {
        int warmup = options.integer("warmup", 5);
        int measure = options.integer("measure", 10);
        Stats stats = new Stats();
        List<Results.Step> steps = new ArrayList<>();
        info("closed-loop ramp against " + target.name() + ": " + plan + " shoppers, " + warmup + " s warm-up + "
                + measure + " s per step, at most one message per " + TimeUnit.NANOSECONDS.toMillis(minIntervalNanos)
                + " ms per shopper");
        try (LoadClient client = client(target, stats, server.port())) {
            Set<VisitorSession> started = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            double best = 0;
            int below = 0;
            warmUp(server, target);
            for (int i = 0; i < plan.size(); i++) {
                int shoppers = plan.get(i);
                List<VisitorSession> ready = client.connect(Math.max(0, shoppers - client.open()), 120);
                for (VisitorSession session : ready) {
                    if (started.add(session)) {
                        session.startClosed(minIntervalNanos, ThreadLocalRandom.current().nextLong(Math.max(1, minIntervalNanos)));
                    }
                }
                Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
                if (jfr && i == 0) {
                    // From the end of the first warm-up to the end of the ramp: the hub at and past saturation.
                    server.jcmd("JFR.start", "name=bench", "settings=profile");
                }
                Sample before = Sample.of(server);
                stats.reset();
                Thread.sleep(TimeUnit.SECONDS.toMillis(measure));
                Stats.Window window = stats.take();
                Sample after = Sample.of(server);
                double seconds = (after.nanos() - before.nanos()) / 1e9;
                Results.Step step = new Results.Step(target.name(), client.open(), round(seconds), window.sent(),
                        window.replied(), round(window.replied() / seconds), window.timeouts(), window.noReply(),
                        window.errors(), Stats.Latency.of(window.ack()), Stats.Latency.of(window.reply()),
                        Sample.cpu(before, after), server.rssBytes(), server.heapUsedBytes(), Machine.loadAverage());
                steps.add(step);
                info(String.format(java.util.Locale.ROOT,
                        "  %s %5d shoppers: %8.0f round trips/s, reply p50 %.2f p99 %.2f ms, timeouts %d, errors %s, CPU server %.2f client %.2f others %.2f",
                        target.name(), step.shoppers(), step.roundTripsPerSecond(), step.reply().p50(), step.reply().p99(),
                        step.timeouts(), step.errors(), step.cpu().server(), step.cpu().client(), step.cpu().others()));
                if (!server.alive()) {
                    notes.add(target.name() + " died during the ramp; its log ends: " + server.logTail(5));
                    break;
                }
                if (step.roundTripsPerSecond() > best) {
                    best = step.roundTripsPerSecond();
                    below = 0;
                } else if (step.roundTripsPerSecond() < 0.9 * best && ++below == 2) {
                    // Two steps in a row: one alone may be a neighbour's build on this shared machine.
                    info("  past saturation: stopping the ramp");
                    break;
                }
            }
            if (jfr) {
                Path recording = out.resolve(target.name() + ".jfr").toAbsolutePath();
                server.jcmd("JFR.stop", "name=bench", "filename=" + recording);
                info("JFR recording of the ramp: " + recording + " (java -jar causette-bench.jar profile-top " + recording + ")");
            }
            client.stopAll();
            Thread.sleep(500);
        }
        return steps;
    }

    /**
     * Before the first step: shoppers at the first step's size for {@code --server-warmup} seconds, so that the JIT
     * has compiled the server's paths (the bot's are long) before anything is measured. They are closed after.
     */
    private void warmUp(ServerProcess server, Target target) throws Exception {
        int seconds = options.integer("server-warmup", 20);
        if (seconds <= 0) {
            return;
        }
        info("warming " + target.name() + " up for " + seconds + " s");
        try (LoadClient warm = client(target, new Stats(), server.port())) {
            for (VisitorSession session : warm.connect(100, 60)) {
                session.startClosed(minIntervalNanos, ThreadLocalRandom.current().nextLong(Math.max(1, minIntervalNanos)));
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            warm.stopAll();
        }
    }

    private static double best(List<Results.Step> steps) {
        return steps.stream().mapToDouble(Results.Step::roundTripsPerSecond).max().orElse(0);
    }

    private double openRate(double saturation) {
        String fixed = options.string("open-rate", null);
        return fixed != null ? Double.parseDouble(fixed) : saturation * options.decimal("open-fraction", 0.5);
    }

    // ---- open loop ---------------------------------------------------------------------------------------------

    Results.Open openLoop(ServerProcess server, Target target, double rate) throws Exception {
        double perShopper = options.decimal("per-shopper-rate", 2);
        int shoppers = (int) Math.max(1, Math.ceil(rate / perShopper));
        int warmup = options.integer("warmup", 5);
        int measure = options.integer("open-seconds", 20);
        Stats stats = new Stats();
        info(String.format(java.util.Locale.ROOT, "open loop against %s: %.0f messages/s from %d shoppers, %d s + %d s",
                target.name(), rate, shoppers, warmup, measure));
        warmUp(server, target);
        try (LoadClient client = client(target, stats, server.port())) {
            List<VisitorSession> ready = client.connect(shoppers, 120);
            long interval = (long) (1e9 * ready.size() / rate);
            long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            long end = t0 + TimeUnit.SECONDS.toNanos(warmup + measure);
            for (int i = 0; i < ready.size(); i++) {
                ready.get(i).startOpen(t0 + interval * i / ready.size(), interval, end);
            }
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(t0 - System.nanoTime()) + TimeUnit.SECONDS.toMillis(warmup));
            Sample before = Sample.of(server);
            stats.reset();
            Thread.sleep(TimeUnit.SECONDS.toMillis(measure));
            // Answers to the last messages may come after the end: wait for them (bounded by the timeout).
            Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(timeoutNanos), 2000));
            Stats.Window window = stats.take();
            Sample after = Sample.of(server);
            client.stopAll();
            double seconds = measure;
            Results.Open open = new Results.Open(target.name(), round(rate), round(window.sent() / seconds), ready.size(),
                    seconds, window.sent(), window.replied(), window.timeouts(), window.noReply(), window.lateSends(),
                    window.errors(), Stats.Latency.of(window.ack()), Stats.Latency.of(window.reply()),
                    Sample.cpu(before, after), server.rssBytes(), server.heapUsedBytes(), Machine.loadAverage());
            info(String.format(java.util.Locale.ROOT, "  achieved %.0f msg/s; bot reply p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f ms; timeouts %d",
                    open.achievedRate(), open.reply().p50(), open.reply().p90(), open.reply().p99(), open.reply().p999(),
                    open.timeouts()));
            return open;
        }
    }

    // ---- idle --------------------------------------------------------------------------------------------------

    List<Results.Idle> idleSteps(ServerProcess server, Target target, List<Integer> counts) throws Exception {
        int settle = options.integer("settle", 5);
        List<Results.Idle> results = new ArrayList<>();
        // (results holds this target's steps only: the marginal figures compare with the previous step)
        // Warm the server's paths once (classes, pools), then measure from a collected baseline.
        try (LoadClient warm = client(target, new Stats(), server.port())) {
            warm.connect(200, 60);
        }
        Thread.sleep(2000);
        server.fullGc();
        Thread.sleep(2000);
        long baseRss = server.rssBytes();
        long baseHeap = server.heapUsedBytes();
        long clientBase = clientMemory();
        info("idle sockets against " + target.name() + ": baseline RSS " + (baseRss >> 20) + " MiB, heap " + (baseHeap >> 20) + " MiB");
        try (LoadClient client = client(target, new Stats(), server.port())) {
            for (int count : counts) {
                long started = System.nanoTime();
                client.connect(Math.max(0, count - client.open()), 600);
                info(String.format(java.util.Locale.ROOT, "  %d open after %.1f s", client.open(), (System.nanoTime() - started) / 1e9));
                Thread.sleep(TimeUnit.SECONDS.toMillis(settle));
                server.fullGc();
                Thread.sleep(2000);
                int open = client.open();
                long rss = server.rssBytes();
                long heap = server.heapUsedBytes();
                long clientMemory = clientMemory();
                Results.Idle previous = results.isEmpty() ? null : results.get(results.size() - 1);
                Double marginalRss = null;
                Double marginalHeap = null;
                if (previous != null && open > previous.connections()) {
                    double added = open - previous.connections();
                    marginalRss = round((rss - previous.serverRssBytes()) / added);
                    marginalHeap = round((heap - previous.serverHeapBytes()) / added);
                }
                Results.Idle idle = new Results.Idle(target.name(), open, rss, heap, baseRss, baseHeap,
                        round((rss - baseRss) / (double) open), round((heap - baseHeap) / (double) open),
                        round((clientMemory - clientBase) / (double) open), marginalRss, marginalHeap, server.threads(),
                        Machine.sockstat(), Machine.loadAverage());
                results.add(idle);
                info(String.format(java.util.Locale.ROOT, "  %s %d idle: RSS %d MiB → %.2f KiB/socket, heap %.2f KiB/socket, client %.2f KiB/socket",
                        target.name(), open, rss >> 20, idle.rssPerConnection() / 1024, idle.heapPerConnection() / 1024,
                        idle.clientMemoryPerConnection() / 1024));
                if (options.flag("histogram") && count == counts.get(counts.size() - 1)) {
                    // What one idle socket costs, by class: the live objects after the GC above.
                    Path file = out.resolve(target.name() + "-idle-histogram.txt");
                    Files.createDirectories(out);
                    Files.writeString(file, "# " + open + " idle sockets; jcmd GC.class_histogram, top 60\n"
                            + String.join("\n", server.jcmd("GC.class_histogram").lines().limit(64).toList()) + "\n");
                    info("  class histogram: " + file);
                }
                if (open < count * 0.95) {
                    notes.add(target.name() + ": only " + open + " of " + count + " idle sockets could be opened");
                    break;
                }
            }
        }
        return results;
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /**
     * The client's own live memory after a GC: heap in use plus Netty's direct memory. (Its RSS says little: it keeps
     * the high-water mark of earlier phases.)
     */
    private static long clientMemory() {
        System.gc();
        long heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long direct = 0;
        for (var pool : java.lang.management.ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class)) {
            direct += Math.max(0, pool.getMemoryUsed());
        }
        return heap + direct + Math.max(0, io.netty.util.internal.PlatformDependent.usedDirectMemory());
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** CPU counters at one instant: the server's, ours, and the whole machine's. */
    record Sample(long nanos, long serverCpu, long clientCpu, long machineBusyTicks) {
        static Sample of(ServerProcess server) {
            long serverCpu = server.cpuNanos() + (redisPid > 0 ? ServerProcess.cpuNanos(redisPid) : 0);
            return new Sample(System.nanoTime(), serverCpu, ServerProcess.cpuNanos(ProcessHandle.current().pid()),
                    Machine.busyTicks());
        }

        static Results.Cpu cpu(Sample a, Sample b) {
            double wall = b.nanos() - a.nanos();
            return new Results.Cpu(round((b.serverCpu() - a.serverCpu()) / wall), round((b.clientCpu() - a.clientCpu()) / wall),
                    round((b.machineBusyTicks() - a.machineBusyTicks()) * 1e7 / wall));
        }
    }

}
