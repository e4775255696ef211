package org.causette.bot.nlu;

import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * French or English, for one chat line, using three signals added as log-odds:
 * <ol>
 *   <li>our own character model: smoothed character 1–3-gram frequencies of lower-cased (accented) words, counted on
 *       the built-in French and English training sentences and the shop's examples; counting is instant and it knows
 *       chat spelling ("slt", "stp", "thx") that general-purpose detectors have never seen;</li>
 *   <li>OpenNLP's langdetect model ({@code opennlp-models-langdetect}), only for lines long enough for it to be
 *       reliable, and only when our own signal hesitates;</li>
 *   <li>priors: the language of the conversation so far, then the visitor's locale, then the shop's default.</li>
 * </ol>
 * A one-word "ok" therefore stays in the conversation's language, while "where is my order" switches to English even
 * from a French locale. Thread-safe after construction.
 */
public final class LanguageGuesser {
    private static final Logger LOG = LoggerFactory.getLogger(LanguageGuesser.class);
    private static final String FR = "fr";
    private static final String EN = "en";
    /** Below this many letters OpenNLP's detector is close to a coin toss (OPENNLP-NOTES). */
    private static final int LANGDETECT_MIN_LETTERS = 25;
    private static final double SHORT_LINE_LETTERS = 10.0;
    private static final double CONTEXT_PRIOR = 2.0;
    private static final double LOCALE_PRIOR = 1.0;
    private static final double DEFAULT_PRIOR = 0.3;
    /** Per-gram evidence is capped so one odd word cannot outvote the rest of the line. */
    private static final double GRAM_CAP = 2.5;

    /** Gram → log-odds, keyed by the gram's chars packed in a long: no string per gram on the turn path. */
    private final LongDoubleTable gramLogOdds;

    private LanguageGuesser(LongDoubleTable gramLogOdds) {
        this.gramLogOdds = gramLogOdds;
    }

