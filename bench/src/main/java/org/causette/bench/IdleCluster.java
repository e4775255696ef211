package org.causette.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Idle visitors spread evenly over several hub nodes of one cluster (one Redis), each node with a client process of
 * its own ({@link IdleClientMain}). It exists because one process here may hold at most 20,000 open files and the
 * limit cannot be raised: 100,000 idle visitors need six servers and six clients. Memory per socket is the nodes'
 * summed growth over their summed baselines, divided by the sockets open; each node is measured as in the one-node
 * run (a full GC, then RSS and live heap).
 */
final class IdleCluster {
    /** A node's visitors per step, at most: its sockets plus its own files (jars, logs, Redis connections). */
    private static final int FILES_KEPT_FOR_THE_JVM = 300;

    private final Bench bench;
    private final Options options;
    private final Path out;

    IdleCluster(Bench bench, Options options, Path out) {
        this.bench = bench;
        this.options = options;
        this.out = out;
    }

    List<Results.Idle> run(int nodes, List<Integer> totals, List<String> notes) throws Exception {
        long perProcess = Machine.openFilesLimit() - FILES_KEPT_FOR_THE_JVM;
        int settle = options.integer("settle", 5);
        List<ServerProcess> hubs = new ArrayList<>();
        List<ClientProcess> clients = new ArrayList<>();
        List<Results.Idle> results = new ArrayList<>();
        try {
            for (int i = 0; i < nodes; i++) {
                hubs.add(bench.startHubNode(options.integer("port", 18080) + 2 * i, "bench-node-" + (i + 1), i == 0));
            }
            for (int i = 0; i < nodes; i++) {
                clients.add(ClientProcess.start(i, hubs.get(i).port(), options, out));
            }
            // Warm every node's paths once (classes, pools), then measure from collected baselines.
            openOnEach(clients, 200 * nodes);
            clients.forEach(c -> c.send("close"));
            clients.forEach(ClientProcess::awaitOpen);
            Thread.sleep(2000);
            hubs.forEach(ServerProcess::fullGc);
            Thread.sleep(2000);
            long baseRss = 0;
            long baseHeap = 0;
            for (ServerProcess hub : hubs) {
                baseRss += hub.rssBytes();
                baseHeap += hub.heapUsedBytes();
            }
            Bench.info(String.format(java.util.Locale.ROOT, "idle sockets against %d hub nodes: baseline RSS %d MiB, heap %d MiB (all nodes)",
                    nodes, baseRss >> 20, baseHeap >> 20));
            for (int total : totals) {
                int share = (total + nodes - 1) / nodes; // the most any node gets
                if (share > perProcess) {
                    notes.add("idle step " + total + " skipped: " + share + " sockets per node is above the open-files limit of "
                            + (perProcess + FILES_KEPT_FOR_THE_JVM) + " per process; use more --nodes");
                    continue;
                }
                long started = System.nanoTime();
                int open = openOnEach(clients, total);
                Bench.info(String.format(java.util.Locale.ROOT, "  %d open on %d nodes after %.1f s", open, nodes,
                        (System.nanoTime() - started) / 1e9));
                if (open == 0) {
                    notes.add("no idle socket could be opened on " + nodes + " nodes: see idle-client-*.log and the nodes' logs");
                    break;
                }
                Thread.sleep(TimeUnit.SECONDS.toMillis(settle));
                hubs.forEach(ServerProcess::fullGc);
                Thread.sleep(2000);
                long rss = 0;
                long heap = 0;
                int threads = 0;
                for (ServerProcess hub : hubs) {
                    rss += hub.rssBytes();
                    heap += hub.heapUsedBytes();
                    threads += hub.threads();
                }
                Results.Idle previous = results.isEmpty() ? null : results.get(results.size() - 1);
                Double marginalRss = null;
                Double marginalHeap = null;
                if (previous != null && open > previous.connections()) {
                    double added = open - previous.connections();
                    marginalRss = Bench.round((rss - previous.serverRssBytes()) / added);
                    marginalHeap = Bench.round((heap - previous.serverHeapBytes()) / added);
                }
                // The clients are other processes here: their memory is not read (0).
                Results.Idle idle = new Results.Idle("hub×" + nodes, open, rss, heap, baseRss, baseHeap,
                        Bench.round((rss - baseRss) / (double) open), Bench.round((heap - baseHeap) / (double) open), 0,
                        marginalRss, marginalHeap, threads, Machine.sockstat(), Machine.loadAverage());
                results.add(idle);
                Bench.info(String.format(java.util.Locale.ROOT, "  hub×%d %d idle: RSS %d MiB → %.2f KiB/socket, heap %.2f KiB/socket%s",
                        nodes, open, rss >> 20, idle.rssPerConnection() / 1024, idle.heapPerConnection() / 1024,
                        bench.redisRss() > 0 ? ", redis-server RSS " + (bench.redisRss() >> 20) + " MiB" : ""));
                if (bench.redisRss() > 0) {
                    notes.add(String.format(java.util.Locale.ROOT, "%d idle sockets: redis-server RSS %d MiB (the visitors' records; not in the hub's figures)",
                            open, bench.redisRss() >> 20));
                }
                if (open < total * 0.95) {
                    notes.add("only " + open + " of " + total + " idle sockets could be opened on " + nodes + " nodes");
                    break;
                }
            }
        } finally {
            clients.forEach(ClientProcess::close);
            hubs.forEach(ServerProcess::close);
        }
        return results;
    }

