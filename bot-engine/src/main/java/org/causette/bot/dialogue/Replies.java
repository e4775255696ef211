package org.causette.bot.dialogue;

import org.causette.bot.BotMessage;
import org.causette.bot.Card;
import org.causette.bot.CardButton;
import org.causette.bot.QuickReply;
import org.causette.bot.knowledge.BuiltInIntents;
import org.causette.bot.knowledge.FaqIntent;
import org.causette.bot.knowledge.Product;
import org.causette.bot.knowledge.SiteKnowledge;
import org.causette.bot.knowledge.Variant;
import org.causette.bot.nlu.EntityExtractor;
import org.causette.bot.nlu.IntentPrediction;
import org.causette.bot.nlu.Nlu;
import org.causette.bot.nlu.TextNormalizer;
import org.causette.bot.nlu.Token;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The words: French (vouvoiement) and English answers built from a {@link Decision}, the catalog and faq.json, with
 * product cards and quick replies. Everything a shopper reads is here, so tone stays consistent. Thread-safe.
 */
final class Replies {
    private static final int MAX_CARDS = 3;
    private static final java.util.regex.Pattern NAME_WORDS = java.util.regex.Pattern.compile("[\\s'’-]+");
    private static final int LOW_STOCK = 3;
    private static final Map<String, String[]> INTENT_TITLES = Map.ofEntries(
            Map.entry(BuiltInIntents.GREETING, new String[]{"Bonjour", "Hello"}),
            Map.entry(BuiltInIntents.GOODBYE, new String[]{"Au revoir", "Goodbye"}),
            Map.entry(BuiltInIntents.THANKS, new String[]{"Merci", "Thanks"}),
            Map.entry(BuiltInIntents.HUMAN_REQUEST, new String[]{"Parler à un conseiller", "Talk to a person"}),
            Map.entry(BuiltInIntents.PRODUCT_PRICE, new String[]{"Le prix", "Price"}),
            Map.entry(BuiltInIntents.PRODUCT_STOCK, new String[]{"Disponibilité", "Availability"}),
            Map.entry(BuiltInIntents.PRODUCT_VARIANTS, new String[]{"Coloris et tailles", "Colours and sizes"}),
            Map.entry(BuiltInIntents.PRODUCT_INFO, new String[]{"Fiche produit", "Product details"}),
            Map.entry(BuiltInIntents.PRODUCT_RECOMMENDATION, new String[]{"Des suggestions", "Suggestions"}),
            Map.entry(BuiltInIntents.PRODUCT_COMPARE, new String[]{"Comparer", "Compare"}),
            Map.entry(BuiltInIntents.SHIPPING, new String[]{"Livraison", "Delivery"}),
            Map.entry(BuiltInIntents.RETURNS, new String[]{"Retours", "Returns"}),
            Map.entry(BuiltInIntents.PAYMENT, new String[]{"Paiement", "Payment"}),
            Map.entry(BuiltInIntents.PROMOTIONS, new String[]{"Promotions", "Deals"}),
            Map.entry(BuiltInIntents.ORDER_STATUS, new String[]{"Suivre ma commande", "Track my order"}),
            Map.entry(BuiltInIntents.COMPLAINT, new String[]{"Un problème", "A problem"}));

    private final SiteKnowledge site;
    private final DialoguePolicy policy;
    /** The catalog's prices, colours and folded values, formatted once at site load. */
    private final CatalogWords words;
    /** Computed once at site load: they depend on the catalog alone. */
    private final Map<String, String> categoryLabels = new java.util.HashMap<>();
    private final List<String> categories;
    /** Each product's card in French and in English (cards are immutable), by identity of the catalog's records. */
    private final Map<Product, Card[]> cards = new java.util.IdentityHashMap<>();
    /** Each variant's label {any language but English, English}: only the colour's name depends on the language. */
    private final Map<Variant, String[]> variantLabels = new java.util.IdentityHashMap<>();
    /** Attribute key → its display name; product → attribute key → value {French, other languages}. */
    private final Map<String, String> attributeNames = new java.util.HashMap<>();
    private final Map<Product, Map<String, String[]>> attributeValues = new java.util.IdentityHashMap<>();

    Replies(SiteKnowledge site, DialoguePolicy policy) {
        this.site = site;
        this.policy = policy;
        this.words = new CatalogWords(site);
        List<String> cs = new ArrayList<>();
        for (Product p : policy.catalog().products()) {
            if (p.category() != null && !cs.contains(p.category())) {
                cs.add(p.category());
            }
        }
        this.categories = List.copyOf(cs);
        for (String c : categories) {
            categoryLabels.put(c, labelOf(c));
        }
        for (Product p : policy.catalog().products()) {
            cards.put(p, new Card[]{buildCard(p, "fr"), buildCard(p, "en")});
            for (Variant v : p.variants()) {
                variantLabels.put(v, new String[]{labelOf(v, "fr"), labelOf(v, "en")});
            }
            Map<String, String[]> values = new java.util.HashMap<>();
            for (Map.Entry<String, Object> e : p.attributes().entrySet()) {
                attributeNames.computeIfAbsent(e.getKey(), Replies::attributeName);
                values.put(e.getKey(), new String[]{attributeValue(e, "fr"), attributeValue(e, "en")});
            }
            attributeValues.put(p, values);
        }
    }

