package org.causette.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One client process of a cluster idle run ({@link IdleCluster}): idle visitors against one hub node. A process may
 * hold only as many sockets as its open-files limit allows (20,000 here, and it cannot be raised), so 100,000 sockets
 * need several client processes as well as several server processes.
 *
 * <p>Driven line by line on standard input: {@code open N} opens visitors until N are open and answers
 * {@code open M} with how many are; {@code close} closes them all and answers {@code open 0}. End of input ends it.
 * Started as {@code java -cp causette-bench.jar org.causette.bench.IdleClientMain --port P [--site S] [--source-addrs N]}.
 */
public final class IdleClientMain {
    private IdleClientMain() {
    }

    public static void main(String[] args) throws Exception {
        serve(Options.parse(prefixed(args)), new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                System.out);
        System.exit(0);
    }

    /** Answers commands until the end of input, then closes every socket it opened. */
    static void serve(Options options, BufferedReader commands, PrintStream answers) throws Exception {
        Supplier<LoadClient> newClient = () -> new LoadClient(new Target.Hub(options.string("site", "demo")), new Stats(),
                options.integer("port", 18080), 1, options.integer("source-addrs", 4),
                options.integer("connect-parallel", 256), TimeUnit.SECONDS.toNanos(30));
        LoadClient client = newClient.get();
        try {
            String line;
            while ((line = commands.readLine()) != null) {
                String[] words = line.trim().split(" ");
                if (words[0].equals("open") && words.length == 2 && words[1].matches("\\d{1,7}")) {
                    client.connect(Math.max(0, Integer.parseInt(words[1]) - client.open()), 600);
                } else if (words[0].equals("close") && words.length == 1) {
                    client.close();
                    client = newClient.get();
                } else {
                    answers.println("error expected \"open N\" or \"close\", got \"" + line + "\"");
                    answers.flush();
                    continue;
                }
                answers.println("open " + client.open());
                answers.flush();
            }
        } finally {
            client.close();
        }
    }

    /** Options.parse reads a mode first: this process has none. */
    private static String[] prefixed(String[] args) {
        String[] all = new String[args.length + 1];
        all[0] = "idle-client";
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }
}
