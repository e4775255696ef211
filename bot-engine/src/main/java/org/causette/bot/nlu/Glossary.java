package org.causette.bot.nlu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * French and English words of shop catalogs ({@code glossary-fr-en.txt}): attribute keys, free-text values and
 * category slugs are usually written in one language (« chêne massif », "freins", "velos-route") while the
 * conversation may be in the other. Translates a short phrase only when every word of it is known, so an unknown
 * value is left as the shop wrote it rather than half translated. Immutable and thread-safe; loaded once.
 */
public final class Glossary {
    private static final String RESOURCE = "glossary-fr-en.txt";
    /** Longer phrases are descriptions, not values: left as written. */
    private static final int MAX_WORDS = 5;
    /** French words that only link the others: « duvet d'oie », « housse de pluie ». */
    private static final Set<String> FR_LINKS = Set.of("de", "d", "du", "des", "a", "au", "aux", "en", "la", "le", "les", "l");
    private static final Set<String> EN_LINKS = Set.of("of", "the", "a", "an", "for");

    private static final Glossary INSTANCE = load();

    /** Folded French phrase → English as written; folded English phrase → French as written. */
    private final Map<String, String> toEnglish;
    private final Map<String, String> toFrench;
    /** Folded French word → every folded English spelling, and the reverse: for questions in the other language. */
    private final Map<String, List<String>> englishWords;
    private final Map<String, List<String>> frenchWords;
    private final Map<String, String> frenchCanonical;

    private Glossary(Map<String, String> toEnglish, Map<String, String> toFrench, Map<String, List<String>> englishWords,
                     Map<String, List<String>> frenchWords, Map<String, String> frenchCanonical) {
        this.frenchCanonical = Map.copyOf(frenchCanonical);
        this.toEnglish = Map.copyOf(toEnglish);
        this.toFrench = Map.copyOf(toFrench);
        this.englishWords = Map.copyOf(englishWords);
        this.frenchWords = Map.copyOf(frenchWords);
    }

    public static Glossary get() {
        return INSTANCE;
    }

    private static Glossary load() {
        Map<String, String> en = new HashMap<>();
        Map<String, String> fr = new HashMap<>();
        Map<String, List<String>> enWords = new HashMap<>();
        Map<String, List<String>> frWords = new HashMap<>();
        Map<String, String> canonical = new HashMap<>();
        try (InputStream in = Glossary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                int eq = line.indexOf('=');
                if (line.isEmpty() || line.startsWith("#") || eq < 0) {
                    continue;
                }
                String[] frs = line.substring(0, eq).strip().split("\\|");
                String[] ens = line.substring(eq + 1).strip().split("\\|");
                for (int i = 0; i < frs.length; i++) {
                    String f = frs[i];
                    String ff = TextNormalizer.foldPhrase(f.strip());
                    // A plural form is written with the other side's plural at the same place ("vélos" → "bikes").
                    en.putIfAbsent(ff, ens[i < ens.length ? i : 0].strip());
                    canonical.putIfAbsent(ff, f.strip());
                    for (String e : ens) {
                        enWords.computeIfAbsent(ff, k -> new ArrayList<>()).add(TextNormalizer.foldPhrase(e.strip()));
                    }
                }
                for (int j = 0; j < ens.length; j++) {
                    String e = ens[j];
                    String fe = TextNormalizer.foldPhrase(e.strip());
                    fr.putIfAbsent(fe, frs[j < frs.length ? j : 0].strip());
                    for (String f : frs) {
                        frWords.computeIfAbsent(fe, k -> new ArrayList<>()).add(TextNormalizer.foldPhrase(f.strip()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Glossary(en, fr, enWords, frWords, canonical);
    }

    /**
     * The phrase in the other language ({@code "en"} or {@code "fr"}), or null when some word of it is not known.
     * French "noun adjective" and "noun de noun" come out in English order (« acier trempé » → "hardened steel",
     * « duvet d'oie 90/10 » → "goose down 90/10"); numbers and units stay where they were, at the end.
     */
    public String translate(String phrase, String to) {
        if (phrase == null) {
            return null;
        }
        boolean english = "en".equals(to);
        Map<String, String> dict = english ? toEnglish : toFrench;
        String whole = dict.get(TextNormalizer.foldPhrase(phrase));
        if (whole != null) {
            return whole;
        }
        List<Token> tokens = TextNormalizer.tokens(phrase);
        if (tokens.isEmpty() || tokens.size() > MAX_WORDS) {
            return null;
        }
        // Runs of words are translated (and put in the other language's order); numbers stay where they were.
        List<String> out = new ArrayList<>();
        List<String> run = new ArrayList<>();
        boolean anyWord = false;
        int i = 0;
        while (i < tokens.size()) {
            Token t = tokens.get(i);
            String w = t.text();
            boolean number = Character.isDigit(w.charAt(0)) || w.equals("%");
            if (number) {
                // "90/10", "70 %": the numbers as written, separators included.
                int j = i + 1;
                while (j < tokens.size() && (Character.isDigit(tokens.get(j).text().charAt(0)) || tokens.get(j).text().equals("%"))) {
                    j++;
                }
                int end = tokens.get(j - 1).end();
                if (j == tokens.size() && phrase.substring(end).chars().noneMatch(Character::isLetter)) {
                    end = phrase.length(); // "70 %", "-10 °": the sign after the last number too
                }
                flush(run, out);
                out.add(phrase.substring(t.start(), end).strip());
                i = j;
                continue;
            }
            boolean betweenNumbers = i > 0 && i + 1 < tokens.size() && Character.isDigit(tokens.get(i - 1).text().charAt(0))
                    && Character.isDigit(tokens.get(i + 1).text().charAt(0));
            if (betweenNumbers && (w.equals("a") || w.equals("to"))) {
                flush(run, out);
                out.add(english ? "to" : "à"); // « 4 à 6 ans » → "4 to 6 years"
                i++;
                continue;
            }
            if ((english ? FR_LINKS : EN_LINKS).contains(w)) {
                i++;
                continue;
            }
            // The longest known phrase starting here ("disque hydraulique" before "disque").
            String found = null;
            int used = 0;
            for (int n = Math.min(3, tokens.size() - i); n >= 1 && found == null; n--) {
                StringBuilder key = new StringBuilder();
                for (int k = 0; k < n; k++) {
                    key.append(k == 0 ? "" : " ").append(tokens.get(i + k).text());
                }
                found = dict.get(key.toString());
                used = n;
            }
            if (found == null) {
                return null;
            }
            run.add(found);
            anyWord = true;
            i += used;
        }
        flush(run, out);
        return anyWord ? String.join(" ", out) : null;
    }

    /** A run of translated words in the other language's order: « noun adjective » ↔ "adjective noun". */
    private static void flush(List<String> run, List<String> out) {
        java.util.Collections.reverse(run);
        out.addAll(run);
        run.clear();
    }

    /** The French spelling, with its accents, of a folded French word ("securite" → "sécurité"), or null. */
    public String frenchSpelling(String foldedWord) {
        return frenchCanonical.get(foldedWord);
    }

    /** Folded spellings of a folded word in the other language ("freins" → "brake", "brakes"), or none. */
    public List<String> otherWords(String foldedWord) {
        List<String> out = new ArrayList<>(englishWords.getOrDefault(foldedWord, List.of()));
        out.addAll(frenchWords.getOrDefault(foldedWord, List.of()));
        return out;
    }
}
