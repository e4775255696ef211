package org.causette.bot.nlu;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * Training sentences' vectors, so that a start does not encode the same 1,200 built-in sentences again (≈ 1.5 to
 * 7 s here) and "teach the bot" encodes only the new ones.
 *
 * <p>Two levels: in memory, each sentence's vector for the life of the process (a retraining encodes only what it has
 * not seen); on disk, one file per training set named by the SHA-256 of the encoder's id and every sentence, in the
 * folder the operator chooses with {@code -Dcausette.encoder.cache=DIR} or {@code CAUSETTE_ENCODER_CACHE=DIR}
 * (default: {@code causette-encoder} in the temporary folder; {@code off} disables the disk). A file that cannot be
 * read or does not match is ignored and rewritten: the cache is never a reason not to start.
 */
final class VectorCache {
    private static final Logger LOG = LoggerFactory.getLogger(VectorCache.class);
    static final String FOLDER_PROPERTY = "causette.encoder.cache";
    static final String FOLDER_ENV = "CAUSETTE_ENCODER_CACHE";
    /** Sentences kept in memory, least recently used out: a bound for a process that is taught for months. */
    static final int MAX_MEMORY_SENTENCES = 200_000;
    /** Fits kept in memory (one per training set and plan). */
    static final int MAX_MEMORY_FITS = 2_000;
    /** Training sets kept on disk per kind (vectors, fits); older ones are deleted, since each lesson makes a new set. */
    static final int MAX_DISK_SETS = 8;
    /** A vector file claiming more dimensions than any sentence encoder has is not read (a damaged or foreign file). */
    private static final int MAX_DIMENSION = 4_096;
    private static final int MAGIC = 0x43564543; // "CVEC"
    private static final Cache<String, float[]> MEMORY = Caffeine.newBuilder().maximumSize(MAX_MEMORY_SENTENCES).build();

    private VectorCache() {
    }

    /** The cache folder the operator chose, or null when the disk cache is off. */
    static Path folder() {
        String chosen = System.getProperty(FOLDER_PROPERTY, System.getenv(FOLDER_ENV));
        if (chosen == null || chosen.isBlank()) {
            return Path.of(System.getProperty("java.io.tmpdir"), "causette-encoder");
        }
        return chosen.equals("off") ? null : Path.of(chosen);
    }

    /** The vectors of {@code texts}, in order, from the caches or the encoder. */
    static List<float[]> vectors(SentenceEncoder encoder, List<String> texts, Path folder) {
        String hash = hash(encoder.id(), texts);
        Path file = folder == null ? null : folder.resolve("vectors-" + hash + ".bin");
        if (file != null && Files.isRegularFile(file)) {
            List<float[]> read = read(file, texts.size());
            if (read != null) {
                return read;
            }
        }
        LinkedHashSet<String> missing = new LinkedHashSet<>();
        Map<String, float[]> known = new HashMap<>();
        for (String t : texts) {
            float[] v = MEMORY.getIfPresent(key(encoder, t));
            if (v != null) {
                known.put(t, v);
            } else {
                missing.add(t);
            }
        }
        if (!missing.isEmpty()) {
            List<String> todo = new ArrayList<>(missing);
            List<float[]> encoded = encoder.encodeAll(todo);
            for (int i = 0; i < todo.size(); i++) {
                known.put(todo.get(i), encoded.get(i));
                MEMORY.put(key(encoder, todo.get(i)), encoded.get(i));
            }
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(known.get(t));
        }
        if (file != null) {
            write(folder, file, out);
        }
        return out;
    }

    private static final Cache<String, OutOfScopeFit> FITS = Caffeine.newBuilder().maximumSize(MAX_MEMORY_FITS).build();

    /**
     * A cosine fit over the same vectors, labels and plan is the same: kept in memory and beside the vectors, so a
     * start does not pay the leave-one-out pass over pairs (≈ 0.3–1.2 s for the demo's 1,250 English rows here).
     */
    static OutOfScopeFit fit(String key, Path folder, java.util.function.Supplier<OutOfScopeFit> compute) {
        OutOfScopeFit known = FITS.getIfPresent(key);
        if (known != null) {
            return known;
        }
        Path file = folder == null ? null : folder.resolve("fit-" + key + ".txt");
        if (file != null && Files.isRegularFile(file)) {
            try {
                String[] f = Files.readString(file, StandardCharsets.UTF_8).trim().split(" ");
                known = new OutOfScopeFit(Double.parseDouble(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                        Integer.parseInt(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                        Double.parseDouble(f[7]), Boolean.parseBoolean(f[8]));
            } catch (IOException | RuntimeException e) {
                LOG.warn("encoder cache {} unreadable, fitting again: {}", file, e.toString());
            }
        }
        if (known == null) {
            known = compute.get();
            if (file != null) {
                try {
                    Files.createDirectories(folder);
                    Path tmp = Files.createTempFile(folder, "fit-", ".tmp");
                    Files.writeString(tmp, known.threshold() + " " + known.inScopeSamples() + " " + known.realOutOfScope() + " "
                            + known.hiddenIntentRows() + " " + known.inScopeKept() + " " + known.outOfScopeCaught() + " "
                            + known.nearBestLow() + " " + known.nearBestHigh() + " " + known.fitted() + "\n", StandardCharsets.UTF_8);
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    prune(folder, "fit-");
                } catch (IOException | RuntimeException e) {
                    LOG.warn("encoder cache {} not written (the bot works without it): {}", file, e.toString());
                }
            }
        }
        FITS.put(key, known);
        return known;
    }

    private static String key(SentenceEncoder encoder, String text) {
        return encoder.id() + '\n' + text;
    }

    static String hash(String id, List<String> texts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(id.getBytes(StandardCharsets.UTF_8));
            for (String t : texts) {
                sha.update((byte) 0);
                sha.update(t.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static List<float[]> read(Path file, int expected) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC || in.readInt() != expected) {
                return null;
            }
            int dimension = in.readInt();
            if (dimension <= 0 || dimension > MAX_DIMENSION) {
                return null;
            }
            List<float[]> out = new ArrayList<>(expected);
            for (int i = 0; i < expected; i++) {
                float[] v = new float[dimension];
                for (int k = 0; k < dimension; k++) {
                    v[k] = in.readFloat();
                }
                out.add(v);
            }
            return out;
        } catch (IOException | RuntimeException e) {
            LOG.warn("encoder cache {} unreadable, encoding again: {}", file, e.toString());
            return null;
        }
    }

    private static void write(Path folder, Path file, List<float[]> vectors) {
        try {
            Files.createDirectories(folder);
            Path tmp = Files.createTempFile(folder, "vectors-", ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeInt(MAGIC);
                out.writeInt(vectors.size());
                out.writeInt(vectors.isEmpty() ? 0 : vectors.get(0).length);
                for (float[] v : vectors) {
                    for (float x : v) {
                        out.writeFloat(x);
                    }
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            prune(folder, "vectors-");
        } catch (IOException | RuntimeException e) {
            LOG.warn("encoder cache {} not written (the bot works without it): {}", file, e.toString());
        }
    }

    /** Keeps the {@link #MAX_DISK_SETS} newest files of one kind: every lesson taught writes a new set. */
    static void prune(Path folder, String prefix) throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = listed.filter(f -> f.getFileName().toString().startsWith(prefix)
                            && !f.getFileName().toString().endsWith(".tmp"))
                    .sorted(Comparator.comparing(VectorCache::modified).reversed())
                    .toList();
        }
        for (Path old : files.subList(Math.min(MAX_DISK_SETS, files.size()), files.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0); // gone meanwhile: first out
        }
    }
}
