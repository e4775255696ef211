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
 * @param newVisitorsPerMinute     {@code CAUSETTE_NEW_VISITORS_PER_ADDRESS}: visitors one source address may create
 *                                 per minute on one node (a hello without a valid token or identity); default
 *                                 {@link #DEFAULT_NEW_VISITORS_PER_MINUTE}, 0 for no limit
 */
public record EdgeSettings(int maxConnectionsPerAddress, Set<InetAddress> trustedProxies, int newVisitorsPerMinute) {
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 2_000;
    /**
     * A shopper is a new visitor once per browser; a shop's office or a mobile carrier's NAT puts many shoppers behind
     * one address, each at most once a minute or so. A script making fresh visitors to dodge the per-visitor quotas
     * makes thousands.
     */
    public static final int DEFAULT_NEW_VISITORS_PER_MINUTE = 60;
    public static final String MAX_CONNECTIONS_ENV = "CAUSETTE_MAX_CONNECTIONS_PER_ADDRESS";
    public static final String TRUSTED_PROXIES_ENV = "CAUSETTE_TRUSTED_PROXIES";
    public static final String NEW_VISITORS_ENV = "CAUSETTE_NEW_VISITORS_PER_ADDRESS";
    public static final EdgeSettings DEFAULTS = new EdgeSettings(DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, Set.of(),
            DEFAULT_NEW_VISITORS_PER_MINUTE);

    public EdgeSettings {
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        trustedProxies = Set.copyOf(trustedProxies);
    }

    /** @throws ConfigException naming the variable when a value is wrong */
    public static EdgeSettings fromEnvironment(Map<String, String> env) {
        int max = count(env, MAX_CONNECTIONS_ENV, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
        int newVisitors = count(env, NEW_VISITORS_ENV, DEFAULT_NEW_VISITORS_PER_MINUTE);
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
        return new EdgeSettings(max, Set.copyOf(proxies), newVisitors);
    }

    /** A variable holding 0 or a positive whole number; absent or blank: {@code dflt}. */
    private static int count(Map<String, String> env, String name, int dflt) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            return dflt;
        }
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < 0) {
            throw new ConfigException("environment", name, "\"" + text + "\" is not 0 or a positive whole number");
        }
        return value;
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