    /** The messages of one turn, and the products shown (for "the first one" next time). */
    record Rendered(List<BotMessage> messages, List<String> shownSkus) {
    }

    Rendered render(Decision d, String lang) {
        boolean fr = "fr".equals(lang);
        return switch (d.kind()) {
            case HANDOVER -> one(handoverText(d, fr));
            case NOT_UNDERSTOOD -> notUnderstood(d, lang);
            case WHICH_INTENT -> whichIntent(d, lang);
            case WHICH_PRODUCT -> whichProduct(d, lang);
            case ANSWER -> answer(d, lang);
        };
    }

    private static Rendered one(String text) {
        return new Rendered(List.of(BotMessage.text(text)), List.of());
    }

    private String bot() {
        return site.botName() == null || site.botName().isBlank() ? "Causette" : site.botName();
    }

    private String shop() {
        return site.siteName() == null || site.siteName().isBlank() ? site.siteId() : site.siteName();
    }

    String intentTitle(String intent, String lang) {
        String[] t = INTENT_TITLES.get(intent);
        if (t != null) {
            return "fr".equals(lang) ? t[0] : t[1];
        }
        FaqIntent f = policy.faq(intent);
        if (f != null) {
            List<String> ex = f.examples().get(lang);
            if (ex != null && !ex.isEmpty() && ex.get(0).length() <= 40) {
                return ex.get(0);
            }
        }
        String s = intent.replace('_', ' ');
        return Formats.capitalize(s);
    }

    private QuickReply intentReply(String intent, String lang) {
        return new QuickReply(intentTitle(intent, lang), Payloads.intent(intent));
    }

    private QuickReply humanReply(boolean fr) {
        return new QuickReply(fr ? "Parler à un conseiller" : "Talk to a person", Payloads.intent(BuiltInIntents.HUMAN_REQUEST));
    }

    // ---- hand-overs -------------------------------------------------------------------------------------------

    private String handoverText(Decision d, boolean fr) {
        FaqIntent f = policy.faq(d.intent());
        String lang = fr ? "fr" : "en";
        if (f != null && f.answer().get(lang) != null) {
            return f.answer().get(lang);
        }
        String reason = d.handover().reason();
        Product p = d.product();
        return switch (reason) {
            case "complaint" -> fr
                    ? "Je suis sincèrement désolé pour ce désagrément. Je vous mets tout de suite en relation avec un conseiller qui va s'en occuper personnellement."
                    : "I'm really sorry about this. I'm passing you to a member of our team right away so they can sort it out personally.";
            case "order_status" -> {
                String order = d.understanding().entities().first(EntityExtractor.ORDER_NUMBER);
                if (order != null) {
                    yield fr ? "Je transmets votre demande sur la commande " + order + " à un conseiller qui va vérifier son suivi. Un instant, s'il vous plaît."
                            : "I'm passing your question about order " + order + " to a member of our team who can check its tracking. One moment, please.";
                }
                yield fr ? "Un conseiller va vérifier le suivi de votre commande. Pendant que je vous mets en relation, gardez votre numéro de commande à portée de main."
                        : "A member of our team will check your order's tracking. While I connect you, please have your order number ready.";
            }
            case "misunderstood" -> fr
                    ? "Pour être certain de bien vous répondre, je vous mets en relation avec un conseiller. Un instant, s'il vous plaît."
                    : "To make sure you get the right answer, I'm connecting you with a member of our team. One moment, please.";
            case "product_expertise" -> p != null
                    ? (fr ? "Très bonne question ! Le mieux est d'en parler avec l'un de nos ambassadeurs, qui connaît " + p.name()
                            + " à l'usage. Je vous mets en relation."
                          : "Great question! The best person to answer is one of our ambassadors, who knows the " + p.name()
                            + " from using it. Let me connect you.")
                    : (fr ? "Très bonne question ! Le mieux est d'en parler avec l'un de nos ambassadeurs, qui utilise nos produits au quotidien. Je vous mets en relation."
                          : "Great question! The best person to answer is one of our ambassadors, who uses our products every day. Let me connect you.");
            default -> fr
                    ? "Je vous mets en relation avec un conseiller, un instant s'il vous plaît."
                    : "I'm connecting you with a member of our team, one moment please.";
        };
    }

    // ---- clarifications ---------------------------------------------------------------------------------------

    private Rendered notUnderstood(Decision d, String lang) {
        boolean fr = "fr".equals(lang);
        List<QuickReply> replies = new ArrayList<>();
        for (IntentPrediction.Scored s : d.understanding().prediction().ranking(3, Nlu.OUT_OF_SCOPE)) {
            if (s.probability() >= 0.15 && !s.label().equals(BuiltInIntents.HUMAN_REQUEST) && isOfferable(s.label())) {
                replies.add(intentReply(s.label(), lang));
            }
        }
        if (replies.isEmpty()) {
            replies.add(intentReply(BuiltInIntents.PRODUCT_RECOMMENDATION, lang));
            replies.add(intentReply(BuiltInIntents.SHIPPING, lang));
            replies.add(intentReply(BuiltInIntents.RETURNS, lang));
        }
        replies.add(humanReply(fr));
        String text = fr
                ? "Pardon, je n'ai pas bien compris votre question. Pouvez-vous la reformuler ? Je peux vous renseigner sur nos produits, la livraison, les retours ou le paiement."
                : "Sorry, I didn't quite get that. Could you rephrase it? I can help with our products, delivery, returns or payment.";
        return new Rendered(List.of(new BotMessage(text, replies, List.of())), List.of());
    }

