package org.causette.server.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis Cluster on free ports: six {@code redis-server --cluster-enabled yes}, joined by
 * {@code redis-cli --cluster create … --cluster-replicas 1}: three primaries (slots 0–5460, 5461–10922,
 * 10923–16383) and a replica each. Meant to be started once per test class (a few seconds).
 */
public final class RedisCluster implements AutoCloseable {
    public static final int NODES = 6;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final List<RedisServer> nodes;

    private RedisCluster(List<RedisServer> nodes) {
        this.nodes = nodes;
    }

    public static RedisCluster start() throws Exception {
        List<RedisServer> nodes = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            Path dir = Files.createTempDirectory("causette-cluster");
            nodes.add(RedisServer.start("everysec", dir, List.of("--cluster-enabled", "yes",
                    "--cluster-config-file", dir.resolve("nodes.conf").toString(), "--cluster-node-timeout", "2000")));
        }
        RedisCluster cluster = new RedisCluster(nodes);
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        nodes.forEach(n -> create.add("127.0.0.1:" + n.port()));
        create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        Process process = new ProcessBuilder(create).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            cluster.close();
            throw new IllegalStateException("redis-cli --cluster create failed: " + output);
        }
        cluster.awaitOk();
        return cluster;
    }

    /** Every node says the cluster is ok (all slots served) — create returns before the others have heard. */
    private void awaitOk() throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        for (RedisServer node : nodes) {
            while (!SentinelRedis.command(node.port(), "CLUSTER INFO").contains("cluster_state:ok")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the cluster did not turn ok within " + READY_TIMEOUT);
                }
                Thread.sleep(100);
            }
        }
    }

    /** The store URL with every node as a seed. */
    public String uri() {
        StringBuilder uri = new StringBuilder("redis-cluster://");
        for (int i = 0; i < nodes.size(); i++) {
            uri.append(i == 0 ? "" : ",").append("127.0.0.1:").append(nodes.get(i).port());
        }
        return uri.toString();
    }

    public List<RedisServer> nodes() {
        return nodes;
    }

    /** The port of the primary that serves this slot now (each node's own line of CLUSTER NODES). */
    public int primaryOf(int slot) {
        for (RedisServer node : nodes) {
            if (ownsSlot(node.port(), slot)) {
                return node.port();
            }
        }
        throw new IllegalStateException("no primary owns slot " + slot);
    }

    private static boolean ownsSlot(int port, int slot) {
        String nodesText = SentinelRedis.command(port, "CLUSTER NODES");
        for (String line : nodesText.split("\n")) {
            if (!line.contains("myself") || !line.contains("master")) {
                continue;
            }
            String[] fields = line.trim().split(" ");
            for (int i = 8; i < fields.length; i++) {
                String range = fields[i];
                if (range.startsWith("[")) {
                    continue;
                }
                int dash = range.indexOf('-');
                int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
                int to = Integer.parseInt(dash < 0 ? range : range.substring(dash + 1));
                if (slot >= from && slot <= to) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void close() throws Exception {
        for (RedisServer node : nodes) {
            node.close();
        }
    }
}
