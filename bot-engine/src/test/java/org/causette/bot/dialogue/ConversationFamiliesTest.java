package org.causette.bot.dialogue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.causette.bot.Bot;
import org.causette.bot.BotInput;
import org.causette.bot.BotTurn;
import org.causette.bot.Card;
import org.causette.bot.DialogueContext;
import org.causette.bot.Parse;
import org.causette.bot.QuickReply;
import org.causette.bot.TestSites;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The families of turns the dialogue tests score (bot-engine/README.md), one conversation each, on the demo shop and on a second shop in another trade (outdoor
 * gear, src/test/resources/org/causette/bot/outdoor): attributes, context, stock truth, lists and superlatives,
 * comparisons, the shop's own intents, wording in both languages, and the queue.
 */
class ConversationFamiliesTest {
    private static final Bot DEMO = TestSites.demoBot();
    private static final Bot OUTDOOR = TestSites.outdoorBot();
    private static final Bot FIXTURE = TestSites.fixtureBot();

    private static final class Chat {
        private final Bot bot;
        private final String locale;
        DialogueContext context = DialogueContext.EMPTY;
        boolean waiting;

        Chat(Bot bot, String locale) {
            this.bot = bot;
            this.locale = locale;
        }

        BotTurn say(String text) {
            BotTurn t = bot.respond(new BotInput(text, null, locale, waiting), context);
            context = t.context();
            return t;
        }
    }

    private static String text(BotTurn t) {
        StringBuilder sb = new StringBuilder();
        t.messages().forEach(m -> sb.append(m.text()).append('\n'));
        return sb.toString();
    }

    private static List<String> cards(BotTurn t) {
        List<String> out = new ArrayList<>();
        t.messages().forEach(m -> m.cards().forEach(c -> out.add(c.sku())));
        return out;
    }

    private static List<QuickReply> replies(BotTurn t) {
        List<QuickReply> out = new ArrayList<>();
        t.messages().forEach(m -> out.addAll(m.quickReplies()));
        return out;
    }

    private static boolean offersAPerson(BotTurn t) {
        return replies(t).stream().anyMatch(q -> "INTENT:human_request".equals(q.payload()));
    }

    // ---- attributes -------------------------------------------------------------------------------------------

    @Test
    void anAttributeIsAnsweredByTheQuestionsShapeNotByItsPrice() {
        Chat chat = new Chat(DEMO, "fr-FR");
        chat.say("Le fauteuil Luna, il est comment ?");
        BotTurn width = chat.say("Il fait combien de large ?");
        assertTrue(text(width).contains("84 cm"), text(width));
        assertFalse(text(width).contains("429"), text(width));

        BotTurn weight = new Chat(OUTDOOR, "fr-FR").say("combien pèse la tente zephyr");
        assertTrue(text(weight).contains("1,4 kg"), text(weight));
        BotTurn seasons = new Chat(OUTDOOR, "fr-FR").say("la tente orage c'est pour combien de saisons ?");
        assertTrue(text(seasons).contains("Saisons") && text(seasons).contains("3"), text(seasons));
        assertFalse(text(seasons).contains("249"), text(seasons));
        BotTurn people = new Chat(OUTDOOR, "en-GB").say("the orage tent sleeps how many people?");
        assertTrue(text(people).contains("3 seats") || text(people).contains("Capacity"), text(people));
    }

    @Test
    void anAttributeTheCatalogLacksIsSaidPlainlyWithAPersonOffered() {
        Chat chat = new Chat(DEMO, "en-GB");
        chat.say("How much is the Oslo armchair?");
        BotTurn weight = chat.say("what's the weight?");
        assertTrue(text(weight).startsWith("I don't have"), text(weight));
        assertTrue(offersAPerson(weight), text(weight));
        assertFalse(text(weight).contains("€"), text(weight));
        BotTurn cover = chat.say("does it come with a rain cover?");
        assertTrue(text(cover).startsWith("I don't have"), text(cover));
        assertFalse(text(cover).contains("grey"), "no other fact in its place: " + text(cover));
    }

    @Test
    void labelsFollowTheAnswersLanguageAndTheShopsOwnLabels() {
        BotTurn en = new Chat(DEMO, "en-GB").say("what's the difference between the oslo and the luna?");
        assertTrue(text(en).contains("Material: ") && text(en).contains("Width: "), text(en));
        assertFalse(text(en).contains("Matière") || text(en).contains("Largeur"), text(en));
        BotTurn water = new Chat(OUTDOOR, "en-GB").say("compare the orage and the zephyr");
        assertTrue(text(water).contains("Water column: 3000 mm / 2000 mm"), text(water));
        BotTurn fr = new Chat(OUTDOOR, "fr-FR").say("quelle est la différence entre la tente orage et la zephyr ?");
        assertTrue(text(fr).contains("Colonne d'eau : 3000 mm / 2000 mm"), text(fr));
    }

