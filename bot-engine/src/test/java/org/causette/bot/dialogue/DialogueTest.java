package org.causette.bot.dialogue;

import org.causette.bot.Bot;
import org.causette.bot.BotInput;
import org.causette.bot.BotMessage;
import org.causette.bot.BotTurn;
import org.causette.bot.Card;
import org.causette.bot.DialogueContext;
import org.causette.bot.Handover;
import org.causette.bot.Parse;
import org.causette.bot.QuickReply;
import org.causette.bot.TestSites;
import org.causette.bot.knowledge.Faq;
import org.causette.bot.knowledge.SiteKnowledge;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DialogueTest {
    private static final SiteBot BOT = TestSites.fixtureBot();

    /** A conversation: each say() is one turn with the context of the previous one. */
    private static final class Chat {
        private final Bot bot;
        private final String locale;
        DialogueContext context = DialogueContext.EMPTY;
        BotTurn last;

        Chat(Bot bot, String locale) {
            this.bot = bot;
            this.locale = locale;
        }

        BotTurn say(String text) {
            return turn(new BotInput(text, null, locale));
        }

        BotTurn tap(String title, String payload) {
            return turn(new BotInput(title, payload, locale));
        }

        private BotTurn turn(BotInput input) {
            last = bot.respond(input, context);
            context = last.context();
            return last;
        }
    }

    private static String text(BotTurn t) {
        StringBuilder sb = new StringBuilder();
        t.messages().forEach(m -> sb.append(m.text()).append('\n'));
        return sb.toString();
    }

    private static List<Card> cards(BotTurn t) {
        List<Card> out = new ArrayList<>();
        t.messages().forEach(m -> out.addAll(m.cards()));
        return out;
    }

    private static List<QuickReply> replies(BotTurn t) {
        List<QuickReply> out = new ArrayList<>();
        t.messages().forEach(m -> out.addAll(m.quickReplies()));
        return out;
    }

    @Test
    void priceInTheShopsCurrencyAndLanguage() {
        BotTurn fr = new Chat(BOT, "fr-FR").say("combien coûte le fauteuil oslo ?");
        assertEquals("fr", fr.language());
        assertEquals("product_price", fr.parse().intent().name());
        assertEquals(Parse.Action.ANSWER, fr.parse().action());
        assertTrue(text(fr).contains("299,00 €") && text(fr).contains("349,00 €"), text(fr));
        Card card = cards(fr).get(0);
        assertEquals("OSLO", card.sku());
        assertEquals("299,00 €", card.price());
        assertEquals("349,00 €", card.regularPrice(), "on sale: the price before the sale, to strike through");
        assertEquals("Voir le produit", card.buttons().get(0).title());
        assertEquals("https://shop.example/oslo", card.buttons().get(0).url());
        assertEquals("INTENT:product_stock|OSLO", card.buttons().get(1).payload());

        BotTurn en = new Chat(BOT, "en-GB").say("how much is the oslo armchair?");
        assertEquals("en", en.language());
        assertTrue(text(en).contains("€299.00") && text(en).contains("€349.00"), text(en));
        assertEquals("€299.00", cards(en).get(0).price());
        assertEquals("View product", cards(en).get(0).buttons().get(0).title());
    }

    @Test
    void stockPerVariantWithRestockDates() {
        BotTurn t = new Chat(BOT, "fr-FR").say("le fauteuil oslo est-il en stock ?");
        assertEquals("product_stock", t.parse().intent().name());
        assertTrue(text(t).contains("Gris : 4 en stock · Bleu : rupture, de retour le 15 décembre 2026"), text(t));
        BotTurn en = new Chat(BOT, "en").say("is the oslo armchair in stock?");
        assertTrue(text(en).contains("Grey: 4 in stock · Blue: out of stock, back on December 15, 2026"), text(en));
    }

    @Test
    void contextCarriesAcrossTurns() {
        Chat chat = new Chat(BOT, "fr-FR");
        chat.say("combien coûte le fauteuil oslo ?");
        assertEquals("OSLO", chat.context.productSku());
        BotTurn blue = chat.say("et en bleu ?");
        assertEquals(Parse.Action.ANSWER, blue.parse().action());
        assertTrue(text(blue).contains("bleu") && text(blue).contains("15 décembre 2026"), text(blue));
        assertTrue(text(blue).contains("gris (4)"), "offers the colour in stock: " + text(blue));
        BotTurn price = chat.say("combien coûte-t-elle ?");
        assertEquals("product_price", price.parse().intent().name());
        assertTrue(text(price).contains("299,00 €"), text(price));
        assertEquals("fr", chat.context.language());
    }

    @Test
    void contextCarriesInEnglishToo() {
        Chat chat = new Chat(BOT, "en-US");
        chat.say("how much is the bivouac tent?");
        BotTurn stock = chat.say("is it in stock?");
        assertEquals("product_stock", stock.parse().intent().name());
        // An English answer names the product in English (its English alias), never by its French name.
        assertTrue(text(stock).contains("Bivouac tent") && text(stock).contains("Green: 7 in stock"), text(stock));
        BotTurn other = chat.say("and the trail x?");
        assertEquals(List.of("TRAILX200"), cards(other).stream().map(Card::sku).toList());
    }

    @Test
    void recommendationsByCategoryPriceAndOrdinalReferences() {
        Chat chat = new Chat(BOT, "fr-FR");
        BotTurn rec = chat.say("je cherche un fauteuil à moins de 400 €");
        assertEquals("product_recommendation", rec.parse().intent().name());
        assertEquals(List.of("OSLO"), cards(rec).stream().map(Card::sku).toList());
        BotTurn first = chat.say("le premier, il coûte combien ?");
        assertTrue(text(first).contains("299,00 €"), text(first));
    }

    @Test
    void aCategoryAloneShowsItsProducts() {
        BotTurn t = new Chat(BOT, "fr-FR").say("Vous avez des fauteuils ?");
        assertEquals("answer", t.parse().action().wireName(), text(t));
        assertEquals(java.util.Set.of("OSLO", "BERGEN"), java.util.Set.copyOf(cards(t).stream().map(Card::sku).toList()));
    }

    @Test
    void recommendationsInEnglishUseTheVisitorsWordForTheCategory() {
        BotTurn t = new Chat(BOT, "en-GB").say("can you recommend an armchair under €400?");
        assertEquals("product_recommendation", t.parse().intent().name());
        assertTrue(text(t).contains("from our armchairs under €400.00"), text(t));
        assertEquals(List.of("OSLO"), cards(t).stream().map(Card::sku).toList());
    }

    @Test
    void comparisonUsesTheCatalog() {
        BotTurn t = new Chat(BOT, "fr-FR").say("quelle différence entre l'oslo et le bergen ?");
        assertEquals("product_compare", t.parse().intent().name());
        String s = text(t);
        assertTrue(s.contains("299,00 €") && s.contains("459,00 €") && s.contains("chêne massif") && s.contains("frêne"), s);
        assertEquals(List.of("OSLO", "BERGEN"), cards(t).stream().map(Card::sku).toList());
    }

    @Test
    void productInfoShowsRelatedProductsAsCards() {
        BotTurn t = new Chat(BOT, "en").say("tell me about the oslo armchair");
        assertEquals("product_info", t.parse().intent().name());
        List<String> skus = cards(t).stream().map(Card::sku).toList();
        assertEquals(List.of("OSLO", "PIA"), skus);
        assertTrue(replies(t).stream().anyMatch(q -> q.payload().equals("PRODUCT:PIA")), replies(t).toString());
    }

    @Test
    void productQuestionWithoutProductAsksWhichOne() {
        BotTurn t = new Chat(BOT, "fr-FR").say("c'est combien ?");
        assertEquals(Parse.Action.CLARIFY, t.parse().action());
        assertFalse(replies(t).isEmpty());
        assertTrue(replies(t).get(0).payload().startsWith("INTENT:product_price|"), replies(t).toString());
    }

    @Test
    void payloadsComeBack() {
        Chat chat = new Chat(BOT, "fr-FR");
        BotTurn stock = chat.tap("Disponibilité", "INTENT:product_stock|OSLO");
        assertEquals("product_stock", stock.parse().intent().name());
        assertEquals(1.0, stock.parse().intent().confidence());
        assertTrue(text(stock).contains("Gris : 4 en stock"), text(stock));
        BotTurn product = chat.tap("Lampe Pia", "PRODUCT:PIA");
        assertEquals("PIA", cards(product).get(0).sku());
        BotTurn shipping = chat.tap("Livraison", "INTENT:shipping");
        assertTrue(text(shipping).contains("9,90 €"), text(shipping));
        assertEquals("INTENT:returns", replies(shipping).get(0).payload());
        BotTurn human = chat.tap("Parler à un conseiller", "INTENT:human_request");
        assertEquals(Handover.Target.AGENT, human.handover().target());
    }

    @Test
    void policyIntentsAnswerFromTheFaqOrOfferAHuman() {
        BotTurn payment = new Chat(BOT, "en").say("can I pay with paypal?");
        assertEquals("payment", payment.parse().intent().name());
        assertTrue(text(payment).contains("PayPal"), text(payment));
        SiteKnowledge noFaq = new SiteKnowledge("bare", "Bare", "Bot", List.of("fr", "en"), "EUR", TestSites.catalog(), Faq.EMPTY);
        SiteBot bare = SiteBot.train(noFaq, SiteBot.SETTINGS.withCalibrationRounds(0));
        BotTurn t = new Chat(bare, "fr-FR").say("vous acceptez paypal ?");
        assertEquals(Parse.Action.ANSWER, t.parse().action());
        assertNull(t.handover());
        assertTrue(text(t).contains("conseiller"), text(t));
        assertEquals("INTENT:human_request", replies(t).get(0).payload());

        Chat typedYes = new Chat(bare, "fr-FR");
        typedYes.say("vous acceptez paypal ?");
        BotTurn yes = typedYes.say("oui svp");
        assertEquals(new Handover(Handover.Target.AGENT, "human_request", null), yes.handover(), "a typed yes accepts the offer");
    }

    @Test
    void shortAcknowledgementsAreNotMisunderstandings() {
        Chat chat = new Chat(BOT, "fr-FR");
        chat.say("vous livrez en belgique ?");
        BotTurn ok = chat.say("ok");
        assertEquals(Parse.Action.ANSWER, ok.parse().action());
        assertEquals(0, chat.context.misunderstoodRuns());
        BotTurn no = chat.say("non merci");
        assertEquals("goodbye", no.parse().intent().name());
        assertNull(no.handover());
    }

    @Test
    void shopIntentsAnswerAndEscalate() {
        BotTurn gift = new Chat(BOT, "en").say("do you sell gift cards?");
        assertEquals("gift_card", gift.parse().intent().name());
        assertTrue(text(gift).contains("€500"), text(gift));
        BotTurn warranty = new Chat(BOT, "fr-FR").say("mon article est sous garantie et il est cassé");
        assertEquals(Parse.Action.HANDOVER, warranty.parse().action());
        assertEquals(new Handover(Handover.Target.AGENT, "escalate", "after-sales"), warranty.handover());
    }

    @Test
    void handoverTargets() {
        BotTurn human = new Chat(BOT, "fr-FR").say("je veux parler à un humain");
        assertEquals(new Handover(Handover.Target.AGENT, "human_request", null), human.handover());
        assertFalse(text(human).isBlank());

        BotTurn order = new Chat(BOT, "fr-FR").say("où en est ma commande 123456 ?");
        assertEquals(Handover.Target.AGENT, order.handover().target());
        assertEquals("order_status", order.handover().reason());
        assertTrue(text(order).contains("123456"), text(order));

        BotTurn angry = new Chat(BOT, "en").say("this is a scam, my parcel arrived broken and nobody answers");
        assertEquals(new Handover(Handover.Target.AGENT, "complaint", null), angry.handover());

        BotTurn expert = new Chat(BOT, "en").say("is the bergen comfortable for a tall person?");
        assertEquals(new Handover(Handover.Target.AMBASSADOR, "product_expertise", "fauteuils"), expert.handover());
        assertEquals(Parse.Action.HANDOVER, expert.parse().action());

        Chat chat = new Chat(BOT, "fr-FR");
        chat.say("combien coûte la tente bivouac ?");
        BotTurn afterAYear = chat.say("et elle tient dans le temps, au bout d'un an ?");
        assertEquals(new Handover(Handover.Target.AMBASSADOR, "product_expertise", "tentes"), afterAYear.handover());
    }

    @Test
    void threeBandsAndMisunderstoodTwice() {
        Chat chat = new Chat(BOT, "fr-FR");
        BotTurn first = chat.say("quel temps fera-t-il demain à Lyon ?");
        assertEquals(Parse.Action.CLARIFY, first.parse().action());
        assertNull(first.handover());
        assertEquals(1, chat.context.misunderstoodRuns());
        assertTrue(replies(first).stream().anyMatch(q -> q.payload().equals("INTENT:human_request")));
        BotTurn second = chat.say("qui a gagné le match de foot hier ?");
        assertEquals(Parse.Action.HANDOVER, second.parse().action());
        assertEquals(new Handover(Handover.Target.AGENT, "misunderstood", null), second.handover());

        Chat recovering = new Chat(BOT, "fr-FR");
        recovering.say("quel temps fera-t-il demain à Lyon ?");
        recovering.say("bonjour");
        assertEquals(0, recovering.context.misunderstoodRuns());
        BotTurn again = recovering.say("qui a gagné le match de foot hier ?");
        assertNull(again.handover(), "an understood turn in between resets the count");
    }

    @Test
    void greetingUsesTheBotNameAndVouvoiement() {
        BotTurn fr = new Chat(BOT, "fr-FR").say("bonjour");
        assertTrue(text(fr).contains("Lumi") && text(fr).contains("vous"), text(fr));
        BotTurn en = new Chat(BOT, "en-US").say("hi there");
        assertTrue(text(en).contains("Lumi"), text(en));
    }

    @Test
    void parseActionAgreesWithRespond() {
        for (String s : List.of("bonjour", "je veux parler à un humain", "combien coûte le fauteuil oslo ?", "c'est combien ?",
                "quel temps fera-t-il demain ?", "is the bergen comfortable for a tall person?", "do you sell gift cards?",
                "mon article est sous garantie et il est cassé", "where is my order 55512?")) {
            Parse p = BOT.parse(s, null);
            BotTurn t = BOT.respond(BotInput.typed(s, null), DialogueContext.EMPTY);
            assertEquals(t.parse().action(), p.action(), s);
            assertEquals(t.handover(), p.handover(), s);
            assertEquals(t.parse().intent().name(), p.intent().name(), s);
            assertNotNull(p.ranking());
            assertFalse(p.ranking().isEmpty());
            assertEquals(p.intent().name().equals(Parse.OUT_OF_SCOPE) ? p.ranking().get(0).name() : p.intent().name(),
                    p.ranking().get(0).name());
        }
    }

    @Test
    void languageHintOfTheParseApiWins() {
        assertEquals("en", BOT.parse("ok", "en").language());
        assertEquals("fr", BOT.parse("ok", "fr").language());
        assertEquals("en", BOT.parse("where is my parcel", null).language());
    }

    @Test
    void oneBotServesManyThreads() throws Exception {
        List<String> lines = List.of("combien coûte le fauteuil oslo ?", "is it in stock", "bonjour", "vous livrez en belgique ?",
                "compare oslo et bergen", "where is my order 123456");
        List<String> expected = lines.stream().map(l -> BOT.parse(l, null).toString()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        int k = i % lines.size();
                        if (!BOT.parse(lines.get(k), null).toString().equals(expected.get(k))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : futures) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void messagesAreNeverEmptyWhenTheBotKeepsTheConversation() {
        for (String s : List.of("hello", "xkcd qwerty", "la bivoac", "merci", "au revoir")) {
            BotTurn t = BOT.respond(BotInput.typed(s, "fr-FR"), DialogueContext.EMPTY);
            for (BotMessage m : t.messages()) {
                assertFalse(m.text().isBlank(), s);
            }
            assertFalse(t.messages().isEmpty(), s);
        }
    }
}
