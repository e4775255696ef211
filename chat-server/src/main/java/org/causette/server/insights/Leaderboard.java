package org.causette.server.insights;

import org.causette.server.config.Site;
import org.causette.server.config.StaffMember;
import org.causette.server.store.Conversation;
import org.causette.server.store.ConversationState;
import org.causette.server.store.NpsAnswer;
import org.causette.server.store.Rating;
import org.causette.server.store.Store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ambassadors' recognition (docs/marketing.md): points for the good ratings of conversations they helped in (by the
 * rule of {@link Helpers}: the last person who wrote to the shopper), given in a period: a CSAT of 5 is worth
 * {@value #CSAT_5_POINTS} points, a 4 {@value #CSAT_4_POINTS}, an NPS promoter (9 or 10) {@value #PROMOTER_POINTS}.
 * Every ambassador of staff.json is ranked, with no points too; equal points share a rank.
 */
public final class Leaderboard {
    public static final int CSAT_5_POINTS = 10;
    public static final int CSAT_4_POINTS = 5;
    public static final int PROMOTER_POINTS = 5;

    private Leaderboard() {
    }

    private static final class Tally {
        final String staffId;
        final String name;
        int points;
        int helped;
        int csat5;
        int csat4;
        int promoters;

        Tally(String staffId, String name) {
            this.staffId = staffId;
            this.name = name;
        }
    }

    /** @param viewerId the staff member asking: their own row comes back as {@code me} (null for non-ambassadors) */
    public static Map<String, Object> build(Store store, Site site, Instant from, Instant to, String viewerId) {
        Map<String, Tally> tallies = new LinkedHashMap<>();
        for (StaffMember member : site.staff()) {
            if (member.role() == StaffMember.StaffRole.AMBASSADOR) {
                tallies.put(member.id(), new Tally(member.id(), member.name()));
            }
        }
        Helpers helpers = new Helpers(store);
        Map<String, Optional<Conversation>> conversations = new LinkedHashMap<>();
        for (Conversation c : store.conversations(site.id(), ConversationState.CLOSED, to, Integer.MAX_VALUE)) {
            if (!c.createdAt().isBefore(from)) {
                conversations.put(c.id(), Optional.of(c));
                tally(tallies, helpers.of(c, null)).ifPresent(t -> t.helped++);
            }
        }
        for (Rating rating : store.ratings(site.id(), from, to)) {
            if (rating.score() >= 4) {
                conversations.computeIfAbsent(rating.conversationId(), store::findConversation)
                        .flatMap(c -> tally(tallies, helpers.of(c, null))).ifPresent(t -> {
                            t.points += rating.score() == 5 ? CSAT_5_POINTS : CSAT_4_POINTS;
                            if (rating.score() == 5) {
                                t.csat5++;
                            } else {
                                t.csat4++;
                            }
                        });
            }
        }
        for (NpsAnswer answer : store.npsAnswers(site.id(), from, to)) {
            if (answer.promoter()) {
                conversations.computeIfAbsent(answer.conversationId(), store::findConversation)
                        .flatMap(c -> tally(tallies, helpers.of(c, null))).ifPresent(t -> {
                            t.points += PROMOTER_POINTS;
                            t.promoters++;
                        });
            }
        }
        List<Tally> ranked = new ArrayList<>(tallies.values());
        ranked.sort(Comparator.comparingInt((Tally t) -> -t.points).thenComparingInt(t -> -t.helped)
                .thenComparing(t -> t.name));
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> me = null;
        int rank = 0;
        for (int i = 0; i < ranked.size(); i++) {
            Tally t = ranked.get(i);
            if (i == 0 || t.points != ranked.get(i - 1).points) {
                rank = i + 1;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rank", rank);
            row.put("staffId", t.staffId);
            row.put("name", t.name);
            row.put("points", t.points);
            row.put("helped", t.helped);
            row.put("csat5", t.csat5);
            row.put("csat4", t.csat4);
            row.put("promoters", t.promoters);
            rows.add(row);
            if (t.staffId.equals(viewerId)) {
                me = row;
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", from);
        body.put("to", to);
        body.put("rules", Map.of("csat5", CSAT_5_POINTS, "csat4", CSAT_4_POINTS, "npsPromoter", PROMOTER_POINTS));
        body.put("ambassadors", rows);
        body.put("me", me);
        return body;
    }

    /** The ambassador's tally when an ambassador of the site helped; agents and the bot earn no points here. */
    private static Optional<Tally> tally(Map<String, Tally> tallies, Helper helper) {
        return helper.kind() == Helper.Kind.AMBASSADOR ? Optional.ofNullable(tallies.get(helper.staffId())) : Optional.empty();
    }
}
