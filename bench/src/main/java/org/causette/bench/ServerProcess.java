package org.causette.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server under test, in its own process: started, watched (RSS, CPU, heap) and stopped by the tool.
 * Everything it prints goes to a log file next to the results.
 */
final class ServerProcess implements AutoCloseable {
    /** Linux's USER_HZ: /proc/PID/stat counts CPU time in these ticks. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static ServerProcess start(String name, List<String> command, int port, Path log, int timeoutSeconds)
            throws IOException, InterruptedException {
        return start(name, command, port, log, timeoutSeconds, java.util.Map.of());
    }

    /** @param environment set for the server before the defaults below (the soak keeps the hub's own limits) */
    static ServerProcess start(String name, List<String> command, int port, Path log, int timeoutSeconds,
                               java.util.Map<String, String> environment) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        // The load comes from one address: the hub's per-address limits (docs/security.md) would refuse most of it.
        // A run that sets them itself keeps its own values.
        builder.environment().putIfAbsent("CAUSETTE_MAX_CONNECTIONS_PER_ADDRESS", "0");
        builder.environment().putIfAbsent("CAUSETTE_NEW_VISITORS_PER_ADDRESS", "0");
        Process process = builder.start();
        ServerProcess server = new ServerProcess(name, process, port, log);
        Bench.info("started " + name + " (pid " + process.pid() + "): " + String.join(" ", command));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before serving; its log ends:\n"
                        + server.logTail(15));
            }
            if (server.httpGet("/healthz").startsWith("{")) {
                return server;
            }
            Thread.sleep(250);
        }
        server.close();
        throw new IllegalStateException(name + " did not answer /healthz within " + timeoutSeconds + " s; its log ends:\n"
                + server.logTail(15));
    }

    static List<String> javaCommand(List<String> jvmOptions, List<String> launch) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(launch);
        return command;
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Resident memory from /proc/PID/status (VmRSS), in bytes. */
    long rssBytes() {
        return statusField(process.pid(), "VmRSS:") * 1024;
    }

    int threads() {
        return (int) statusField(process.pid(), "Threads:");
    }

    static long statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** User plus system CPU time used so far, in nanoseconds. */
    long cpuNanos() {
        return cpuNanos(process.pid());
    }

    static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name may hold spaces: fields are counted after its closing parenthesis.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** {@code jvm_memory_used_bytes{area="heap"}} from the server's /metrics, or -1. */
    long heapUsedBytes() {
        return Metrics.heapUsed(httpGet("/metrics"));
    }

    /** A full GC in the server ({@code jcmd PID GC.run}), so that memory figures count live objects only. */
    void fullGc() {
        jcmd("GC.run");
    }

    /** @return what jcmd printed */
    String jcmd(String... command) {
        List<String> full = new ArrayList<>();
        full.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        full.add(Long.toString(process.pid()));
        full.addAll(List.of(command));
        try {
            Process jcmd = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(120, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                Bench.info("jcmd " + String.join(" ", command) + " failed: " + output.trim());
            }
            return output;
        } catch (IOException e) {
            Bench.info("jcmd failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    String httpGet(String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(5000);
            try (InputStream in = connection.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return "";
        }
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Bench.info("stopped " + name);
    }

    /** Reads the one figure we need from Prometheus text. */
    static final class Metrics {
        private Metrics() {
        }

        static long heapUsed(String text) {
            for (String line : text.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{area=\"heap\"}")) {
                    return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
                }
            }
            return -1;
        }
    }
}
