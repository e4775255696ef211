package org.causette.server.store.redis;

import org.causette.server.config.ConfigException;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where Redis is: {@code redis://HOST:PORT[/DB]}, the form {@code --store} takes. */
public record RedisEndpoint(String host, int port, int database) {
    private static final Pattern URI = Pattern.compile("redis://([^/:\\s]+):(\\d{1,5})(?:/(\\d{1,2}))?/?");

    public RedisEndpoint {
        Objects.requireNonNull(host, "host");
    }

    public static boolean matches(String uri) {
        return URI.matcher(uri).matches();
    }

    public static RedisEndpoint parse(String uri) {
        Matcher m = URI.matcher(uri);
        if (!m.matches()) {
            throw new ConfigException("command line", "--store", "\"" + uri + "\" is not redis://HOST:PORT[/DB]");
        }
        int port = Integer.parseInt(m.group(2));
        if (port < 1 || port > 65535) {
            throw new ConfigException("command line", "--store", "\"" + uri + "\": " + port + " is not a port number");
        }
        return new RedisEndpoint(m.group(1), port, m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    @Override
    public String toString() {
        return "redis://" + host + ":" + port + "/" + database;
    }
}
