package org.causette.server.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A primary, two replicas and three sentinels (quorum 2), all real processes on free ports: what a shop with one
 * primary and failover runs. Sentinels notice a dead primary after {@link #DOWN_AFTER} and promote a replica; the
 * other replica then follows the new primary, so writes that wait for one replica ({@code ?replicas=1}) go on.
 * Sentinel is {@code redis-server --sentinel} (Debian's redis-sentinel is the same binary).
 */
public final class SentinelRedis implements AutoCloseable {
    public static final String MASTER = "causette-main";
    public static final Duration DOWN_AFTER = Duration.ofMillis(1000);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final RedisServer primary;
    private final List<RedisServer> replicas;
    private final List<Process> sentinels = new ArrayList<>();
    private final List<Integer> sentinelPorts = new ArrayList<>();
    private final Path dir;

    private SentinelRedis(RedisServer primary, List<RedisServer> replicas, Path dir) {
        this.primary = primary;
        this.replicas = replicas;
        this.dir = dir;
    }

    public static SentinelRedis start() throws Exception {
        RedisServer primary = RedisServer.start("everysec");
        List<RedisServer> replicas = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            replicas.add(RedisServer.start("everysec", List.of("--replicaof", "127.0.0.1", Integer.toString(primary.port()))));
        }
        SentinelRedis set = new SentinelRedis(primary, replicas, Files.createTempDirectory("causette-sentinel"));
        for (RedisServer replica : replicas) {
            set.awaitInSync(replica);
        }
        for (int i = 0; i < 3; i++) {
            set.startSentinel(i);
        }
        return set;
    }

    private void startSentinel(int index) throws Exception {
        int port = RedisServer.freePort();
        Path conf = dir.resolve("sentinel-" + index + ".conf");
        // Sentinel rewrites its file as it learns the topology, so each has its own, writable.
        Files.writeString(conf, String.join("\n",
                "port " + port,
                "bind 127.0.0.1",
                "dir " + dir,
                "sentinel monitor " + MASTER + " 127.0.0.1 " + primary.port() + " 2",
                "sentinel down-after-milliseconds " + MASTER + " " + DOWN_AFTER.toMillis(),
                "sentinel failover-timeout " + MASTER + " 10000",
                "sentinel parallel-syncs " + MASTER + " 1", ""));
        Process process = new ProcessBuilder("redis-server", conf.toString(), "--sentinel")
                .redirectErrorStream(true).redirectOutput(dir.resolve("sentinel-" + index + ".log").toFile()).start();
        sentinels.add(process);
        sentinelPorts.add(port);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!command(port, "PING").startsWith("+PONG")) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("sentinel " + index + " did not start: " + Files.readString(dir.resolve("sentinel-" + index + ".log")));
            }
            Thread.sleep(50);
        }
    }

    private void awaitInSync(RedisServer replica) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!command(replica.port(), "INFO replication").contains("master_link_status:up")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the replica did not sync with the primary");
            }
            Thread.sleep(50);
        }
    }

    /** The store URL: the three sentinels and the master's name, with these options ({@code ?replicas=1}, or ""). */
    public String uri(String options) {
        StringBuilder uri = new StringBuilder("redis-sentinel://");
        for (int i = 0; i < sentinelPorts.size(); i++) {
            uri.append(i == 0 ? "" : ",").append("127.0.0.1:").append(sentinelPorts.get(i));
        }
        return uri.append('/').append(MASTER).append(options.isEmpty() ? "" : "?" + options).toString();
    }

    public RedisServer primary() {
        return primary;
    }

    public List<RedisServer> replicas() {
        return replicas;
    }

    /** The port the sentinels name as the primary now. */
    public int primaryPortNow() throws IOException {
        String reply = command(sentinelPorts.get(0), "SENTINEL get-master-addr-by-name " + MASTER);
        String[] lines = reply.split("\r\n");
        return Integer.parseInt(lines[lines.length - 1]);
    }

    /** One inline command on a fresh socket, the raw reply (enough for PING, INFO and short arrays). */
    public static String command(int port, String inline) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16384];
            StringBuilder reply = new StringBuilder();
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    reply.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
                    socket.setSoTimeout(50); // the rest of a reply comes at once: the first silence ends it
                }
            } catch (java.net.SocketTimeoutException e) {
                // end of the reply (or no reply at all)
            }
            return reply.toString();
        } catch (IOException e) {
            return ""; // not listening (yet, or any more)
        }
    }

    @Override
    public void close() throws Exception {
        for (Process sentinel : sentinels) {
            sentinel.destroyForcibly();
            sentinel.waitFor(10, TimeUnit.SECONDS);
        }
        for (RedisServer replica : replicas) {
            replica.close();
        }
        primary.close();
    }
}
