package org.causette.bot.nlu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Short phrase lists for what a classifier trained on a few examples per intent should not have to learn alone:
 * questions about living with a product (for ambassadors), anger, and ordinals that point back at shown products.
 * Matched on folded tokens, so accents, case and elision do not matter. Thread-safe.
 */
public final class Cues {
    /** "Is it comfortable for a tall person", "how does it hold up after a year": answered best by an owner. */
    private static final Map<String, List<String[]>> EXPERIENCE = phrases(
            "comfortable", "comfy", "uncomfortable", "tall person", "tall people", "i am tall", "im tall", "after a year",
            "after a few months", "hold up", "holds up", "held up", "in real life", "irl", "your experience", "anyone tried",
            "does it feel", "feel like", "is it sturdy", "how sturdy", "worth it", "worth the money", "long term", "over time",
            "day to day", "everyday use", "with kids", "with pets", "with a dog", "with a cat", "real customers",
            "confortable", "inconfortable", "confort", "grande taille", "je suis grand", "je suis grande", "je mesure",
            "au bout de un an", "au bout de quelques mois", "apres un an", "dans le temps", "tient le coup", "ca tient",
            "en vrai", "au quotidien", "votre avis", "vos avis", "des avis", "retour de experience", "retours de experience",
            "vaut le coup", "ressenti", "avec des enfants", "avec un chien", "avec un chat", "avec des animaux",
            "quelqu un qui le a", "quelqu un qui la a", "se abime", "vieillit", "soft enough", "for kids", "for children",
            "kid friendly", "pet friendly", "cat proof", "dog proof", "pour les enfants", "pour des enfants", "assez doux",
            "assez solide", "resiste aux", "resistant aux griffes", "griffes", "scratch");
    /** Anger: enough to hand over even when the words look like another intent. */
    private static final Map<String, List<String[]>> ANGER = phrases(
            "scandale", "scandaleux", "inadmissible", "inacceptable", "honteux", "honte", "arnaque", "arnaqueurs", "voleurs",
            "nul", "nuls", "lamentable", "furieux", "furieuse", "en colere", "ras le bol", "marre", "j en ai marre",
            "plainte", "porter plainte", "unacceptable", "ridiculous", "scam", "scammers", "disgrace", "disgusting",
            "furious", "angry", "outraged", "pathetic", "terrible service", "worst", "fed up", "rip off", "ripoff");
    private static final Map<String, List<String[]>> FIRST = phrases("le premier", "la premiere", "first one", "the first", "premier", "premiere");
    private static final Map<String, List<String[]>> SECOND = phrases("le deuxieme", "la deuxieme", "le second", "la seconde",
            "second one", "the second", "deuxieme", "seconde");
    private static final Map<String, List<String[]>> THIRD = phrases("le troisieme", "la troisieme", "third one", "the third", "troisieme");

    /** "elle", "it", « celui-ci », "this one": the shopper points at one product, the one just answered about. */
    private static final Map<String, List<String[]>> SINGULAR = phrases("il", "elle", "it", "celui", "celle",
            "this one", "that one", "ce modele", "cette modele", "this model", "that model");
    private static final Map<String, List<String[]>> IMPERSONAL = phrases("il y a", "il y en a", "is it possible",
            "it is possible", "il faut", "il me faut", "il nous faut", "il vous faut");

    private static final Map<String, List<String[]>> YES = phrases("oui", "ouais", "yes", "yep", "yeah", "oui svp",
            "oui stp", "oui merci", "oui volontiers", "volontiers", "yes please", "sure", "avec plaisir", "je veux bien");
    private static final Map<String, List<String[]>> ACKNOWLEDGE = phrases("ok", "okay", "oki", "d accord", "dac", "parfait",
            "super", "top", "cool", "great", "perfect", "noted", "entendu", "compris", "got it", "ok merci", "ok thanks", "ca marche");
    private static final Map<String, List<String[]>> NO = phrases("non", "no", "nope", "non merci", "no thanks",
            "no thank you", "pas besoin", "rien", "nothing", "c est tout", "that s all", "thats all");
    /**
     * "Is there a discount code?", « c'est quand les soldes ? »: a question about the shop's offers in general (its
     * promotions text answers it) rather than "what's on sale?" (the products on sale answer it).
     */
    private static final Map<String, List<String[]>> CODE = phrases("code", "codes", "coupon", "coupons", "voucher",
            "vouchers", "bon de reduction", "bon reduction", "bienvenue", "welcome", "premiere commande", "first order",
            "newsletter", "parrainage", "referral", "quand", "when", "etudiant", "etudiante", "student", "black friday",
            "fidelite", "loyalty");

