package org.causette.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Files served from the jar (widget, console, demo store front): read once, kept in memory with their ETag.
 * A path with "..", a backslash or a double slash never reaches the class loader.
 *
 * <p>Only files that exist are remembered, and only under their one canonical name (no "." segment), so the cache
 * holds at most the files we ship: a "not found" is asked of the class loader every time instead of being kept, since
 * every cache keyed by what a client sends must stay bounded (issue 21: 80,000 random unknown paths once filled a
 * 256 MB heap). {@link #MAX_CACHED} is a second fence should the class path ever hold more.
 */
public final class StaticResources {
    /**
     * A file ready to serve, with its gzip form when that is smaller (text: scripts, styles, pages, JSON, SVG),
     * compressed once at the best level rather than on every request.
     *
     * @param gzipped the body gzipped, or null when the type does not compress
     * @param gzipEtag the strong ETag of the gzipped form (RFC 9110: each representation has its own), or null
     */
    public record Resource(byte[] body, String contentType, String etag, byte[] gzipped, String gzipEtag) {
        public Resource(byte[] body, String contentType, String etag) {
            this(body, contentType, etag, null, null);
        }
    }

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("ogg", "audio/ogg"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    /** More files than the widget, the console, the demo shop and the WebJars together hold. */
    static final int MAX_CACHED = 2_048;
    /** Longer than any file name we ship: a longer path is not looked up at all. */
    static final int MAX_PATH_CHARS = 512;

    private final ClassLoader loader = StaticResources.class.getClassLoader();
    private final Map<String, Resource> cache = new ConcurrentHashMap<>();

    /** The resource at {@code classpathPrefix + relativePath}, or empty. */
    public Optional<Resource> find(String classpathPrefix, String relativePath) {
        if (relativePath.length() > MAX_PATH_CHARS || relativePath.contains("..") || relativePath.contains("\\")
                || relativePath.contains("//") || relativePath.startsWith("/") || relativePath.contains("\0")
                || relativePath.startsWith("./") || relativePath.contains("/./") || relativePath.endsWith("/.")) {
            return Optional.empty();
        }
        String name = classpathPrefix + relativePath;
        Resource cached = cache.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Resource> loaded = load(name);
        if (loaded.isPresent() && cache.size() < MAX_CACHED) {
            cache.putIfAbsent(name, loaded.get());
        }
        return loaded;
    }

    /** How many files are kept in memory (for tests: it must not grow with what is asked). */
    int cachedCount() {
        return cache.size();
    }

    private Optional<Resource> load(String name) {
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] body = in.readAllBytes();
            String etag = etag(body);
            byte[] gzipped = compressible(type) ? gzip(body) : null;
            if (gzipped != null && gzipped.length >= body.length) {
                gzipped = null;
            }
            return Optional.of(new Resource(body, type, etag, gzipped,
                    gzipped == null ? null : etag.substring(0, etag.length() - 1) + "-gz\""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Images, fonts and sounds are compressed already. */
    static boolean compressible(String contentType) {
        return contentType.startsWith("text/") || contentType.startsWith("application/json") || contentType.equals("image/svg+xml");
    }

    /** Gzip at the best level: done once per file, so the bytes on the wire are as few as deflate makes them. */
    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
