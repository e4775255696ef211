package org.causette.widget;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The widget's promises that a build can check: it stays small (it is loaded on every page of every shop, and its
 * CSS is inside it), and it never turns data into markup.
 */
final class WidgetBudgetTest {
    /**
     * widget.js with its CSS, minified by the build (Closure Compiler, simple mode) and gzipped at the best level, as
     * the hub sends it (chat-server's CompressionTest checks the bytes actually served). The goal is 12 KB; the
     * widget's features weigh 13.6 KB today (emailed replies included), so the check holds the line at 14 KB until the panel is split from the
     * launcher (see widget/README.md, "Size").
     */
    static final int GZIP_BUDGET_BYTES = 14 * 1024;
    /** The minified widget in the jar. */
    static final String RESOURCE = "org/causette/widget/widget.js";
    /** The hand-written source: what the rules below read (minifying rewrites spaces and quotes). */
    static final Path SOURCE = Path.of("src/main/resources/org/causette/widget/widget.js");

    static byte[] widget() throws IOException {
        try (InputStream in = WidgetBudgetTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            assertNotNull(in, RESOURCE + " is missing from the jar");
            return in.readAllBytes();
        }
    }

    static int gzipped(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(bytes);
        }
        return out.size();
    }

    @Test
    void isMinifiedAtBuild() throws IOException {
        byte[] js = widget();
        long source = Files.size(SOURCE);
        assertTrue(js.length < source * 3 / 4, "the jar's widget.js (" + js.length + " bytes) is minified, not the "
                + source + "-byte source");
        assertFalse(new String(js, StandardCharsets.UTF_8).contains("/* ---------- "), "comments are gone");
    }

    @Test
    void fitsTheGzipBudget() throws IOException {
        byte[] js = widget();
        int size = gzipped(js);
        System.out.printf("widget.js: %,d bytes, %,d bytes gzipped (budget %,d)%n", js.length, size, GZIP_BUDGET_BYTES);
        assertTrue(size <= GZIP_BUDGET_BYTES,
                "widget.js is " + size + " bytes gzipped, over the budget of " + GZIP_BUDGET_BYTES + " bytes");
    }

    @Test
    void neverParsesDataAsMarkupOrCode() throws IOException {
        String js = Files.readString(SOURCE);
        for (String banned : List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                "new Function", "createContextualFragment", "DOMParser")) {
            assertFalse(js.contains(banned), "widget.js must build the DOM with createElement/textContent, found " + banned);
        }
    }

    @Test
    void bringsItsOwnStylesInsideTheShadowRoot() throws IOException {
        String js = Files.readString(SOURCE);
        assertTrue(js.contains("attachShadow({ mode: 'open' })"), "the widget lives in an open shadow root");
        assertTrue(js.contains("prefers-reduced-motion"), "the widget respects reduced motion");
    }
}
