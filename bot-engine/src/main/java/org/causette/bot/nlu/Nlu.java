package org.causette.bot.nlu;

import org.causette.bot.eval.LabeledCsv;
import org.causette.bot.knowledge.BuiltInIntents;
import org.causette.bot.knowledge.Catalog;
import org.causette.bot.knowledge.Faq;
import org.causette.bot.knowledge.FaqIntent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One site's understanding, trained at site load: the intent model (built-in intents in French and English plus the
 * shop's faq.json intents), the language guesser and the entity extractor. Thread-safe after construction.
 */
public final class Nlu {
    private static final Logger LOG = LoggerFactory.getLogger(Nlu.class);
    /** The label of the built-in out-of-scope rows; it cannot clash with a shop intent id, which starts with a letter. */
    public static final String OUT_OF_SCOPE = "_oos";
    static final String BUILTIN_OOS = "oos";
    private static final String RESOURCE_DIR = "org/causette/bot/nlu/";
    /** A shop writes two or three examples per intent against our fifty: repeating them keeps them from drowning. */
    private static final int SHOP_EXAMPLE_TARGET = 15;
    private static final int SHOP_EXAMPLE_MAX_REPEAT = 5;

    private final IntentModel intents;
    private final HybridIntentModel hybrid;
    private final LanguageGuesser languages;
    private final EntityExtractor entities;
    private final List<String> siteLanguages;

    private Nlu(HybridIntentModel hybrid, LanguageGuesser languages, EntityExtractor entities, List<String> siteLanguages) {
        this.intents = hybrid.ngram();
        this.hybrid = hybrid;
        this.languages = languages;
        this.entities = entities;
        this.siteLanguages = List.copyOf(siteLanguages);
    }

    /** The built-in training sentences of one language ("fr" or "en"), out-of-scope rows included. */
    public static List<LabeledText> builtInExamples(String language) {
        List<LabeledText> rows = LabeledCsv.readResource(RESOURCE_DIR + "builtin-" + language + ".csv");
        List<LabeledText> out = new ArrayList<>(rows.size());
        for (LabeledText r : rows) {
            if (r.label().equals(BUILTIN_OOS)) {
                out.add(new LabeledText(r.text(), OUT_OF_SCOPE));
            } else if (BuiltInIntents.isBuiltIn(r.label())) {
                out.add(r);
            } else {
                LOG.warn("built-in training data: unknown label '{}' ignored", r.label());
            }
        }
        return out;
    }

    public static Nlu train(Catalog catalog, Faq faq, List<String> siteLanguages, IntentModel.Settings settings) {
        return train(catalog, faq, siteLanguages, settings, null);
    }

    /**
     * @param encoder the English sentence encoder to consult where the n-gram model is unsure, or null for none; it
     *                learns from the English built-in rows and the shop's English examples
     */
    public static Nlu train(Catalog catalog, Faq faq, List<String> siteLanguages, IntentModel.Settings settings,
                            SentenceEncoder encoder) {
        List<LabeledText> fr = builtInExamples("fr");
        List<LabeledText> en = builtInExamples("en");
        List<LabeledText> data = new ArrayList<>(fr.size() + en.size() + 64);
        data.addAll(fr);
        data.addAll(en);
        List<String> frText = new ArrayList<>();
        List<String> enText = new ArrayList<>();
        fr.forEach(r -> frText.add(r.text()));
        en.forEach(r -> enText.add(r.text()));
        List<LabeledText> english = new ArrayList<>(en); // the encoder's examples: once each, no repeats
        for (FaqIntent intent : faq.intents()) {
            for (Map.Entry<String, List<String>> e : intent.examples().entrySet()) {
                List<String> examples = e.getValue();
                if (examples.isEmpty()) {
                    continue;
                }
                int repeat = Math.max(1, Math.min(SHOP_EXAMPLE_MAX_REPEAT, SHOP_EXAMPLE_TARGET / examples.size()));
                for (String ex : examples) {
                    for (int k = 0; k < repeat; k++) {
                        data.add(new LabeledText(ex, intent.id()));
                    }
                }
                if (e.getKey().equals("fr")) {
                    frText.addAll(examples);
                } else if (e.getKey().equals("en")) {
                    enText.addAll(examples);
                    for (String ex : examples) {
                        english.add(new LabeledText(ex, intent.id()));
                    }
                }
            }
        }
        IntentModel model = IntentModel.train(data, OUT_OF_SCOPE, settings);
        HybridIntentModel hybrid = encoder == null ? HybridIntentModel.of(model)
                : HybridIntentModel.train(model, english, encoder);
        java.util.Set<String> ordinaryWords = new java.util.HashSet<>();
        for (LabeledText t : data) {
            for (Token token : TextNormalizer.tokens(t.text())) {
                ordinaryWords.add(token.text());
            }
        }
        return new Nlu(hybrid, LanguageGuesser.train(frText, enText), EntityExtractor.of(catalog, ordinaryWords), siteLanguages);
    }

    /**
     * Understands one line.
     *
     * @param languageHint         a language the caller knows for sure (the parse API's {@code lang}), or null
     * @param conversationLanguage the conversation's language so far, or null
     * @param locale               the visitor's locale, or null
     */
    public Understanding understand(String text, String languageHint, String conversationLanguage, String locale) {
        List<Token> tokens = TextNormalizer.tokens(text);
        String language = LanguageGuesser.languageOf(languageHint);
        if (language == null || (!siteLanguages.isEmpty() && !siteLanguages.contains(language))) {
            language = languages.guess(text, siteLanguages, conversationLanguage, locale);
        }
        EntityExtractor.Entities found = entities.extract(text, tokens);
        // The encoder is for English lines the n-gram model does not know well; a line naming a product is routine
        // traffic the catalog and the dialogue's product rules answer, and stays on the microsecond path.
        boolean encoderMayHelp = "en".equals(language) && found.productSkus().isEmpty();
        IntentPrediction prediction = hybrid.predict(text, tokens, encoderMayHelp);
        return new Understanding(text, language, tokens, prediction, found);
    }

    public IntentModel intentModel() {
        return intents;
    }

    /** The n-gram model with the sentence encoder when there is one: what {@link #understand} asks. */
    public HybridIntentModel intents() {
        return hybrid;
    }

    public EntityExtractor entityExtractor() {
        return entities;
    }

    public LanguageGuesser languageGuesser() {
        return languages;
    }
}
