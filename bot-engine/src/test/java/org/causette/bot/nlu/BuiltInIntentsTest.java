package org.causette.bot.nlu;

import org.causette.bot.Parse;
import org.causette.bot.TestSites;
import org.causette.bot.dialogue.SiteBot;
import org.causette.bot.eval.LabeledCsv;
import org.causette.bot.knowledge.BuiltInIntents;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every built-in intent, in French and English, on phrasings that are not in the training sets. */
class BuiltInIntentsTest {
    /** Hand-written, two per intent and language, none in builtin-*.csv (checked below). */
    private static final Map<String, List<String>> FR = Map.ofEntries(
            Map.entry("greeting", List.of("bonsoir l'équipe", "coucou, y a quelqu'un ?")),
            Map.entry("goodbye", List.of("bonne soirée, à la prochaine", "je vous laisse, au revoir")),
            Map.entry("thanks", List.of("merci infiniment pour votre aide", "super merci bcp")),
            Map.entry("human_request", List.of("je voudrais discuter avec une vraie personne", "passez-moi un vendeur svp")),
            Map.entry("product_price", List.of("il coûte combien ce fauteuil ?", "quel est le tarif de la lampe pia")),
            Map.entry("product_stock", List.of("la tente est-elle encore en stock ?", "vous l'avez en magasin en ce moment ?")),
            Map.entry("product_variants", List.of("quels coloris existent pour ce modèle ?", "il y a d'autres tailles ?")),
            Map.entry("product_info", List.of("quelles sont les dimensions du fauteuil oslo", "il est fabriqué avec quel bois ?")),
            Map.entry("product_recommendation", List.of("vous me conseillez quoi pour un petit salon ?", "je cherche une idée cadeau, des suggestions ?")),
            Map.entry("product_compare", List.of("quelle différence entre l'oslo et le bergen ?", "lequel est le mieux des deux ?")),
            Map.entry("shipping", List.of("vous expédiez vers la suisse ?", "combien de jours pour recevoir mon colis ?")),
            Map.entry("returns", List.of("je peux renvoyer un article qui ne me plaît pas ?", "comment se passe un retour ?")),
            Map.entry("payment", List.of("on peut payer en plusieurs fois ?", "vous prenez la carte amex ?")),
            Map.entry("promotions", List.of("vous avez des codes promo en ce moment ?", "les soldes d'hiver commencent quand chez vous ?")),
            Map.entry("order_status", List.of("ma commande n'est toujours pas arrivée", "je voudrais suivre mon colis")),
            Map.entry("complaint", List.of("je suis très mécontent de mon achat", "le produit reçu est abîmé, c'est inadmissible")));
    private static final Map<String, List<String>> EN = Map.ofEntries(
            Map.entry("greeting", List.of("good afternoon folks", "hey, anyone around?")),
            Map.entry("goodbye", List.of("ok talk later, bye", "have a good one, goodbye")),
            Map.entry("thanks", List.of("thank you so much for the help", "great thanks a lot")),
            Map.entry("human_request", List.of("I'd like to speak to a real person", "can you put me through to an agent")),
            Map.entry("product_price", List.of("what does this armchair cost?", "how much for the pia lamp")),
            Map.entry("product_stock", List.of("is the tent still available?", "do you have it in stock right now?")),
            Map.entry("product_variants", List.of("what colours does it come in?", "are there other sizes?")),
            Map.entry("product_info", List.of("what are the dimensions of the oslo armchair", "what is it made of?")),
            Map.entry("product_recommendation", List.of("what would you recommend for a small living room?", "any suggestions for a gift?")),
            Map.entry("product_compare", List.of("what's the difference between the oslo and the bergen?", "which of the two is better?")),
            Map.entry("shipping", List.of("do you ship to switzerland?", "how many days until my parcel arrives?")),
            Map.entry("returns", List.of("can I send back an item I don't like?", "how do returns work?")),
            Map.entry("payment", List.of("is it possible to split the payment into three?", "is american express accepted?")),
            Map.entry("promotions", List.of("any promo codes at the moment?", "when is your sale?")),
            Map.entry("order_status", List.of("my order still hasn't arrived", "could you tell me where my parcel is at")),
            Map.entry("complaint", List.of("I'm very unhappy with my purchase", "the item arrived damaged, this is unacceptable")));

