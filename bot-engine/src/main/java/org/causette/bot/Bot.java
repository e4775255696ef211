package org.causette.bot;

import org.causette.bot.knowledge.SiteKnowledge;

/**
 * One site's bot: trained once from the site's knowledge, then safe to call from many threads at once.
 *
 * <p>The bot keeps no per-conversation state of its own: the caller holds each conversation's
 * {@link DialogueContext} and hands it back on the next turn, so a conversation may move between threads or nodes.
 *
 * <p><b>Payloads.</b> Quick replies and card buttons carry one of these, and {@link BotInput#payload()} brings them back:
 * <ul>
 *   <li>{@code INTENT:<intent>} — answer that intent (a built-in id or a faq.json id) about the product under
 *       discussion, with full confidence; e.g. {@code INTENT:human_request}, {@code INTENT:shipping};</li>
 *   <li>{@code INTENT:<intent>|<SKU>} — the same about that product; e.g. {@code INTENT:product_stock|OSLO};</li>
 *   <li>{@code PRODUCT:<SKU>} — show that product (same as {@code INTENT:product_info|<SKU>}).</li>
 * </ul>
 * Any other payload (a shop's own, in faq.json) is ignored and the button's title is understood as typed text.
 *
 * <p><b>Bands.</b> {@link Parse#action()} is what {@link #respond} would do with the same text in a new conversation:
 * {@code answer}, {@code clarify} (not understood — then {@link Parse#intent()} is {@link Parse#OUT_OF_SCOPE} —, two
 * intents too close to call, or a product question without a product) or {@code handover} (with its
 * {@link Handover}: an agent for {@code human_request}, {@code complaint}, {@code order_status}, {@code escalate} faq
 * intents and {@code misunderstood} twice in a row; an ambassador with the product's category as expertise for
 * {@code product_expertise}, or as the faq intent says).
 */
public interface Bot {

    /** Trains a bot for one site (built-in intents plus the site's FAQ intents). */
    static Bot train(SiteKnowledge knowledge) {
        return org.causette.bot.dialogue.SiteBot.train(knowledge);
    }

    /**
     * The same, and with {@code encoder} true the English sentence encoder is consulted for English lines the n-gram
     * model is unsure of (site.json {@code "bot": {"encoder": "on"}}); where it cannot run, the bot trains without it.
     */
    static Bot train(SiteKnowledge knowledge, boolean encoder) {
        if (!encoder) {
            return train(knowledge);
        }
        return org.causette.bot.dialogue.SiteBot.train(knowledge, org.causette.bot.dialogue.SiteBot.SETTINGS,
                org.causette.bot.nlu.MiniLmEncoder.shared().orElse(null));
    }

    /** Understanding only, for {@code POST /api/sites/{site}/parse}. {@code languageHint} may be null. */
    Parse parse(String text, String languageHint);

    /** One bot turn: understands the visitor's input in its context and decides what to say or whom to hand over to. */
    BotTurn respond(BotInput input, DialogueContext context);

    /**
     * Product cards built exactly like the bot's own (title, subtitle, price in the shop's currency and this language,
     * image, "view product" and "availability" buttons), for the products with these SKUs in order; a variant's SKU
     * stands for its product, unknown SKUs are left out. For messages the hub sends without a bot turn (proactive ones).
     */
    java.util.List<Card> cards(java.util.List<String> skus, String language);
}
