package org.causette.server.store.redis;

import org.causette.server.config.ConfigException;
import org.causette.server.config.RedisUrl;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How this node reaches its Redis, whatever the URL's layout: the client settings every connection shares (user,
 * password, database, TLS), the pooled client of the store (one Redis, a primary found through Sentinel, or a
 * cluster), and where the primary is now (for the broker's own subscriber connection).
 *
 * <p>TLS verifies the server's certificate and its name (the host of the URL must be in the certificate), against
 * the JVM's trust store or, with {@code ?ca=FILE}, against the PEM certificates of that file only.
 */
public final class RedisConnections {
    public static final Duration CONNECT_TIMEOUT = Duration.ofMillis(1000);
    /** Sentinel answers are small and local: a sentinel silent this long is treated as down, the next is asked. */
    public static final Duration SENTINEL_TIMEOUT = Duration.ofMillis(1000);
    /** A cluster call retries redirections and failed nodes for at most this long before the store is unavailable. */
    public static final Duration CLUSTER_RETRY_BUDGET = Duration.ofMillis(2000);
    /** Redirections (MOVED, ASK) and reconnections one cluster call may follow. */
    public static final int CLUSTER_ATTEMPTS = 5;
    /** How often the cluster client re-reads the slot map on its own, besides when a node answers MOVED. */
    public static final Duration CLUSTER_TOPOLOGY_REFRESH = Duration.ofSeconds(1);

    private final RedisUrl url;
    private final SSLSocketFactory sslFactory;

    public RedisConnections(RedisUrl url) {
        this.url = Objects.requireNonNull(url, "url");
        this.sslFactory = url.tls() ? sslFactory(url) : null;
    }

    public RedisUrl url() {
        return url;
    }

    /** The settings of a connection to a data node (primary or replica): credentials, database, TLS. */
    public JedisClientConfig clientConfig(Duration socketTimeout, String clientName) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) CONNECT_TIMEOUT.toMillis())
                .socketTimeoutMillis((int) socketTimeout.toMillis())
                .database(url.database())
                .clientName(clientName);
        if (url.password() != null) {
            config.user(url.user()).password(url.password());
        }
        return tls(config).build();
    }

    /** The settings of a connection to a sentinel: TLS as the data nodes, no credentials (sentinels have their own). */
    private JedisClientConfig sentinelConfig() {
        return tls(DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) CONNECT_TIMEOUT.toMillis())
                .socketTimeoutMillis((int) SENTINEL_TIMEOUT.toMillis())
                .clientName("causette-sentinel")).build();
    }

    private DefaultJedisClientConfig.Builder tls(DefaultJedisClientConfig.Builder config) {
        if (!url.tls()) {
            return config;
        }
        SSLParameters parameters = new SSLParameters();
        // Without this Java checks the certificate's chain but not that it names the host we meant to reach.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return config.ssl(true).sslSocketFactory(sslFactory).sslParameters(parameters);
    }

    /** The store's pooled client for the URL's layout; connections are made on first use. */
    public UnifiedJedis pooled(ConnectionPoolConfig pool, Duration socketTimeout, String clientName) {
        JedisClientConfig config = clientConfig(socketTimeout, clientName);
        return switch (url.topology()) {
            case SINGLE -> RedisClient.builder()
                    .hostAndPort(hostAndPort(url.nodes().get(0)))
                    .clientConfig(config)
                    .poolConfig(pool)
                    .build();
            case SENTINEL -> RedisSentinelClient.builder()
                    .masterName(url.masterName())
                    .sentinels(sentinels())
                    .sentinelClientConfig(sentinelConfig())
                    .clientConfig(config)
                    .poolConfig(pool)
                    .build();
            case CLUSTER -> RedisClusterClient.builder()
                    .nodes(seeds())
                    .clientConfig(config)
                    .poolConfig(pool)
                    .maxAttempts(CLUSTER_ATTEMPTS)
                    .maxTotalRetriesDuration(CLUSTER_RETRY_BUDGET)
                    .topologyRefreshPeriod(CLUSTER_TOPOLOGY_REFRESH)
                    .build();
        };
    }

    /**
     * Where the primary is now: the URL's host for one Redis, the sentinels' answer for Sentinel (asked in turn until
     * one knows). Not for a cluster, whose primaries are per slot.
     */
    public HostAndPort primary() {
        return switch (url.topology()) {
            case SINGLE -> hostAndPort(url.nodes().get(0));
            case SENTINEL -> primaryFromSentinels();
            case CLUSTER -> throw new IllegalStateException("a cluster has one primary per slot range");
        };
    }

    private HostAndPort primaryFromSentinels() {
        JedisException last = null;
        for (HostAndPort sentinel : sentinels()) {
            try (Jedis connection = new Jedis(sentinel, sentinelConfig())) {
                List<String> address = connection.sentinelGetMasterAddrByName(url.masterName());
                if (address != null && address.size() == 2) {
                    return new HostAndPort(address.get(0), Integer.parseInt(address.get(1)));
                }
            } catch (JedisException e) {
                last = e;
            }
        }
        throw new JedisConnectionException("no sentinel of " + url.nodes() + " knows master " + url.masterName(), last);
    }

    private Set<HostAndPort> sentinels() {
        return seeds();
    }

    private Set<HostAndPort> seeds() {
        Set<HostAndPort> nodes = new LinkedHashSet<>();
        url.nodes().forEach(node -> nodes.add(hostAndPort(node)));
        return nodes;
    }

    private static HostAndPort hostAndPort(RedisUrl.Node node) {
        return new HostAndPort(node.host(), node.port());
    }

    /** The JVM's default TLS context, or one that trusts exactly the certificates of the URL's CA file. */
    private static SSLSocketFactory sslFactory(RedisUrl url) {
        if (url.caFile() == null) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        try (InputStream in = Files.newInputStream(url.caFile())) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca-" + n++, certificate);
            }
            if (n == 0) {
                throw new ConfigException(url.caFile().toString(), "ca", "holds no PEM certificate");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException e) {
            throw new ConfigException(url.caFile().toString(), "ca", "cannot be read: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new ConfigException(url.caFile().toString(), "ca", "is not a PEM certificate file: " + e.getMessage());
        }
    }
}
