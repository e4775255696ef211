package org.causette.server.insights;

import org.causette.server.store.Conversation;
import org.causette.server.store.memory.MemoryStore;
import org.causette.server.store.NpsAnswer;
import org.causette.server.store.Rating;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Conversions credited by who helped, over a hand-built week of a shop, against numbers worked out by hand (in the
 * comments). The report period is [T - 5 days, T + 1 day); purchases are at T.
 */
class AttributionTest {
    private static final Instant T = Instant.parse("2026-11-10T12:00:00Z");
    private static final Instant FROM = T.minus(Duration.ofDays(5));
    private static final Instant TO = T.plus(Duration.ofDays(1));
    private MemoryStore store;
    private Conversation c1;
    private Conversation c2;
    private Conversation c4;
    private Conversation c5;
    private Conversation c6;

    private static Instant days(double d) {
        return T.plus(Duration.ofMinutes(Math.round(d * 24 * 60)));
    }

    @BeforeEach
    void aWeekOfTheShop() {
        store = new MemoryStore();
        Shop shop = new Shop(store, 7);
        // v1: the bot alone, 2 days before: bot, 100.
        c1 = shop.open("v1", "web", days(-2));
        shop.close(c1, days(-2 + 0.01));
        // v2: Anna 3 days before, then a newer conversation with the bot alone: the last person (Anna) gets 250.
        c2 = shop.open("v2", "web", days(-3));
        shop.handOver(c2, days(-3 + 0.01));
        shop.say(c2, Shop.ANNA, "Bonjour !", days(-3 + 0.02));
        shop.close(c2, days(-3 + 0.03));
        Conversation c3 = shop.open("v2", "web", days(-1));
        shop.close(c3, days(-1 + 0.01));
        // v3: Léo 10 days before: outside a 7-day window (inside a 14-day one).
        c4 = shop.open("v3", "web", days(-10));
        shop.handOver(c4, days(-10 + 0.01));
        shop.say(c4, Shop.LEO, "Je vous conseille la Luna.", days(-10 + 0.02));
        shop.close(c4, days(-10 + 0.03));
        // v4, on Messenger: Anna, then Léo (transferred) wrote last: Léo gets 40; the same order twice counts once.
        c5 = shop.open("v4", "messenger", days(-1));
        shop.handOver(c5, days(-1 + 0.01));
        shop.say(c5, Shop.ANNA, "Je transfère à Léo.", days(-1 + 0.02));
        shop.say(c5, Shop.LEO, "La Luna existe en blanc.", days(-1 + 0.03));
        shop.close(c5, days(-1 + 0.04));
        // v5: Anna before the purchase, Léo only after it: Anna gets it; paid in USD (not added to the EUR value).
        c6 = shop.open("v5", "web", days(-1));
        shop.handOver(c6, days(-1 + 0.01));
        shop.say(c6, Shop.ANNA, "Voici le lien.", days(-0.05));
        shop.say(c6, Shop.LEO, "Merci pour votre commande !", days(0.05));
        // v6: exactly 7 days before: outside (the window's start is excluded).
        shop.open("v6", "web", days(-7));
        // v7: a conversation at the very instant of the purchase: inside, the bot.
        shop.open("v7", "web", T);
        // v9 talked in the period and bought nothing.
        shop.open("v9", "web", days(-0.5));

        store.saveEvent(shop.purchase("v1", "O1", 100, "EUR", T));
        store.saveEvent(shop.purchase("v2", "O2", 250, "EUR", T));
        store.saveEvent(shop.purchase("v3", "O3", 80, "EUR", T));
        store.saveEvent(shop.purchase("v4", "O4", 40, "EUR", T));
        store.saveEvent(shop.purchase("v4", "O4", 40, "EUR", T.plusSeconds(5))); // stored twice before ingestion de-dup
        store.saveEvent(shop.purchase("v5", "O5", 30, "USD", T));
        store.saveEvent(shop.purchase("v6", "O6", 60, "EUR", T));
        store.saveEvent(shop.purchase("v7", null, 10, null, T));
        store.saveEvent(shop.purchase("v8", "O8", 999, "EUR", T)); // never talked with us
        store.saveEvent(shop.event("v1", "cart_update", days(-0.1)));
        store.saveEvent(shop.event("v1", "checkout", days(-0.05)));
        store.saveEvent(shop.event("v8", "cart_update", days(-0.1)));

        store.saveRating(new Rating(Shop.ID, c1.id(), "v1", 5, null, days(-1.9)));
        store.saveRating(new Rating(Shop.ID, c2.id(), "v2", 4, null, days(-2.9)));
        store.saveRating(new Rating(Shop.ID, c5.id(), "v4", 5, null, days(-0.9)));
        store.saveRating(new Rating(Shop.ID, c4.id(), "v3", 5, null, days(-9))); // before the period
        nps("v4", c5, 10, days(-0.9));
        nps("v2", c2, 6, days(-2.9));
        nps("v1", c1, 8, days(-1.9));
        nps("v5", c6, 9, days(0.1));
    }

