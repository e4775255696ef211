package org.causette.server.insights;

import org.causette.server.config.Site;
import org.causette.server.store.Conversation;
import org.causette.server.store.NpsAnswer;
import org.causette.server.store.Rating;
import org.causette.server.store.Store;
import org.causette.server.store.VisitorEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The report's outcome figures over a period (docs/marketing.md): conversions credited to who helped, the conversion
 * rate and funnel of shoppers who talked with us, NPS, and CSAT/NPS/conversions per agent, per ambassador, for the bot
 * and per channel. Rows name staff (id and name), never a shopper.
 */
public final class OutcomeReport {
    private static final String CART = "cart_update";
    private static final String CHECKOUT = "checkout";

    private final Store store;
    private final Site site;
    private final Duration window;
    private final Helpers helpers;
    private final Map<String, List<Conversation>> byVisitor = new HashMap<>();
    private final Map<String, Optional<Conversation>> byId = new HashMap<>();

    private OutcomeReport(Store store, Site site, List<Conversation> inPeriod) {
        this.store = store;
        this.site = site;
        this.window = site.outcomes().attribution();
        this.helpers = new Helpers(store);
        inPeriod.forEach(c -> byId.put(c.id(), Optional.of(c)));
    }

    /**
     * @param inPeriod the conversations created in [from, to), which the caller has read already
     */
    public static Map<String, Object> build(Store store, Site site, Instant from, Instant to, List<Conversation> inPeriod) {
        return new OutcomeReport(store, site, inPeriod).build(from, to, inPeriod);
    }

