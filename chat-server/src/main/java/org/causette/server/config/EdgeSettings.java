package org.causette.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the server meets the network (docs/security.md), from the environment:
 *
 * @param maxConnectionsPerAddress {@code CAUSETTE_MAX_CONNECTIONS_PER_ADDRESS}: open connections one source address
 *                                 may hold; default {@link #DEFAULT_MAX_CONNECTIONS_PER_ADDRESS}, 0 for no limit (behind
 *                                 a proxy every client has the proxy's address: raise it or cap at the proxy)
 * @param trustedProxies           {@code CAUSETTE_TRUSTED_PROXIES}: comma-separated IP addresses whose
 *                                 {@code X-Forwarded-For} is believed; default none (the header is ignored)
 */
public record EdgeSettings(int maxConnectionsPerAddress, Set<InetAddress> trustedProxies) {
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 2_000;
    public static final String MAX_CONNECTIONS_ENV = "CAUSETTE_MAX_CONNECTIONS_PER_ADDRESS";
    public static final String TRUSTED_PROXIES_ENV = "CAUSETTE_TRUSTED_PROXIES";
    public static final EdgeSettings DEFAULTS = new EdgeSettings(DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, Set.of());

    public EdgeSettings {
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        trustedProxies = Set.copyOf(trustedProxies);
    }

    /** @throws ConfigException naming the variable when a value is wrong */
    public static EdgeSettings fromEnvironment(Map<String, String> env) {
        int max = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
        String maxText = env.get(MAX_CONNECTIONS_ENV);
        if (maxText != null && !maxText.isBlank()) {
            try {
                max = Integer.parseInt(maxText.trim());
            } catch (NumberFormatException e) {
                max = -1;
            }
            if (max < 0) {
                throw new ConfigException("environment", MAX_CONNECTIONS_ENV, "\"" + maxText + "\" is not 0 or a positive whole number");
            }
        }
        List<InetAddress> proxies = new ArrayList<>();
        String proxyText = env.get(TRUSTED_PROXIES_ENV);
        if (proxyText != null) {
            for (String part : proxyText.split(",", -1)) {
                String ip = part.trim();
                if (ip.isEmpty()) {
                    continue;
                }
                proxies.add(literal(ip));
            }
        }
        return new EdgeSettings(max, Set.copyOf(proxies));
    }

    /** An IP literal only: a host name would make a DNS lookup per start and could change under us. */
    static InetAddress literal(String ip) {
        if (!ip.matches("[0-9.]{7,15}|[0-9A-Fa-f:.]{2,45}")) {
            throw new ConfigException("environment", TRUSTED_PROXIES_ENV, "\"" + ip + "\" is not an IP address");
        }
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new ConfigException("environment", TRUSTED_PROXIES_ENV, "\"" + ip + "\" is not an IP address");
        }
    }
}