    private void nps(String visitorId, Conversation c, int score, Instant at) {
        store.claimNpsAsk(Shop.ID, "v:" + visitorId, c.id(), visitorId, at.minusSeconds(60), at.plus(Duration.ofDays(90)));
        store.saveNpsAnswer(new NpsAnswer(Shop.ID, c.id(), visitorId, score, null, at), "v:" + visitorId);
    }

    private Map<String, Object> report(int attributionDays) {
        Shop shop = new Shop(store, attributionDays);
        List<Conversation> inPeriod = store.conversations(Shop.ID, null, TO, Integer.MAX_VALUE).stream()
                .filter(c -> !c.createdAt().isBefore(FROM)).toList();
        return OutcomeReport.build(store, shop.site, FROM, TO, inPeriod);
    }

    @Test
    void purchasesGoToTheLastPersonWhoWroteWithinTheWindowElseTheBot() {
        Map<String, Object> report = report(7);
        // v1 100 (bot) + v2 250 (Anna) + v4 40 (Léo) + v5 (Anna, USD) + v7 10 (bot) = 5 orders, 400 EUR.
        assertEquals(5, report.get("conversions"));
        assertEquals(400.0, report.get("conversionValue"));
        assertEquals(Map.of("USD", 30.0), report.get("conversionValueOtherCurrencies"));
        assertEquals(Map.of(
                "bot", Map.of("conversions", 2, "value", 110.0),
                "agent", Map.of("conversions", 2, "value", 250.0),
                "ambassador", Map.of("conversions", 1, "value", 40.0)), report.get("conversionsByHelper"));
        // Talked in the period: v1, v2, v4, v5, v7, v9 (v3 and v6 before it); bought: all but v9 → 5 / 6.
        assertEquals(5.0 / 6, (double) report.get("conversionRate"), 1e-9);
        assertEquals(Map.of("cartUpdates", 1, "checkouts", 1, "purchases", 5), report.get("funnel"));
        assertEquals(7L, report.get("attributionDays"));
    }

