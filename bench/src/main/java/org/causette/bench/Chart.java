package org.causette.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One SVG of a run, drawn from its numbers only: (1) round trips per second against shoppers for the floor and the
 * hub, with the 0.5 × and 0.3 × floor targets; (2) the open-loop latency percentiles with the 10 ms target; (3) when
 * an idle run is given, memory per idle socket against the 4 KiB target.
 */
final class Chart {
    private static final int PANEL_W = 420;
    private static final int PANEL_H = 300;
    private static final int MARGIN_L = 64;
    private static final int MARGIN_B = 44;
    private static final int MARGIN_T = 36;
    private static final String FLOOR = "#7f8c8d";
    private static final String HUB = "#c0392b";
    private static final String ACK = "#2980b9";
    /** Log-scale panels show this many decades below their top. */
    private static final int LOG_DECADES = 5;

    private Chart() {
    }

    static String svg(Results.Run run, Results.Run idle) {
        List<String> panels = new ArrayList<>();
        panels.add(saturation(run));
        if (run.open() != null) {
            panels.add(latency(run.open()));
        }
        if (idle != null && idle.idle() != null && !idle.idle().isEmpty()) {
            panels.add(memory(idle.idle()));
        }
        int width = panels.size() * (PANEL_W + 20) + 20;
        int height = PANEL_H + 70;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\">%n", width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"20\" y=\"22\" font-size=\"15\" font-weight=\"bold\">Causette hub vs "
                + "bare Netty echo floor — %s, %d cores, load %s</text>%n", escape(run.startedAt()),
                run.machine().cores(), escape(run.loadAverageAtStart())));
        for (int i = 0; i < panels.size(); i++) {
            svg.append(String.format(Locale.ROOT, "<g transform=\"translate(%d,40)\">%n", 20 + i * (PANEL_W + 20)))
                    .append(panels.get(i)).append("</g>\n");
        }
        return svg.append("</svg>\n").toString();
    }

    private static String saturation(Results.Run run) {
        List<Results.Step> floor = run.floorSteps() == null ? List.of() : run.floorSteps();
        List<Results.Step> hub = run.hubSteps() == null ? List.of() : run.hubSteps();
        double maxX = 1;
        double maxY = 1;
        for (Results.Step s : concat(floor, hub)) {
            maxX = Math.max(maxX, s.shoppers());
            maxY = Math.max(maxY, s.roundTripsPerSecond());
        }
        maxY = Math.pow(10, Math.ceil(Math.log10(maxY * 1.05)));
        maxX = nice(maxX);
        StringBuilder g = new StringBuilder(frame("Round trips/s by shoppers (closed loop, log scale)", "shoppers (sockets)",
                "round trips / s", maxX, maxY, false));
        if (run.floorSaturation() != null) {
            for (double factor : new double[] {0.5, 0.3}) {
                double y = y(run.floorSaturation() * factor, maxY);
                g.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"4 3\"/>%n",
                        MARGIN_L, PANEL_W - 10, y, y, FLOOR));
                g.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" fill=\"%s\" text-anchor=\"end\" font-size=\"10\">%.1f × floor</text>%n",
                        PANEL_W - 12, factor == 0.5 ? y - 3 : y + 11, FLOOR, factor));
            }
        }
        g.append(series(floor, maxX, maxY, FLOOR, "floor (echo)", 0));
        g.append(series(hub, maxX, maxY, HUB, "hub (bot round trip)", 1));
        if (run.ratioToFloor() != null) {
            g.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" font-weight=\"bold\">hub / floor = %.3f</text>%n",
                    PANEL_W - 170, PANEL_H - MARGIN_B - 50, run.ratioToFloor()));
        }
        return g.toString();
    }

    private static String series(List<Results.Step> steps, double maxX, double maxY, String colour, String label, int row) {
        if (steps.isEmpty()) {
            return "";
        }
        StringBuilder g = new StringBuilder();
        StringBuilder points = new StringBuilder();
        for (Results.Step s : steps) {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(s.shoppers(), maxX), y(s.roundTripsPerSecond(), maxY)));
        }
        g.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                colour, points.toString().trim()));
        for (Results.Step s : steps) {
            g.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
                    x(s.shoppers(), maxX), y(s.roundTripsPerSecond(), maxY), colour));
        }
        g.append(legend(colour, label, row, Corner.BOTTOM_RIGHT));
        return g.toString();
    }

    private static String latency(Results.Open open) {
        double[] ack = {open.ack().p50(), open.ack().p90(), open.ack().p99(), open.ack().p999()};
        double[] reply = {open.reply().p50(), open.reply().p90(), open.reply().p99(), open.reply().p999()};
        String[] names = {"p50", "p90", "p99", "p99.9"};
        double maxY = 10;
        for (int i = 0; i < 4; i++) {
            maxY = Math.max(maxY, Math.max(ack[i], reply[i]));
        }
        maxY = Math.pow(10, Math.ceil(Math.log10(maxY * 1.05)));
        StringBuilder g = new StringBuilder(frame(String.format(Locale.ROOT, "Latency at %.0f msg/s (open loop, %s, log)",
                open.achievedRate(), open.target()), "percentile", "ms", 4, maxY, true));
        double slot = (PANEL_W - 10 - MARGIN_L) / 4.0;
        for (int i = 0; i < 4; i++) {
            double x0 = MARGIN_L + i * slot + slot * 0.15;
            double w = slot * 0.33;
            g.append(bar(x0, w, ack[i], maxY, ACK));
            g.append(bar(x0 + w, w, reply[i], maxY, HUB));
            g.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x0 + w, PANEL_H - MARGIN_B + 16, names[i]));
        }
        double target = y(10, maxY);
        g.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"black\" stroke-dasharray=\"4 3\"/>%n",
                MARGIN_L, PANEL_W - 10, target, target));
        g.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\">10 ms target (p99 reply)</text>%n",
                MARGIN_L + 4, target - 3));
        g.append(legend(ACK, "ack", 0)).append(legend(HUB, "bot reply", 1));
        return g.toString();
    }

    private static String memory(List<Results.Idle> idle) {
        double maxY = 6 * 1024;
        for (Results.Idle i : idle) {
            maxY = Math.max(maxY, i.rssPerConnection());
        }
        maxY = nice(maxY / 1024 * 1.1);
        StringBuilder g = new StringBuilder(frame("Server RSS per idle socket (after full GC)", "idle sockets", "KiB",
                idle.size(), -maxY, true));
        double slot = (PANEL_W - 10 - MARGIN_L) / (double) idle.size();
        for (int i = 0; i < idle.size(); i++) {
            Results.Idle step = idle.get(i);
            double x0 = MARGIN_L + i * slot + slot * 0.2;
            g.append(bar(x0, slot * 0.6, step.rssPerConnection() / 1024, -maxY, step.target().equals("hub") ? HUB : FLOOR));
            g.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"10\">%s</text>"
                            + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"10\">%s</text>%n",
                    x0 + slot * 0.3, PANEL_H - MARGIN_B + 13, step.target(), x0 + slot * 0.3, PANEL_H - MARGIN_B + 25,
                    compact(step.connections())));
        }
        for (double[] line : new double[][] {{4, 0}, {6000 / 1024.0, 1}}) {
            double y = y(line[0], -maxY);
            g.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"black\" stroke-dasharray=\"%s\"/>%n",
                    MARGIN_L, PANEL_W - 10, y, y, line[1] == 0 ? "4 3" : "1 3"));
            g.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"10\">%s</text>%n",
                    PANEL_W - 12, y - 3, line[1] == 0 ? "4 KiB target" : "Node ws ≈ 6 KB"));
        }
        g.append(legend(FLOOR, "floor (echo)", 0, Corner.TOP_RIGHT)).append(legend(HUB, "hub (visitor after hello)", 1, Corner.TOP_RIGHT));
        return g.toString();
    }

    private static String frame(String title, String xLabel, String yLabel, double maxX, double maxY, boolean categorical) {
        StringBuilder g = new StringBuilder();
        int bottom = PANEL_H - MARGIN_B;
        g.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"14\" font-weight=\"bold\">%s</text>%n", MARGIN_L - 40, escape(title)));
        g.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", MARGIN_L, MARGIN_T, MARGIN_L, bottom));
        g.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", MARGIN_L, bottom, PANEL_W - 10, bottom));
        boolean log = maxY > 0;
        double top = Math.abs(maxY);
        int lines = log ? LOG_DECADES : 5;
        for (int i = 0; i <= 5; i++) {
            if (i <= lines) {
                double value = log ? top / Math.pow(10, lines - i) : top * i / 5;
                double yy = y(value, maxY);
                g.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", MARGIN_L, PANEL_W - 10, yy, yy));
                g.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"10\">%s</text>%n",
                        MARGIN_L - 4, yy + 3, compact(value)));
            }
            if (!categorical) {
                double xx = x(maxX * i / 5, maxX);
                g.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"10\">%s</text>%n",
                        xx, bottom + 14, compact(maxX * i / 5)));
            }
        }
        g.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                (MARGIN_L + PANEL_W) / 2, PANEL_H - 4, escape(xLabel)));
        g.append(String.format(Locale.ROOT, "<text transform=\"translate(14,%d) rotate(-90)\" text-anchor=\"middle\">%s</text>%n",
                (MARGIN_T + bottom) / 2, escape(yLabel)));
        return g.toString();
    }

    private static String bar(double x0, double width, double value, double maxY, String colour) {
        double top = y(value, maxY);
        return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>"
                        + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"9\">%s</text>%n",
                x0, top, width, PANEL_H - MARGIN_B - top, colour, x0 + width / 2, top - 2,
                value >= 10 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value));
    }

    private enum Corner { TOP_LEFT, TOP_RIGHT, BOTTOM_RIGHT }

    private static String legend(String colour, String label, int row) {
        return legend(colour, label, row, Corner.TOP_LEFT);
    }

    private static String legend(String colour, String label, int row, Corner corner) {
        int x = corner == Corner.TOP_LEFT ? MARGIN_L + 8 : PANEL_W - 170;
        int yy = corner == Corner.BOTTOM_RIGHT ? PANEL_H - MARGIN_B - 40 + row * 16 : MARGIN_T + 4 + row * 16;
        return String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" fill=\"%s\"/>"
                + "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>%n", x, yy, colour, x + 16, yy + 9, escape(label));
    }

    static double x(double value, double maxX) {
        return MARGIN_L + (PANEL_W - 10 - MARGIN_L) * value / maxX;
    }

    /** Vertical position: a positive {@code maxY} means a log scale of {@link #LOG_DECADES} decades, a negative one linear. */
    static double y(double value, double maxY) {
        double height = PANEL_H - MARGIN_B - MARGIN_T;
        if (maxY < 0) {
            return PANEL_H - MARGIN_B - height * Math.min(value, -maxY) / -maxY;
        }
        double min = maxY / Math.pow(10, LOG_DECADES);
        double clamped = Math.max(min, Math.min(value, maxY));
        return PANEL_H - MARGIN_B - height * Math.log10(clamped / min) / LOG_DECADES;
    }

    /** The next "round" number at or above {@code value}: 1, 2, 2.5, 5 × a power of ten. */
    static double nice(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String compact(double value) {
        if (value >= 1000 && value % 1000 == 0) {
            return String.format(Locale.ROOT, "%.0fk", value / 1000);
        }
        if (value >= 1000) {
            return String.format(Locale.ROOT, "%.1fk", value / 1000);
        }
        if (value > 0 && value < 1) {
            return java.math.BigDecimal.valueOf(value).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
        }
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