    /** Small talk and hand-overs make poor suggestions after "I did not understand". */
    private static boolean isOfferable(String intent) {
        return !intent.equals(BuiltInIntents.GREETING) && !intent.equals(BuiltInIntents.GOODBYE)
                && !intent.equals(BuiltInIntents.THANKS) && !intent.equals(BuiltInIntents.COMPLAINT);
    }

    private Rendered whichIntent(Decision d, String lang) {
        boolean fr = "fr".equals(lang);
        IntentPrediction p = d.understanding().prediction();
        List<QuickReply> replies = new ArrayList<>();
        replies.add(intentReply(p.best(), lang));
        replies.add(intentReply(p.runnerUp(), lang));
        replies.add(humanReply(fr));
        String text = fr ? "Pour bien vous répondre : votre question porte plutôt sur…"
                : "Just to be sure I answer the right question — is it about…";
        return new Rendered(List.of(new BotMessage(text, replies, List.of())), List.of());
    }

    private Rendered whichProduct(Decision d, String lang) {
        boolean fr = "fr".equals(lang);
        List<Product> candidates = new ArrayList<>(policy.productsOf(d.category()));
        for (Product p : policy.catalog().products()) {
            if (candidates.size() >= 5) {
                break;
            }
            if (!candidates.contains(p)) {
                candidates.add(p);
            }
        }
        candidates.removeAll(d.products());
        List<QuickReply> replies = new ArrayList<>();
        for (Product p : candidates.subList(0, Math.min(4, candidates.size()))) {
            replies.add(new QuickReply(p.name(), Payloads.intent(d.intent(), p.sku())));
        }
        String text;
        if (BuiltInIntents.PRODUCT_COMPARE.equals(d.intent())) {
            Product first = d.product();
            text = first != null
                    ? (fr ? "Avec quel produit voulez-vous comparer " + first.name() + " ?" : "What would you like to compare the " + first.name() + " with?")
                    : (fr ? "Quels produits voulez-vous comparer ? Donnez-moi leurs noms, par exemple « " + example(0) + " ou " + example(1) + " »."
                          : "Which products would you like to compare? Just name them, for example \"" + example(0) + " or " + example(1) + "\".");
        } else {
            text = fr ? "Avec plaisir ! De quel produit parlez-vous ?" : "Happy to help! Which product do you mean?";
        }
        return new Rendered(List.of(new BotMessage(text, replies, List.of())), List.of());
    }

    private String example(int i) {
        List<Product> ps = policy.catalog().products();
        return ps.size() > i ? ps.get(i).name() : "A";
    }

    // ---- answers ----------------------------------------------------------------------------------------------

    private Rendered answer(Decision d, String lang) {
        boolean fr = "fr".equals(lang);
        String intent = d.intent();
        FaqIntent f = policy.faq(intent);
        if (!BuiltInIntents.isProduct(intent) && f != null && f.answer().get(lang) != null) {
            return new Rendered(List.of(new BotMessage(f.answer().get(lang), faqReplies(f, lang), List.of())), List.of());
        }
        if (!BuiltInIntents.isProduct(intent) && f != null && !f.answer().isEmpty()) {
            // Only the other language was written: better that answer than none.
            String any = f.answer().values().iterator().next();
            return new Rendered(List.of(new BotMessage(any, faqReplies(f, lang), List.of())), List.of());
        }
        return switch (intent) {
            case BuiltInIntents.GREETING -> new Rendered(List.of(new BotMessage(fr
                    ? "Bonjour ! Je suis " + bot() + ", l'assistant de " + shop() + ". Je peux vous renseigner sur nos produits, leur disponibilité, la livraison ou les retours. Que puis-je faire pour vous ?"
                    : "Hello! I'm " + bot() + ", " + shop() + "'s assistant. I can help with our products, what's in stock, delivery or returns. What can I do for you?",
                    List.of(intentReply(BuiltInIntents.PRODUCT_RECOMMENDATION, lang), intentReply(BuiltInIntents.SHIPPING, lang),
                            intentReply(BuiltInIntents.RETURNS, lang)), List.of())), List.of());
            case BuiltInIntents.GOODBYE -> one(fr ? "Merci de votre visite, et à très bientôt chez " + shop() + " !"
                    : "Thanks for stopping by — see you soon at " + shop() + "!");
            case BuiltInIntents.THANKS -> one(fr ? "Avec plaisir ! Puis-je vous aider pour autre chose ?"
                    : "You're welcome! Is there anything else I can help with?");
            case BuiltInIntents.PRODUCT_PRICE -> price(d.product(), lang);
            case BuiltInIntents.PRODUCT_STOCK -> stock(d, lang);
            case BuiltInIntents.PRODUCT_VARIANTS -> variants(d.product(), lang);
            case BuiltInIntents.PRODUCT_INFO -> info(d, lang);
            case BuiltInIntents.PRODUCT_RECOMMENDATION -> recommend(d, lang);
            case BuiltInIntents.PRODUCT_COMPARE -> compare(d.products().get(0), d.products().get(1), lang);
            case BuiltInIntents.PROMOTIONS -> promotions(lang);
            default -> noAnswer(lang);
        };
    }

