package org.causette.server.support;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (from the PATH) on a free port, with its data in a temporary folder and AOF on, so a
 * stop and start on the same port keeps what was written. No mock: the tests see Redis as production does.
 */
public final class RedisServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final int port;
    private final Path dir;
    private final String appendFsync;
    private final List<String> extraArgs;
    private Process process;

    private RedisServer(int port, Path dir, String appendFsync, List<String> extraArgs) {
        this.port = port;
        this.dir = dir;
        this.appendFsync = appendFsync;
        this.extraArgs = List.copyOf(extraArgs);
    }

    /**
     * Starts a fresh server with {@code appendfsync always}: a test that stops Redis right after an ack must find the
     * write again.
     */
    public static RedisServer start() throws IOException, InterruptedException {
        return start("always");
    }

    /** Starts a fresh server with AOF on and that fsync policy ({@code always}, {@code everysec}, {@code no}). */
    public static RedisServer start(String appendFsync) throws IOException, InterruptedException {
        return start(appendFsync, List.of());
    }

    /**
     * Starts a fresh server with these options after the usual ones ({@code --requirepass …}, {@code --tls-port …},
     * {@code --replicaof …}); {@code dir} is where the test put files the options name (certificates).
     */
    public static RedisServer start(String appendFsync, List<String> extraArgs) throws IOException, InterruptedException {
        return start(appendFsync, Files.createTempDirectory("causette-redis"), extraArgs);
    }

    public static RedisServer start(String appendFsync, Path dir, List<String> extraArgs) throws IOException, InterruptedException {
        return start(freePort(), appendFsync, dir, extraArgs);
    }

    public static RedisServer start(int port, String appendFsync, Path dir, List<String> extraArgs) throws IOException, InterruptedException {
        requireInstalled();
        RedisServer server = new RedisServer(port, dir, appendFsync, extraArgs);
        server.startAgain();
        return server;
    }

    /** Its data folder (the AOF, redis.log, and what the test put there). */
    public Path dir() {
        return dir;
    }

    /**
     * In CI (.ci/run installs redis-server) a missing server is a failure; on a developer's machine without it, the
     * Redis tests are skipped with a hint rather than failing the whole build.
     */
    private static void requireInstalled() {
        boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "redis-server")));
        if (!found) {
            String hint = "redis-server is not on the PATH (apt-get install redis-server)";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(hint);
            }
            Assumptions.abort(hint + ": Redis tests skipped");
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** The running server's process id (benchmarks read its CPU time from /proc). */
    public synchronized long pid() {
        return process.pid();
    }

    /** (Re)starts on the same port and data folder: what was written before a stop is back (AOF). */
    public synchronized void startAgain() throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--appendonly", "yes",
                "--appendfsync", appendFsync, "--protected-mode", "no", "--daemonize", "no"));
        command.addAll(extraArgs);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited: " + Files.readString(dir.resolve("redis.log")));
            }
            if (answersPing()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("redis-server did not answer on port " + port + " within " + START_TIMEOUT);
    }

    private boolean answersPing() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7];
            int n = in.read(reply);
            String answer = n > 0 ? new String(reply, 0, n, StandardCharsets.US_ASCII) : "";
            // A server with a password answers NOAUTH: it is up, which is all this asks.
            return answer.startsWith("+PONG") || answer.startsWith("-NOAUTH");
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the server at once (SIGKILL): what was acknowledged is in the AOF (with fsync always, as tests use). */
    public synchronized void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        deleteTree(dir.toFile());
    }

    private static void deleteTree(File file) {
        File[] children = file.listFiles();
        if (children != null) {
            for (File child : children) {
                deleteTree(child);
            }
        }
        file.delete();
    }
}
