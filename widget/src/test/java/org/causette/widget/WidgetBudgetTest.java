package org.causette.widget;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The widget's promises that a build can check: it stays small (it is loaded on every page of every shop, and its
 * CSS is inside it), and it never turns data into markup.
 */
final class WidgetBudgetTest {
    /** widget.js with its CSS, gzipped as a web server would send it. */
    static final int GZIP_BUDGET_BYTES = 20 * 1024;
    static final String RESOURCE = "org/causette/widget/widget.js";

    static byte[] widget() throws IOException {
        try (InputStream in = WidgetBudgetTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            assertNotNull(in, RESOURCE + " is missing from the jar");
            return in.readAllBytes();
        }
    }

    static int gzipped(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.size();
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
        String js = new String(widget(), StandardCharsets.UTF_8);
        for (String banned : List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                "new Function", "createContextualFragment", "DOMParser")) {
            assertFalse(js.contains(banned), "widget.js must build the DOM with createElement/textContent, found " + banned);
        }
    }

    @Test
    void bringsItsOwnStylesInsideTheShadowRoot() throws IOException {
        String js = new String(widget(), StandardCharsets.UTF_8);
        assertTrue(js.contains("attachShadow({ mode: 'open' })"), "the widget lives in an open shadow root");
        assertTrue(js.contains("prefers-reduced-motion"), "the widget respects reduced motion");
    }
}
