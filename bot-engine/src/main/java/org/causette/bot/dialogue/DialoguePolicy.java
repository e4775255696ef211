package org.causette.bot.dialogue;

import org.causette.bot.nlu.Token;
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
import org.causette.bot.nlu.Nlu;
import org.causette.bot.nlu.SizeRanges;
import org.causette.bot.nlu.TextNormalizer;
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
    /** "is it free?" after the delivery answer: a short line with no subject of its own continues the topic. */
    static final int TOPIC_FOLLOW_UP_TOKENS = 6;
    /** A shop intent within this share of the best built-in intent's probability wins (measured on the dev dialogues). */
    static final double SHOP_INTENT_RATIO = 0.5;
    static final int SHOP_INTENT_LOOKS = 3;

    private final Catalog catalog;
    private final Map<String, FaqIntent> faq = new HashMap<>();
    private final Map<String, Product> bySku = new HashMap<>();
    private final Map<String, List<Product>> byCategory = new HashMap<>();
    private final CatalogAttributes attributes;
    private final UnknownTopic unknownTopic;

    DialoguePolicy(Catalog catalog, Faq faqFile, java.util.function.Predicate<String> ordinaryWord) {
        this.catalog = catalog;
        this.attributes = new CatalogAttributes(catalog);
        this.unknownTopic = new UnknownTopic(catalog, ordinaryWord);
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

    CatalogAttributes attributes() {
        return attributes;
    }

    Decision decide(Understanding u, Payloads.Parsed forced, DialogueContext ctx) {
        return decide(u, forced, ctx, false);
    }

    /** @param waiting the conversation is in the queue waiting for a person ({@link org.causette.bot.BotInput#waitingForPerson}) */
    Decision decide(Understanding u, Payloads.Parsed forced, DialogueContext ctx, boolean waiting) {
        Decision d = decideTurn(u, forced, ctx);
        if (!waiting) {
            return d;
        }
        // In the queue: a person is already on the way. Hand-overs become "a person will join you"; answers say so.
        if (d.kind() == Decision.Kind.HANDOVER) {
            return new Decision(Decision.Kind.ALREADY_WAITING, d.intent(), d.confidence(), d.products(), d.category(),
                    null, 0, u, d.details().waiting(true));
        }
        return d.with(d.details().waiting(true));
    }

    private Decision decideTurn(Understanding u, Payloads.Parsed forced, DialogueContext ctx) {
        IntentPrediction prediction = u.prediction();
        EntityExtractor.Entities entities = u.entities();
        List<Token> tokens = u.tokens();
        String lang = u.language();
        String intent;
        double confidence;
        boolean tapped = forced != null && forced.intent() != null && knowsIntent(forced.intent());
        if (tapped) {
            intent = forced.intent();
            confidence = 1.0;
        } else {
            intent = prediction.inScope() ? prediction.best() : null;
            confidence = prediction.confidence();
            String shop = specificShopIntent(prediction, intent, entities);
            if (shop != null) {
                intent = shop;
                confidence = prediction.probabilityOf(shop);
            }
        }
        // A rule below chose the intent from the words and the context: the classifier's hesitation no longer matters.
        boolean ruled = false;
        boolean saleEnd = false;
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
        String color = entities.first(EntityExtractor.COLOR);
        String size = entities.first(EntityExtractor.SIZE);
        String capacity = entities.first(EntityExtractor.CAPACITY);
        String range = entities.first(EntityExtractor.PRICE_RANGE);
        if (size == null && !tapped) {
            // « doudoune serac en M », « et en L ? »: a size letter of the product named, or else of the one under discussion.
            Product sized = !entities.productSkus().isEmpty() ? product(entities.productSkus().get(0)) : product(ctx.productSku());
            size = bareSize(tokens, sized);
        }
        boolean hasVariantWords = color != null || size != null;
        List<CatalogAttributes.Ask> asks = tapped ? List.of() : attributes.asked(tokens, lang);
        if (capacity != null) {
            asks = asks.stream().filter(a -> a.concept() == null || !a.concept().id().equals("capacity")).toList();
        }
        Ranking ranking = tapped ? null : Ranking.in(tokens);
        if (ranking != null && ranking.concept() == null && range != null) {
            ranking = null; // "cheaper than 120" is a budget, not "the cheapest"
        }
        String last = ctx.lastIntent();
        boolean afterList = !ctx.listSkus().isEmpty() && BuiltInIntents.PRODUCT_RECOMMENDATION.equals(last)
                || BuiltInIntents.PROMOTIONS.equals(last) && !ctx.listSkus().isEmpty();

        if (!tapped) {
            if (Cues.anger(tokens) && !BuiltInIntents.HUMAN_REQUEST.equals(intent)) {
                intent = BuiltInIntents.COMPLAINT;
            } else if (intent == null && entities.first(EntityExtractor.ORDER_NUMBER) != null) {
                intent = BuiltInIntents.ORDER_STATUS;
            }
            boolean weak = intent == null || confidence < FOLLOW_UP_BELOW;
            boolean hasContextProduct = ctx.productSku() != null || !ctx.recentSkus().isEmpty();
            boolean refinement = products.isEmpty() && (hasVariantWords || capacity != null || range != null || category != null);
            // « elle existe en vert ? » right after "the cheapest one" named a winner: about that product, not the list.
            boolean pointsAtSubject = ctx.productSku() != null && category == null && Cues.singularPronoun(tokens);
            if (weak && afterList && refinement && !pointsAtSubject && !handsOver(intent)) {
                // "et en bleu ?", « et en 3 places ? », "under 300?" after a list: the same search, narrowed.
                intent = BuiltInIntents.PRODUCT_RECOMMENDATION;
                confidence = Math.max(confidence, FOLLOW_UP_BELOW);
                ruled = true;
            } else if (weak && last != null && BuiltInIntents.isProduct(last) && hasContextProduct
                    && (hasVariantWords || capacity != null || !products.isEmpty())) {
                // "et en bleu ?", "and the Bergen?": the same question about another variant or product.
                // A colour or size is a question about that variant, which the stock answer covers best.
                if (capacity != null && products.isEmpty()) {
                    intent = BuiltInIntents.PRODUCT_RECOMMENDATION;
                } else if (hasVariantWords) {
                    intent = BuiltInIntents.PRODUCT_STOCK;
                } else if (last.equals(BuiltInIntents.PRODUCT_COMPARE) || last.equals(BuiltInIntents.PRODUCT_RECOMMENDATION)) {
                    intent = BuiltInIntents.PRODUCT_INFO;
                } else {
                    intent = last;
                }
                confidence = Math.max(confidence, FOLLOW_UP_BELOW);
                ruled = true;
            } else if (weak && ctx.topic() != null && ctx.topic().equals(last) && products.isEmpty()
                    && tokens.size() <= TOPIC_FOLLOW_UP_TOKENS && asks.isEmpty() && !handsOver(intent)
                    && !isSmallTalk(intent) && !Cues.yes(tokens) && !Cues.no(tokens) && !Cues.acknowledgement(tokens)) {
                // "is it free?" right after the delivery answer: still about delivery.
                intent = ctx.topic();
                confidence = Math.max(confidence, FOLLOW_UP_BELOW);
                ruled = true;
            }
            if (BuiltInIntents.THANKS.equals(intent) && Cues.no(tokens)) {
                intent = BuiltInIntents.GOODBYE; // "non merci" closes the conversation, it does not thank for an answer
            } else if (intent == null) {
                intent = shortReply(u, ctx);
                if (intent != null) {
                    confidence = Math.max(confidence, FOLLOW_UP_BELOW);
                    ruled = true;
                }
            }
            if ((intent == null || confidence < FOLLOW_UP_BELOW) && products.isEmpty() && Cues.ordinal(tokens) >= 0
                    && !(ctx.listSkus().isEmpty() && ctx.recentSkus().isEmpty()) && !handsOver(intent)) {
                // « le premier » after a list: show that one; « le deuxième est dispo ? » asks its stock.
                String best = prediction.best();
                intent = hasVariantWords ? BuiltInIntents.PRODUCT_STOCK
                        : best != null && BuiltInIntents.isProduct(best) && needsOneProduct(best) ? best
                        : BuiltInIntents.PRODUCT_INFO;
                confidence = Math.max(confidence, FOLLOW_UP_BELOW);
                ruled = true;
            }
            if (intent == null && !products.isEmpty()) {
                intent = BuiltInIntents.PRODUCT_INFO;
                confidence = Math.max(confidence, prediction.probabilityOf(BuiltInIntents.PRODUCT_INFO));
            } else if (intent == null && (category != null || range != null || ranking != null)) {
                intent = BuiltInIntents.PRODUCT_RECOMMENDATION;
                confidence = Math.max(confidence, prediction.probabilityOf(BuiltInIntents.PRODUCT_RECOMMENDATION));
            }
            // "any lamps between 50 and 100 euros?" is a search, not a comparison: there is nothing to compare.
            if (BuiltInIntents.PRODUCT_COMPARE.equals(intent) && products.size() < 2 && (range != null || category != null)
                    && ranking == null) {
                intent = BuiltInIntents.PRODUCT_RECOMMENDATION;
            }
            // "the cheapest sofa", « laquelle est la plus légère » : a superlative is a search, whatever the words
            // around it looked like (« quel est le canapé le moins cher » reads like a price question).
            if (ranking != null && !handsOver(intent) && (intent == null || BuiltInIntents.isProduct(intent)
                    || BuiltInIntents.PROMOTIONS.equals(intent)) && (products.isEmpty() || products.size() >= 2)) {
                intent = BuiltInIntents.PRODUCT_RECOMMENDATION;
                confidence = Math.max(confidence, FOLLOW_UP_BELOW);
                ruled = true;
            }
            // « combien pèse la tente », « il fait combien de large » : an attribute question, not a price question.
            // A weak other reading right after a product answer ("and how long?" read as delivery) is the same.
            boolean aboutSubject = weak && last != null && BuiltInIntents.isProduct(last) && ctx.productSku() != null
                    && products.isEmpty() && !handsOver(intent) && !isFaq(intent);
            if (!asks.isEmpty() && ranking == null && (intent == null || aboutSubject || BuiltInIntents.isProduct(intent)
                    && !BuiltInIntents.PRODUCT_RECOMMENDATION.equals(intent) && !BuiltInIntents.PRODUCT_COMPARE.equals(intent))
                    && (products.size() <= 1)) {
                intent = BuiltInIntents.PRODUCT_INFO;
                confidence = Math.max(confidence, FOLLOW_UP_BELOW);
                ruled = true;
            }
            // « le canapé Léman existe en gris ? » : with a colour or size named, the truth is that variant's stock.
            if (hasVariantWords && BuiltInIntents.PRODUCT_VARIANTS.equals(intent)) {
                intent = BuiltInIntents.PRODUCT_STOCK;
            }
            // « raquettes lys en 44 svp » : one product and a size or colour, nothing else asked — that variant's stock.
            if (hasVariantWords && products.size() == 1 && asks.isEmpty() && ranking == null && !handsOver(intent)
                    && (intent == null || BuiltInIntents.PRODUCT_INFO.equals(intent)
                    || weak && !BuiltInIntents.PRODUCT_PRICE.equals(intent) && !isFaq(intent))) {
                intent = BuiltInIntents.PRODUCT_STOCK;
                confidence = Math.max(confidence, FOLLOW_UP_BELOW);
                ruled = true;
            }
            // « le fauteuil oslo est en promo ? » : a sale question about one named product is its price.
            if (BuiltInIntents.PROMOTIONS.equals(intent) && products.size() == 1 && !Cues.asksForACode(tokens)) {
                intent = BuiltInIntents.PRODUCT_PRICE;
                confidence = Math.max(confidence, FOLLOW_UP_BELOW);
                ruled = true;
            }
            // « vous avez des polaires en orange ? » : a category with a colour, size, capacity or budget is a search,
            // whatever the classifier hesitated over.
            if (products.isEmpty() && category != null && (hasVariantWords || capacity != null || range != null)
                    && weak && !handsOver(intent) && !isFaq(intent)) {
                intent = BuiltInIntents.PRODUCT_RECOMMENDATION;
                confidence = Math.max(confidence, FOLLOW_UP_BELOW);
                ruled = true;
            }
            // "show me your electric bikes": a category and a request to see, whatever the classifier hesitated over.
            if (products.isEmpty() && category != null && weak && asks.isEmpty() && !handsOver(intent) && SHOW.in(tokens)) {
                intent = BuiltInIntents.PRODUCT_RECOMMENDATION;
                confidence = Math.max(confidence, FOLLOW_UP_BELOW);
                ruled = true;
            }
            // "any road bikes on sale?", « des casques en promo ? » : the products on sale in that category.
            if (products.isEmpty() && ranking == null && !handsOver(intent) && !isFaq(intent) && ON_SALE.in(tokens)
                    && !Cues.asksForACode(tokens) && (intent == null || weak || BuiltInIntents.PRODUCT_RECOMMENDATION.equals(intent))) {
                intent = BuiltInIntents.PROMOTIONS;
                confidence = Math.max(confidence, FOLLOW_UP_BELOW);
                ruled = true;
            }
            // « jusqu'à quand ? » after a sale price: the catalog has no end date — say so rather than not understand.
            Product onSale = product(ctx.productSku());
            if (products.isEmpty() && weak && onSale != null && onSale.salePrice() != null && UNTIL_WHEN.in(tokens)
                    && last != null && BuiltInIntents.isProduct(last)) {
                intent = BuiltInIntents.PRODUCT_INFO;
                confidence = Math.max(confidence, FOLLOW_UP_BELOW);
                ruled = true;
                saleEnd = true;
            }
            // Two products named and a comparison understood: compare them, there is nothing to ask.
            if (BuiltInIntents.PRODUCT_COMPARE.equals(intent) && products.size() >= 2) {
                ruled = true;
            }
        }

        // "ok and how wide is the sofa itself" about the Milo sofa bed: the category word names the product under
        // discussion, not a search.
        // Likewise « on peut mettre combien d'enfants dedans ? » about a cargo bike whose key is "capacite_enfants":
        // the word names its attribute, not the children's category.
        Product subject = product(ctx.productSku());
        boolean namesSubjectKey = subject != null && !asks.isEmpty() && asks.stream()
                .anyMatch(a -> a.key() != null && attributes.keyOf(subject, a) != null);
        if (!asks.isEmpty() && products.isEmpty() && category != null && subject != null
                && (category.equals(subject.category()) || namesSubjectKey)
                && ranking == null && (intent == null || BuiltInIntents.isProduct(intent))) {
            intent = BuiltInIntents.PRODUCT_INFO;
            confidence = Math.max(confidence, FOLLOW_UP_BELOW);
            ruled = true;
            category = null;
        }
        // Products the visitor points back at: "the first one", "elle", or just the product under discussion.
        boolean experience = !tapped && Cues.experience(tokens);
        List<String> pointable = ctx.listSkus().isEmpty() ? ctx.recentSkus() : ctx.listSkus();
        if (products.isEmpty() && (experience || (intent != null && BuiltInIntents.isProduct(intent)))) {
            int ordinal = Cues.ordinal(tokens);
            if (ordinal >= 0 && ordinal < pointable.size() && ranking == null) {
                addIfKnown(products, pointable.get(ordinal));
                if (BuiltInIntents.PRODUCT_RECOMMENDATION.equals(intent)) {
                    intent = BuiltInIntents.PRODUCT_INFO;
                }
            } else if (category != null && productsOf(category).size() == 1) {
                products.add(productsOf(category).get(0));
            } else if (category == null && ctx.productSku() != null
                    && (experience || !BuiltInIntents.PRODUCT_RECOMMENDATION.equals(intent))) {
                addIfKnown(products, ctx.productSku());
            }
        }
        if (BuiltInIntents.PRODUCT_COMPARE.equals(intent) && products.size() < 2) {
            if (ctx.productSku() != null) {
                addIfKnown(products, ctx.productSku());
            }
            for (String sku : pointable) {
                if (products.size() >= 2) {
                    break;
                }
                addIfKnown(products, sku);
            }
        }
        // « en taille M ? » after « des polaires en orange ? » : the colour asked a turn ago still holds, when this
        // product is made that way.
        boolean namedNow = !entities.productSkus().isEmpty();
        if (BuiltInIntents.PRODUCT_STOCK.equals(intent) && !tapped && !namedNow && products.size() == 1
                && (color == null) != (size == null)) {
            DialogueContext.Filters before = ctx.filters();
            Product p = products.get(0);
            if (color == null && before.color() != null && makes(p, before.color(), size)) {
                color = before.color();
            } else if (size == null && before.size() != null && makes(p, color, before.size())) {
                size = before.size();
            }
        }
        if (category == null && !products.isEmpty()) {
            category = products.get(0).category();
        }

        // The search's filters: this turn's, completed by the last search's when this turn narrows it.
        DialogueContext.Filters filters = new DialogueContext.Filters(category, range, color, size, capacity);
        List<Product> pool = List.of();
        if (BuiltInIntents.PRODUCT_RECOMMENDATION.equals(intent)) {
            DialogueContext.Filters before = ctx.filters();
            boolean narrows = afterList || BuiltInIntents.PRODUCT_RECOMMENDATION.equals(last)
                    || !ctx.listSkus().isEmpty() && last != null && BuiltInIntents.isProduct(last) && !before.noneSet();
            if (narrows && entities.first(EntityExtractor.CATEGORY) == null && products.isEmpty()) {
                filters = new DialogueContext.Filters(before.category(), range != null ? range : before.priceRange(),
                        color != null ? color : before.color(), size != null ? size : before.size(),
                        capacity != null ? capacity : before.capacity());
                category = filters.category();
            } else if (entities.first(EntityExtractor.CATEGORY) == null && !products.isEmpty() && ranking == null) {
                filters = new DialogueContext.Filters(products.get(0).category(), range, color, size, capacity);
                category = filters.category();
            }
            if (ranking != null) {
                if (products.size() >= 2) {
                    pool = List.copyOf(products);
                } else if (entities.first(EntityExtractor.CATEGORY) == null && !ctx.listSkus().isEmpty()) {
                    List<Product> listed = new ArrayList<>();
                    ctx.listSkus().forEach(sku -> addIfKnown(listed, sku));
                    pool = listed;
                }
                products.clear();
            }
        }
        // A second promotions question right after a promotions answer is about its terms ("does it work on sale
        // items too?"): the shop's promotions text answers it, the same list again would not.
        boolean promotionsAgain = BuiltInIntents.PROMOTIONS.equals(last) && products.isEmpty()
                && entities.first(EntityExtractor.CATEGORY) == null;
        boolean saleList = BuiltInIntents.PROMOTIONS.equals(intent) && hasSales() && !Cues.asksForACode(tokens)
                && !promotionsAgain;
        boolean feature = !tapped && asks.isEmpty() && CatalogAttributes.asksForAFeature(tokens) && products.size() == 1
                && color == null && size == null && intent != null && (BuiltInIntents.PRODUCT_INFO.equals(intent)
                || BuiltInIntents.PRODUCT_VARIANTS.equals(intent) || BuiltInIntents.PRODUCT_STOCK.equals(intent));
        // "is it fire retardant?": a yes/no question on something the product's data never mentions.
        boolean sheetLike = BuiltInIntents.PRODUCT_INFO.equals(intent) || confidence < FOLLOW_UP_BELOW
                && (BuiltInIntents.PRODUCT_VARIANTS.equals(intent) || BuiltInIntents.PRODUCT_STOCK.equals(intent));
        feature |= saleEnd && products.size() == 1;
        feature |= !tapped && asks.isEmpty() && products.size() == 1 && color == null && size == null && ranking == null
                && sheetLike && !experience
                && unknownTopic.asks(u.text(), tokens, entities.all(), products.get(0));
        if (feature) {
            intent = BuiltInIntents.PRODUCT_INFO; // "does it come with a rain cover?": not its colours, nor its stock
        }
        Decision.Details details = new Decision.Details(asks, ranking, pool, filters, false, saleList, feature);

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
        // "any rugs in blue under 300?" read as a stock or price question names no product but a category or a
        // budget: it is a search over them (with its colour and size filters), not a "which product?".
        if (needsOneProduct(intent) && products.isEmpty() && (category != null || range != null)) {
            intent = BuiltInIntents.PRODUCT_RECOMMENDATION;
        }
        if (needsOneProduct(intent) && products.isEmpty()) {
            // "is it in stock?" after a list of several: which of them — the list's products are the likely answers.
            List<Product> listed = new ArrayList<>();
            ctx.listSkus().forEach(sku -> addIfKnown(listed, sku));
            Decision.Details asking = listed.isEmpty() ? details
                    : new Decision.Details(asks, ranking, listed, filters, false, saleList, feature);
            return new Decision(Decision.Kind.WHICH_PRODUCT, intent, confidence, products, category, null, 0, u, asking);
        }
        if (BuiltInIntents.PRODUCT_COMPARE.equals(intent) && products.size() < 2) {
            return new Decision(Decision.Kind.WHICH_PRODUCT, intent, confidence, products, category, null, 0, u, details);
        }
        // "Vous avez des fauteuils ?": a category (or a budget) and nothing else is a request to see products, whatever
        // else the classifier hesitated between — showing some is what a salesperson would do.
        boolean browsing = BuiltInIntents.PRODUCT_RECOMMENDATION.equals(intent) && products.isEmpty()
                && (category != null || range != null || ranking != null || !filters.noneSet());
        boolean steered = ruled || !intent.equals(prediction.best());
        if (!tapped && !browsing && !steered && isAmbiguous(prediction, intent)) {
            return new Decision(Decision.Kind.WHICH_INTENT, intent, confidence, products, category, null, 0, u, details);
        }
        return new Decision(Decision.Kind.ANSWER, intent, confidence, products, category, null, 0, u, details);
    }

    /** "until when?", « jusqu'à quand ? » : the end of an offer, which no catalog field gives. */
    private static final Cues.PhraseSet UNTIL_WHEN = Cues.PhraseSet.of("jusque a quand", "jusqu a quand", "jusque quand", "ca dure jusque",
            "until when", "till when", "how long is it on sale", "when does it end", "when does the sale end",
            "fin de la promo", "se termine quand", "ca finit quand");

    /** "on sale", « en promo » : products at a reduced price. */
    private static final Cues.PhraseSet ON_SALE = Cues.PhraseSet.of("on sale", "en promo", "en promotion", "en solde",
            "en soldes", "soldes", "solde", "soldés", "discounted", "reduced", "on offer", "marked down", "prix barre",
            "prix barres", "a prix reduit", "remise", "remises");

    /** "show me", « vous avez des… » : a request to see products. */
    private static final Cues.PhraseSet SHOW = Cues.PhraseSet.of("show me", "show", "montre", "montrez", "voir",
            "vous avez", "avez vous", "vous auriez", "do you have", "do u have", "got any", "any", "list", "liste",
            "catalogue", "what kind of", "what kinds of", "quels", "quelles", "browse", "see your", "je cherche",
            "looking for", "im looking", "i am looking");
    /** Words right before a bare size letter: « et en L ? », "what about M", "size S". */
    private static final java.util.Set<String> BEFORE_SIZE = java.util.Set.of("en", "in", "taille", "size", "about",
            "pointure", "t", "un", "une");
    private static final int BARE_SIZE_TOKENS = 5;

    /**
     * « et en L ? » about a product sold in S, M, L: a size the entity finder leaves alone (a lone letter could be
     * anything) is one when the product under discussion is sold in it and the line is short.
     */
    private static String bareSize(List<Token> tokens, Product p) {
        if (p == null) {
            return null;
        }
        for (int i = 0; i < tokens.size(); i++) {
            String w = tokens.get(i).text();
            boolean placed = tokens.size() <= 2 || i > 0 && BEFORE_SIZE.contains(tokens.get(i - 1).text())
                    && (tokens.size() <= BARE_SIZE_TOKENS || w.length() <= 3);
            if (!placed) {
                continue;
            }
            for (org.causette.bot.knowledge.Variant v : p.variants()) {
                if (v.size() != null && TextNormalizer.foldPhrase(v.size()).equals(w)) {
                    return v.size();
                }
            }
        }
        return null;
    }

    /** Whether the product has a variant of this colour and size (either may be null). */
    private static boolean makes(Product p, String color, String size) {
        for (org.causette.bot.knowledge.Variant v : p.variants()) {
            boolean c = color == null || v.color() != null && (TextNormalizer.foldPhrase(v.color()).equals(TextNormalizer.foldPhrase(color))
                    || EntityExtractor.sameColor(v.color(), color));
            boolean s = size == null || SizeRanges.matches(v.size(), size);
            if (c && s) {
                return true;
            }
        }
        return false;
    }

    private boolean isFaq(String intent) {
        return intent != null && !BuiltInIntents.isBuiltIn(intent) && faq.containsKey(intent);
    }

    private static boolean isSmallTalk(String intent) {
        return BuiltInIntents.GREETING.equals(intent) || BuiltInIntents.THANKS.equals(intent) || BuiltInIntents.GOODBYE.equals(intent);
    }

    private static boolean handsOver(String intent) {
        return BuiltInIntents.HUMAN_REQUEST.equals(intent) || BuiltInIntents.COMPLAINT.equals(intent)
                || BuiltInIntents.ORDER_STATUS.equals(intent);
    }

    /**
     * A shop's own intent close behind a built-in one is what the shop meant: it wrote those examples because its
     * shoppers ask that ("student discount" next to promotions, "renting" next to recommendations). Small talk and
     * hand-overs keep their built-in meaning, and a named product keeps a product question.
     */
    private String specificShopIntent(IntentPrediction p, String intent, EntityExtractor.Entities entities) {
        if (intent == null || !BuiltInIntents.isBuiltIn(intent) || handsOver(intent)
                || intent.equals(BuiltInIntents.GREETING) || intent.equals(BuiltInIntents.GOODBYE)
                || intent.equals(BuiltInIntents.THANKS)) {
            return null;
        }
        if (BuiltInIntents.isProduct(intent) && (!entities.productSkus().isEmpty()
                || entities.first(EntityExtractor.CATEGORY) != null)) {
            return null; // "show me your tents" is a search even where the shop rents tents
        }
        for (IntentPrediction.Scored s : p.ranking(SHOP_INTENT_LOOKS, Nlu.OUT_OF_SCOPE)) {
            String label = s.label();
            if (label.equals(intent) || BuiltInIntents.isBuiltIn(label) || !faq.containsKey(label)) {
                continue;
            }
            if (s.probability() >= SHOP_INTENT_RATIO * p.confidence()) {
                return label;
            }
            return null;
        }
        return null;
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