    private List<QuickReply> faqReplies(FaqIntent f, String lang) {
        List<QuickReply> out = new ArrayList<>();
        for (FaqIntent.FaqQuickReply q : f.quickReplies()) {
            String title = q.title().get(lang);
            if (title == null) {
                title = q.title().values().iterator().next();
            }
            out.add(new QuickReply(title, q.payload()));
        }
        return out;
    }

    /** A policy intent the shop wrote no answer for: a person can answer it. */
    private Rendered noAnswer(String lang) {
        boolean fr = "fr".equals(lang);
        String text = fr ? "Je n'ai pas cette information sous la main. Voulez-vous que je vous mette en relation avec un conseiller ?"
                : "I don't have that information at hand. Would you like me to connect you with a member of our team?";
        QuickReply yes = new QuickReply(fr ? "Oui, un conseiller" : "Yes, please", Payloads.intent(BuiltInIntents.HUMAN_REQUEST));
        return new Rendered(List.of(new BotMessage(text, List.of(yes), List.of())), List.of());
    }

    private Rendered promotions(String lang) {
        boolean fr = "fr".equals(lang);
        List<Product> onSale = policy.catalog().products().stream().filter(p -> p.salePrice() != null)
                .sorted(Comparator.comparing(Replies::discountShare).reversed()).limit(MAX_CARDS).toList();
        if (onSale.isEmpty()) {
            return noAnswer(lang);
        }
        String text = fr ? "Voici nos meilleures offres du moment :" : "Here are our best deals right now:";
        return withCards(text, onSale, lang, List.of());
    }

    private static double discountShare(Product p) {
        if (p.salePrice() == null || p.price().signum() == 0) {
            return 0;
        }
        return p.price().subtract(p.salePrice()).doubleValue() / p.price().doubleValue();
    }

    String money(BigDecimal amount, String lang) {
        return words.money(amount, lang);
    }

    private Rendered price(Product p, String lang) {
        boolean fr = "fr".equals(lang);
        String text;
        if (p.salePrice() != null && p.salePrice().compareTo(p.price()) < 0) {
            int pct = p.price().subtract(p.salePrice()).multiply(BigDecimal.valueOf(100))
                    .divide(p.price(), 0, RoundingMode.HALF_UP).intValue();
            text = fr ? "Bonne nouvelle : " + p.name() + " est en promotion à " + money(p.salePrice(), lang) + " au lieu de "
                    + money(p.price(), lang) + " (-" + pct + " %)."
                    : "Good news: the " + p.name() + " is on sale at " + money(p.salePrice(), lang) + " instead of "
                    + money(p.price(), lang) + " (" + pct + "% off).";
        } else {
            text = fr ? p.name() + " est à " + money(p.price(), lang) + "." : "The " + p.name() + " is " + money(p.price(), lang) + ".";
        }
        List<QuickReply> replies = List.of(
                new QuickReply(intentTitle(BuiltInIntents.PRODUCT_STOCK, lang), Payloads.intent(BuiltInIntents.PRODUCT_STOCK, p.sku())),
                new QuickReply(intentTitle(BuiltInIntents.SHIPPING, lang), Payloads.intent(BuiltInIntents.SHIPPING)));
        return withCards(text, List.of(p), lang, replies);
    }

    private String variantLabel(Variant v, String lang) {
        String[] known = variantLabels.get(v);
        return known == null ? labelOf(v, lang) : known["en".equals(lang) ? 1 : 0];
    }

    private String labelOf(Variant v, String lang) {
        List<String> parts = new ArrayList<>(2);
        if (v.color() != null) {
            parts.add(words.color(v.color(), lang));
        }
        if (v.size() != null) {
            parts.add(v.size());
        }
        return parts.isEmpty() ? v.sku() : Formats.capitalize(String.join(" ", parts));
    }

    private String variantStock(Variant v, String lang) {
        boolean fr = "fr".equals(lang);
        if (v.stock() > 0) {
            return v.stock() + (fr ? " en stock" : " in stock");
        }
        if (v.restockDate() != null) {
            return fr ? "rupture, de retour le " + words.date(v.restockDate(), lang)
                    : "out of stock, back on " + words.date(v.restockDate(), lang);
        }
        return fr ? "rupture" : "out of stock";
    }

