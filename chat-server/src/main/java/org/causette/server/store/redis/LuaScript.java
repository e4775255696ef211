package org.causette.server.store.redis;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script run by its SHA-1 (EVALSHA), sent whole only when Redis does not know it yet (first use, or after a
 * Redis restart emptied its script cache).
 */
final class LuaScript {
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
}
