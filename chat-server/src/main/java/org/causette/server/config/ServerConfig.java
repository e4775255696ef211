package org.causette.server.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * How the server runs: address, store, node id and site folders. Options on the command line win over
 * the environment ({@code CAUSETTE_HOST}, {@code CAUSETTE_PORT}, {@code CAUSETTE_STORE}, {@code CAUSETTE_SITES}).
 *
 * @param host     the address to listen on; default 127.0.0.1
 * @param port     default 8080; 0 picks a free port
 * @param store    {@code memory} (default) or a Redis URL ({@link RedisUrl}: one Redis, Sentinel or Cluster); it may
 *                 hold a password: show it through {@link #storeForLog()} only
 * @param nodeId   this node's name in a cluster; default a random one
 * @param sites    site folders; none: the bundled demo shop
 * @param keepAlive when sockets are pinged and when a silent one is closed; default {@link KeepAliveSettings#DEFAULTS}
 */
public record ServerConfig(String host, int port, String store, String nodeId, List<Path> sites,
                           KeepAliveSettings keepAlive) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_STORE = "memory";

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(keepAlive, "keepAlive");
        sites = List.copyOf(sites);
    }

    /** With the default keep-alive. */
    public ServerConfig(String host, int port, String store, String nodeId, List<Path> sites) {
        this(host, port, store, nodeId, sites, KeepAliveSettings.DEFAULTS);
    }

    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_STORE, randomNodeId(), List.of());
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, store, nodeId, sites, keepAlive);
    }

    public ServerConfig withKeepAlive(KeepAliveSettings newKeepAlive) {
        return new ServerConfig(host, port, store, nodeId, sites, newKeepAlive);
    }

    public ServerConfig withSites(List<Path> newSites) {
        return new ServerConfig(host, port, store, nodeId, newSites, keepAlive);
    }

    public boolean demo() {
        return sites.isEmpty();
    }

    /** The store as a log line may show it: a Redis URL's password is replaced by {@code ***}. */
    public String storeForLog() {
        return RedisUrl.redact(store);
    }

    /** Without the store's password, should a record ever be logged whole. */
    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", store=" + storeForLog() + ", nodeId=" + nodeId
                + ", sites=" + sites + ", keepAlive=" + keepAlive + "]";
    }

    private static String randomNodeId() {
        return "node-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Parses the {@code serve} options; throws {@link ConfigException} naming the option on any mistake. */
    public static ServerConfig parse(List<String> args, Map<String, String> env) {
        String host = env.getOrDefault("CAUSETTE_HOST", DEFAULT_HOST);
        String portText = env.get("CAUSETTE_PORT");
        String portSource = "CAUSETTE_PORT";
        String store = env.getOrDefault("CAUSETTE_STORE", DEFAULT_STORE);
        String storeSource = "CAUSETTE_STORE";
        String nodeId = null;
        List<Path> sites = new ArrayList<>();
        boolean sitesFromArgs = false;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (!option.startsWith("--")) {
                throw new ConfigException("command line", option, "is not an option (try --site, --host, --port, --store, --node-id)");
            }
            if (i + 1 >= args.size()) {
                throw new ConfigException("command line", option, "needs a value");
            }
            String value = args.get(++i);
            switch (option) {
                case "--site" -> {
                    sites.add(Path.of(value));
                    sitesFromArgs = true;
                }
                case "--host" -> host = value;
                case "--port" -> {
                    portText = value;
                    portSource = "--port";
                }
                case "--store" -> {
                    store = value;
                    storeSource = "--store";
                }
                case "--node-id" -> nodeId = value;
                default -> throw new ConfigException("command line", option, "is not an option (try --site, --host, --port, --store, --node-id)");
            }
        }
        if (!sitesFromArgs && env.get("CAUSETTE_SITES") != null) {
            for (String folder : env.get("CAUSETTE_SITES").split(",")) {
                if (!folder.isBlank()) {
                    sites.add(Path.of(folder.trim()));
                }
            }
        }
        int port = DEFAULT_PORT;
        if (portText != null) {
            try {
                port = Integer.parseInt(portText.trim());
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 0 || port > 65535) {
                throw new ConfigException("command line", portSource, "\"" + portText + "\" is not a port number (0-65535)");
            }
        }
        if (host.isBlank()) {
            throw new ConfigException("command line", "--host", "must not be empty");
        }
        if (!store.equals("memory")) {
            if (!RedisUrl.looksLikeRedis(store)) {
                throw new ConfigException("command line", storeSource, "\"" + RedisUrl.redact(store)
                        + "\" is not memory, redis://…, rediss://…, redis-sentinel://… or redis-cluster://…");
            }
            RedisUrl.parse(store, storeSource, env); // checked now, so a mistake stops the start with one line
        }
        if (nodeId != null && !nodeId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new ConfigException("command line", "--node-id", "\"" + nodeId + "\" must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        return new ServerConfig(host, port, store, nodeId == null ? randomNodeId() : nodeId, sites);
    }
}
