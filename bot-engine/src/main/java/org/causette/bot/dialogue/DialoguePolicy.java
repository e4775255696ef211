package org.causette.bot.dialogue;

import org.causette.bot.DialogueContext;
import org.causette.bot.Handover;
import org.causette.bot.knowledge.BuiltInIntents;
import org.causette.bot.knowledge.Catalog;
import org.causette.bot.knowledge.Faq;
import org.causette.bot.knowledge.FaqIntent;
import org.causette.bot.knowledge.Product;
import org.causette.bot.nlu.Cues;
import org.causette.bot.nlu.EntityExtractor;
import org.causette.bot.nlu.IntentPrediction;
import org.causette.bot.nlu.Understanding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The three bands. <b>Answer</b> when the intent is clear and the bot has what it takes (a product, a faq answer).
 * <b>Clarify</b> when it is not: not understood (rephrase, with likely topics), two intents too close to call, or a
 * product question without a product. <b>Hand over</b> for an explicit request for a person, complaints and anger,
 * order status, faq intents marked {@code escalate}, questions about living with a product (to an ambassador whose
 * expertise is the product's category), and a visitor misunderstood twice in a row.
 *
 * <p>Out of scope is never answered: below the fitted threshold the bot says it did not understand, which is
 * always better than a confident wrong answer. Stateless; thread-safe.
 */
final class DialoguePolicy {
    /** Below this, a runner-up close behind the best intent makes the bot ask rather than guess. */
    static final double AMBIGUOUS_BELOW = 0.45;
    static final double RUNNER_UP_RATIO = 0.6;
    /** A follow-up like "et en bleu ?" reuses the previous intent when the classifier is no surer than this. */
    static final double FOLLOW_UP_BELOW = 0.6;
    static final int MISUNDERSTOOD_LIMIT = 2;

    private final Catalog catalog;
    private final Map<String, FaqIntent> faq = new HashMap<>();
    private final Map<String, Product> bySku = new HashMap<>();
    private final Map<String, List<Product>> byCategory = new HashMap<>();

    DialoguePolicy(Catalog catalog, Faq faqFile) {
        this.catalog = catalog;
        faqFile.intents().forEach(i -> faq.put(i.id(), i));
        for (Product p : catalog.products()) {
            bySku.put(p.sku(), p);
            if (p.category() != null) {
                byCategory.computeIfAbsent(p.category(), k -> new ArrayList<>()).add(p);
            }
        }
    }

    boolean knowsIntent(String intent) {
        return BuiltInIntents.isBuiltIn(intent) || faq.containsKey(intent);
    }

    FaqIntent faq(String intent) {
        return intent == null ? null : faq.get(intent);
    }

    Product product(String sku) {
        return sku == null ? null : bySku.get(sku);
    }

    List<Product> productsOf(String category) {
        return category == null ? List.of() : byCategory.getOrDefault(category, List.of());
    }

    Catalog catalog() {
        return catalog;
    }

    Decision decide(Understanding u, Payloads.Parsed forced, DialogueContext ctx) {
        IntentPrediction prediction = u.prediction();
        EntityExtractor.Entities entities = u.entities();
        String intent;
        double confidence;
        boolean tapped = forced != null && forced.intent() != null && knowsIntent(forced.intent());
        if (tapped) {
            intent = forced.intent();
            confidence = 1.0;
        } else {
            intent = prediction.inScope() ? prediction.best() : null;
            confidence = prediction.confidence();
        }
        List<Product> products = new ArrayList<>();
        if (tapped && product(forced.sku()) != null) {
            products.add(product(forced.sku()));
        }
        for (String sku : entities.productSkus()) {
            Product p = product(sku);
            if (p != null && !products.contains(p)) {
                products.add(p);
            }
        }
        String category = entities.first(EntityExtractor.CATEGORY);
        boolean hasVariantWords = entities.first(EntityExtractor.COLOR) != null || entities.first(EntityExtractor.SIZE) != null;

        if (!tapped) {
            if (Cues.anger(u.tokens()) && !BuiltInIntents.HUMAN_REQUEST.equals(intent)) {
                intent = BuiltInIntents.COMPLAINT;
            } else if (intent == null && entities.first(EntityExtractor.ORDER_NUMBER) != null) {
                intent = BuiltInIntents.ORDER_STATUS;
            }
            boolean weak = intent == null || confidence < FOLLOW_UP_BELOW;
            String last = ctx.lastIntent();
            boolean hasContextProduct = ctx.productSku() != null || !ctx.recentSkus().isEmpty();
            if (weak && last != null && BuiltInIntents.isProduct(last) && hasContextProduct
                    && (hasVariantWords || !products.isEmpty())) {
                // "et en bleu ?", "and the Bergen?": the same question about another variant or product.
                // A colour or size is a question about that variant, which the stock answer covers best.
                if (hasVariantWords) {
                    intent = BuiltInIntents.PRODUCT_STOCK;
                } else if (last.equals(BuiltInIntents.PRODUCT_COMPARE) || last.equals(BuiltInIntents.PRODUCT_RECOMMENDATION)) {
                    intent = BuiltInIntents.PRODUCT_INFO;
                } else {
                    intent = last;
                }
                confidence = Math.max(confidence, FOLLOW_UP_BELOW);
            }
            if (BuiltInIntents.THANKS.equals(intent) && Cues.no(u.tokens())) {
                intent = BuiltInIntents.GOODBYE; // "non merci" closes the conversation, it does not thank for an answer
            } else if (intent == null) {
                intent = shortReply(u, ctx);
                if (intent != null) {
                    confidence = Math.max(confidence, FOLLOW_UP_BELOW);
                }
            }
            if (intent == null && !products.isEmpty()) {
                intent = BuiltInIntents.PRODUCT_INFO;
                confidence = Math.max(confidence, prediction.probabilityOf(BuiltInIntents.PRODUCT_INFO));
            } else if (intent == null && (category != null || entities.first(EntityExtractor.PRICE_RANGE) != null)) {
                intent = BuiltInIntents.PRODUCT_RECOMMENDATION;
                confidence = Math.max(confidence, prediction.probabilityOf(BuiltInIntents.PRODUCT_RECOMMENDATION));
            }
        }

        // Products the visitor points back at: "the first one", "elle", or just the product under discussion.
        boolean experience = !tapped && Cues.experience(u.tokens());
        if (products.isEmpty() && (experience || (intent != null && BuiltInIntents.isProduct(intent)))) {
            int ordinal = Cues.ordinal(u.tokens());
            if (ordinal >= 0 && ordinal < ctx.recentSkus().size()) {
                addIfKnown(products, ctx.recentSkus().get(ordinal));
            } else if (category != null && productsOf(category).size() == 1) {
                products.add(productsOf(category).get(0));
            } else if (category == null && ctx.productSku() != null
                    && !BuiltInIntents.PRODUCT_RECOMMENDATION.equals(intent)) {
                addIfKnown(products, ctx.productSku());
            }
        }
        if (BuiltInIntents.PRODUCT_COMPARE.equals(intent) && products.size() < 2) {
            if (ctx.productSku() != null) {
                addIfKnown(products, ctx.productSku());
            }
            for (String sku : ctx.recentSkus()) {
                if (products.size() >= 2) {
                    break;
                }
                addIfKnown(products, sku);
            }
        }
        if (category == null && !products.isEmpty()) {
            category = products.get(0).category();
        }

        // Hand-overs first: they win over any answer.
        if (experience && (intent == null || BuiltInIntents.isProduct(intent))
                && (!products.isEmpty() || category != null)) {
            return handover(Handover.Target.AMBASSADOR, "product_expertise", category, intent, confidence, products, category, u);
        }
        if (intent == null) {
            int runs = ctx.misunderstoodRuns() + 1;
            if (runs >= MISUNDERSTOOD_LIMIT) {
                return new Decision(Decision.Kind.HANDOVER, null, confidence, products, category,
                        new Handover(Handover.Target.AGENT, "misunderstood", null), 0, u);
            }
            return new Decision(Decision.Kind.NOT_UNDERSTOOD, null, confidence, products, category, null, runs, u);
        }
        FaqIntent faqIntent = faq(intent);
        if (faqIntent != null && faqIntent.escalate() != null) {
            Handover.Target target = faqIntent.escalate().equals("ambassador") ? Handover.Target.AMBASSADOR : Handover.Target.AGENT;
            return handover(target, "escalate", faqIntent.skill(), intent, confidence, products, category, u);
        }
        switch (intent) {
            case BuiltInIntents.HUMAN_REQUEST, BuiltInIntents.ORDER_STATUS, BuiltInIntents.COMPLAINT -> {
                return handover(Handover.Target.AGENT, intent, faqIntent == null ? null : faqIntent.skill(), intent,
                        confidence, products, category, u);
            }
            default -> {
            }
        }
        if (needsOneProduct(intent) && products.isEmpty()) {
            return new Decision(Decision.Kind.WHICH_PRODUCT, intent, confidence, products, category, null, 0, u);
        }
        if (BuiltInIntents.PRODUCT_COMPARE.equals(intent) && products.size() < 2) {
            return new Decision(Decision.Kind.WHICH_PRODUCT, intent, confidence, products, category, null, 0, u);
        }
        // "Vous avez des fauteuils ?": a category (or a budget) and nothing else is a request to see products, whatever
        // else the classifier hesitated between — showing some is what a salesperson would do.
        boolean browsing = BuiltInIntents.PRODUCT_RECOMMENDATION.equals(intent) && products.isEmpty()
                && (category != null || entities.first(EntityExtractor.PRICE_RANGE) != null);
        if (!tapped && !browsing && isAmbiguous(prediction, intent)) {
            return new Decision(Decision.Kind.WHICH_INTENT, intent, confidence, products, category, null, 0, u);
        }
        return new Decision(Decision.Kind.ANSWER, intent, confidence, products, category, null, 0, u);
    }

    /**
     * Short answers to the bot's own questions: "oui" after "shall I connect you with a person?" (a policy question
     * the shop wrote no answer for) is a request for a person; "ok" is taken as thanks and "non merci" as goodbye,
     * rather than counted as not understood.
     */
    private String shortReply(Understanding u, DialogueContext ctx) {
        if (Cues.yes(u.tokens())) {
            String last = ctx.lastIntent();
            boolean offeredHuman = last != null && BuiltInIntents.isPolicy(last)
                    && (faq(last) == null || faq(last).answer().isEmpty())
                    && !(BuiltInIntents.PROMOTIONS.equals(last) && hasSales());
            return offeredHuman ? BuiltInIntents.HUMAN_REQUEST : BuiltInIntents.THANKS;
        }
        if (Cues.acknowledgement(u.tokens())) {
            return BuiltInIntents.THANKS;
        }
        if (Cues.no(u.tokens())) {
            return BuiltInIntents.GOODBYE;
        }
        return null;
    }

    private boolean hasSales() {
        return catalog.products().stream().anyMatch(p -> p.salePrice() != null);
    }

    private void addIfKnown(List<Product> products, String sku) {
        Product p = product(sku);
        if (p != null && !products.contains(p)) {
            products.add(p);
        }
    }

    private static boolean needsOneProduct(String intent) {
        return switch (intent) {
            case BuiltInIntents.PRODUCT_PRICE, BuiltInIntents.PRODUCT_STOCK, BuiltInIntents.PRODUCT_VARIANTS,
                 BuiltInIntents.PRODUCT_INFO -> true;
            default -> false;
        };
    }

    /** Two close intents of different kinds: asking costs one tap, a wrong answer costs the visitor's trust. */
    private static boolean isAmbiguous(IntentPrediction p, String intent) {
        if (!intent.equals(p.best()) || p.runnerUp() == null || p.confidence() >= AMBIGUOUS_BELOW) {
            return false;
        }
        if (p.runnerUpConfidence() < RUNNER_UP_RATIO * p.confidence()) {
            return false;
        }
        return !(BuiltInIntents.isProduct(p.best()) && BuiltInIntents.isProduct(p.runnerUp()));
    }

    private static Decision handover(Handover.Target target, String reason, String skill, String intent, double confidence,
                                     List<Product> products, String category, Understanding u) {
        return new Decision(Decision.Kind.HANDOVER, intent, confidence, products, category, new Handover(target, reason, skill), 0, u);
    }
}