    private Rendered stock(Decision d, String lang) {
        boolean fr = "fr".equals(lang);
        Product p = d.product();
        List<Variant> wanted = matchingVariants(p, d);
        if (p.variants().isEmpty()) {
            return withCards(fr ? "Je n'ai pas le détail du stock de " + p.name() + " : un conseiller peut vérifier pour vous."
                    : "I don't have stock details for the " + p.name() + ": a member of our team can check for you.",
                    List.of(p), lang, List.of(humanReply(fr)));
        }
        StringBuilder text = new StringBuilder();
        List<QuickReply> replies = new ArrayList<>();
        if (!wanted.isEmpty() && wanted.size() < p.variants().size()) {
            Variant v = wanted.get(0);
            String label = variantLabel(v, lang).toLowerCase(java.util.Locale.ROOT);
            if (v.stock() > 0) {
                text.append(fr ? "Oui, " + p.name() + " en " + label + " est disponible (" + v.stock() + " en stock)"
                        : "Yes, the " + p.name() + " in " + label + " is available (" + v.stock() + " in stock)");
                text.append(v.stock() <= LOW_STOCK ? (fr ? ", mais il en reste peu." : ", but only a few are left.") : ".");
            } else {
                text.append(fr ? p.name() + " en " + label + " est en rupture de stock pour le moment"
                        : "The " + p.name() + " in " + label + " is out of stock at the moment");
                if (v.restockDate() != null) {
                    text.append(fr ? ", de retour le " + words.date(v.restockDate(), lang) : "; it's due back on " + words.date(v.restockDate(), lang));
                }
                text.append('.');
                List<String> others = new ArrayList<>();
                for (Variant o : p.variants()) {
                    if (o.stock() > 0) {
                        others.add(variantLabel(o, lang).toLowerCase(java.util.Locale.ROOT) + " (" + o.stock() + ")");
                    }
                }
                if (!others.isEmpty()) {
                    text.append(fr ? " Disponible tout de suite en " + Formats.list(others, lang) + "."
                            : " Available right now in " + Formats.list(others, lang) + ".");
                }
            }
        } else {
            text.append(fr ? "Disponibilité de " + p.name() + " : " : "Availability of the " + p.name() + ": ");
            List<String> lines = new ArrayList<>();
            for (Variant v : p.variants()) {
                lines.add(variantLabel(v, lang) + (fr ? " : " : ": ") + variantStock(v, lang));
            }
            text.append(String.join(" · ", lines));
        }
        replies.add(new QuickReply(intentTitle(BuiltInIntents.PRODUCT_PRICE, lang), Payloads.intent(BuiltInIntents.PRODUCT_PRICE, p.sku())));
        replies.add(new QuickReply(intentTitle(BuiltInIntents.SHIPPING, lang), Payloads.intent(BuiltInIntents.SHIPPING)));
        return withCards(text.toString(), List.of(p), lang, replies);
    }

    /** The variants the visitor named by colour or size; empty when none was named or none matches. */
    private List<Variant> matchingVariants(Product p, Decision d) {
        String color = d.understanding().entities().first(EntityExtractor.COLOR);
        String size = d.understanding().entities().first(EntityExtractor.SIZE);
        if (color == null && size == null) {
            return List.of();
        }
        List<Variant> out = new ArrayList<>();
        String foldedColor = color == null ? null : words.fold(color);
        String foldedSize = size == null ? null : words.fold(size);
        for (Variant v : p.variants()) {
            boolean colorOk = color == null || (v.color() != null && words.fold(v.color()).equals(foldedColor));
            boolean sizeOk = size == null || (v.size() != null && words.fold(v.size()).equals(foldedSize));
            if (colorOk && sizeOk) {
                out.add(v);
            }
        }
        return out;
    }

    private Rendered variants(Product p, String lang) {
        boolean fr = "fr".equals(lang);
        List<String> colors = new ArrayList<>();
        List<String> sizes = new ArrayList<>();
        for (Variant v : p.variants()) {
            String shown = words.color(v.color(), lang);
            if (shown != null && !colors.contains(shown)) {
                colors.add(shown);
            }
            if (v.size() != null && !sizes.contains(v.size())) {
                sizes.add(v.size());
            }
        }
        StringBuilder text = new StringBuilder();
        if (colors.isEmpty() && sizes.isEmpty()) {
            // French needs the noun's gender for an article; a colon reads naturally whatever the product.
            text.append(fr ? p.name() + " : une seule version." : "The " + p.name() + " comes in a single version.");
        } else {
            if (!colors.isEmpty()) {
                text.append(fr ? p.name() + " : disponible en " + colors.size() + " coloris (" + Formats.list(colors, lang) + ")."
                        : "The " + p.name() + " comes in " + Formats.list(colors, lang) + ".");
            }
            if (!sizes.isEmpty()) {
                text.append(text.isEmpty() ? "" : " ");
                text.append(fr ? "Tailles : " + Formats.list(sizes, lang) + "." : "Sizes: " + Formats.list(sizes, lang) + ".");
            }
        }
        List<QuickReply> replies = List.of(
                new QuickReply(intentTitle(BuiltInIntents.PRODUCT_STOCK, lang), Payloads.intent(BuiltInIntents.PRODUCT_STOCK, p.sku())),
                new QuickReply(intentTitle(BuiltInIntents.PRODUCT_PRICE, lang), Payloads.intent(BuiltInIntents.PRODUCT_PRICE, p.sku())));
        return withCards(text.toString(), List.of(p), lang, replies);
    }

