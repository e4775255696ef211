package org.causette.bot.dialogue;

import org.causette.bot.DialogueContext;
import org.causette.bot.nlu.SizeRanges;
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
import org.causette.bot.nlu.Glossary;
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
    /** Products named in the text of a list answer (cards show the first {@link #MAX_CARDS}). */
    private static final int MAX_LISTED = 6;
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
    private final List<String> categories;
    private final ProductNames names;
    private final CategoryLabels categoryLabels;
    private final CatalogAttributes attributes;
    /** Each product's card in French and in English (cards are immutable), by identity of the catalog's records. */
    private final Map<Product, Card[]> cards = new java.util.IdentityHashMap<>();
    /** Each variant's label {any language but English, English}: only the colour's name depends on the language. */
    private final Map<Variant, String[]> variantLabels = new java.util.IdentityHashMap<>();
    /** Product → attribute key → value {French, other languages}. */
    private final Map<Product, Map<String, String[]>> attributeValues = new java.util.IdentityHashMap<>();

    Replies(SiteKnowledge site, DialoguePolicy policy) {
        this.site = site;
        this.policy = policy;
        this.words = new CatalogWords(site);
        this.names = new ProductNames(site);
        this.categoryLabels = new CategoryLabels(site, names);
        this.attributes = policy.attributes();
        List<String> cs = new ArrayList<>();
        for (Product p : policy.catalog().products()) {
            if (p.category() != null && !cs.contains(p.category())) {
                cs.add(p.category());
            }
        }
        this.categories = List.copyOf(cs);
        for (Product p : policy.catalog().products()) {
            cards.put(p, new Card[]{buildCard(p, "fr"), buildCard(p, "en")});
            for (Variant v : p.variants()) {
                variantLabels.put(v, new String[]{labelOf(v, "fr"), labelOf(v, "en")});
            }
            Map<String, String[]> values = new java.util.HashMap<>();
            for (Map.Entry<String, Object> e : p.attributes().entrySet()) {
                values.put(e.getKey(), new String[]{attributeValue(e, "fr"), attributeValue(e, "en")});
            }
            attributeValues.put(p, values);
        }
    }

    /**
     * The messages of one turn; the products it was about (never the "often bought with" cards), main one first; and
     * the list it showed, in order, when it showed one (for "the first one", "the cheaper one" next time).
     */
    record Rendered(List<BotMessage> messages, List<String> shownSkus, List<String> listSkus) {
        Rendered(List<BotMessage> messages, List<String> shownSkus) {
            this(messages, shownSkus, List.of());
        }
    }

    Rendered render(Decision d, String lang) {
        boolean fr = "fr".equals(lang);
        Rendered r = switch (d.kind()) {
            case HANDOVER -> one(handoverText(d, fr));
            case ALREADY_WAITING -> one(fr
                    ? "Un conseiller va vous rejoindre dans un instant, vous êtes dans la file d'attente. En attendant, je peux répondre à vos questions sur nos produits, la livraison ou les retours."
                    : "A member of our team will join you shortly: you're in the queue. Meanwhile, I can answer your questions about our products, delivery or returns.");
            case NOT_UNDERSTOOD -> notUnderstood(d, lang);
            case WHICH_INTENT -> whichIntent(d, lang);
            case WHICH_PRODUCT -> whichProduct(d, lang);
            case ANSWER -> answer(d, lang);
        };
        if (d.details().waiting() && d.kind() != Decision.Kind.ALREADY_WAITING && !r.messages().isEmpty()) {
            // The shopper waits for a person: every answer says one is on the way, so nobody thinks they were forgotten.
            List<BotMessage> ms = new ArrayList<>(r.messages());
            BotMessage lastMessage = ms.get(ms.size() - 1);
            ms.set(ms.size() - 1, new BotMessage(lastMessage.text() + (fr
                    ? "\n(Un conseiller vous rejoint dès que possible ; d'ici là, je reste à votre disposition.)"
                    : "\n(A member of our team will join you as soon as possible; until then, I'm here to help.)"),
                    lastMessage.quickReplies().stream().filter(q -> !Payloads.intent(BuiltInIntents.HUMAN_REQUEST).equals(q.payload())).toList(),
                    lastMessage.cards()));
            r = new Rendered(ms, r.shownSkus(), r.listSkus());
        }
        return r;
    }

    /** The product's name in this language, on its own (cards, quick replies, lists). */
    String name(Product p, String lang) {
        return names.name(p, lang);
    }

    /** The product as the subject of a sentence: « Le fauteuil Oslo », "The Oslo armchair". */
    private String subject(Product p, String lang) {
        return "fr".equals(lang) ? Formats.capitalize(names.french(p).subject()) : "The " + name(p, lang);
    }

    /** The product inside a sentence: « le fauteuil Oslo », "the Oslo armchair". */
    private String inside(Product p, String lang) {
        return "fr".equals(lang) ? names.french(p).subject() : "the " + name(p, lang);
    }

    /** « du fauteuil Oslo », "of the Oslo armchair". */
    private String of(Product p, String lang) {
        return "fr".equals(lang) ? names.french(p).of() : "of the " + name(p, lang);
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
                    ? (fr ? "Très bonne question ! Le mieux est d'en parler avec l'un de nos ambassadeurs, qui connaît " + inside(p, "fr")
                            + " à l'usage. Je vous mets en relation."
                          : "Great question! The best person to answer is one of our ambassadors, who knows " + inside(p, "en")
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
        List<Product> candidates = new ArrayList<>(d.details().pool());
        for (Product p : policy.productsOf(d.category())) {
            if (!candidates.contains(p)) {
                candidates.add(p);
            }
        }
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
            replies.add(new QuickReply(name(p, lang), Payloads.intent(d.intent(), p.sku())));
        }
        String text;
        if (BuiltInIntents.PRODUCT_COMPARE.equals(d.intent())) {
            Product first = d.product();
            text = first != null
                    ? (fr ? "Avec quel produit voulez-vous comparer " + inside(first, lang) + " ?" : "What would you like to compare " + inside(first, lang) + " with?")
                    : (fr ? "Quels produits voulez-vous comparer ? Donnez-moi leurs noms, par exemple « " + example(0, lang) + " ou " + example(1, lang) + " »."
                          : "Which products would you like to compare? Just name them, for example \"" + example(0, lang) + " or " + example(1, lang) + "\".");
        } else {
            text = fr ? "Avec plaisir ! De quel produit parlez-vous ?" : "Happy to help! Which product do you mean?";
        }
        return new Rendered(List.of(new BotMessage(text, replies, List.of())), List.of());
    }

    private String example(int i, String lang) {
        List<Product> ps = policy.catalog().products();
        return ps.size() > i ? name(ps.get(i), lang) : "A";
    }

    // ---- answers ----------------------------------------------------------------------------------------------

    private Rendered answer(Decision d, String lang) {
        boolean fr = "fr".equals(lang);
        String intent = d.intent();
        FaqIntent f = policy.faq(intent);
        if (BuiltInIntents.PROMOTIONS.equals(intent) && d.details().saleList()) {
            // "what's on sale?": the products on sale, not the shop's promotion text; "any tents on sale?": those tents.
            return promotions(lang, d.understanding().entities().first(EntityExtractor.CATEGORY));
        }
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
            case BuiltInIntents.PRODUCT_PRICE -> price(d, lang);
            case BuiltInIntents.PRODUCT_STOCK -> stock(d, lang);
            case BuiltInIntents.PRODUCT_VARIANTS -> variants(d.product(), lang);
            case BuiltInIntents.PRODUCT_INFO -> info(d, lang);
            case BuiltInIntents.PRODUCT_RECOMMENDATION -> recommend(d, lang);
            case BuiltInIntents.PRODUCT_COMPARE -> compare(d.products().get(0), d.products().get(1), lang);
            case BuiltInIntents.PROMOTIONS -> promotions(lang, null);
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

    private Rendered promotions(String lang, String category) {
        boolean fr = "fr".equals(lang);
        List<Product> all = policy.catalog().products().stream().filter(p -> p.salePrice() != null)
                .sorted(Comparator.comparing(Replies::discountShare).reversed()).toList();
        if (all.isEmpty()) {
            return noAnswer(lang);
        }
        List<Product> onSale = category == null ? all : all.stream().filter(p -> category.equals(p.category())).toList();
        String none = "";
        if (onSale.isEmpty()) {
            String what = categoryLabels.label(category, lang);
            none = fr ? "Aucun article parmi nos " + what + " n'est en promotion en ce moment. " : "None of our " + what + " are on sale right now. ";
            onSale = all;
        }
        List<String> items = new ArrayList<>();
        for (Product p : onSale.subList(0, Math.min(MAX_LISTED, onSale.size()))) {
            items.add(name(p, lang) + " (" + money(p.salePrice(), lang) + (fr ? " au lieu de " : " instead of ") + money(p.price(), lang) + ")");
        }
        String text = none + (fr ? "En promotion en ce moment : " : "On sale right now: ") + Formats.list(items, lang) + ".";
        List<Product> shown = onSale.stream().limit(MAX_CARDS).toList();
        return new Rendered(List.of(new BotMessage(text, List.of(), shown.stream().map(p -> card(p, lang)).toList())),
                List.of(), onSale.stream().limit(MAX_LISTED).map(Product::sku).toList());
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

    private Rendered price(Decision d, String lang) {
        boolean fr = "fr".equals(lang);
        Product p = d.product();
        String text;
        if (p.salePrice() != null && p.salePrice().compareTo(p.price()) < 0) {
            int pct = p.price().subtract(p.salePrice()).multiply(BigDecimal.valueOf(100))
                    .divide(p.price(), 0, RoundingMode.HALF_UP).intValue();
            text = fr ? subject(p, lang) + " " + names.french(p).is() + " en promotion à " + money(p.salePrice(), lang) + " au lieu de "
                    + money(p.price(), lang) + " (-" + pct + " %)."
                    : "Good news: " + inside(p, lang) + " is on sale at " + money(p.salePrice(), lang) + " instead of "
                    + money(p.price(), lang) + " (" + pct + "% off).";
        } else {
            text = fr ? subject(p, lang) + " " + names.french(p).is() + " à " + money(p.price(), lang) + "."
                    : subject(p, lang) + " is " + money(p.price(), lang) + ".";
        }
        // « combien coûte le canapé Léman en gris » : the price, and the truth about that colour.
        List<Variant> wanted = matchingVariants(p, d);
        if (!wanted.isEmpty() && wanted.size() < p.variants().size()) {
            text += " " + variantTruth(p, wanted, lang);
        } else if (wanted.isEmpty() && asksVariant(d)) {
            text += " " + noSuchVariant(p, d, lang);
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

    private static boolean asksVariant(Decision d) {
        return d.details().filters().color() != null || d.details().filters().size() != null;
    }

    /** "Le fauteuil Oslo en bleu est en rupture…, de retour le…" for the first matching variant. */
    private String variantTruth(Product p, List<Variant> wanted, String lang) {
        boolean fr = "fr".equals(lang);
        Variant v = wanted.stream().filter(x -> x.stock() > 0).findFirst().orElse(wanted.get(0));
        String label = variantLabel(v, lang).toLowerCase(java.util.Locale.ROOT);
        StringBuilder text = new StringBuilder();
        ProductNames.French f = names.french(p);
        if (v.stock() > 0) {
            text.append(fr ? "Oui, " + f.subject() + " en " + label + " " + f.is() + " " + f.agree("disponible", "disponible") + " (" + v.stock() + " en stock)"
                    : "Yes, " + inside(p, lang) + " in " + label + " is available (" + v.stock() + " in stock)");
            text.append(v.stock() <= LOW_STOCK ? (fr ? ", mais il en reste peu." : ", but only a few are left.") : ".");
            return text.toString();
        }
        text.append(fr ? Formats.capitalize(f.subject()) + " en " + label + " " + f.is() + " en rupture de stock pour le moment"
                : subject(p, lang) + " in " + label + " is out of stock at the moment");
        if (v.restockDate() != null) {
            text.append(fr ? ", de retour le " + words.date(v.restockDate(), lang) : "; it's due back on " + words.date(v.restockDate(), lang));
        } else {
            text.append(fr ? ", sans date de retour prévue" : ", with no restock date yet");
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
        return text.toString();
    }

    /** A colour or size the product is not made in: say so, and what it is made in. */
    private String noSuchVariant(Product p, Decision d, String lang) {
        boolean fr = "fr".equals(lang);
        String color = d.understanding().entities().first(EntityExtractor.COLOR);
        String size = d.understanding().entities().first(EntityExtractor.SIZE);
        String asked = color != null ? words.color(color, lang) : size;
        List<String> all = new ArrayList<>();
        for (Variant v : p.variants()) {
            String l = variantLabel(v, lang).toLowerCase(java.util.Locale.ROOT) + (v.stock() > 0 ? "" : fr ? " (en rupture)" : " (out of stock)");
            if (!all.contains(l)) {
                all.add(l);
            }
        }
        String base = fr ? "Je suis désolé, " + inside(p, lang) + (names.french(p).plural() ? " n'existent" : " n'existe") + " pas en " + asked + "."
                : "Sorry, " + inside(p, lang) + " doesn't come in " + asked + ".";
        String exists = names.french(p).plural() ? (names.french(p).feminine() ? " Elles existent en " : " Ils existent en ")
                : names.french(p).feminine() ? " Elle existe en " : " Il existe en ";
        return all.isEmpty() ? base : base + (fr ? exists : " It comes in ") + Formats.list(all, lang) + ".";
    }

    private Rendered stock(Decision d, String lang) {
        boolean fr = "fr".equals(lang);
        Product p = d.product();
        List<Variant> wanted = matchingVariants(p, d);
        if (p.variants().isEmpty()) {
            return withCards(fr ? "Je n'ai pas le détail du stock " + of(p, lang) + " : un conseiller peut vérifier pour vous."
                    : "I don't have stock details for " + inside(p, lang) + ": a member of our team can check for you.",
                    List.of(p), lang, List.of(humanReply(fr)));
        }
        StringBuilder text = new StringBuilder();
        List<QuickReply> replies = new ArrayList<>();
        if (!wanted.isEmpty() && (wanted.size() < p.variants().size() || p.variants().size() == 1)) {
            text.append(variantTruth(p, wanted, lang));
        } else if (wanted.isEmpty() && asksVariant(d)) {
            text.append(noSuchVariant(p, d, lang));
        } else {
            text.append(fr ? "Disponibilité " + of(p, lang) + " : " : "Availability of " + inside(p, lang) + ": ");
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
        // The decision's filters: this turn's colour and size, with one carried from the turn before when it holds.
        String color = d.details().filters().color();
        String size = d.details().filters().size();
        if (color == null && size == null) {
            return List.of();
        }
        List<Variant> out = new ArrayList<>();
        for (Variant v : p.variants()) {
            if (variantFits(v, color, size)) {
                out.add(v);
            }
        }
        return out;
    }

    /** A colour matches by its concept ("bleue" finds "bleu", "gris clair" is a grey); a size exactly or in a range. */
    private boolean variantFits(Variant v, String color, String size) {
        boolean colorOk = color == null || v.color() != null && (words.fold(v.color()).equals(words.fold(color))
                || EntityExtractor.sameColor(v.color(), color));
        boolean sizeOk = size == null || SizeRanges.matches(v.size(), size);
        return colorOk && sizeOk;
    }

    private Rendered variants(Product p, String lang) {
        boolean fr = "fr".equals(lang);
        List<String> colors = new ArrayList<>();
        List<String> sizes = new ArrayList<>();
        for (Variant v : p.variants()) {
            String shown = words.color(v.color(), lang);
            if (shown != null && !colors.contains(shown)) {
                colors.add(shown + (fr ? "" : ""));
            }
            if (v.size() != null && !sizes.contains(v.size())) {
                sizes.add(v.size());
            }
        }
        List<String> out = new ArrayList<>();
        for (Variant v : p.variants()) {
            if (v.stock() == 0 && v.color() != null) {
                String c = words.color(v.color(), lang);
                out.add(v.restockDate() != null
                        ? c + (fr ? " (de retour le " + words.date(v.restockDate(), lang) + ")" : " (back on " + words.date(v.restockDate(), lang) + ")")
                        : c);
            }
        }
        StringBuilder text = new StringBuilder();
        if (colors.isEmpty() && sizes.isEmpty()) {
            text.append(fr ? subject(p, lang) + (names.french(p).plural() ? " n'existent" : " n'existe") + " qu'en une seule version." : subject(p, lang) + " comes in a single version.");
        } else {
            if (!colors.isEmpty()) {
                text.append(fr ? subject(p, lang) + (names.french(p).plural() ? " existent en " : " existe en ") + colors.size() + " coloris : " + Formats.list(colors, lang) + "."
                        : subject(p, lang) + " comes in " + Formats.list(colors, lang) + ".");
                if (!out.isEmpty() && out.size() < p.variants().size()) {
                    text.append(fr ? " En rupture pour le moment : " + Formats.list(out, lang) + "."
                            : " Out of stock for now: " + Formats.list(out, lang) + ".");
                }
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
        List<CatalogAttributes.Ask> asks = d.details().asks();
        if (!asks.isEmpty()) {
            return attributeAnswer(p, asks, lang);
        }
        if (d.details().feature()) {
            return dontKnow(p, fr ? "cette information" : "that information", lang);
        }
        StringBuilder text = new StringBuilder();
        String description = p.description().get(lang);
        if (description == null && !p.description().isEmpty()) {
            description = p.description().values().iterator().next();
        }
        text.append(name(p, lang));
        text.append(description != null ? " — " + description : "");
        if (!p.attributes().isEmpty()) {
            List<String> attrs = new ArrayList<>();
            for (Map.Entry<String, Object> e : p.attributes().entrySet()) {
                attrs.add(attributes.label(e.getKey(), lang) + (fr ? " : " : ": ") + valueOf(p, e.getKey(), e.getValue(), lang));
            }
            text.append("\n").append(String.join(" · ", attrs));
        }
        text.append("\n").append(fr ? "Prix : " : "Price: ").append(priceText(p, lang));
        List<QuickReply> replies = new ArrayList<>();
        replies.add(new QuickReply(intentTitle(BuiltInIntents.PRODUCT_STOCK, lang), Payloads.intent(BuiltInIntents.PRODUCT_STOCK, p.sku())));
        if (p.variants().size() > 1) {
            replies.add(new QuickReply(intentTitle(BuiltInIntents.PRODUCT_VARIANTS, lang), Payloads.intent(BuiltInIntents.PRODUCT_VARIANTS, p.sku())));
        }
        List<Product> related = new ArrayList<>();
        for (String rel : p.related()) {
            Product r = policy.product(rel);
            if (r != null && related.size() + 1 < MAX_CARDS) {
                related.add(r);
                replies.add(new QuickReply(name(r, lang), Payloads.product(r.sku())));
            }
        }
        if (!related.isEmpty()) {
            List<BotMessage> messages = new ArrayList<>();
            messages.add(new BotMessage(text.toString(), List.of(), List.of(card(p, lang))));
            messages.add(new BotMessage(fr ? "Souvent choisi avec :" : "Often bought with:", replies,
                    related.stream().map(r -> card(r, lang)).toList()));
            // The related cards are suggestions, not the subject: "it" stays this product.
            return new Rendered(messages, List.of(p.sku()));
        }
        return withCards(text.toString(), List.of(p), lang, replies);
    }

    /** « Largeur du fauteuil Luna : 84 cm. »; what the catalog does not say is said plainly, with a person to ask. */
    private Rendered attributeAnswer(Product p, List<CatalogAttributes.Ask> asks, String lang) {
        boolean fr = "fr".equals(lang);
        List<String> known = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (CatalogAttributes.Ask ask : asks) {
            String key = attributes.keyOf(p, ask);
            if (key == null && ask.concept() != null && ask.concept().id().equals("dimensions")
                    && !attributes.measureKeys(p).isEmpty()) {
                // "what are the dimensions?" of a product whose catalog gives width, depth and height apart.
                List<String> parts = new ArrayList<>();
                for (String k : attributes.measureKeys(p)) {
                    parts.add(attributes.label(k, lang).toLowerCase(java.util.Locale.ROOT) + " " + valueOf(p, k, p.attributes().get(k), lang));
                }
                known.add(ask.concept().label(lang) + " " + of(p, lang) + (fr ? " : " : ": ") + String.join(", ", parts) + ".");
                continue;
            }
            if (key != null) {
                String line = attributes.label(key, lang) + " " + of(p, lang) + (fr ? " : " : ": ")
                        + valueOf(p, key, p.attributes().get(key), lang) + ".";
                if (!known.contains(line)) {
                    known.add(line);
                }
            } else {
                String label = attributes.label(ask, lang).toLowerCase(java.util.Locale.ROOT);
                if (!missing.contains(label)) {
                    missing.add(label);
                }
            }
        }
        if (known.isEmpty()) {
            return dontKnow(p, fr ? "l'information (" + Formats.list(missing, lang) + ")" : "that information (" + Formats.list(missing, lang) + ")", lang);
        }
        String text = Formats.capitalize(String.join(" ", known));
        List<QuickReply> replies = new ArrayList<>();
        if (!missing.isEmpty()) {
            text += fr ? " Je n'ai pas l'information pour : " + Formats.list(missing, lang) + "." : " I don't have the " + Formats.list(missing, lang) + ".";
            replies.add(humanReply(fr));
        }
        replies.add(new QuickReply(intentTitle(BuiltInIntents.PRODUCT_STOCK, lang), Payloads.intent(BuiltInIntents.PRODUCT_STOCK, p.sku())));
        return withCards(text, List.of(p), lang, replies);
    }

    /** "I don't have that information" and the offer of a person: never another fact in its place. */
    private Rendered dontKnow(Product p, String what, String lang) {
        boolean fr = "fr".equals(lang);
        String text = fr ? "Je n'ai pas " + what + " pour " + inside(p, lang) + ". Voulez-vous que je demande à un conseiller ?"
                : "I don't have " + what + " for " + inside(p, lang) + ". Would you like me to ask a member of our team?";
        QuickReply yes = new QuickReply(fr ? "Oui, un conseiller" : "Yes, please", Payloads.intent(BuiltInIntents.HUMAN_REQUEST));
        return new Rendered(List.of(new BotMessage(text, List.of(yes), List.of())), List.of(p.sku()));
    }

    private String priceText(Product p, String lang) {
        if (p.salePrice() != null && p.salePrice().compareTo(p.price()) < 0) {
            return money(p.salePrice(), lang) + ("fr".equals(lang) ? " au lieu de " : " instead of ") + money(p.price(), lang);
        }
        return money(p.price(), lang);
    }

    /** {@link #attributeValue} of product {@code p}'s own attribute, worked out at site load. */
    private String valueOf(Product p, String key, Object value, String lang) {
        Map<String, String[]> known = attributeValues.get(p);
        String[] v = known == null ? null : known.get(key);
        return v != null ? v["fr".equals(lang) ? 0 : 1] : attributeValue(Map.entry(key, value), lang);
    }

    /** Unit suffixes of attribute keys ("poids_kg", "autonomie_km"), longest first where one ends another. */
    private static final String[] UNITS = {"_cm", "_mm", "_kg", "_km", "_kw", "_wh", "_mah", "_ml", "_cl", "_bar", "_lumens",
            "_lm", "_pouces", "_inches", "_min", "_jours", "_days", "_mois", "_months", "_g", "_l", "_m", "_w", "_v", "_ans",
            "_years", "_places", "_personnes", "_enfants", "_adultes", "_couchages", "_h", "_c"};
    /** How a unit reads: {French, English}. */
    private static final Map<String, String[]> UNIT_WORDS = Map.ofEntries(Map.entry("ans", new String[]{"ans", "years"}),
            Map.entry("years", new String[]{"ans", "years"}), Map.entry("c", new String[]{"°C", "°C"}),
            Map.entry("places", new String[]{"places", "seats"}), Map.entry("personnes", new String[]{"personnes", "people"}),
            Map.entry("enfants", new String[]{"enfants", "children"}), Map.entry("adultes", new String[]{"adultes", "adults"}),
            Map.entry("couchages", new String[]{"couchages", "sleeping places"}),
            Map.entry("pouces", new String[]{"pouces", "inches"}), Map.entry("inches", new String[]{"pouces", "inches"}),
            Map.entry("jours", new String[]{"jours", "days"}), Map.entry("days", new String[]{"jours", "days"}),
            Map.entry("mois", new String[]{"mois", "months"}), Map.entry("months", new String[]{"mois", "months"}),
            Map.entry("wh", new String[]{"Wh", "Wh"}), Map.entry("kw", new String[]{"kW", "kW"}), Map.entry("w", new String[]{"W", "W"}),
            Map.entry("v", new String[]{"V", "V"}), Map.entry("mah", new String[]{"mAh", "mAh"}));
    /** Factors to one scale per kind of unit, so that "the lightest" compares 1150 g with 2.6 kg rightly. */
    private static final Map<String, Double> UNIT_SCALE = Map.of("g", 0.001, "kg", 1.0, "mm", 0.1, "cm", 1.0, "m", 100.0,
            "ml", 0.001, "cl", 0.01, "l", 1.0, "min", 1.0 / 60, "h", 1.0);

    static int unitStart(String key) {
        for (String u : UNITS) {
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
            // « réglable » in an English answer reads "adjustable"; a value the glossary cannot fully say stays as written.
            String translated = Glossary.get().translate(s, lang);
            if (translated != null) {
                s = translated;
            }
        }
        int unit = unitStart(e.getKey());
        if (unit < 0) {
            AttributeLexicon.Concept c = AttributeLexicon.ofKey(e.getKey());
            if (c != null && c.id().equals("capacity") && v instanceof BigDecimal) {
                return s + ("fr".equals(lang) ? " places" : " seats");
            }
            return s;
        }
        String u = e.getKey().substring(unit + 1);
        String[] reads = UNIT_WORDS.get(u);
        if (reads != null) {
            u = reads["fr".equals(lang) ? 0 : 1];
        }
        return s + " " + u;
    }

    /** The product's numeric value of a concept (for "the lightest"), or null. */
    private Double measure(Product p, AttributeLexicon.Concept concept) {
        String key = attributes.keyOf(p, concept);
        if (key == null) {
            return null;
        }
        Object v = p.attributes().get(key);
        int unit = unitStart(key);
        double scale = unit < 0 ? 1.0 : UNIT_SCALE.getOrDefault(key.substring(unit + 1), 1.0);
        if (v instanceof BigDecimal n) {
            return n.doubleValue() * scale;
        }
        double[] r = v instanceof String sv ? SizeRanges.parse(sv.split("[x×]")[0]) : null;
        return r == null ? null : r[0] * scale;
    }

    private Rendered recommend(Decision d, String lang) {
        boolean fr = "fr".equals(lang);
        DialogueContext.Filters f = d.details().filters();
        String range = f.priceRange();
        String color = f.color();
        String size = f.size();
        String capacity = f.capacity();
        String category = f.category() != null ? f.category() : d.category();
        Ranking ranking = d.details().ranking();
        BigDecimal min = null;
        BigDecimal max = null;
        if (range != null) {
            int dots = range.indexOf("..");
            min = dots > 0 ? new BigDecimal(range.substring(0, dots)) : null;
            max = dots + 2 < range.length() ? new BigDecimal(range.substring(dots + 2)) : null;
        }
        List<Product> pool = !d.details().pool().isEmpty() ? d.details().pool()
                : category != null ? policy.productsOf(category) : policy.catalog().products();
        List<Product> fit = new ArrayList<>();
        List<Product> outOfStockInColor = new ArrayList<>();
        for (Product p : pool) {
            BigDecimal price = p.currentPrice();
            if ((min != null && price.compareTo(min) < 0) || (max != null && price.compareTo(max) > 0)) {
                continue;
            }
            if (capacity != null && !hasCapacity(p, capacity)) {
                continue;
            }
            if (color != null || size != null) {
                // Only what can be bought in that colour or size today; the rest is said apart, with its restock date.
                boolean made = false;
                boolean available = false;
                for (Variant v : p.variants()) {
                    if (variantFits(v, color, size)) {
                        made = true;
                        available |= v.stock() > 0;
                    }
                }
                if (!made) {
                    continue;
                }
                if (!available) {
                    outOfStockInColor.add(p);
                    continue;
                }
            }
            fit.add(p);
        }
        String attribute = ranking == null ? narrowByAttribute(fit, d.understanding().tokens(), words) : null;
        // In stock first, then on sale, then the catalog's own order (shops list their best sellers first).
        fit.sort(Comparator.comparing((Product p) -> p.totalStock() > 0 ? 0 : 1)
                .thenComparing(p -> p.salePrice() != null ? 0 : 1));
        StringBuilder criteria = new StringBuilder();
        if (category != null) {
            criteria.append(fr ? " parmi nos " + categoryLabels.label(category, lang) : " from our " + categoryLabels.label(category, lang));
        }
        if (capacity != null) {
            criteria.append(fr ? " de " + capacity + " places" : " with " + capacity + " seats");
        }
        if (color != null) {
            criteria.append(fr ? " en " + color : " in " + words.color(color, lang));
        }
        if (size != null) {
            criteria.append(fr ? " en taille " + size : " in size " + size);
        }
        if (attribute != null) {
            criteria.append(" (").append(attribute).append(")");
        }
        if (max != null) {
            criteria.append(fr ? " à moins de " + money(max, lang) : " under " + money(max, lang));
        }
        if (min != null) {
            criteria.append(fr ? " à partir de " + money(min, lang) : " from " + money(min, lang));
        }
        if (ranking != null && !fit.isEmpty()) {
            return ranked(fit, ranking, category, criteria.toString(), lang);
        }
        if (fit.isEmpty()) {
            StringBuilder text = new StringBuilder(fr ? "Je n'ai rien de disponible" + criteria + " pour le moment."
                    : "I have nothing available" + criteria + " right now.");
            for (Product p : outOfStockInColor) {
                LocalDateHolder back = restockOf(p, color, size);
                text.append(" ").append(fr ? subject(p, lang) + " " + (color != null ? "en " + color : "en " + size) + " " + names.french(p).is() + " en rupture"
                        : subject(p, lang) + " in " + (color != null ? words.color(color, lang) : size) + " is out of stock");
                if (back.date != null) {
                    text.append(fr ? ", de retour le " + words.date(back.date, lang) : ", back on " + words.date(back.date, lang));
                }
                text.append('.');
            }
            List<Product> closest = new ArrayList<>(outOfStockInColor.isEmpty() ? pool.isEmpty() ? policy.catalog().products() : pool : outOfStockInColor);
            BigDecimal target = max != null ? max : min;
            if (target != null) {
                closest.sort(Comparator.comparing(p -> p.currentPrice().subtract(target).abs()));
            }
            text.append(fr ? " Voici ce qui s'en rapproche le plus :" : " Here's the closest:");
            List<Product> shown = closest.stream().limit(MAX_CARDS).toList();
            return new Rendered(List.of(new BotMessage(text.toString(), List.of(humanReply(fr)), shown.stream().map(p -> card(p, lang)).toList())),
                    List.of(), shown.stream().map(Product::sku).toList());
        }
        List<Product> shown = fit.stream().limit(MAX_CARDS).toList();
        List<String> items = new ArrayList<>();
        for (Product p : fit.subList(0, Math.min(MAX_LISTED, fit.size()))) {
            items.add(name(p, lang) + " (" + money(p.currentPrice(), lang) + ")");
        }
        String text = (fr ? "Voici ce que je vous propose" + criteria + " : " : "Here's what I'd suggest" + criteria + ": ")
                + Formats.list(items, lang) + ".";
        List<QuickReply> replies = new ArrayList<>();
        if (category == null && f.noneSet()) {
            for (String c : categories()) {
                if (replies.size() >= 3) {
                    break;
                }
                replies.add(new QuickReply(Formats.capitalize(categoryLabels.label(c, lang)), Payloads.intent(BuiltInIntents.PRODUCT_RECOMMENDATION, firstOf(c))));
            }
        }
        return new Rendered(List.of(new BotMessage(text, replies, shown.stream().map(p -> card(p, lang)).toList())),
                List.of(), fit.stream().limit(MAX_LISTED).map(Product::sku).toList());
    }

    private record LocalDateHolder(java.time.LocalDate date) {
    }

    private LocalDateHolder restockOf(Product p, String color, String size) {
        java.time.LocalDate best = null;
        for (Variant v : p.variants()) {
            if (variantFits(v, color, size) && v.restockDate() != null && (best == null || v.restockDate().isBefore(best))) {
                best = v.restockDate();
            }
        }
        return new LocalDateHolder(best);
    }

    private boolean hasCapacity(Product p, String capacity) {
        AttributeLexicon.Concept c = AttributeLexicon.byId("capacity");
        Double v = measure(p, c);
        if (v != null) {
            return Math.abs(v - Double.parseDouble(capacity)) < 0.01;
        }
        // "Tente Bivouac 2 places": the name says it when no attribute does.
        String folded = " " + TextNormalizer.foldPhrase(p.name()) + " ";
        return folded.contains(" " + capacity + " places ") || folded.contains(" " + capacity + " personnes ")
                || folded.contains(" " + capacity + " seater ");
    }

    /** « Le canapé le moins cher est le canapé Cassis 2 places, à 849,00 €. » */
    private Rendered ranked(List<Product> fit, Ranking ranking, String category, String criteria, String lang) {
        boolean fr = "fr".equals(lang);
        List<Product> sorted = new ArrayList<>(fit);
        AttributeLexicon.Concept concept = ranking.concept();
        if (concept != null) {
            final AttributeLexicon.Concept[] by = {concept};
            // "the biggest" of products without a number of places is the widest, then the longest.
            for (String fallback : new String[]{concept.id(), "width", "length", "height", "volume"}) {
                AttributeLexicon.Concept c = AttributeLexicon.byId(fallback);
                boolean sizeLike = concept.id().equals("capacity") || fallback.equals(concept.id());
                if (sizeLike && fit.stream().filter(p -> measure(p, c) != null).count() >= Math.min(2, fit.size())) {
                    by[0] = c;
                    break;
                }
            }
            List<Product> measured = new ArrayList<>(sorted.stream().filter(p -> measure(p, by[0]) != null).toList());
            if (measured.isEmpty()) {
                String label = concept.label(lang).toLowerCase(java.util.Locale.ROOT);
                String text = fr ? "Je n'ai pas l'information (" + label + ") pour ces produits. Voulez-vous que je demande à un conseiller ?"
                        : "I don't have that information (" + label + ") for these products. Would you like me to ask a member of our team?";
                QuickReply yes = new QuickReply(fr ? "Oui, un conseiller" : "Yes, please", Payloads.intent(BuiltInIntents.HUMAN_REQUEST));
                return new Rendered(List.of(new BotMessage(text, List.of(yes), List.of())), List.of());
            }
            Comparator<Product> cmp = Comparator.comparing(p -> measure(p, by[0]));
            measured.sort(ranking.ascending() ? cmp : cmp.reversed());
            sorted = measured;
            concept = by[0];
        } else {
            Comparator<Product> cmp = Comparator.comparing(Product::currentPrice);
            sorted.sort(ranking.ascending() ? cmp : cmp.reversed());
        }
        Product best = sorted.get(0);
        String value;
        if (concept != null) {
            String key = attributes.keyOf(best, concept);
            value = attributes.label(key, lang).toLowerCase(java.util.Locale.ROOT) + (fr ? " : " : ": ")
                    + valueOf(best, key, best.attributes().get(key), lang) + ", " + money(best.currentPrice(), lang);
        } else {
            value = priceText(best, lang);
        }
        String what = category != null ? categoryLabels.label(category, lang) : null;
        String text;
        String rest = what == null ? criteria : criteria.replace(fr ? " parmi nos " + what : " from our " + what, "");
        if (fr) {
            text = Formats.capitalize(ranking.french(names.french(best).feminine())) + (what != null ? " de nos " + what : "")
                    + rest + " : " + inside(best, lang) + " (" + value + ").";
        } else {
            text = Formats.capitalize(ranking.word(lang)) + (what != null ? " of our " + what : "") + rest
                    + " is " + inside(best, lang) + " (" + value + ").";
        }
        return new Rendered(List.of(new BotMessage(text, List.of(
                new QuickReply(intentTitle(BuiltInIntents.PRODUCT_STOCK, lang), Payloads.intent(BuiltInIntents.PRODUCT_STOCK, best.sku()))),
                List.of(card(best, lang)))), List.of(best.sku()), sorted.stream().limit(MAX_LISTED).map(Product::sku).toList());
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
        text.append(fr ? Formats.capitalize(inside(a, lang)) + " ou " + inside(b, lang) + " ? Voici l'essentiel :"
                : Formats.capitalize(inside(a, lang)) + " or " + inside(b, lang) + "? Here's the gist:");
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
            text.append("\n• ").append(attributes.label(k, lang)).append(fr ? " : " : ": ").append(sa).append(" / ").append(sb);
        }
        text.append("\n• ").append(fr ? "Stock : " : "Stock: ").append(stockSummary(a, lang)).append(" / ").append(stockSummary(b, lang));
        int cmp = a.currentPrice().compareTo(b.currentPrice());
        if (cmp != 0) {
            Product cheaper = cmp < 0 ? a : b;
            text.append("\n").append(fr ? subject(cheaper, lang) + " " + names.french(cheaper).is() + " "
                    + (names.french(cheaper).feminine() ? "la plus abordable" : "le plus abordable") + " des deux."
                    : subject(cheaper, lang) + " is the more affordable of the two.");
        }
        List<QuickReply> replies = List.of(humanReply(fr));
        List<Card> cs = List.of(card(a, lang), card(b, lang));
        return new Rendered(List.of(new BotMessage(text.toString(), replies, cs)), List.of(a.sku(), b.sku()), List.of(a.sku(), b.sku()));
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
            subtitle = p.category() == null ? "" : Formats.capitalize(categoryLabels.label(p.category(), lang));
        }
        String regularPrice = p.salePrice() != null ? money(p.price(), lang) : null;
        return new Card(p.sku(), name(p, lang), subtitle, money(p.currentPrice(), lang), regularPrice, p.imageUrl(), p.url(), buttons);
    }
}