    /** Counts the character grams of French and English example sentences. */
    public static LanguageGuesser train(List<String> french, List<String> english) {
        Map<String, int[]> counts = new HashMap<>();
        long[] totals = new long[2];
        countAll(french, 0, counts, totals);
        countAll(english, 1, counts, totals);
        LongDoubleTable logOdds = new LongDoubleTable(counts.size());
        double vocab = counts.size() + 1.0;
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            int[] c = e.getValue();
            double pf = (c[0] + 0.5) / (totals[0] + 0.5 * vocab);
            double pe = (c[1] + 0.5) / (totals[1] + 0.5 * vocab);
            double lo = Math.log(pf / pe);
            logOdds.put(pack(e.getKey()), Math.max(-GRAM_CAP, Math.min(GRAM_CAP, lo)));
        }
        return new LanguageGuesser(logOdds);
    }

    private static void countAll(List<String> sentences, int lang, Map<String, int[]> counts, long[] totals) {
        for (String s : sentences) {
            forEachGram(s, g -> {
                counts.computeIfAbsent(g, k -> new int[2])[lang]++;
                totals[lang]++;
            });
        }
    }

    private interface GramSink {
        void accept(String gram);
    }

    /** Grams of 1–3 letters inside "&lt;word&gt;", lower-cased but with accents kept: "é", "ç" and "à" are telling. */
    private static void forEachGram(String text, GramSink sink) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && !Character.isLetter(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && Character.isLetter(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                String w = "<" + text.substring(start, i).toLowerCase(Locale.ROOT) + ">";
                for (int len = 1; len <= 3; len++) {
                    for (int k = 0; k + len <= w.length(); k++) {
                        if (len == 1 && (k == 0 || k == w.length() - 1)) {
                            continue;
                        }
                        sink.accept(w.substring(k, k + len));
                    }
                }
            }
        }
    }

    /** Log-odds that {@code text} is French rather than English from our own character model alone. */
    public double frenchLogOdds(String text) {
        double sum = 0;
        int count = 0;
        int n = text.length();
        char[] w = null;
        int i = 0;
        while (i < n) {
            while (i < n && !Character.isLetter(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && Character.isLetter(text.charAt(i))) {
                i++;
            }
            if (i == start) {
                continue;
            }
            // The same grams as forEachGram, in the same order, packed from "<word>" lower-cased once into a buffer.
            int len = i - start + 2;
            if (w == null || w.length < len) {
                w = new char[Math.max(len, 32)];
            }
            w[0] = '<';
            for (int j = 1; j < len - 1; j++) {
                w[j] = Character.toLowerCase(text.charAt(start + j - 1));
            }
            w[len - 1] = '>';
            for (int k = 1; k < len - 1; k++) { // single letters, not the boundaries
                double lo = gramLogOdds.get(w[k] | 1L << 48);
                if (!Double.isNaN(lo)) {
                    sum += lo;
                    count++;
                }
            }
            for (int k = 0; k + 2 <= len; k++) {
                double lo = gramLogOdds.get(((long) w[k] << 16 | w[k + 1]) | 2L << 48);
                if (!Double.isNaN(lo)) {
                    sum += lo;
                    count++;
                }
            }
            for (int k = 0; k + 3 <= len; k++) {
                double lo = gramLogOdds.get(((long) w[k] << 32 | (long) w[k + 1] << 16 | w[k + 2]) | 3L << 48);
                if (!Double.isNaN(lo)) {
                    sum += lo;
                    count++;
                }
            }
        }
        // Grams overlap, so their evidence is not independent: a square-root damping keeps long lines from
        // producing absurd certainty while short lines still get a usable signal.
        return count == 0 ? 0 : sum / Math.sqrt(count);
    }

    private static long pack(String gram) {
        long key = 0;
        for (int j = 0; j < gram.length(); j++) {
            key = (key << 16) | gram.charAt(j);
        }
        return key | (long) gram.length() << 48;
    }

    /**
     * A small open-addressing long → double map; absent keys read as NaN. Immutable after training. Key 0 marks an
     * empty slot: every packed gram has its length in bits 48 and up, so none is 0. Each key sits next to its value's
     * bits, so a look-up reads one cache line rather than one in each of two arrays.
     */
    private static final class LongDoubleTable {
        /** key at 2 × slot, {@code Double.doubleToRawLongBits(value)} at 2 × slot + 1. */
        private final long[] entries;
        private final int mask;

        LongDoubleTable(int expected) {
            int cap = Integer.highestOneBit(Math.max(16, expected * 2)) << 1;
            entries = new long[2 * cap];
            mask = cap - 1;
        }

        private int slot(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32)) & mask;
        }

        void put(long key, double value) {
            int i = slot(key);
            while (entries[2 * i] != 0 && entries[2 * i] != key) {
                i = (i + 1) & mask;
            }
            entries[2 * i] = key;
            entries[2 * i + 1] = Double.doubleToRawLongBits(value);
        }

        double get(long key) {
            int i = slot(key);
            long k;
            while ((k = entries[2 * i]) != 0) {
                if (k == key) {
                    return Double.longBitsToDouble(entries[2 * i + 1]);
                }
                i = (i + 1) & mask;
            }
            return Double.NaN;
        }
    }

    /**
     * The language of {@code text}.
     *
     * @param allowed             the shop's languages, default first; only "fr" and "en" are told apart
     * @param conversationLanguage the language the conversation has used so far, or null
     * @param locale              the visitor's locale ("fr-FR"), or null
     */
    public String guess(String text, List<String> allowed, String conversationLanguage, String locale) {
        boolean fr = allowed.isEmpty() || allowed.contains(FR);
        boolean en = allowed.isEmpty() || allowed.contains(EN);
        if (fr != en) {
            return fr ? FR : EN;
        }
        int letters = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetter(text.charAt(i))) {
                letters++;
            }
        }
        // "ok", "top", "lol" say little about a language: the fewer the letters, the less the text itself counts.
        double score = frenchLogOdds(text) * Math.min(1.0, letters / SHORT_LINE_LETTERS);
        if (Math.abs(score) < 2.0) {
            if (letters >= LANGDETECT_MIN_LETTERS) {
                score += OpenNlpLanguages.frenchLogOdds(text);
            }
        }
        score += prior(conversationLanguage, CONTEXT_PRIOR);
        score += prior(languageOf(locale), LOCALE_PRIOR);
        score += prior(allowed.isEmpty() ? null : allowed.get(0), DEFAULT_PRIOR);
        return score >= 0 ? FR : EN;
    }

    private static double prior(String lang, double weight) {
        if (FR.equals(lang)) {
            return weight;
        }
        if (EN.equals(lang)) {
            return -weight;
        }
        return 0;
    }

    /** "fr-FR" → "fr"; null or unknown → null. */
    public static String languageOf(String locale) {
        if (locale == null || locale.length() < 2) {
            return null;
        }
        String l = locale.substring(0, 2).toLowerCase(Locale.ROOT);
        return l.equals(FR) || l.equals(EN) ? l : null;
    }

    /** OpenNLP's 103-language model, loaded once per process on first need (10 MB, about a second). */
    static final class OpenNlpLanguages {
        private static volatile LanguageDetectorModel model;
        private static volatile boolean unavailable;

        private OpenNlpLanguages() {
        }

        static double frenchLogOdds(String text) {
            LanguageDetectorModel m = model();
            if (m == null) {
                return 0;
            }
            // LanguageDetectorME is cheap to build and not documented as thread-safe: one per call.
            Language[] ranked = new LanguageDetectorME(m).predictLanguages(text);
            double f = 1e-4;
            double e = 1e-4;
            for (Language l : ranked) {
                if (l.getLang().equals("fra")) {
                    f += l.getConfidence();
                } else if (l.getLang().equals("eng")) {
                    e += l.getConfidence();
                }
            }
            return Math.max(-3, Math.min(3, Math.log(f / e)));
        }

        private static LanguageDetectorModel model() {
            LanguageDetectorModel m = model;
            if (m != null || unavailable) {
                return m;
            }
            synchronized (OpenNlpLanguages.class) {
                if (model == null && !unavailable) {
                    try (InputStream in = LanguageGuesser.class.getClassLoader().getResourceAsStream("langdetect-183.bin")) {
                        if (in == null) {
                            unavailable = true;
                            LOG.warn("OpenNLP langdetect model not on the classpath; using the character model alone");
                        } else {
                            model = new LanguageDetectorModel(in);
                        }
                    } catch (IOException e) {
                        unavailable = true;
                        LOG.warn("cannot load the OpenNLP langdetect model: {}", e.toString());
                    }
                }
                return model;
            }
        }
    }
}
