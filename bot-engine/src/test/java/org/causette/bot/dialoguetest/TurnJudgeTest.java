package org.causette.bot.dialoguetest;

import org.causette.bot.BotMessage;
import org.causette.bot.BotTurn;
import org.causette.bot.Card;
import org.causette.bot.CardButton;
import org.causette.bot.DialogueContext;
import org.causette.bot.Handover;
import org.causette.bot.Parse;
import org.causette.bot.QuickReply;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The judge on bot turns written out by hand: each expectation alone, then together. */
class TurnJudgeTest {
    private static BotTurn turn(Parse.Action action, String intent, Handover handover, BotMessage... messages) {
        Parse parse = new Parse("fr", new Parse.IntentScore(intent, 0.9), List.of(), List.of(), action, handover);
        return new BotTurn("fr", parse, List.of(messages), handover, DialogueContext.EMPTY);
    }

    private static final BotTurn PRICE = turn(Parse.Action.ANSWER, "product_price", null,
            new BotMessage("Le fauteuil Oslo est à 299,00 € au lieu de 349,00 €.",
                    List.of(new QuickReply("Disponibilité", "INTENT:product_stock|OSLO")),
                    List.of(new Card("OSLO", "Fauteuil Oslo", "Chêne massif", "299,00 €", "349,00 €", null, null,
                            List.of(CardButton.postback("Voir", "PRODUCT:OSLO"))))));

    private static final BotTurn HANDOVER = turn(Parse.Action.HANDOVER, "human_request",
            new Handover(Handover.Target.AGENT, "human_request", null), BotMessage.text("Je vous passe un conseiller."));

    private static Expectation expect(String action, String target, List<String> intents, List<List<String>> must,
                                      List<List<String>> mustNot, List<String> cards, Boolean human) {
        return new Expectation(action == null ? null : List.of(action.split("\\|")), target, intents, must, mustNot, cards, human);
    }

    @Test
    void noExpectationIsAlwaysRight() {
        assertEquals(List.of(), TurnJudge.judge(Expectation.NONE, PRICE));
    }

    @Test
    void actionAndTarget() {
        assertEquals(List.of(), TurnJudge.judge(expect("handover", "agent", null, null, null, null, null), HANDOVER));
        assertEquals(List.of("action: expected handover, got answer", "target: expected a hand-over to agent, got no hand-over"),
                TurnJudge.judge(expect("handover", "agent", null, null, null, null, null), PRICE));
        assertEquals(List.of(), TurnJudge.judge(expect("answer|handover", null, null, null, null, null, null), HANDOVER));
        assertEquals(List.of("action: expected one of answer, clarify, got handover"),
                TurnJudge.judge(expect("answer|clarify", null, null, null, null, null, null), HANDOVER));
        assertEquals(List.of("target: expected a hand-over to ambassador, got a hand-over to agent"),
                TurnJudge.judge(expect(null, "ambassador", null, null, null, null, null), HANDOVER));
    }

    @Test
    void intentIsOneOfTheNamed() {
        assertEquals(List.of(), TurnJudge.judge(expect(null, null, List.of("product_info", "product_price"), null, null, null, null), PRICE));
        assertEquals(List.of("intent: expected product_stock, got product_price"),
                TurnJudge.judge(expect(null, null, List.of("product_stock"), null, null, null, null), PRICE));
    }

    @Test
    void factsAreLookedForInTextsCardsAndQuickReplies() {
        assertEquals(List.of(), TurnJudge.judge(expect(null, null, null,
                List.of(List.of("299"), List.of("chene massif"), List.of("disponibilite"), List.of("nope", "349,00 €")),
                List.of(List.of("gris")), null, null), PRICE));
        assertEquals(List.of("mustContain: \"gris\" is missing", "mustContain: one of \"xyz\", \"qqq\" is missing",
                        "mustNotContain: \"oslo\" is there"),
                TurnJudge.judge(expect(null, null, null, List.of(List.of("gris"), List.of("xyz", "qqq")),
                        List.of(List.of("bleu", "oslo")), null, null), PRICE));
    }

    @Test
    void cardsBySku() {
        assertEquals(List.of(), TurnJudge.judge(expect(null, null, null, null, null, List.of("OSLO"), null), PRICE));
        assertEquals(List.of("cards: PIA is not shown (cards: OSLO)"),
                TurnJudge.judge(expect(null, null, null, null, null, List.of("PIA"), null), PRICE));
        assertEquals(List.of("cards: PIA is not shown (cards: none)"),
                TurnJudge.judge(expect(null, null, null, null, null, List.of("PIA"), null), HANDOVER));
    }

    @Test
    void aPersonIsOfferedByAHandOverAQuickReplyOrAButton() {
        BotTurn offer = turn(Parse.Action.ANSWER, "product_info", null, new BotMessage("Je ne sais pas.",
                List.of(new QuickReply("Parler à un conseiller", "INTENT:human_request")), List.of()));
        BotTurn button = turn(Parse.Action.ANSWER, "product_info", null, new BotMessage("Voici.", List.of(),
                List.of(new Card("PIA", "Lampe Pia", null, "59,00 €", null, null,
                        List.of(CardButton.postback("Un conseiller", "INTENT:human_request|PIA"))))));
        Expectation offers = expect(null, null, null, null, null, null, true);
        for (BotTurn t : List.of(offer, button, HANDOVER)) {
            assertEquals(List.of(), TurnJudge.judge(offers, t));
        }
        assertEquals(List.of("offersHuman: neither hands over nor offers a person"), TurnJudge.judge(offers, PRICE));
        assertEquals(List.of("offersHuman: expected no hand-over and no offer of a person"),
                TurnJudge.judge(expect(null, null, null, null, null, null, false), offer));
        assertTrue(TurnJudge.judge(expect(null, null, null, null, null, null, false), PRICE).isEmpty());
    }
}
