package org.causette.bot.nlu;

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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    /** Past this many sentences in memory the map is cleared: a bound for a process that is taught for months. */
    private static final int MAX_MEMORY_SENTENCES = 200_000;
    private static final int MAGIC = 0x43564543; // "CVEC"
    private static final Map<String, float[]> MEMORY = new ConcurrentHashMap<>();

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
        for (String t : texts) {
            if (!MEMORY.containsKey(key(encoder, t))) {
                missing.add(t);
            }
        }
        if (!missing.isEmpty()) {
            List<String> todo = new ArrayList<>(missing);
            List<float[]> encoded = encoder.encodeAll(todo);
            if (MEMORY.size() + todo.size() > MAX_MEMORY_SENTENCES) {
                MEMORY.clear();
            }
            for (int i = 0; i < todo.size(); i++) {
                MEMORY.put(key(encoder, todo.get(i)), encoded.get(i));
            }
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            float[] v = MEMORY.get(key(encoder, t));
            out.add(v != null ? v : encoder.encode(t)); // cleared meanwhile by another site's training
        }
        if (file != null) {
            write(folder, file, out);
        }
        return out;
    }

    private static final Map<String, OutOfScopeFit> FITS = new ConcurrentHashMap<>();

    /**
     * A cosine fit over the same vectors, labels and plan is the same: kept in memory and beside the vectors, so a
     * start does not pay the leave-one-out pass over pairs (≈ 0.3–1.2 s for the demo's 1,250 English rows here).
     */
    static OutOfScopeFit fit(String key, Path folder, java.util.function.Supplier<OutOfScopeFit> compute) {
        OutOfScopeFit known = FITS.get(key);
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
                } catch (IOException | RuntimeException e) {
                    LOG.warn("encoder cache {} not written (the bot works without it): {}", file, e.toString());
                }
            }
        }
        if (FITS.size() > MAX_MEMORY_SENTENCES / 100) {
            FITS.clear();
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
        } catch (IOException | RuntimeException e) {
            LOG.warn("encoder cache {} not written (the bot works without it): {}", file, e.toString());
        }
    }
}