    // ---- wording ----------------------------------------------------------------------------------------------

    @Test
    void frenchNamesTakeTheirArticleAndEnglishAnswersUseEnglishNames() {
        BotTurn fr = new Chat(DEMO, "fr-FR").say("Combien coûte le fauteuil Oslo ?");
        assertTrue(text(fr).startsWith("Le fauteuil Oslo est en promotion"), text(fr));
        BotTurn lamp = new Chat(DEMO, "fr-FR").say("l'applique lior est disponible ?");
        assertTrue(text(lamp).contains("de l'applique Lior") || text(lamp).contains("L'applique Lior"), text(lamp));
        BotTurn en = new Chat(DEMO, "en-GB").say("how much is the luna armchair?");
        assertTrue(text(en).contains("Luna armchair"), text(en));
        assertFalse(text(en).contains("Fauteuil"), text(en));
        assertEquals("Luna armchair", en.messages().get(0).cards().get(0).title());
        BotTurn named = new Chat(OUTDOOR, "en-GB").say("how much is the orage tent?");
        assertTrue(text(named).contains("Orage 3-person tent"), "catalog.json name.en: " + text(named));
    }

    @Test
    void englishListsShowEnglishCategories() {
        BotTurn t = new Chat(DEMO, "en-GB").say("what do you recommend?");
        for (QuickReply q : replies(t)) {
            assertFalse(q.title().equals("Fauteuils") || q.title().equals("Canapés"), q.title());
        }
        BotTurn rugs = new Chat(DEMO, "en-GB").say("show me your rugs");
        assertTrue(text(rugs).contains("rugs"), text(rugs));
        BotTurn boots = new Chat(OUTDOOR, "en-GB").say("do you have boots?");
        // The shop has one pair of boots: its availability (a list of one is that product), in English words.
        assertTrue(text(boots).contains("from our boots") || text(boots).contains("Cime boots"), text(boots));
        assertFalse(text(boots).contains("Chaussures"), text(boots));
    }

    // ---- stock truth ------------------------------------------------------------------------------------------

    @Test
    void aColourOutOfStockIsSaidWithItsRestockDate() {
        BotTurn grey = new Chat(DEMO, "fr-FR").say("Le canapé Léman existe en gris ?");
        assertTrue(text(grey).contains("rupture") && text(grey).contains("10 février 2027"), text(grey));
        BotTurn typo = new Chat(DEMO, "fr-FR").say("combien coute le canaper leman en gri svp");
        assertTrue(text(typo).contains("1 490,00 €") && text(typo).contains("10 février 2027"), text(typo));
    }

    @Test
    void filteredRecommendationsOnlyShowWhatIsAvailableInThatColour() {
        BotTurn blue = new Chat(DEMO, "en-GB").say("do u hav any rugs in blu under 300");
        assertTrue(text(blue).startsWith("I have nothing available"), text(blue));
        assertTrue(text(blue).contains("December 12, 2026"), text(blue));
    }

    @Test
    void aColourWordBeatsAFuzzyProductName() {
        Chat chat = new Chat(OUTDOOR, "fr-FR");
        chat.say("la tente zephyr est à combien ?");
        BotTurn orange = chat.say("et en orange ?");
        assertFalse(cards(orange).contains("ORAGE"), text(orange));
        assertTrue(text(orange).contains("1 mars 2027") || text(orange).contains("1er mars 2027"), text(orange));
    }

    @Test
    void aSizeIsFoundInsideARangeAndABareNumberIsASize() {
        Chat chat = new Chat(OUTDOOR, "en-GB");
        chat.say("are the cime boots in stock?");
        BotTurn big = chat.say("got them in 44?");
        assertTrue(text(big).startsWith("Yes") && text(big).contains("43-46"), text(big));
        BotTurn small = chat.say("and in 40?");
        assertTrue(text(small).contains("out of stock") && text(small).contains("February 1, 2027"), text(small));

        Chat fixture = new Chat(FIXTURE, "fr-FR");
        fixture.say("les chaussures trail x 200 sont dispo ?");
        BotTurn size = fixture.say("et en 42 ?");
        assertTrue(text(size).startsWith("Oui") && text(size).contains("42"), text(size));
    }

    // ---- lists, superlatives, budgets ---------------------------------------------------------------------------

