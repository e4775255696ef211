package org.causette.server.insights;

import org.causette.server.store.NpsAnswer;

import java.util.LinkedHashMap;
import java.util.Map;

/** CSAT, NPS and conversions added up for one row of the report (a person, the bot or a channel). */
final class Satisfaction {
    int csatSum;
    int csatCount;
    int promoters;
    int passives;
    int detractors;
    int conversions;
    double conversionValue;

    void rating(int score) {
        csatSum += score;
        csatCount++;
    }

    void nps(NpsAnswer answer) {
        if (answer.promoter()) {
            promoters++;
        } else if (answer.detractor()) {
            detractors++;
        } else {
            passives++;
        }
    }

    int npsCount() {
        return promoters + passives + detractors;
    }

    /** % promoters − % detractors, from −100 to 100, one decimal; null without answers. */
    Double npsScore() {
        int n = npsCount();
        return n == 0 ? null : Math.round(1000.0 * (promoters - detractors) / n) / 10.0;
    }

    Map<String, Object> nps() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("score", npsScore());
        out.put("promoters", promoters);
        out.put("passives", passives);
        out.put("detractors", detractors);
        out.put("count", npsCount());
        return out;
    }

    /** The row's figures after its own keys (staffId and name, or channel). */
    Map<String, Object> into(Map<String, Object> row) {
        row.put("csatAverage", csatCount == 0 ? null : (double) csatSum / csatCount);
        row.put("csatCount", csatCount);
        row.put("npsScore", npsScore());
        row.put("npsCount", npsCount());
        row.put("conversions", conversions);
        row.put("conversionValue", OutcomeReport.money(conversionValue));
        return row;
    }
}
