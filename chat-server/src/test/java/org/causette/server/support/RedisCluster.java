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
    /** Redis Cluster's bus listens on the node's port + 10000. */
    private static final int BUS_OFFSET = 10_000;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final List<RedisServer> nodes;

    private RedisCluster(List<RedisServer> nodes) {
        this.nodes = nodes;
    }

    public static RedisCluster start() throws Exception {
        List<RedisServer> nodes = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            Path dir = Files.createTempDirectory("causette-cluster");
            nodes.add(RedisServer.start(freeNodePort(), "everysec", dir, List.of("--cluster-enabled", "yes",
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

    /** A free port whose cluster bus port (port + 10000) is free too. */
    private static int freeNodePort() throws java.io.IOException {
        while (true) {
            int port = RedisServer.freePort();
            if (port + BUS_OFFSET < 65536) {
                try (java.net.ServerSocket bus = new java.net.ServerSocket(port + BUS_OFFSET)) {
                    return port;
                } catch (java.io.IOException taken) {
                    // try another
                }
            }
        }
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

    /** The node (a RedisServer of this cluster) on that port. */
    public RedisServer node(int port) {
        return nodes.stream().filter(n -> n.port() == port).findFirst().orElseThrow();
    }

    /**
     * A replica of the primary on that port, as the primary's CLUSTER NODES tells; waits for it, since a fresh
     * cluster is "ok" (every slot served) before every primary has heard of its replica.
     */
    public int replicaOf(int primaryPort) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            try {
                return replicaNow(primaryPort);
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private int replicaNow(int primaryPort) {
        String primaryId = SentinelRedis.command(primaryPort, "CLUSTER MYID").lines()
                .filter(l -> !l.startsWith("$") && !l.isBlank()).findFirst().orElseThrow().trim();
        for (String line : SentinelRedis.command(primaryPort, "CLUSTER NODES").split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length > 3 && fields[2].contains("slave") && fields[3].equals(primaryId)) {
                String address = fields[1];
                return Integer.parseInt(address.substring(address.indexOf(':') + 1, address.indexOf('@')));
            }
        }
        throw new IllegalStateException("no replica of " + primaryPort);
    }

    /**
     * A graceful failover of the slot's primary to its replica, asked again when an election finds no majority (the
     * other primaries of a cluster a few seconds old may not vote in its first epoch; the replica's log then says
     * "Waiting for votes, but majority still not reached" and the manual failover times out after 5 s).
     *
     * @return the new primary's port
     */
    public int failover(int slot) throws InterruptedException {
        int replica = replicaOf(primaryOf(slot));
        IllegalStateException last = null;
        for (int attempt = 0; attempt < FAILOVER_ATTEMPTS; attempt++) {
            SentinelRedis.command(replica, "CLUSTER FAILOVER");
            try {
                awaitPrimary(slot, replica, FAILOVER_WAIT);
                return replica;
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    private static final int FAILOVER_ATTEMPTS = 3;
    /** A manual failover gives up after 5 s of no majority: a little more, then ask again. */
    private static final Duration FAILOVER_WAIT = Duration.ofSeconds(8);

    /** Waits until the slot's primary is {@code port} (after a failover). */
    public void awaitPrimary(int slot, int port) throws InterruptedException {
        awaitPrimary(slot, port, READY_TIMEOUT);
    }

    private void awaitPrimary(int slot, int port, Duration timeout) throws InterruptedException {
        // (the node's log goes into the failure: an election that does not happen says why there)
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (primaryOf(slot) == port && SentinelRedis.command(port, "CLUSTER INFO").contains("cluster_state:ok")) {
                    return;
                }
            } catch (IllegalStateException e) {
                // no primary for it at this instant: the election runs
            }
            if (System.nanoTime() > deadline) {
                String log;
                try {
                    List<String> lines = Files.readAllLines(node(port).dir().resolve("redis.log"));
                    log = String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
                } catch (java.io.IOException e) {
                    log = e.toString();
                }
                throw new IllegalStateException("slot " + slot + " did not move to " + port + "; its log ends:\n" + log);
            }
            Thread.sleep(100);
        }
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
