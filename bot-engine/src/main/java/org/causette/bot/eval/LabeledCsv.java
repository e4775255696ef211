package org.causette.bot.eval;

import org.causette.bot.nlu.LabeledText;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads {@code sentence,label} files (bot-engine/README.md, "The eval command"), from disk or from the classpath. */
public final class LabeledCsv {
    private LabeledCsv() {
    }

    public static List<LabeledText> read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r);
        }
    }

    /** A classpath resource; a missing one is an empty list, so a file still being written does not break a start. */
    public static List<LabeledText> readResource(String name) {
        InputStream in = LabeledCsv.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            return List.of();
        }
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(new java.io.BufferedReader(r));
        } catch (IOException e) {
            throw new IllegalStateException("bad training resource " + name + ": " + e.getMessage(), e);
        }
    }

    public static List<LabeledText> parse(Reader r) throws IOException {
        List<List<String>> records = CsvReader.read(r);
        if (records.isEmpty()) {
            throw new IOException("empty file: the first line must be the header sentence,label");
        }
        List<String> header = records.get(0);
        if (header.size() != 2 || !header.get(0).trim().toLowerCase(Locale.ROOT).equals("sentence")
                || !header.get(1).trim().toLowerCase(Locale.ROOT).equals("label")) {
            throw new IOException("the header must be sentence,label, not " + String.join(",", header));
        }
        List<LabeledText> out = new ArrayList<>(records.size() - 1);
        for (int i = 1; i < records.size(); i++) {
            List<String> rec = records.get(i);
            if (rec.size() != 2) {
                throw new IOException("record " + (i + 1) + ": expected 2 fields (sentence,label), found " + rec.size());
            }
            String label = rec.get(1).trim();
            if (label.isEmpty()) {
                throw new IOException("record " + (i + 1) + ": empty label");
            }
            out.add(new LabeledText(rec.get(0), label));
        }
        return out;
    }
}