    /** Replies this short are answers to the bot's own question rather than new questions. */
    private static final int SHORT_REPLY_TOKENS = 3;

    private Cues() {
    }

    /** "oui", "yes please": a short yes. */
    public static boolean yes(List<Token> tokens) {
        return tokens.size() <= SHORT_REPLY_TOKENS && any(tokens, YES);
    }

    /** "ok", "d'accord", "parfait": a short acknowledgement. */
    public static boolean acknowledgement(List<Token> tokens) {
        return tokens.size() <= SHORT_REPLY_TOKENS && any(tokens, ACKNOWLEDGE);
    }

    /** "non merci", "that's all": a short no. */
    public static boolean no(List<Token> tokens) {
        return tokens.size() <= SHORT_REPLY_TOKENS && any(tokens, NO);
    }

    /** Phrases indexed by their first word: a line is checked with one look-up per word. */
    private static Map<String, List<String[]>> phrases(String... ps) {
        Map<String, List<String[]>> out = new HashMap<>();
        for (String p : ps) {
            String[] words = TextNormalizer.normalize(p).split(" ");
            out.computeIfAbsent(words[0], k -> new ArrayList<>()).add(words);
        }
        return out;
    }

    /** A singular pronoun pointing at a product ("is it", « elle existe »), not an impersonal « il y a ». */
    public static boolean singularPronoun(List<Token> tokens) {
        return any(tokens, SINGULAR) && !any(tokens, IMPERSONAL);
    }

    public static boolean asksForACode(List<Token> tokens) {
        return any(tokens, CODE);
    }

    public static boolean experience(List<Token> tokens) {
        return any(tokens, EXPERIENCE);
    }

    public static boolean anger(List<Token> tokens) {
        return any(tokens, ANGER);
    }

    /** 0 for "the first one", 1 for the second, 2 for the third, -1 when no ordinal is named. */
    public static int ordinal(List<Token> tokens) {
        if (any(tokens, FIRST)) {
            return 0;
        }
        if (any(tokens, SECOND)) {
            return 1;
        }
        if (any(tokens, THIRD)) {
            return 2;
        }
        return -1;
    }

    /**
     * A set of folded phrases to find in a line, indexed by first word: one hash look-up per word of the line, so the
     * cost follows the line, not the list. Immutable and thread-safe.
     */
    public static final class PhraseSet {
        private final Map<String, List<String[]>> phrases;

        private PhraseSet(Map<String, List<String[]>> phrases) {
            this.phrases = phrases;
        }

        public static PhraseSet of(String... ps) {
            return new PhraseSet(phrases(ps));
        }

        public boolean in(List<Token> tokens) {
            return any(tokens, phrases);
        }

        /** The index of the first token where a phrase starts, or -1. */
        public int find(List<Token> tokens) {
            return indexOf(tokens, phrases);
        }
    }

    private static boolean any(List<Token> tokens, Map<String, List<String[]>> phrases) {
        return indexOf(tokens, phrases) >= 0;
    }

    private static int indexOf(List<Token> tokens, Map<String, List<String[]>> phrases) {
        int n = tokens.size();
        for (int i = 0; i < n; i++) {
            List<String[]> candidates = phrases.get(tokens.get(i).text());
            if (candidates == null) {
                continue;
            }
            for (String[] p : candidates) {
                if (i + p.length > n) {
                    continue;
                }
                boolean all = true;
                for (int k = 1; k < p.length; k++) {
                    if (!p[k].equals(tokens.get(i + k).text())) {
                        all = false;
                        break;
                    }
                }
                if (all) {
                    return i;
                }
            }
        }
        return -1;
    }
}
