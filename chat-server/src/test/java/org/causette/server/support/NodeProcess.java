package org.causette.server.support;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Causette node in a process of its own, launched from this JVM's class path (no jar needed, so it runs in the
 * test phase), for what only a real process shows: kill -9 and restart.
 */
public final class NodeProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String storeUri;
    private final String nodeId;
    private final int port;
    private final Path log;
    private Process process;

    private NodeProcess(String storeUri, String nodeId, int port) throws IOException {
        this.storeUri = storeUri;
        this.nodeId = nodeId;
        this.port = port;
        this.log = Files.createTempFile("causette-" + nodeId, ".log");
    }

    /** Starts a node and waits until it is ready. */
    public static NodeProcess start(String storeUri, String nodeId) throws Exception {
        NodeProcess node = new NodeProcess(storeUri, nodeId, RedisServer.freePort());
        node.startAgain();
        return node;
    }

    public int port() {
        return port;
    }

    /** (Re)starts on the same port and waits for /readyz 200. */
    public void startAgain() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath,
                "org.causette.server.Main", "--port", Integer.toString(port), "--store", storeUri,
                "--node-id", nodeId, "--site", TestSites.testShop().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(TestSites.ENV);
        process = builder.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + nodeId + " exited: " + Files.readString(log));
            }
            if (readyz() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("node " + nodeId + " not ready within " + START_TIMEOUT + ": " + Files.readString(log));
    }

    /** The /readyz status, or -1 when nothing answers. */
    public int readyz() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** kill -9: no shutdown hook, no goodbye to anyone. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws Exception {
        kill();
        new File(log.toString()).delete();
    }
}
