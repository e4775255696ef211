package org.causette.server.usecase;

import org.causette.server.config.Site;
import org.causette.server.insights.OutcomeReport;
import org.causette.server.store.BotTurnRecord;
import org.causette.server.store.Conversation;
import org.causette.server.store.Rating;
import org.causette.server.store.Store;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A site's figures over a period (docs/api.md, {@code report}): how much the bot handled alone (containment), how fast
 * people answered, satisfaction, conversions (from {@link OutcomeReport}), what shoppers asked and what the bot did
 * not understand.
 */
public final class SiteReport {
    private static final int TOP_INTENTS = 10;
    private static final int UNANSWERED = 50;
    /** Report periods are at most this long: beyond, the scan is too costly to run on demand. */
    public static final Duration MAX_PERIOD = Duration.ofDays(400);

    private SiteReport() {
    }

    public static Map<String, Object> build(Store store, Site site, Instant from, Instant to) {
        String siteId = site.id();
        ZoneId zone = site.config().businessHours().zone();
        List<Conversation> conversations = store.conversations(siteId, null, to, Integer.MAX_VALUE).stream()
                .filter(c -> !c.createdAt().isBefore(from))
                .toList();
        long handedOver = conversations.stream().filter(c -> c.handedOverAt() != null).count();
        long botResolved = conversations.size() - handedOver;
        List<Long> firstResponses = new ArrayList<>();
        List<Long> queueWaits = new ArrayList<>();
        Map<String, Integer> reasons = new TreeMap<>();
        for (Conversation c : conversations) {
            if (c.handedOverAt() != null) {
                // Why it left the bot, as staff saw it tagged; transfers and the close later overwrite reason().
                String why = c.handoverReason() != null ? c.handoverReason() : c.reason();
                reasons.merge(why == null ? "unknown" : handoverReason(why), 1, Integer::sum);
                if (c.firstResponseAt() != null) {
                    firstResponses.add(Duration.between(c.handedOverAt(), c.firstResponseAt()).toMillis());
                }
                if (c.assignedAt() != null && c.queuedAt() != null) {
                    queueWaits.add(Math.max(0, Duration.between(c.queuedAt(), c.assignedAt()).toMillis()));
                }
            }
        }
        List<Rating> ratings = store.ratings(siteId, from, to);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("from", from);
        report.put("to", to);
        report.put("conversations", conversations.size());
        report.put("botResolved", botResolved);
        report.put("handedOver", handedOver);
        report.put("containmentRate", conversations.isEmpty() ? null : (double) botResolved / conversations.size());
        report.put("medianFirstResponseMs", median(firstResponses));
        report.put("medianQueueWaitMs", median(queueWaits));
        report.put("csatAverage", ratings.isEmpty() ? null : ratings.stream().mapToInt(Rating::score).average().orElse(0));
        report.put("csatCount", ratings.size());
        // Conversions (attributed by who helped, within the site's window), NPS and satisfaction per person: insights.
        report.putAll(OutcomeReport.build(store, site, from, to, conversations));
        List<BotTurnRecord> turns = store.botTurns(siteId, from, to);
        // Beside containment: the bot's good answers count even where a person was asked for afterwards.
        TeachingList.BotAnswers answers = TeachingList.botAnswers(turns, ratings, conversations);
        report.put("botAnsweredQuestions", answers.answeredWell());
        report.put("botHelpedBeforeHandover", answers.handedOverAfterGoodAnswer());
        report.put("botHelpedBeforeHandoverRate", handedOver == 0 ? null : (double) answers.handedOverAfterGoodAnswer() / handedOver);
        report.put("topIntents", topIntents(turns));
        report.put("unanswered", turns.stream().filter(t -> !t.understood())
                .sorted(Comparator.comparing(BotTurnRecord::ts).reversed()).limit(UNANSWERED)
                .map(t -> Map.of("text", t.text(), "intent", t.intent(), "confidence", t.confidence(), "ts", t.ts(),
                        "conversationId", t.conversationId()))
                .toList());
        // The admin's list of things to teach: not understood, or answered and then shown wrong (TeachingList).
        report.put("toTeach", TeachingList.build(store, site, from, to, conversations));
        report.put("handedOverByReason", reasons);
        report.put("leads", store.leads(siteId, from, to).size());
        report.put("perDay", perDay(conversations, ratings, zone));
        return report;
    }

    private static String handoverReason(String reason) {
        // Conversations stored before handoverReason existed carry only the latest reason: not why the bot let go.
        return switch (reason) {
            case "transfer", "no_answer", "closed", "handback" -> "other";
            default -> reason;
        };
    }

    private static Long median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static List<Map<String, Object>> topIntents(List<BotTurnRecord> turns) {
        Map<String, Integer> counts = new HashMap<>();
        for (BotTurnRecord turn : turns) {
            counts.merge(turn.intent(), 1, Integer::sum);
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_INTENTS)
                .map(e -> Map.<String, Object>of("intent", e.getKey(), "count", e.getValue()))
                .toList();
    }

    private static List<Map<String, Object>> perDay(List<Conversation> conversations, List<Rating> ratings, ZoneId zone) {
        Map<LocalDate, long[]> days = new TreeMap<>();
        Map<LocalDate, List<Long>> firstResponses = new HashMap<>();
        Map<LocalDate, List<Long>> queueWaits = new HashMap<>();
        for (Conversation c : conversations) {
            LocalDate date = c.createdAt().atZone(zone).toLocalDate();
            long[] day = days.computeIfAbsent(date, d -> new long[4]);
            day[0]++;
            if (c.handedOverAt() != null) {
                day[1]++;
                if (c.firstResponseAt() != null) {
                    firstResponses.computeIfAbsent(date, d -> new ArrayList<>())
                            .add(Duration.between(c.handedOverAt(), c.firstResponseAt()).toMillis());
                }
                if (c.assignedAt() != null && c.queuedAt() != null) {
                    queueWaits.computeIfAbsent(date, d -> new ArrayList<>())
                            .add(Math.max(0, Duration.between(c.queuedAt(), c.assignedAt()).toMillis()));
                }
            }
        }
        for (Rating r : ratings) {
            long[] day = days.computeIfAbsent(r.ts().atZone(zone).toLocalDate(), d -> new long[4]);
            day[2] += r.score();
            day[3]++;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        days.forEach((date, d) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("date", date.toString());
            row.put("conversations", d[0]);
            row.put("handedOver", d[1]);
            row.put("csatAverage", d[3] == 0 ? null : (double) d[2] / d[3]);
            row.put("medianFirstResponseMs", median(firstResponses.getOrDefault(date, List.of())));
            row.put("medianQueueWaitMs", median(queueWaits.getOrDefault(date, List.of())));
            out.add(row);
        });
        return out;
    }
}
