package org.causette.bot.nlu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VectorCacheTest {
    @Test
    void writesOneFilePerTrainingSetAndReadsTheSameVectorsBack(@TempDir Path dir) throws IOException {
        SentenceEncoder encoder = MiniLmEncoder.shared().orElseThrow();
        List<String> texts = List.of("where is my parcel", "refund please", "where is my parcel");
        List<float[]> first = VectorCache.vectors(encoder, texts, dir);
        assertEquals(3, first.size());
        assertArrayEquals(encoder.encode("refund please"), first.get(1), 1e-5f);
        assertEquals(1.0, dot(first.get(0), first.get(0)), 1e-5, "unit length");
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.toList();
        }
        assertEquals(1, files.size());
        assertTrue(files.get(0).getFileName().toString().startsWith("vectors-" + VectorCache.hash(encoder.id(), texts)));
        List<float[]> again = VectorCache.vectors(encoder, texts, dir);
        for (int i = 0; i < texts.size(); i++) {
            assertArrayEquals(first.get(i), again.get(i), 0f);
        }
        // A damaged file is ignored and written again, never a reason not to start.
        Files.write(files.get(0), new byte[]{1, 2, 3});
        List<float[]> repaired = VectorCache.vectors(encoder, texts, dir);
        assertArrayEquals(first.get(2), repaired.get(2), 0f);
        assertTrue(Files.size(files.get(0)) > 3 * 384 * 4);
    }

    @Test
    void everyLessonMakesANewSetButTheFolderKeepsOnlyTheNewestOnes(@TempDir Path dir) throws IOException {
        SentenceEncoder encoder = MiniLmEncoder.shared().orElseThrow();
        for (int lesson = 0; lesson < VectorCache.MAX_DISK_SETS + 5; lesson++) {
            VectorCache.vectors(encoder, List.of("where is my parcel", "taught sentence number " + lesson), dir);
        }
        try (var list = Files.list(dir)) {
            assertEquals(VectorCache.MAX_DISK_SETS, list.filter(f -> f.getFileName().toString().startsWith("vectors-")).count());
        }
        List<String> newest = List.of("where is my parcel", "taught sentence number " + (VectorCache.MAX_DISK_SETS + 4));
        assertTrue(Files.isRegularFile(dir.resolve("vectors-" + VectorCache.hash(encoder.id(), newest) + ".bin")),
                "the newest set is kept");
    }

    @Test
    void theHashDependsOnTheEncoderAndEverySentence() {
        assertNotEquals(VectorCache.hash("a", List.of("x", "y")), VectorCache.hash("a", List.of("xy")));
        assertNotEquals(VectorCache.hash("a", List.of("x")), VectorCache.hash("b", List.of("x")));
        assertEquals(VectorCache.hash("a", List.of("x")), VectorCache.hash("a", List.of("x")));
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