    private static final SiteBot BOT = TestSites.fixtureBot();

    @Test
    void handWrittenExamplesCoverEveryIntentAndAreNotTrainingSentences() {
        assertEquals(Set.copyOf(BuiltInIntents.ALL), FR.keySet());
        assertEquals(Set.copyOf(BuiltInIntents.ALL), EN.keySet());
        Set<String> training = new HashSet<>();
        for (String lang : List.of("fr", "en")) {
            Nlu.builtInExamples(lang).forEach(t -> training.add(TextNormalizer.normalize(t.text())));
        }
        List<String> inTraining = new java.util.ArrayList<>();
        for (Map<String, List<String>> m : List.of(FR, EN)) {
            m.values().forEach(list -> list.stream().filter(s -> training.contains(TextNormalizer.normalize(s))).forEach(inTraining::add));
        }
        assertEquals(List.of(), inTraining, "hand-written examples found in the training sets");
    }

    @Test
    void everyBuiltInIntentIsUnderstoodInFrenchAndEnglish() {
        int total = 0;
        int right = 0;
        StringBuilder misses = new StringBuilder();
        for (String lang : List.of("fr", "en")) {
            Map<String, List<String>> m = lang.equals("fr") ? FR : EN;
            for (String intent : BuiltInIntents.ALL) {
                int intentRight = 0;
                for (String s : m.get(intent)) {
                    Parse p = BOT.parse(s, lang);
                    total++;
                    if (p.intent().name().equals(intent)) {
                        right++;
                        intentRight++;
                    } else {
                        misses.append(lang).append(" '").append(s).append("' → ").append(p.intent().name()).append('\n');
                    }
                }
                assertTrue(intentRight >= 1, lang + " " + intent + " never recognised:\n" + misses);
            }
        }
        assertTrue(right >= 0.85 * total, right + "/" + total + " right; misses:\n" + misses);
    }

    @Test
    void heldOutSetsScoreWellAndDoNotOverlapTraining() {
        for (String lang : List.of("fr", "en")) {
            List<LabeledText> heldOut = LabeledCsv.readResource("org/causette/bot/nlu/heldout-" + lang + ".csv");
            assertFalse(heldOut.isEmpty(), "heldout-" + lang + ".csv");
            Set<String> training = new HashSet<>();
            Nlu.builtInExamples(lang).forEach(t -> training.add(t.text().trim().toLowerCase()));
            int inScope = 0;
            int topRight = 0;
            Map<String, int[]> perIntent = new HashMap<>();
            for (LabeledText row : heldOut) {
                assertFalse(training.contains(row.text().trim().toLowerCase()), "held-out row is a training row: " + row.text());
                if (row.label().equals("oos")) {
                    continue;
                }
                inScope++;
                IntentPrediction p = BOT.nlu().intentModel().predict(row.text());
                boolean ok = row.label().equals(p.best());
                perIntent.computeIfAbsent(row.label(), k -> new int[2])[ok ? 0 : 1]++;
                if (ok) {
                    topRight++;
                }
            }
            assertTrue(topRight >= 0.75 * inScope, lang + ": top-1 " + topRight + "/" + inScope + " " + summary(perIntent));
        }
    }

    @Test
    void outOfScopeChatterIsNotAnswered() {
        for (String s : List.of("quel temps fera-t-il demain ?", "qui a gagné le match hier soir", "raconte-moi une blague",
                "what's the capital of australia", "can you help me with my maths homework", "who is the president of france")) {
            Parse p = BOT.parse(s, null);
            assertEquals(Parse.Action.CLARIFY, p.action(), s + " → " + p.intent());
            assertEquals(Parse.OUT_OF_SCOPE, p.intent().name(), s);
        }
    }

    private static String summary(Map<String, int[]> perIntent) {
        StringBuilder sb = new StringBuilder();
        perIntent.forEach((k, v) -> sb.append(k).append('=').append(v[0]).append('/').append(v[0] + v[1]).append(' '));
        return sb.toString();
    }
}