    @Test
    void aLongerWindowReachesOlderConversations() {
        Map<String, Object> report = report(14);
        // + v3 80 (Léo, 10 days before) + v6 60 (bot, 7 days before) = 7 orders, 540 EUR.
        assertEquals(7, report.get("conversions"));
        assertEquals(540.0, report.get("conversionValue"));
        assertEquals(Map.of(
                "bot", Map.of("conversions", 3, "value", 170.0),
                "agent", Map.of("conversions", 2, "value", 250.0),
                "ambassador", Map.of("conversions", 2, "value", 120.0)), report.get("conversionsByHelper"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void npsAndSatisfactionPerPersonAndChannel() {
        Map<String, Object> report = report(7);
        // Answers 10, 6, 8, 9: 2 promoters, 1 passive, 1 detractor → 50 % − 25 % = 25.
        assertEquals(Map.of("score", 25.0, "promoters", 2, "passives", 1, "detractors", 1, "count", 4), report.get("nps"));
        Map<String, Object> satisfaction = (Map<String, Object>) report.get("satisfaction");
        List<Map<String, Object>> agents = (List<Map<String, Object>>) satisfaction.get("agents");
        assertEquals(1, agents.size());
        Map<String, Object> anna = agents.get(0);
        assertEquals("anna", anna.get("staffId"));
        assertEquals("Anna", anna.get("name"));
        assertEquals(4.0, anna.get("csatAverage"));     // c2 rated 4
        // c2: 6 (detractor). c6's 9 is Léo's: satisfaction reads the whole conversation, and he wrote last.
        assertEquals(-100.0, anna.get("npsScore"));
        assertEquals(1, anna.get("npsCount"));
        assertEquals(2, anna.get("conversions"));       // v2 and v5
        assertEquals(250.0, anna.get("conversionValue"));
        Map<String, Object> leo = ((List<Map<String, Object>>) satisfaction.get("ambassadors")).get(0);
        assertEquals("Léo", leo.get("name"));
        assertEquals(5.0, leo.get("csatAverage"));      // c5 rated 5 (c4's rating is before the period)
        assertEquals(100.0, leo.get("npsScore"));       // c5: 10, c6: 9
        assertEquals(2, leo.get("npsCount"));
        Map<String, Object> bot = (Map<String, Object>) satisfaction.get("bot");
        assertEquals(5.0, bot.get("csatAverage"));
        assertEquals(0.0, bot.get("npsScore"));         // c1: 8 (passive)
        List<Map<String, Object>> channels = (List<Map<String, Object>>) satisfaction.get("channels");
        assertEquals("messenger", channels.get(0).get("channel"));
        assertEquals(5.0, channels.get(0).get("csatAverage"));
        assertEquals(100.0, channels.get(0).get("npsScore"));
        assertEquals("web", channels.get(1).get("channel"));
        assertEquals(4.5, channels.get(1).get("csatAverage")); // 5 and 4
        assertEquals(0.0, channels.get(1).get("npsScore"));    // 8, 6, 9
        assertEquals(3, channels.get(1).get("npsCount"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void ambassadorsEarnPointsFromGoodRatingsOfConversationsTheyHelpedIn() {
        Shop shop = new Shop(store, 7);
        Map<String, Object> board = Leaderboard.build(store, shop.site, FROM, TO, "leo");
        List<Map<String, Object>> rows = (List<Map<String, Object>>) board.get("ambassadors");
        // Léo: c5 rated 5 (10), NPS 10 on c5 (5) and 9 on c6, where he wrote last (5) = 20; c4's 5 is before the
        // period. Mia: nothing.
        assertEquals(List.of("leo", "mia"), rows.stream().map(r -> r.get("staffId")).toList());
        assertEquals(20, rows.get(0).get("points"));
        assertEquals(1, rows.get(0).get("rank"));
        assertEquals(1, rows.get(0).get("helped"));   // c5, closed in the period
        assertEquals(1, rows.get(0).get("csat5"));
        assertEquals(2, rows.get(0).get("promoters"));
        assertEquals(0, rows.get(1).get("points"));
        assertEquals(2, rows.get(1).get("rank"));
        assertEquals(rows.get(0), board.get("me"));
        assertEquals(null, Leaderboard.build(store, shop.site, FROM, TO, "root").get("me"));

        // A wider period reaches c4's rating of 5: Léo 30.
        Map<String, Object> wider = Leaderboard.build(store, shop.site, T.minus(Duration.ofDays(20)), TO, "mia");
        assertEquals(30, ((List<Map<String, Object>>) wider.get("ambassadors")).get(0).get("points"));
        assertEquals(2, ((Map<String, Object>) wider.get("me")).get("rank"));
    }
}