    static double money(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private List<Conversation> conversationsOf(String visitorId) {
        return byVisitor.computeIfAbsent(visitorId, v -> store.conversationsOfVisitor(site.id(), v));
    }

    private Optional<Conversation> conversation(String id) {
        return byId.computeIfAbsent(id, store::findConversation);
    }

    private Map<String, Object> build(Instant from, Instant to, List<Conversation> inPeriod) {
        Map<Helper.Kind, Satisfaction> byKind = new LinkedHashMap<>();
        for (Helper.Kind kind : Helper.Kind.values()) {
            byKind.put(kind, new Satisfaction());
        }
        Map<String, Satisfaction> byStaff = new TreeMap<>();
        Map<String, Helper> staff = new HashMap<>();
        Map<String, Satisfaction> byChannel = new TreeMap<>();
        Satisfaction bot = new Satisfaction();
        Satisfaction all = new Satisfaction();

        // Conversions: each order once (stored once since ingestion; older data is de-duplicated here too).
        Set<String> orders = new HashSet<>();
        Set<String> buyers = new HashSet<>();
        Map<String, Set<String>> funnel = new LinkedHashMap<>();
        funnel.put(CART, new HashSet<>());
        funnel.put(CHECKOUT, new HashSet<>());
        funnel.put(PurchaseRecorder.PURCHASE, new HashSet<>());
        Map<String, Double> otherCurrencies = new TreeMap<>();
        int conversions = 0;
        double value = 0;
        for (VisitorEvent event : store.events(site.id(), from, to)) {
            if (!funnel.containsKey(event.name())) {
                continue;
            }
            List<Conversation> visitorConversations = conversationsOf(event.visitorId());
            if (!event.name().equals(PurchaseRecorder.PURCHASE)) {
                if (!Attribution.inWindow(visitorConversations, event.ts(), window).isEmpty()) {
                    funnel.get(event.name()).add(event.visitorId());
                }
                continue;
            }
            PurchaseData purchase = PurchaseData.lenient(event.data());
            if (purchase.orderId() != null && !orders.add(purchase.orderId())) {
                continue;
            }
            Optional<Helper> helper = Attribution.of(visitorConversations, event.ts(), window, helpers);
            if (helper.isEmpty()) {
                continue;
            }
            conversions++;
            funnel.get(PurchaseRecorder.PURCHASE).add(event.visitorId());
            buyers.add(event.visitorId());
            boolean ours = purchase.inCurrency(site.config().currency());
            double credited = ours ? purchase.value() : 0;
            if (ours) {
                value += purchase.value();
            } else {
                otherCurrencies.merge(purchase.currency(), purchase.value(), Double::sum);
            }
            Satisfaction kind = byKind.get(helper.get().kind());
            kind.conversions++;
            kind.conversionValue += credited;
            if (helper.get().person()) {
                Satisfaction person = personRow(byStaff, staff, helper.get());
                person.conversions++;
                person.conversionValue += credited;
            }
        }

        // Satisfaction of ratings and NPS answers given in the period, credited to who helped in their conversation.
        for (Rating rating : store.ratings(site.id(), from, to)) {
            all.rating(rating.score());
            conversation(rating.conversationId()).ifPresent(c -> {
                Helper helper = helpers.of(c, null);
                (helper.person() ? personRow(byStaff, staff, helper) : bot).rating(rating.score());
                byChannel.computeIfAbsent(c.channel(), k -> new Satisfaction()).rating(rating.score());
            });
        }
        for (NpsAnswer answer : store.npsAnswers(site.id(), from, to)) {
            all.nps(answer);
            conversation(answer.conversationId()).ifPresent(c -> {
                Helper helper = helpers.of(c, null);
                (helper.person() ? personRow(byStaff, staff, helper) : bot).nps(answer);
                byChannel.computeIfAbsent(c.channel(), k -> new Satisfaction()).nps(answer);
            });
        }

        Set<String> talkers = new HashSet<>();
        inPeriod.forEach(c -> talkers.add(c.visitorId()));
        long talkersWhoBought = buyers.stream().filter(talkers::contains).count();

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("conversions", conversions);
        report.put("conversionValue", money(value));
        report.put("attributionDays", window.toDays());
        report.put("conversionRate", talkers.isEmpty() ? null : (double) talkersWhoBought / talkers.size());
        Map<String, Object> byHelper = new LinkedHashMap<>();
        byKind.forEach((kind, s) -> byHelper.put(kind.wireName(),
                Map.of("conversions", s.conversions, "value", money(s.conversionValue))));
        report.put("conversionsByHelper", byHelper);
        Map<String, Double> others = new TreeMap<>();
        otherCurrencies.forEach((currency, amount) -> others.put(currency, money(amount)));
        report.put("conversionValueOtherCurrencies", others);
        report.put("funnel", Map.of("cartUpdates", funnel.get(CART).size(), "checkouts", funnel.get(CHECKOUT).size(),
                "purchases", funnel.get(PurchaseRecorder.PURCHASE).size()));
        report.put("nps", all.nps());
        Map<String, Object> satisfaction = new LinkedHashMap<>();
        satisfaction.put("agents", staffRows(byStaff, staff, Helper.Kind.AGENT));
        satisfaction.put("ambassadors", staffRows(byStaff, staff, Helper.Kind.AMBASSADOR));
        satisfaction.put("bot", bot.into(new LinkedHashMap<>()));
        List<Map<String, Object>> channels = new ArrayList<>();
        byChannel.forEach((channel, s) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("channel", channel);
            channels.add(s.into(row));
        });
        satisfaction.put("channels", channels);
        report.put("satisfaction", satisfaction);
        return report;
    }

    private static Satisfaction personRow(Map<String, Satisfaction> byStaff, Map<String, Helper> staff, Helper helper) {
        String key = helper.kind() + "\u0000" + helper.staffId();
        staff.putIfAbsent(key, helper);
        return byStaff.computeIfAbsent(key, k -> new Satisfaction());
    }

    private List<Map<String, Object>> staffRows(Map<String, Satisfaction> byStaff, Map<String, Helper> staff, Helper.Kind kind) {
        List<Map<String, Object>> rows = new ArrayList<>();
        byStaff.forEach((key, s) -> {
            Helper helper = staff.get(key);
            if (helper.kind() != kind) {
                return;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("staffId", helper.staffId());
            // The name in staff.json today; the one written under when the person has left.
            row.put("name", site.staffMember(helper.staffId()).map(m -> m.name()).orElse(helper.name()));
            rows.add(s.into(row));
        });
        rows.sort(Comparator.comparing(r -> String.valueOf(r.get("name"))));
        return rows;
    }
}