    @Test
    void superlativesAnswerOverACategoryOrTheLastList() {
        BotTurn cheapest = new Chat(DEMO, "fr-FR").say("Quel est le canapé le moins cher ?");
        assertEquals(Parse.Action.ANSWER, cheapest.parse().action(), text(cheapest));
        assertEquals("CASSIS", cards(cheapest).get(0), text(cheapest));

        Chat chat = new Chat(DEMO, "en-GB");
        chat.say("show me your armchairs");
        BotTurn cheaper = chat.say("the cheaper one");
        assertEquals("ELSA", cards(cheaper).get(0), text(cheaper));

        Chat tents = new Chat(OUTDOOR, "fr-FR");
        tents.say("vous avez des tentes ?");
        BotTurn light = tents.say("laquelle est la plus légère ?");
        assertEquals("ZEPHYR", cards(light).get(0), text(light));
    }

    @Test
    void onSaleNowListsTheProductsOnSale() {
        BotTurn sale = new Chat(DEMO, "en-GB").say("what's on sale right now?");
        assertTrue(text(sale).contains("Pia table lamp") && text(sale).contains("€69.00"), text(sale));
    }

    @Test
    void budgetsAndListFollowUps() {
        Chat chat = new Chat(DEMO, "fr-FR");
        BotTurn sofas = chat.say("vous avez des canapés à moins de 1500 € ?");
        assertFalse(cards(sofas).contains("ARLES"), text(sofas));
        BotTurn three = chat.say("et en 3 places ?");
        assertEquals(java.util.Set.of("LEMAN", "MILO"), java.util.Set.copyOf(cards(three)), text(three));
        BotTurn first = chat.say("le premier");
        assertEquals(1, cards(first).stream().distinct().filter(s -> s.equals("LEMAN") || s.equals("MILO")).count(), text(first));
        BotTurn between = new Chat(DEMO, "en-GB").say("any lamps between 50 and 100 euros?");
        assertTrue(cards(between).stream().allMatch(s -> List.of("PIA", "LIOR", "MONA").contains(s)) && !cards(between).isEmpty(), text(between));
    }

    // ---- comparisons and context -------------------------------------------------------------------------------

    @Test
    void aComparisonIsOfTheTwoProductsNamed() {
        BotTurn t = new Chat(DEMO, "en-GB").say("Which is better for a small flat, the Milo sofa bed or the Cassis sofa?");
        assertEquals(List.of("MILO", "CASSIS"), cards(t), text(t));
    }

    @Test
    void relatedCardsDoNotBecomeTheSubject() {
        Chat chat = new Chat(DEMO, "fr-FR");
        chat.say("parlez-moi du fauteuil oslo");
        assertEquals("OSLO", chat.context.productSku());
        assertEquals(List.of("OSLO"), chat.context.recentSkus());
    }

    @Test
    void aShortQuestionContinuesTheLastTopic() {
        Chat chat = new Chat(OUTDOOR, "en-GB");
        chat.say("How much is delivery?");
        BotTurn free = chat.say("is it free?");
        assertEquals("shipping", free.parse().intent().name(), text(free));
    }

    @Test
    void theShopsOwnIntentWinsOverABuiltInOneItResembles() {
        BotTurn rent = new Chat(OUTDOOR, "en-GB").say("can I rent one of your tents?");
        assertEquals("rental", rent.parse().intent().name(), text(rent));
    }

    // ---- the queue ----------------------------------------------------------------------------------------------

    @Test
    void inTheQueueTheBotKeepsAnsweringAndNeverHandsOverAgain() {
        Chat chat = new Chat(DEMO, "fr-FR");
        chat.waiting = true;
        BotTurn delivery = chat.say("vous livrez en belgique ?");
        assertEquals("shipping", delivery.parse().intent().name());
        assertTrue(text(delivery).contains("Belgique") && text(delivery).contains("conseiller vous rejoint"), text(delivery));
        BotTurn person = chat.say("je veux parler à un humain");
        assertNull(person.handover());
        assertTrue(text(person).contains("va vous rejoindre"), text(person));
    }

    // ---- stored contexts ----------------------------------------------------------------------------------------

    @Test
    void aContextStoredByTheFirstReleaseStillReads() throws Exception {
        ObjectMapper json = new ObjectMapper();
        DialogueContext old = json.readValue("{\"language\":\"fr\",\"productSku\":\"OSLO\",\"lastIntent\":\"product_price\","
                + "\"misunderstoodRuns\":0,\"recentSkus\":[\"OSLO\"]}", DialogueContext.class);
        assertEquals(List.of(), old.listSkus());
        assertEquals(DialogueContext.Filters.NONE, old.filters());
        Chat chat = new Chat(DEMO, "fr-FR");
        chat.say("vous avez des canapés ?");
        DialogueContext back = json.readValue(json.writeValueAsString(chat.context), DialogueContext.class);
        assertEquals(chat.context, back);
    }
}
