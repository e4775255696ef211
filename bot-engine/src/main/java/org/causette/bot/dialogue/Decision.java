package org.causette.bot.dialogue;

import org.causette.bot.DialogueContext;
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
                Handover handover, int misunderstoodRuns, Understanding understanding, Details details) {

    Decision(Kind kind, String intent, double confidence, List<Product> products, String category,
             Handover handover, int misunderstoodRuns, Understanding understanding) {
        this(kind, intent, confidence, products, category, handover, misunderstoodRuns, understanding, Details.NONE);
    }

    Decision {
        details = details == null ? Details.NONE : details;
    }

    Decision with(Details d) {
        return new Decision(kind, intent, confidence, products, category, handover, misunderstoodRuns, understanding, d);
    }

    /**
     * What the answer needs beyond the intent and products.
     *
     * @param asks        attributes the visitor asked about (« combien pèse », "how wide")
     * @param ranking     a superlative to answer over {@code pool} ("the cheapest"), or null
     * @param pool        the products a superlative or a list answer chooses among
     * @param filters     the search's criteria, the previous turn's merged with this one's
     * @param waiting     the conversation waits in the queue for a person: say so, never hand over again
     * @param saleList    "what's on sale?": list the products on sale rather than the shop's promotion text
     * @param feature     "does it come with a rain cover?": a question about something the catalog does not describe
     */
    record Details(List<CatalogAttributes.Ask> asks, Ranking ranking, List<Product> pool,
                   DialogueContext.Filters filters, boolean waiting, boolean saleList, boolean feature) {
        static final Details NONE = new Details(List.of(), null, List.of(), DialogueContext.Filters.NONE,
                false, false, false);

        Details {
            asks = asks == null ? List.of() : List.copyOf(asks);
            pool = pool == null ? List.of() : List.copyOf(pool);
            filters = filters == null ? DialogueContext.Filters.NONE : filters;
        }

        Details waiting(boolean w) {
            return new Details(asks, ranking, pool, filters, w, saleList, feature);
        }
    }

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
        HANDOVER,
        /** The visitor asks for a person while already waiting for one: a person will join, nothing to hand over. */
        ALREADY_WAITING
    }

    Parse.Action action() {
        return switch (kind) {
            case ANSWER -> Parse.Action.ANSWER;
            case HANDOVER -> Parse.Action.HANDOVER;
            case ALREADY_WAITING -> Parse.Action.ANSWER;
            default -> Parse.Action.CLARIFY;
        };
    }

    Product product() {
        return products.isEmpty() ? null : products.get(0);
    }
}
