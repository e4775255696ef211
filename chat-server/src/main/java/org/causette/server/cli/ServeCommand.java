package org.causette.server.cli;

import org.causette.server.CausetteServer;
import org.causette.server.config.ServerConfig;
import org.causette.server.config.Site;
import org.causette.server.config.StaffMember;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** {@code serve}: starts the hub and runs until SIGTERM or Ctrl-C, then shuts down gracefully. */
public final class ServeCommand {
    /** The demo staff's passwords are their id followed by this (see demo/site/README.md). */
    public static final String DEMO_PASSWORD_SUFFIX = "-demo";

    private ServeCommand() {
    }

    public static int run(List<String> args, Map<String, String> env, PrintStream out) throws InterruptedException {
        long started = System.nanoTime();
        ServerConfig config = ServerConfig.parse(args, env);
        CausetteServer server = CausetteServer.start(config, env);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        String host = config.host().equals("0.0.0.0") ? "localhost" : config.host();
        out.printf("Causette is ready in %d ms: http://%s:%d/%n", (System.nanoTime() - started) / 1_000_000, host, server.port());
        if (config.demo()) {
            printDemoLogins(server, host, out);
        }
        stopped.await();
        return 0;
    }

    private static void printDemoLogins(CausetteServer server, String host, PrintStream out) {
        Site demo = server.sites().all().iterator().next();
        out.printf("Demo shop \"%s\": open http://%s:%d/ and chat with %s.%n", demo.config().name(), host, server.port(),
                demo.config().botName());
        out.printf("Staff console: http://%s:%d/console/ (site %s). Demo logins:%n", host, server.port(), demo.id());
        for (StaffMember member : demo.staff()) {
            out.printf("  %-11s %s / %s%n", member.role().wireName(), member.id(), member.id() + DEMO_PASSWORD_SUFFIX);
        }
    }
}
