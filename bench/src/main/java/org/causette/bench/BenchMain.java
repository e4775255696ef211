package org.causette.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar bench/target/causette-bench.jar floor|hub|idle|handover|fanout|soak|profile-top|chart|echo-server [options]}:
 * see {@link Options#usage}. Results go to {@code --out} (bench/results) as JSON and Markdown.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            System.out.println(Options.usage());
            return;
        }
        switch (args[0]) {
            case "soak" -> {
                Options soak = Options.parse(args);
                watchdog(soak.integer("max-minutes", 30));
                Soak.main(soak);
                System.exit(0);
            }
            case "echo-server" -> {
                EchoServer.main(java.util.Arrays.copyOfRange(args, 1, args.length));
                return;
            }
            case "profile-top" -> {
                Options options = Options.parse(without(args, 1));
                System.out.print(ProfileTop.report(Path.of(args[1]), options.integer("top", 25)));
                return;
            }
            case "chart" -> {
                Options options = Options.parse(without(args, 1));
                Path results = Path.of(args[1]);
                Path svg = Path.of(options.string("svg", results.toString().replaceAll("\\.json$", "") + ".svg"));
                Files.writeString(svg, Chart.svg(Results.read(results),
                        options.string("idle", null) == null ? null : Results.read(Path.of(options.string("idle", null)))));
                System.out.println("wrote " + svg);
                return;
            }
            default -> {
            }
        }
        Options options = Options.parse(args);
        watchdog(options.integer("max-minutes", 30));
        Bench bench = new Bench(options);
        if (options.mode().equals("handover") || options.mode().equals("fanout")) {
            // The staff side (StaffBench): results of their own shape.
            StaffBench.run(options, bench);
            bench.stopRedis();
            System.exit(0);
        }
        Results.Run run = switch (options.mode()) {
            case "floor" -> bench.floorOrHub(false);
            case "hub" -> bench.floorOrHub(true);
            case "idle" -> bench.idle();
            default -> throw new IllegalArgumentException("unknown mode " + options.mode() + "\n" + Options.usage());
        };
        bench.stopRedis();
        Path out = Path.of(options.string("out", "bench/results"));
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path json = out.resolve(run.mode() + "-" + stamp + ".json");
        Results.write(run, json);
        String markdown = Results.markdown(run);
        Files.writeString(out.resolve(run.mode() + "-" + stamp + ".md"), markdown);
        if (run.hubSteps() != null || run.floorSteps() != null) {
            Files.writeString(out.resolve(run.mode() + "-" + stamp + ".svg"), Chart.svg(run, null));
        }
        System.out.println();
        System.out.println(markdown);
        Bench.info("results: " + json.toAbsolutePath());
        System.exit(0);
    }

    /** {@code args} without the element at {@code index}, so that "profile-top FILE --top 9" parses its options. */
    private static String[] without(String[] args, int index) {
        String[] rest = new String[args.length - 1];
        for (int i = 0, j = 0; i < args.length; i++) {
            if (i != index) {
                rest[j++] = args[i];
            }
        }
        return rest;
    }

    /** Everything stops by itself: after the limit, the servers we started are stopped and the tool exits. */
    private static void watchdog(int minutes) {
        Thread thread = new Thread(() -> {
            try {
                TimeUnit.MINUTES.sleep(minutes);
            } catch (InterruptedException e) {
                return;
            }
            Bench.info("time limit of " + minutes + " min reached: stopping");
            Bench.CHILDREN.forEach(ServerProcess::close);
            Runtime.getRuntime().halt(3);
        }, "watchdog");
        thread.setDaemon(true);
        thread.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Bench.CHILDREN.forEach(ServerProcess::close)));
    }
}