    /**
     * Asks the clients for {@code total} open visitors in all, spread evenly (the first ones take the remainder), at
     * once, then waits for all: the nodes fill in parallel.
     */
    private static int openOnEach(List<ClientProcess> clients, int total) {
        for (int i = 0; i < clients.size(); i++) {
            clients.get(i).send("open " + (total / clients.size() + (i < total % clients.size() ? 1 : 0)));
        }
        int open = 0;
        for (ClientProcess client : clients) {
            open += client.awaitOpen();
        }
        return open;
    }

    /** An {@link IdleClientMain} process, driven over its standard input and output. */
    private static final class ClientProcess implements AutoCloseable {
        private final Process process;
        private final BufferedWriter commands;
        private final BufferedReader answers;

        private ClientProcess(Process process) {
            this.process = process;
            this.commands = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
            this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        static ClientProcess start(int index, int port, Options options, Path out) throws IOException {
            List<String> command = ServerProcess.javaCommand(List.of("-Xmx1g"), List.of("-cp", Bench.selfJar(),
                    IdleClientMain.class.getName(), "--port", Integer.toString(port),
                    "--site", options.string("site", "demo"),
                    "--source-addrs", Integer.toString(options.integer("source-addrs", 4)),
                    "--connect-parallel", Integer.toString(options.integer("connect-parallel", 256))));
            java.nio.file.Files.createDirectories(out);
            Process process = new ProcessBuilder(command)
                    .redirectError(out.resolve("idle-client-" + (index + 1) + ".log").toFile()).start();
            Bench.info("started idle client " + (index + 1) + " (pid " + process.pid() + ") for port " + port);
            return new ClientProcess(process);
        }

        void send(String command) {
            try {
                commands.write(command);
                commands.newLine();
                commands.flush();
            } catch (IOException e) {
                throw new IllegalStateException("idle client " + process.pid() + " is gone: " + e.getMessage(), e);
            }
        }

        /** Reads up to the client's next "open N" (it may print progress lines before). */
        int awaitOpen() {
            try {
                String line;
                while ((line = answers.readLine()) != null) {
                    if (line.startsWith("open ")) {
                        return Integer.parseInt(line.substring(5).trim());
                    }
                    if (line.startsWith("error ")) {
                        throw new IllegalStateException("idle client " + process.pid() + ": " + line);
                    }
                }
                throw new IllegalStateException("idle client " + process.pid() + " ended");
            } catch (IOException e) {
                throw new IllegalStateException("idle client " + process.pid() + " is gone: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                commands.close(); // end of input: it closes its sockets and exits
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