    private Rendered info(Decision d, String lang) {
        boolean fr = "fr".equals(lang);
        Product p = d.product();
        // "quelle largeur ?", "what material?": answer that attribute when the question names it.
        Map.Entry<String, Object> asked = askedAttribute(p, d.understanding().tokens(), words);
        StringBuilder text = new StringBuilder();
        if (asked != null) {
            text.append(fr ? nameOf(asked.getKey()) + " de " + p.name() + " : " + valueOf(p, asked.getKey(), asked.getValue(), lang) + "."
                    : "The " + p.name() + "'s " + nameOf(asked.getKey()).toLowerCase(java.util.Locale.ROOT) + ": " + valueOf(p, asked.getKey(), asked.getValue(), lang) + ".");
        } else {
            String description = p.description().get(lang);
            if (description == null && !p.description().isEmpty()) {
                description = p.description().values().iterator().next();
            }
            text.append(p.name());
            text.append(description != null ? " — " + description : "");
            if (!p.attributes().isEmpty()) {
                List<String> attrs = new ArrayList<>();
                for (Map.Entry<String, Object> e : p.attributes().entrySet()) {
                    attrs.add(nameOf(e.getKey()) + (fr ? " : " : ": ") + valueOf(p, e.getKey(), e.getValue(), lang));
                }
                text.append("\n").append(String.join(" · ", attrs));
            }
            text.append("\n").append(fr ? "Prix : " : "Price: ").append(priceText(p, lang));
        }
        List<QuickReply> replies = new ArrayList<>();
        replies.add(new QuickReply(intentTitle(BuiltInIntents.PRODUCT_STOCK, lang), Payloads.intent(BuiltInIntents.PRODUCT_STOCK, p.sku())));
        if (p.variants().size() > 1) {
            replies.add(new QuickReply(intentTitle(BuiltInIntents.PRODUCT_VARIANTS, lang), Payloads.intent(BuiltInIntents.PRODUCT_VARIANTS, p.sku())));
        }
        List<Product> shown = new ArrayList<>();
        shown.add(p);
        for (String rel : p.related()) {
            Product r = policy.product(rel);
            if (r != null && shown.size() < MAX_CARDS) {
                shown.add(r);
                replies.add(new QuickReply(r.name(), Payloads.product(r.sku())));
            }
        }
        if (shown.size() > 1) {
            List<BotMessage> messages = new ArrayList<>();
            messages.add(new BotMessage(text.toString(), List.of(), List.of(card(p, lang))));
            messages.add(new BotMessage(fr ? "Souvent choisi avec :" : "Often bought with:", replies,
                    shown.subList(1, shown.size()).stream().map(r -> card(r, lang)).toList()));
            return new Rendered(messages, shown.stream().map(Product::sku).toList());
        }
        return withCards(text.toString(), shown, lang, replies);
    }

    private String priceText(Product p, String lang) {
        if (p.salePrice() != null && p.salePrice().compareTo(p.price()) < 0) {
            return money(p.salePrice(), lang) + ("fr".equals(lang) ? " au lieu de " : " instead of ") + money(p.price(), lang);
        }
        return money(p.price(), lang);
    }

    private static Map.Entry<String, Object> askedAttribute(Product p, List<Token> tokens, CatalogWords words) {
        for (Map.Entry<String, Object> e : p.attributes().entrySet()) {
            String head = words.attributeHead(e.getKey());
            if (head.length() < 4) {
                continue;
            }
            for (Token t : tokens) {
                if (t.text().equals(head) || (t.text().length() > 4 && head.startsWith(t.text()))) {
                    return e;
                }
            }
        }
        return null;
    }

    /** {@link #attributeName}, worked out at site load for the catalog's keys. */
    private String nameOf(String key) {
        String known = attributeNames.get(key);
        return known != null ? known : attributeName(key);
    }

    /** {@link #attributeValue} of product {@code p}'s own attribute, worked out at site load. */
    private String valueOf(Product p, String key, Object value, String lang) {
        Map<String, String[]> known = attributeValues.get(p);
        String[] v = known == null ? null : known.get(key);
        return v != null ? v["fr".equals(lang) ? 0 : 1] : attributeValue(Map.entry(key, value), lang);
    }

    /** "largeur_cm" → "Largeur" (the unit goes with the value). */
    private static String attributeName(String key) {
        String k = key;
        int unit = unitStart(key);
        if (unit > 0) {
            k = key.substring(0, unit);
        }
        return Formats.capitalize(k.replace('_', ' '));
    }

    private static int unitStart(String key) {
        for (String u : new String[]{"_cm", "_mm", "_kg", "_g", "_l", "_m", "_w", "_ans"}) {
            if (key.endsWith(u)) {
                return key.length() - u.length();
            }
        }
        return -1;
    }

