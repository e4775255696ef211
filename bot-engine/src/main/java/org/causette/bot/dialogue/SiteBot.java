package org.causette.bot.dialogue;

import org.causette.bot.Card;
import org.causette.bot.nlu.SentenceEncoder;
import org.causette.bot.Bot;
import org.causette.bot.BotInput;
import org.causette.bot.BotTurn;
import org.causette.bot.DialogueContext;
import org.causette.bot.Parse;
import org.causette.bot.knowledge.BuiltInIntents;
import org.causette.bot.knowledge.SiteKnowledge;
import org.causette.bot.nlu.IntentModel;
import org.causette.bot.nlu.IntentPrediction;
import org.causette.bot.nlu.Nlu;
import org.causette.bot.nlu.Understanding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@link Bot} of one site: {@link Nlu} to understand, {@link DialoguePolicy} to decide, {@link Replies} to
 * speak. Immutable after training and safe for any number of threads (the OpenNLP model's {@code eval} keeps no state).
 */
public final class SiteBot implements Bot {
    private static final Logger LOG = LoggerFactory.getLogger(SiteBot.class);
    private static final int RANKING_SIZE = 5;
    private static final int RECENT_SKUS = 6;
    /**
     * Cheaper than the eval command's settings because a shop retrains at every start and every "teach the bot": 60
     * GIS iterations (top-1 accuracy on the held-out sets is the same as with 100; confidences are a little flatter,
     * which the fitted threshold absorbs) and one calibration round instead of three.
     */
    public static final IntentModel.Settings SETTINGS = IntentModel.Settings.DEFAULT.withIterations(60)
            .withCalibrationRounds(1).withThreads(2);

    private final SiteKnowledge site;
    private final Nlu nlu;
    private final DialoguePolicy policy;
    private final Replies replies;
    private final long trainingMillis;

    private SiteBot(SiteKnowledge site, Nlu nlu, long trainingMillis) {
        this.site = site;
        this.nlu = nlu;
        this.policy = new DialoguePolicy(site.catalog(), site.faq(), nlu.entityExtractor()::ordinary);
        this.replies = new Replies(site, policy);
        this.trainingMillis = trainingMillis;
    }

    public static SiteBot train(SiteKnowledge site) {
        return train(site, SETTINGS);
    }

    public static SiteBot train(SiteKnowledge site, IntentModel.Settings settings) {
        return train(site, settings, null);
    }

    /** With {@code encoder} non-null, English lines the n-gram model is unsure of also consult the sentence encoder. */
    public static SiteBot train(SiteKnowledge site, IntentModel.Settings settings, SentenceEncoder encoder) {
        Objects.requireNonNull(site, "site");
        long start = System.nanoTime();
        Nlu nlu = Nlu.train(site.catalog(), site.faq(), site.languages(), settings, encoder);
        long ms = (System.nanoTime() - start) / 1_000_000;
        LOG.info("bot for site {} trained in {} ms (out-of-scope threshold {})", site.siteId(), ms,
                String.format("%.3f", nlu.intentModel().threshold()));
        return new SiteBot(site, nlu, ms);
    }

    @Override
    public Parse parse(String text, String languageHint) {
        Objects.requireNonNull(text, "text");
        Understanding u = nlu.understand(text, languageHint, null, null);
        Decision d = policy.decide(u, null, DialogueContext.EMPTY);
        return toParse(u, d);
    }

    @Override
    public List<Card> cards(List<String> skus, String language) {
        String lang = site.languages().contains(language) ? language : site.defaultLanguage();
        return skus.stream()
                .map(sku -> site.catalog().bySku(sku).or(() -> site.catalog().products().stream()
                        .filter(p -> p.variants().stream().anyMatch(v -> sku.equals(v.sku()))).findFirst()))
                .flatMap(java.util.Optional::stream)
                .distinct()
                .map(p -> replies.card(p, lang))
                .toList();
    }

    @Override
    public BotTurn respond(BotInput input, DialogueContext context) {
        Objects.requireNonNull(input, "input");
        DialogueContext ctx = context == null ? DialogueContext.EMPTY : context;
        Understanding u = nlu.understand(input.text(), null, ctx.language(), input.locale());
        Decision d = policy.decide(u, Payloads.parse(input.payload()), ctx, input.waitingForPerson());
        String lang = u.language();
        Replies.Rendered r = replies.render(d, lang);
        List<String> recent = new ArrayList<>(RECENT_SKUS);
        for (String sku : r.shownSkus()) {
            if (!recent.contains(sku) && recent.size() < RECENT_SKUS) {
                recent.add(sku);
            }
        }
        for (String sku : ctx.recentSkus()) {
            if (!recent.contains(sku) && recent.size() < RECENT_SKUS) {
                recent.add(sku);
            }
        }
        // The subject is what the answer was about: the product answered, or the winner of "the cheapest"; a list
        // leaves the previous subject in place only when it showed no single product.
        // A list of one product makes it the subject ("une tente à moins de 300 ?" → "elle pèse combien ?"); a list
        // of several leaves no single subject ("is it in stock?" then asks which one).
        String productSku = !r.shownSkus().isEmpty() ? r.shownSkus().get(0)
                : d.product() != null ? d.product().sku()
                : r.listSkus().size() == 1 ? r.listSkus().get(0)
                : r.listSkus().size() > 1 ? null : ctx.productSku();
        String lastIntent = d.intent() != null ? d.intent() : ctx.lastIntent();
        boolean answered = d.kind() == Decision.Kind.ANSWER;
        List<String> list = !r.listSkus().isEmpty() ? r.listSkus() : ctx.listSkus();
        DialogueContext.Filters f = d.details().filters();
        // A stock answer about a colour or size keeps them, for « et en taille M ? » next; the search's others stay.
        DialogueContext.Filters filters = answered && BuiltInIntents.PRODUCT_RECOMMENDATION.equals(d.intent()) ? f
                : answered && BuiltInIntents.PRODUCT_STOCK.equals(d.intent()) && (f.color() != null || f.size() != null)
                ? new DialogueContext.Filters(ctx.filters().category(), ctx.filters().priceRange(), f.color(), f.size(),
                        ctx.filters().capacity())
                : ctx.filters();
        String topic = answered && d.intent() != null && !BuiltInIntents.isProduct(d.intent()) && !isSmallTalk(d.intent())
                ? d.intent() : ctx.topic();
        DialogueContext next = new DialogueContext(lang, productSku, lastIntent, d.misunderstoodRuns(), recent, list, filters, topic);
        return new BotTurn(lang, toParse(u, d), r.messages(), d.handover(), next);
    }

    private static boolean isSmallTalk(String intent) {
        return intent.equals(BuiltInIntents.GREETING) || intent.equals(BuiltInIntents.THANKS) || intent.equals(BuiltInIntents.GOODBYE);
    }

    private static Parse toParse(Understanding u, Decision d) {
        IntentPrediction p = u.prediction();
        List<Parse.IntentScore> ranking = new ArrayList<>(RANKING_SIZE);
        for (IntentPrediction.Scored s : p.ranking(RANKING_SIZE, Nlu.OUT_OF_SCOPE)) {
            ranking.add(new Parse.IntentScore(s.label(), round(s.probability())));
        }
        Parse.IntentScore intent = d.intent() != null
                ? new Parse.IntentScore(d.intent(), round(d.confidence()))
                : new Parse.IntentScore(Parse.OUT_OF_SCOPE, round(1 - p.confidence()));
        if (d.intent() != null && (ranking.isEmpty() || !ranking.get(0).name().equals(d.intent()))) {
            ranking.removeIf(s -> s.name().equals(d.intent()));
            ranking.add(0, intent);
        }
        return new Parse(u.language(), intent, ranking, u.entities().all(), d.action(), d.handover());
    }

    private static double round(double v) {
        return Math.round(v * 10_000d) / 10_000d;
    }

    /** How long {@link #train} took, for logs and the start-up banner. */
    public long trainingMillis() {
        return trainingMillis;
    }

    /** The fitted out-of-scope threshold. */
    public double outOfScopeThreshold() {
        return nlu.intentModel().threshold();
    }

    /** The site's understanding, for tests and tools that look under the hood. */
    public Nlu nlu() {
        return nlu;
    }

    public SiteKnowledge site() {
        return site;
    }
}
