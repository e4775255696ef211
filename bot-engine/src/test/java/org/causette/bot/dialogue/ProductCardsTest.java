package org.causette.bot.dialogue;

import org.causette.bot.BotInput;
import org.causette.bot.Card;
import org.causette.bot.DialogueContext;
import org.causette.bot.TestSites;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bot.cards: the cards the hub puts in proactive messages are the bot's own cards. */
class ProductCardsTest {
    private static final SiteBot BOT = TestSites.fixtureBot();

    @Test
    void areTheBotsCardsForTheseSkusWithVariantsStandingForTheirProduct() {
        List<Card> cards = BOT.cards(List.of("OSLO-BLEU", "NOPE", "BERGEN", "OSLO"), "fr");
        assertEquals(List.of("OSLO", "BERGEN"), cards.stream().map(Card::sku).toList(), "unknown left out, each product once");
        Card fromTheBot = BOT.respond(new BotInput("Combien coûte le fauteuil Oslo ?", null, "fr-FR"), DialogueContext.EMPTY)
                .messages().stream().flatMap(m -> m.cards().stream()).filter(c -> c.sku().equals("OSLO")).findFirst().orElseThrow();
        assertEquals(fromTheBot, cards.get(0));
        assertEquals(BOT.cards(List.of("OSLO"), TestSites.fixture().defaultLanguage()), BOT.cards(List.of("OSLO"), "de"),
                "a language the shop does not speak falls back to its first");
    }
}