    private static String attributeValue(Map.Entry<String, Object> e, String lang) {
        Object v = e.getValue();
        String s;
        if (v instanceof Boolean b) {
            s = "fr".equals(lang) ? (b ? "oui" : "non") : (b ? "yes" : "no");
        } else if (v instanceof BigDecimal n) {
            s = n.toPlainString();
            if ("fr".equals(lang)) {
                s = s.replace('.', ',');
            }
        } else {
            s = String.valueOf(v);
        }
        int unit = unitStart(e.getKey());
        if (unit < 0) {
            return s;
        }
        String u = e.getKey().substring(unit + 1);
        if (u.equals("ans")) {
            u = "fr".equals(lang) ? "ans" : "years";
        }
        return s + " " + u;
    }

    private Rendered recommend(Decision d, String lang) {
        boolean fr = "fr".equals(lang);
        EntityExtractor.Entities e = d.understanding().entities();
        String range = e.first(EntityExtractor.PRICE_RANGE);
        String color = e.first(EntityExtractor.COLOR);
        String category = d.category();
        BigDecimal min = null;
        BigDecimal max = null;
        if (range != null) {
            int dots = range.indexOf("..");
            min = dots > 0 ? new BigDecimal(range.substring(0, dots)) : null;
            max = dots + 2 < range.length() ? new BigDecimal(range.substring(dots + 2)) : null;
        }
        List<Product> pool = category != null ? policy.productsOf(category) : policy.catalog().products();
        List<Product> fit = new ArrayList<>();
        String foldedColor = color == null ? null : words.fold(color);
        for (Product p : pool) {
            BigDecimal price = p.currentPrice();
            if ((min != null && price.compareTo(min) < 0) || (max != null && price.compareTo(max) > 0)) {
                continue;
            }
            if (color != null && p.variants().stream().noneMatch(v -> v.color() != null
                    && words.fold(v.color()).equals(foldedColor))) {
                continue;
            }
            fit.add(p);
        }
        String attribute = narrowByAttribute(fit, d.understanding().tokens(), words);
        // In stock first, then on sale, then the catalog's own order (shops list their best sellers first).
        fit.sort(Comparator.comparing((Product p) -> p.totalStock() > 0 ? 0 : 1)
                .thenComparing(p -> p.salePrice() != null ? 0 : 1));
        StringBuilder criteria = new StringBuilder();
        if (category != null) {
            criteria.append(fr ? " parmi nos " + categoryLabel(category) : " from our " + englishCategory(category, d));
        }
        if (color != null) {
            criteria.append(fr ? " en " + color : " in " + words.color(color, lang));
        }
        if (attribute != null) {
            criteria.append(fr ? " (" + attribute + ")" : " (" + attribute + ")");
        }
        if (max != null) {
            criteria.append(fr ? " à moins de " + money(max, lang) : " under " + money(max, lang));
        }
        if (min != null) {
            criteria.append(fr ? " à partir de " + money(min, lang) : " from " + money(min, lang));
        }
        if (fit.isEmpty()) {
            List<Product> closest = new ArrayList<>(pool.isEmpty() ? policy.catalog().products() : pool);
            BigDecimal target = max != null ? max : min;
            if (target != null) {
                closest.sort(Comparator.comparing(p -> p.currentPrice().subtract(target).abs()));
            }
            String text = fr ? "Je n'ai rien trouvé" + criteria + ", mais voici ce qui s'en rapproche le plus :"
                    : "I couldn't find anything" + criteria + ", but here's the closest:";
            return withCards(text, closest.stream().limit(MAX_CARDS).toList(), lang, List.of(humanReply(fr)));
        }
        String text = fr ? "Voici ce que je vous propose" + criteria + " :" : "Here's what I'd suggest" + criteria + ":";
        List<QuickReply> replies = new ArrayList<>();
        if (category == null) {
            for (String c : categories()) {
                if (replies.size() >= 3) {
                    break;
                }
                replies.add(new QuickReply(Formats.capitalize(categoryLabel(c)), Payloads.intent(BuiltInIntents.PRODUCT_RECOMMENDATION, firstOf(c))));
            }
        }
        return withCards(text, fit.stream().limit(MAX_CARDS).toList(), lang, replies);
    }

    /**
     * How a category reads in a sentence. Categories are slugs ("canapes", "linge-de-lit"): when a product name of the
     * category holds the word with its accents ("Canapé Léman"), that spelling is used ("canapés").
     */
    String categoryLabel(String category) {
        String known = categoryLabels.get(category);
        return known != null ? known : labelOf(category);
    }

    private String labelOf(String category) {
        String folded = TextNormalizer.foldPhrase(category);
        for (Product p : policy.productsOf(category)) {
            for (String word : NAME_WORDS.split(p.name())) {
                String f = TextNormalizer.foldPhrase(word);
                if (f.isEmpty()) {
                    continue;
                }
                if (folded.equals(f + "s") || folded.equals(f + "x")) {
                    return word.toLowerCase(java.util.Locale.ROOT) + folded.charAt(folded.length() - 1);
                }
                if (folded.equals(f)) {
                    return word.toLowerCase(java.util.Locale.ROOT);
                }
            }
        }
        return category.replace('-', ' ');
    }

