package org.causette.bot.dialoguetest;

import org.causette.bot.Bot;
import org.causette.bot.BotInput;
import org.causette.bot.BotTurn;
import org.causette.bot.Card;
import org.causette.bot.DialogueContext;
import org.causette.bot.Parse;
import org.causette.bot.TestSites;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runner on the fixture shop's real bot, and on a bot that records what it is given. */
class DialogueRunnerTest {
    private static final Bot BOT = TestSites.fixtureBot();

    private static Dialogue dialogue(String locale, DialogueTurn... turns) {
        return new Dialogue("d", locale, List.of("context"), List.of(turns));
    }

    private static DialogueTurn typed(String text, Expectation expect) {
        return new DialogueTurn(text, null, List.of(), expect);
    }

    private static Expectation facts(String... must) {
        return new Expectation(null, null, null, List.of(must).stream().map(List::of).toList(), null, null, null);
    }

    /** Records each input and context, answers through the fixture bot. */
    private static class Recording implements Bot {
        final List<BotInput> inputs = new ArrayList<>();
        final List<DialogueContext> contexts = new ArrayList<>();
        final List<BotTurn> turns = new ArrayList<>();

        @Override
        public Parse parse(String text, String languageHint) {
            return BOT.parse(text, languageHint);
        }

        @Override
        public BotTurn respond(BotInput input, DialogueContext context) {
            inputs.add(input);
            contexts.add(context);
            BotTurn t = BOT.respond(input, context);
            turns.add(t);
            return t;
        }

        @Override
        public List<Card> cards(List<String> skus, String language) {
            return BOT.cards(skus, language);
        }
    }

    @Test
    void eachTurnGetsThePreviousTurnsContextAndTheDialoguesLocale() {
        Recording bot = new Recording();
        Dialogue d = dialogue("en-GB", typed("how much is the oslo armchair?", Expectation.NONE),
                new DialogueTurn("Shipping", "INTENT:shipping", List.of(), Expectation.NONE),
                typed("thanks", Expectation.NONE));
        DialogueRunner.run(bot, "f.json", d);
        assertSame(DialogueContext.EMPTY, bot.contexts.get(0));
        assertSame(bot.turns.get(0).context(), bot.contexts.get(1));
        assertSame(bot.turns.get(1).context(), bot.contexts.get(2));
        assertEquals(new BotInput("Shipping", "INTENT:shipping", "en-GB"), bot.inputs.get(1));
        assertTrue(bot.inputs.stream().allMatch(i -> "en-GB".equals(i.locale())));
    }

    @Test
    void everyDialogueStartsFresh() {
        Recording bot = new Recording();
        Dialogue first = dialogue(null, typed("prix du fauteuil oslo", Expectation.NONE));
        Dialogue second = dialogue(null, typed("bonjour", Expectation.NONE));
        DialogueRunner.run(bot, List.of(new DialogueFile("f.json", List.of(first, second))));
        assertSame(DialogueContext.EMPTY, bot.contexts.get(1));
        assertNull(bot.inputs.get(1).locale());
    }

    @Test
    void aFollowUpIsAnsweredAboutTheProductOfAnEarlierTurn() {
        DialogueResult r = DialogueRunner.run(BOT, "f.json", dialogue("fr-FR",
                typed("combien coûte le fauteuil oslo ?", facts("299")),
                typed("il est en stock ?", facts("oslo"))));
        assertTrue(r.right(), () -> r.turns().toString());
        assertEquals(2, r.rightTurns());
        assertEquals(List.of("context"), r.turns().get(1).tags());
        assertEquals(2, r.turns().get(1).number());
    }

    @Test
    void aWrongTurnKeepsItsReplyAndFailuresAndTheDialogueGoesOn() {
        DialogueResult r = DialogueRunner.run(BOT, "f.json", dialogue("fr-FR",
                typed("combien coûte le fauteuil oslo ?", facts("lampe pia")),
                typed("merci", Expectation.NONE)));
        assertFalse(r.right());
        assertEquals(1, r.rightTurns());
        TurnResult wrong = r.turns().get(0);
        assertEquals(List.of("mustContain: \"lampe pia\" is missing"), wrong.failures());
        assertEquals("product_price", wrong.reply().parse().intent().name());
    }

    @Test
    void aBotThatThrowsMakesAWrongTurnNotACrash() {
        Bot broken = new Recording() {
            @Override
            public BotTurn respond(BotInput input, DialogueContext context) {
                throw new IllegalStateException("boom");
            }
        };
        DialogueResult r = DialogueRunner.run(broken, "f.json", dialogue(null, typed("a", Expectation.NONE), typed("b", Expectation.NONE)));
        assertEquals(0, r.rightTurns());
        assertTrue(r.turns().get(1).failures().get(0).contains("boom"));
        assertNull(r.turns().get(0).reply());
    }

    @Test
    void theScoreLineAndFamilies() {
        DialogueResult right = DialogueRunner.run(BOT, "f.json", dialogue(null, typed("bonjour", Expectation.NONE)));
        DialogueResult wrong = DialogueRunner.run(BOT, "f.json", new Dialogue("w", null, List.of(), List.of(
                new DialogueTurn("bonjour", null, List.of("greeting"), facts("zzz")),
                typed("merci", Expectation.NONE))));
        DialogueScore score = DialogueScore.of(List.of(right, wrong));
        assertEquals("dialogues: turns 2/3 (66.7%), dialogues 1/2", score.line());
        assertEquals(List.of("context", "greeting"), List.copyOf(score.byTag().keySet()));
        assertEquals(List.of(0, 1), List.of(score.byTag().get("greeting")[0], score.byTag().get("greeting")[1]));
        assertEquals("dialogues: turns 0/0 (100.0%), dialogues 0/0", DialogueScore.of(List.of()).line());
    }
}
