package org.causette.server.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Redis store's {@code --store} URL, parsed and checked before anything connects:
 * <pre>
 *   redis://[USER[:PASSWORD]@]HOST:PORT[/DB][?OPTIONS]                   one Redis
 *   redis-sentinel://[USER[:PASSWORD]@]HOST:PORT[,HOST:PORT…]/MASTER[/DB][?OPTIONS]   a primary found through Sentinel
 *   redis-cluster://[USER[:PASSWORD]@]HOST:PORT[,HOST:PORT…][?OPTIONS]   Redis Cluster (seed nodes)
 * </pre>
 * {@code rediss}, {@code rediss-sentinel} and {@code rediss-cluster} are the same over TLS. PASSWORD may be
 * {@code env:NAME} (read from the environment variable NAME); without one in the URL, {@code CAUSETTE_REDIS_PASSWORD}
 * (and {@code CAUSETTE_REDIS_USER} for the user) are used when set. User and password may be percent-encoded.
 * Options, {@code &}-separated: {@code ca=FILE} (PEM certificates to trust for TLS instead of the JVM's trust store),
 * {@code replicas=N} and {@code replicaTimeoutMs=MS} (an ack waits until N replicas have the write: the durability
 * option, docs/scaling.md).
 *
 * <p>The password never appears in {@link #toString()} nor in any error this class throws: both show the URL with
 * {@code ***} in its place, so a log line or a start failure cannot leak it.
 *
 * @param masterName the Sentinel master name (sentinel topology only, else null)
 * @param password   the password, already read from the environment if it was {@code env:NAME}; null for none
 * @param caFile     PEM file of the certificates to trust, or null for the JVM's trust store
 * @param replicas   replicas an ack waits for (0: the ack follows the primary's write, Redis's asynchronous replication)
 */
public record RedisUrl(Topology topology, List<Node> nodes, String masterName, int database, String user,
                       String password, boolean tls, Path caFile, int replicas, Duration replicaTimeout) {

    /** How the Redis behind the URL is laid out. */
    public enum Topology { SINGLE, SENTINEL, CLUSTER }

    /** One host and port of the URL. */
    public record Node(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    public static final String PASSWORD_VARIABLE = "CAUSETTE_REDIS_PASSWORD";
    public static final String USER_VARIABLE = "CAUSETTE_REDIS_USER";
    /** The prefix of a value read from the environment, as in site files. */
    public static final String ENV_PREFIX = "env:";
    /** Redis has 16 databases unless configured otherwise; a larger number is almost surely a typo. */
    public static final int MAX_DATABASE = 15;
    /** Sentinel and cluster URLs name at most this many nodes (a seed list, not an inventory). */
    public static final int MAX_NODES = 32;
    public static final int MAX_REPLICAS = 16;
    /** How long an ack waits for the replicas when {@code replicaTimeoutMs} is not given. */
    public static final Duration DEFAULT_REPLICA_TIMEOUT = Duration.ofMillis(500);
    public static final Duration MAX_REPLICA_TIMEOUT = Duration.ofSeconds(10);
    private static final String FORMS = "redis://[user:password@]HOST:PORT[/DB], rediss://…, "
            + "redis-sentinel://HOST:PORT[,HOST:PORT]/MASTER or redis-cluster://HOST:PORT[,HOST:PORT]";

    public RedisUrl {
        Objects.requireNonNull(topology, "topology");
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(replicaTimeout, "replicaTimeout");
    }

    /** Whether the text is meant as a Redis URL at all (the store is otherwise {@code memory}). */
    public static boolean looksLikeRedis(String text) {
        return text.startsWith("redis://") || text.startsWith("rediss://") || text.startsWith("redis-")
                || text.startsWith("rediss-");
    }

    /** Parses {@code text}; {@code source} names the option or variable it came from, for the error. */
    public static RedisUrl parse(String text, String source, Map<String, String> env) {
        Objects.requireNonNull(text, "text");
        int schemeEnd = text.indexOf("://");
        if (schemeEnd < 0) {
            throw bad(source, text, "is not " + FORMS);
        }
        String scheme = text.substring(0, schemeEnd);
        boolean tls;
        Topology topology;
        switch (scheme) {
            case "redis" -> { tls = false; topology = Topology.SINGLE; }
            case "rediss" -> { tls = true; topology = Topology.SINGLE; }
            case "redis-sentinel" -> { tls = false; topology = Topology.SENTINEL; }
            case "rediss-sentinel" -> { tls = true; topology = Topology.SENTINEL; }
            case "redis-cluster" -> { tls = false; topology = Topology.CLUSTER; }
            case "rediss-cluster" -> { tls = true; topology = Topology.CLUSTER; }
            default -> throw bad(source, text, "has scheme \"" + scheme + "\"; expected " + FORMS);
        }
        String rest = text.substring(schemeEnd + 3);
        String query = "";
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        // The last '@' ends the user part: a percent-encoded password may not hold one, a raw one might.
        String user = null;
        String password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            String rawUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
            user = rawUser.isEmpty() ? null : decode(rawUser, source, text, "the user");
            if (colon >= 0) {
                password = secret(decode(userInfo.substring(colon + 1), source, text, "the password"), source, text, env);
            }
        }
        if (password == null) {
            String fromEnv = env.get(PASSWORD_VARIABLE);
            if (fromEnv != null && !fromEnv.isEmpty()) {
                password = fromEnv;
                if (user == null) {
                    String envUser = env.get(USER_VARIABLE);
                    user = envUser == null || envUser.isEmpty() ? null : envUser;
                }
            }
        }
        int slash = rest.indexOf('/');
        String hosts = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        List<Node> nodes = nodes(hosts, topology, source, text);
        String masterName = null;
        int database = 0;
        switch (topology) {
            case SINGLE -> database = database(path, source, text);
            case SENTINEL -> {
                int next = path.indexOf('/');
                masterName = next < 0 ? path : path.substring(0, next);
                if (!validMasterName(masterName)) {
                    throw bad(source, text, "needs the master's name after the sentinels (…/MASTER), "
                            + "1 to 64 letters, digits, '.', '_' or '-'");
                }
                database = database(next < 0 ? "" : path.substring(next + 1), source, text);
            }
            case CLUSTER -> {
                if (!path.isEmpty() && !path.equals("0")) {
                    throw bad(source, text, "names a database, and Redis Cluster has only database 0");
                }
            }
        }
        Path caFile = null;
        int replicas = 0;
        Duration replicaTimeout = DEFAULT_REPLICA_TIMEOUT;
        if (!query.isEmpty()) {
            for (String option : query.split("&", -1)) {
                int eq = option.indexOf('=');
                String name = eq < 0 ? option : option.substring(0, eq);
                String value = eq < 0 ? "" : decode(option.substring(eq + 1), source, text, "option " + name);
                switch (name) {
                    case "ca" -> {
                        if (value.isEmpty()) {
                            throw bad(source, text, "option ca needs a file");
                        }
                        caFile = Path.of(value);
                    }
                    case "replicas" -> replicas = number(value, 0, MAX_REPLICAS, "option replicas", source, text);
                    case "replicaTimeoutMs" -> replicaTimeout = Duration.ofMillis(number(value, 1,
                            (int) MAX_REPLICA_TIMEOUT.toMillis(), "option replicaTimeoutMs", source, text));
                    default -> throw bad(source, text, "has an unknown option \"" + name
                            + "\" (known: ca, replicas, replicaTimeoutMs)");
                }
            }
        }
        if (caFile != null && !tls) {
            throw bad(source, text, "option ca is for TLS: use " + (scheme.startsWith("redis-") ? "rediss-" + scheme.substring(6) : "rediss") + "://");
        }
        return new RedisUrl(topology, nodes, masterName, database, user, password, tls, caFile, replicas, replicaTimeout);
    }

    private static List<Node> nodes(String hosts, Topology topology, String source, String text) {
        String[] parts = hosts.split(",", -1);
        if (topology == Topology.SINGLE && parts.length != 1) {
            throw bad(source, text, "names several hosts: use redis-sentinel:// or redis-cluster:// for that");
        }
        if (parts.length > MAX_NODES) {
            throw bad(source, text, "names more than " + MAX_NODES + " nodes");
        }
        List<Node> nodes = new ArrayList<>(parts.length);
        for (String part : parts) {
            int colon = part.lastIndexOf(':');
            String host = colon < 0 ? part : part.substring(0, colon);
            if (host.isEmpty() || colon < 0 || !validHost(host)) {
                throw bad(source, text, "needs HOST:PORT, found \"" + part + "\"");
            }
            int port = number(part.substring(colon + 1), 1, 65535, "port", source, text);
            nodes.add(new Node(host, port));
        }
        return nodes;
    }

    private static boolean validHost(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static boolean validMasterName(String name) {
        return !name.isEmpty() && name.length() <= 64 && validHost(name);
    }

    private static int database(String path, String source, String text) {
        return path.isEmpty() ? 0 : number(path, 0, MAX_DATABASE, "the database", source, text);
    }

    private static int number(String value, int min, int max, String what, String source, String text) {
        if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw bad(source, text, what + " \"" + value + "\" is not a number");
        }
        int n = Integer.parseInt(value);
        if (n < min || n > max) {
            throw bad(source, text, what + " " + n + " is not between " + min + " and " + max);
        }
        return n;
    }

    private static String secret(String value, String source, String text, Map<String, String> env) {
        if (!value.startsWith(ENV_PREFIX)) {
            return value;
        }
        String name = value.substring(ENV_PREFIX.length());
        String found = env.get(name);
        if (found == null || found.isEmpty()) {
            throw bad(source, text, "reads its password from the environment variable " + name + ", which is not set");
        }
        return found;
    }

    /** Percent-decoding (RFC 3986), linear; a '%' not followed by two hex digits is an error. */
    private static String decode(String value, String source, String text, String what) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '%') {
                out.write(bytes[i]);
                continue;
            }
            int hi = i + 2 < bytes.length ? Character.digit(bytes[i + 1], 16) : -1;
            int lo = i + 2 < bytes.length ? Character.digit(bytes[i + 2], 16) : -1;
            if (hi < 0 || lo < 0) {
                throw bad(source, text, what + " has a '%' that is not followed by two hex digits");
            }
            out.write(hi * 16 + lo);
            i += 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The URL as given with the password replaced: all an error may show of it. */
    public static String redact(String text) {
        int schemeEnd = text.indexOf("://");
        int at = text.lastIndexOf('@');
        if (schemeEnd < 0 || at < schemeEnd) {
            return text;
        }
        int colon = text.indexOf(':', schemeEnd + 3);
        if (colon < 0 || colon > at) {
            return text;
        }
        return text.substring(0, colon + 1) + "***" + text.substring(at);
    }

    private static ConfigException bad(String source, String text, String problem) {
        return new ConfigException("command line", source, "\"" + redact(text) + "\" " + problem);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(tls ? "rediss" : "redis");
        out.append(switch (topology) {
            case SINGLE -> "";
            case SENTINEL -> "-sentinel";
            case CLUSTER -> "-cluster";
        }).append("://");
        if (user != null || password != null) {
            out.append(user == null ? "" : user).append(password == null ? "" : ":***").append('@');
        }
        for (int i = 0; i < nodes.size(); i++) {
            out.append(i == 0 ? "" : ",").append(nodes.get(i));
        }
        if (masterName != null) {
            out.append('/').append(masterName);
        }
        if (topology != Topology.CLUSTER) {
            out.append('/').append(database);
        }
        List<String> options = new ArrayList<>();
        if (caFile != null) {
            options.add("ca=" + caFile);
        }
        if (replicas > 0) {
            options.add("replicas=" + replicas);
            options.add("replicaTimeoutMs=" + replicaTimeout.toMillis());
        }
        if (!options.isEmpty()) {
            out.append('?').append(String.join("&", options));
        }
        return out.toString();
    }
}
