package org.causette.server.store.redis;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script run by its SHA-1 (EVALSHA), sent whole only when Redis does not know it yet (first use, or after a
 * Redis restart emptied its script cache). Scripts are {@code .lua} resources beside this class, under {@code lua/}.
 */
final class LuaScript {
    /**
     * A line {@code --@include NAME ARG1 ARG2 …} is replaced by the resource NAME with {@code $1}, {@code $2} … replaced
     * by the arguments: a fragment shared by several scripts (how a stored clientId is read) is written once.
     */
    private static final String INCLUDE = "--@include ";
    private static final String DIRECTORY = "lua/";

    private final String source;
    private final String sha;
    private final byte[] sourceBytes;
    private final byte[] shaBytes;

    LuaScript(String source) {
        this.source = source;
        try {
            this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.sourceBytes = source.getBytes(StandardCharsets.UTF_8);
        this.shaBytes = sha.getBytes(StandardCharsets.US_ASCII);
    }

    /** The script in the resource {@code lua/NAME}, its includes expanded; a missing resource is a broken build. */
    static LuaScript load(String name) {
        return new LuaScript(read(name));
    }

    private static String read(String name) {
        String text;
        try (InputStream in = LuaScript.class.getResourceAsStream(DIRECTORY + name)) {
            if (in == null) {
                throw new IllegalStateException("Lua script " + DIRECTORY + name + " is not among the resources");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Lua script " + DIRECTORY + name + " could not be read", e);
        }
        StringBuilder expanded = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            if (!line.startsWith(INCLUDE)) {
                expanded.append(line).append('\n');
                continue;
            }
            String[] words = line.substring(INCLUDE.length()).trim().split(" ");
            String fragment = read(words[0]);
            for (int i = words.length - 1; i >= 1; i--) { // $10 before $1, should a fragment ever take ten
                fragment = fragment.replace("$" + i, words[i]);
            }
            expanded.append(fragment);
        }
        return expanded.substring(0, expanded.length() - 1); // the split gave one more line than the text had ends
    }

    Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
        try {
            return redis.evalsha(sha, keys, args);
        } catch (JedisNoScriptException e) {
            return redis.eval(source, keys, args);
        }
    }

    /**
     * The same with binary keys, arguments and replies (bulk replies come back as {@code byte[]}): on the hot path the
     * JSON Jackson writes as UTF-8 goes to Redis as it is, instead of through a String that Jedis encodes again (slow for
     * text outside Latin-1, such as a price in euros).
     */
    Object runBinary(UnifiedJedis redis, List<byte[]> keys, List<byte[]> args) {
        try {
            return redis.evalsha(shaBytes, keys, args);
        } catch (JedisNoScriptException e) {
            return redis.eval(sourceBytes, keys, args);
        }
    }

    /** A script's reply and how many replicas had its writes when WAIT returned. */
    record Waited(Object reply, long replicas) {
    }

    /**
     * Runs the script and {@code WAIT replicas timeout} in one pipeline, hence on one connection (WAIT counts the
     * replicas that have this connection's writes) and in one round trip: the reply comes back once the replicas have
     * the write or the time is up. The first key routes both under Redis Cluster.
     */
    Waited runWaiting(UnifiedJedis redis, List<String> keys, List<String> args, int replicas, long timeoutMillis) {
        try {
            return pipelined(redis, keys.get(0), replicas, timeoutMillis, p -> p.evalsha(sha, keys, args));
        } catch (JedisDataException e) {
            if (!isNoScript(e)) {
                throw e;
            }
            return pipelined(redis, keys.get(0), replicas, timeoutMillis, p -> p.eval(source, keys, args));
        }
    }

    /** {@link #runWaiting} with binary keys, arguments and replies. */
    Waited runBinaryWaiting(UnifiedJedis redis, List<byte[]> keys, List<byte[]> args, int replicas, long timeoutMillis) {
        try {
            return pipelinedBinary(redis, keys.get(0), replicas, timeoutMillis, p -> p.evalsha(shaBytes, keys, args));
        } catch (JedisDataException e) {
            if (!isNoScript(e)) {
                throw e;
            }
            return pipelinedBinary(redis, keys.get(0), replicas, timeoutMillis, p -> p.eval(sourceBytes, keys, args));
        }
    }

    private static boolean isNoScript(JedisDataException e) {
        return e instanceof JedisNoScriptException || (e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT"));
    }

    private static Waited pipelined(UnifiedJedis redis, String routeKey, int replicas, long timeoutMillis,
                                    java.util.function.Function<AbstractPipeline, Response<Object>> script) {
        try (AbstractPipeline p = redis.pipelined()) {
            Response<Object> reply = script.apply(p);
            Response<Long> acked = p.waitReplicas(routeKey, replicas, timeoutMillis);
            p.sync();
            return new Waited(reply.get(), acked.get());
        }
    }

    private static Waited pipelinedBinary(UnifiedJedis redis, byte[] routeKey, int replicas, long timeoutMillis,
                                          java.util.function.Function<AbstractPipeline, Response<Object>> script) {
        try (AbstractPipeline p = redis.pipelined()) {
            Response<Object> reply = script.apply(p);
            Response<Long> acked = p.waitReplicas(routeKey, replicas, timeoutMillis);
            p.sync();
            return new Waited(reply.get(), acked.get());
        }
    }
}
