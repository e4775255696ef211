package org.causette.bot.dialogue;

import org.causette.bot.Handover;
import org.causette.bot.Parse;
import org.causette.bot.knowledge.Product;
import org.causette.bot.nlu.Understanding;

import java.util.List;

/**
 * What the policy decided for one turn, before any words are chosen: the same object gives the parse API its
 * {@code action} and the turn its messages, so the two never disagree.
 *
 * @param kind        which answer to build
 * @param intent      the intent acted on, or null when not understood
 * @param confidence  how sure the bot is of {@code intent} (1 for a tapped quick reply)
 * @param products    the products the answer is about, main one first (may be empty)
 * @param category    the category named or implied, or null
 * @param handover    to whom, for {@link Kind#HANDOVER}; else null
 * @param misunderstoodRuns the count to carry to the next turn
 */
record Decision(Kind kind, String intent, double confidence, List<Product> products, String category,
                Handover handover, int misunderstoodRuns, Understanding understanding) {

    enum Kind {
        /** The bot answers {@code intent}. */
        ANSWER,
        /** The bot did not understand: asks to rephrase and offers likely topics. */
        NOT_UNDERSTOOD,
        /** Two intents are close: asks which one, as quick replies. */
        WHICH_INTENT,
        /** A product question without a product: asks which one. */
        WHICH_PRODUCT,
        /** People take over. */
        HANDOVER
    }

    Parse.Action action() {
        return switch (kind) {
            case ANSWER -> Parse.Action.ANSWER;
            case HANDOVER -> Parse.Action.HANDOVER;
            default -> Parse.Action.CLARIFY;
        };
    }

    Product product() {
        return products.isEmpty() ? null : products.get(0);
    }
}
