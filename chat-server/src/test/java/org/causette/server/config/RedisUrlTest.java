package org.causette.server.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store URL's forms, its secrets from the environment, and that no error or log form shows a password. */
class RedisUrlTest {
    private static final String SECRET = "s3cr3t-Pa55";

    private static RedisUrl parse(String text) {
        return RedisUrl.parse(text, "--store", Map.of());
    }

    private static String error(String text, Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> RedisUrl.parse(text, "--store", env)).getMessage();
    }

    @Test
    void oneRedisWithDatabase() {
        RedisUrl url = parse("redis://cache.internal:6380/3");
        assertEquals(RedisUrl.Topology.SINGLE, url.topology());
        assertEquals(List.of(new RedisUrl.Node("cache.internal", 6380)), url.nodes());
        assertEquals(3, url.database());
        assertNull(url.password());
        assertFalse(url.tls());
        assertEquals(0, url.replicas());
        assertEquals("redis://cache.internal:6380/3", url.toString());
        assertEquals(0, parse("redis://127.0.0.1:6379/").database());
    }

    @Test
    void userAndPasswordPercentDecoded() {
        RedisUrl url = parse("rediss://causette:p%40ss%3Aword@redis.example:6390/1");
        assertTrue(url.tls());
        assertEquals("causette", url.user());
        assertEquals("p@ss:word", url.password());
        assertEquals("rediss://causette:***@redis.example:6390/1", url.toString());
        RedisUrl passwordOnly = parse("redis://:" + SECRET + "@h:1");
        assertNull(passwordOnly.user());
        assertEquals(SECRET, passwordOnly.password());
    }

    @Test
    void passwordFromTheEnvironment() {
        RedisUrl named = RedisUrl.parse("redis://app:env:REDIS_PW@h:6379", "--store", Map.of("REDIS_PW", SECRET));
        assertEquals("app", named.user());
        assertEquals(SECRET, named.password());
        RedisUrl implicit = RedisUrl.parse("redis://h:6379", "CAUSETTE_STORE",
                Map.of(RedisUrl.PASSWORD_VARIABLE, SECRET, RedisUrl.USER_VARIABLE, "app"));
        assertEquals("app", implicit.user());
        assertEquals(SECRET, implicit.password());
        String missing = error("redis://app:env:REDIS_PW@h:6379", Map.of());
        assertTrue(missing.contains("REDIS_PW") && missing.contains("not set"), missing);
    }

    @Test
    void sentinelAndCluster() {
        RedisUrl sentinel = parse("redis-sentinel://s1:26379,s2:26380/shop-main/2?replicas=1&replicaTimeoutMs=250");
        assertEquals(RedisUrl.Topology.SENTINEL, sentinel.topology());
        assertEquals(2, sentinel.nodes().size());
        assertEquals("shop-main", sentinel.masterName());
        assertEquals(2, sentinel.database());
        assertEquals(1, sentinel.replicas());
        assertEquals(Duration.ofMillis(250), sentinel.replicaTimeout());
        RedisUrl cluster = parse("rediss-cluster://a:7000,b:7001,c:7002?ca=/etc/causette/ca.pem");
        assertEquals(RedisUrl.Topology.CLUSTER, cluster.topology());
        assertEquals(3, cluster.nodes().size());
        assertEquals(Path.of("/etc/causette/ca.pem"), cluster.caFile());
        assertEquals("rediss-cluster://a:7000,b:7001,c:7002?ca=/etc/causette/ca.pem", cluster.toString());
    }

    @Test
    void mistakesAreOneClearLine() {
        assertTrue(error("redis://h", Map.of()).contains("HOST:PORT"));
        assertTrue(error("redis://h:99999", Map.of()).contains("port 99999"));
        assertTrue(error("redis://h:1/16", Map.of()).contains("database 16"));
        assertTrue(error("redis://a:1,b:2", Map.of()).contains("several hosts"));
        assertTrue(error("redis-sentinel://a:1", Map.of()).contains("master"));
        assertTrue(error("redis-cluster://a:1/3", Map.of()).contains("only database 0"));
        assertTrue(error("redis://a:1?ca=/x.pem", Map.of()).contains("rediss://"));
        assertTrue(error("redis://a:1?fsync=yes", Map.of()).contains("unknown option \"fsync\""));
        assertTrue(error("memcache://a:1", Map.of()).contains("scheme"));
        assertTrue(error("redis://a:1?replicas=x", Map.of()).contains("replicas"));
    }

    @Test
    void noErrorShowsThePassword() {
        for (String bad : List.of("redis://app:" + SECRET + "@h", "redis://app:" + SECRET + "@h:1/99",
                "rediss://:" + SECRET + "@h:1?nope=1", "redis-sentinel://u:" + SECRET + "@a:1")) {
            String message = error(bad, Map.of());
            assertFalse(message.contains(SECRET), message);
            assertTrue(message.contains("***"), message);
        }
        ConfigException fromServer = assertThrows(ConfigException.class,
                () -> ServerConfig.parse(List.of("--store", "redis://app:" + SECRET + "@h:0"), Map.of()));
        assertFalse(fromServer.getMessage().contains(SECRET), fromServer.getMessage());
        ServerConfig ok = ServerConfig.parse(List.of("--store", "redis://app:" + SECRET + "@h:1"), Map.of());
        assertFalse(ok.toString().contains(SECRET), ok.toString());
        assertFalse(ok.storeForLog().contains(SECRET), ok.storeForLog());
    }
}