    /** In English, the visitor's own word for the category ("rugs") reads better than a French slug ("tapis"). */
    private String englishCategory(String category, Decision d) {
        for (org.causette.bot.Parse.Entity e : d.understanding().entities().all()) {
            if (e.type().equals(EntityExtractor.CATEGORY) && e.value().equals(category)) {
                String typed = d.understanding().text().substring(e.start(), e.end()).toLowerCase(java.util.Locale.ROOT);
                return typed.endsWith("s") ? typed : typed + "s";
            }
        }
        return categoryLabel(category);
    }

    /**
     * "un fauteuil en chêne", "a velvet armchair": a word of the question found in some products' attribute values
     * keeps only those products. Returns the word used, or null when none narrowed the list.
     */
    private static String narrowByAttribute(List<Product> fit, List<Token> tokens, CatalogWords words) {
        for (Token t : tokens) {
            String w = t.text();
            if (w.length() < 4) {
                continue;
            }
            String word = " " + w + " ";
            List<Product> with = new ArrayList<>();
            for (Product p : fit) {
                for (Object v : p.attributes().values()) {
                    if (v instanceof String sv && words.paddedFold(sv).contains(word)) {
                        with.add(p);
                        break;
                    }
                }
            }
            if (!with.isEmpty() && with.size() < fit.size()) {
                fit.retainAll(with);
                return t.text();
            }
        }
        return null;
    }

    private List<String> categories() {
        return categories;
    }

    private String firstOf(String category) {
        return policy.productsOf(category).get(0).sku();
    }

    private Rendered compare(Product a, Product b, String lang) {
        boolean fr = "fr".equals(lang);
        StringBuilder text = new StringBuilder();
        text.append(fr ? a.name() + " ou " + b.name() + " ? Voici l'essentiel :" : a.name() + " or " + b.name() + "? Here's the gist:");
        text.append("\n• ").append(fr ? "Prix : " : "Price: ").append(priceText(a, lang)).append(" / ").append(priceText(b, lang));
        List<String> keys = new ArrayList<>(a.attributes().keySet());
        for (String k : b.attributes().keySet()) {
            if (!keys.contains(k)) {
                keys.add(k);
            }
        }
        for (String k : keys) {
            Object va = a.attributes().get(k);
            Object vb = b.attributes().get(k);
            String sa = va == null ? "—" : valueOf(a, k, va, lang);
            String sb = vb == null ? "—" : valueOf(b, k, vb, lang);
            text.append("\n• ").append(nameOf(k)).append(fr ? " : " : ": ").append(sa).append(" / ").append(sb);
        }
        text.append("\n• ").append(fr ? "Stock : " : "Stock: ").append(stockSummary(a, lang)).append(" / ").append(stockSummary(b, lang));
        int cmp = a.currentPrice().compareTo(b.currentPrice());
        if (cmp != 0) {
            Product cheaper = cmp < 0 ? a : b;
            text.append("\n").append(fr ? cheaper.name() + " est le plus abordable des deux."
                    : "The " + cheaper.name() + " is the more affordable of the two.");
        }
        List<QuickReply> replies = List.of(humanReply(fr));
        return withCards(text.toString(), List.of(a, b), lang, replies);
    }

    private String stockSummary(Product p, String lang) {
        boolean fr = "fr".equals(lang);
        int total = p.totalStock();
        if (p.variants().isEmpty()) {
            return "—";
        }
        return total > 0 ? total + (fr ? " en stock" : " in stock") : (fr ? "en rupture" : "out of stock");
    }

    private Rendered withCards(String text, List<Product> products, String lang, List<QuickReply> replies) {
        List<Card> cards = products.stream().map(p -> card(p, lang)).toList();
        return new Rendered(List.of(new BotMessage(text, replies, cards)), products.stream().map(Product::sku).toList());
    }

    Card card(Product p, String lang) {
        Card[] known = cards.get(p);
        if (known != null && ("fr".equals(lang) || "en".equals(lang))) {
            return known["fr".equals(lang) ? 0 : 1];
        }
        return buildCard(p, lang);
    }

    private Card buildCard(Product p, String lang) {
        boolean fr = "fr".equals(lang);
        List<CardButton> buttons = new ArrayList<>(2);
        if (p.url() != null) {
            buttons.add(CardButton.link(fr ? "Voir le produit" : "View product", p.url()));
        }
        buttons.add(CardButton.postback(fr ? "Disponibilité" : "Availability", Payloads.intent(BuiltInIntents.PRODUCT_STOCK, p.sku())));
        String subtitle = p.description().get(lang);
        if (subtitle == null && !p.description().isEmpty()) {
            subtitle = p.description().values().iterator().next();
        }
        if (subtitle != null && subtitle.length() > 80) {
            int cut = subtitle.lastIndexOf(' ', 77);
            subtitle = subtitle.substring(0, cut > 40 ? cut : 77) + "…";
        }
        if (subtitle == null) {
            subtitle = p.category();
        }
        String regularPrice = p.salePrice() != null ? money(p.price(), lang) : null;
        return new Card(p.sku(), p.name(), subtitle, money(p.currentPrice(), lang), regularPrice, p.imageUrl(), p.url(), buttons);
    }
}
