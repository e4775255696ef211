package org.causette.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a hand-over or fan-out run measured, as JSON (the record) and Markdown (the docs), like {@link Results}. */
final class StaffResults {
    private StaffResults() {
    }

    /** A hand-over run: shoppers asking for a person, staff answering. */
    record Handover(String mode, String startedAt, String finishedAt, Results.Machine machine, String loadAverageAtStart,
                    String loadAverageAtEnd, List<String> serverJvmOptions, String siteDir, int staff, int staffOnline,
                    int shoppers, int shoppersReady, int maxChats, int staffThinkMs, int visitorThinkMs, int exchanges,
                    int pauseMs, boolean acceptFromQueue, double seconds, long handoverRequests, long handoversToStaff,
                    double handoversPerSecond, long conversationsCompleted, long visitorMessages, long agentMessages,
                    double relayedMessagesPerSecond, Stats.Latency visitorToAgent, Stats.Latency agentToVisitor,
                    Stats.Latency queueWait, long accepts, Map<String, Long> errors, Map<String, Long> socketsLost,
                    long largestQueueFrameBytes, Results.Cpu cpu,
                    long serverRssBytes, long serverHeapBytes, Double floorSaturation, Double relayedToFloorRatio,
                    List<String> notes) {
    }

    /** One fan-out: the trigger, then the first queue frame at every staff socket. Times in ms from the trigger. */
    record Repetition(int n, String trigger, int received, double firstMs, double p50Ms, double p99Ms, double lastMs,
                      double spreadMs, int distinctFrames, int frameBytes, long queueFramesWritten, Long queueFramesEncoded) {
    }

    /** A figure over the repetitions: its median and its worst. */
    record OverRepetitions(double medianMs, double maxMs) {
    }

    record Fanout(String mode, String startedAt, String finishedAt, Results.Machine machine, String loadAverageAtStart,
                  String loadAverageAtEnd, List<String> serverJvmOptions, String siteDir, int staff, int staffOnline,
                  int repetitions, List<Repetition> runs, OverRepetitions first, OverRepetitions p50, OverRepetitions p99,
                  OverRepetitions last, OverRepetitions spread, Stats.Latency allArrivals, long queueFramesWritten,
                  Long queueFramesEncoded, String encodedCounter, Results.Cpu cpu, double serverCpuMicrosPerDelivery,
                  long serverRssBaselineBytes, long serverRssWithStaffBytes, long serverHeapBaselineBytes,
                  long serverHeapWithStaffBytes, double rssPerStaffSocket, double heapPerStaffSocket, List<String> notes) {
    }

    static void write(Object run, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Results.JSON.writeValue(file.toFile(), run);
    }

    static String markdown(Handover h) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Run handover, %s → %s; load average %s at start, %s at end%n%n", h.startedAt(),
                h.finishedAt(), h.loadAverageAtStart(), h.loadAverageAtEnd()));
        out.append(String.format(Locale.ROOT, "%d staff online (of %d, %d chats each), %d shoppers (of %d); staff think %d ms, "
                        + "shopper think %d ms, %d exchanges per conversation, %d ms pause between conversations; %.0f s measured%n%n",
                h.staffOnline(), h.staff(), h.maxChats(), h.shoppersReady(), h.shoppers(), h.staffThinkMs(), h.visitorThinkMs(),
                h.exchanges(), h.pauseMs(), h.seconds()));
        out.append("| hand-over requests | hand-overs/s | conversations closed | relayed messages/s | CPU server / client / others (cores) | server RSS MiB | heap MiB |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        out.append(String.format(Locale.ROOT, "| %d | %.1f | %d | %.1f | %.2f / %.2f / %.2f | %.0f | %.0f |%n%n", h.handoverRequests(), h.handoversPerSecond(),
                h.conversationsCompleted(), h.relayedMessagesPerSecond(), h.cpu().server(), h.cpu().client(), h.cpu().others(),
                Results.mib(h.serverRssBytes()), Results.mib(h.serverHeapBytes())));
        out.append("| latency | p50 | p90 | p99 | p99.9 | max | within 1 s | count |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (var entry : List.of(Map.entry("visitor → agent", h.visitorToAgent()), Map.entry("agent → visitor", h.agentToVisitor()),
                Map.entry("queue wait (request → assigned)", h.queueWait()))) {
            Stats.Latency l = entry.getValue();
            out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f %% | %d |%n", entry.getKey(),
                    l.p50(), l.p90(), l.p99(), l.p999(), l.max(), l.within1sPercent(), l.count()));
        }
        out.append('\n');
        if (h.relayedToFloorRatio() != null) {
            out.append(String.format(Locale.ROOT, "Relayed messages/s over the floor's echo round trips/s (%.0f): %.4f%n%n",
                    h.floorSaturation(), h.relayedToFloorRatio()));
        }
        out.append("Errors: ").append(h.errors()).append("; sockets lost after their welcome: ").append(h.socketsLost())
                .append(String.format(Locale.ROOT, "; largest queue frame %.1f KiB%n", h.largestQueueFrameBytes() / 1024.0));
        notes(out, h.notes());
        return out.toString();
    }

    static String markdown(Fanout f) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Run fanout, %s → %s; load average %s at start, %s at end%n%n", f.startedAt(),
                f.finishedAt(), f.loadAverageAtStart(), f.loadAverageAtEnd()));
        out.append(String.format(Locale.ROOT, "%d staff sockets online (of %d) on one site, %d fan-outs%n%n", f.staffOnline(), f.staff(),
                f.runs().size()));
        out.append("| # | trigger | received | 1st ms | p50 ms | p99 ms | last ms | last − 1st ms | distinct frames | bytes | queue frames written | encoded |\n");
        out.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Repetition r : f.runs()) {
            out.append(String.format(Locale.ROOT, "| %d | %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %d | %d | %d | %s |%n", r.n(),
                    r.trigger(), r.received(), r.firstMs(), r.p50Ms(), r.p99Ms(), r.lastMs(), r.spreadMs(), r.distinctFrames(),
                    r.frameBytes(), r.queueFramesWritten(), r.queueFramesEncoded() == null ? "–" : r.queueFramesEncoded().toString()));
        }
        out.append('\n');
        out.append("| over the fan-outs | 1st receiver | 50th percentile | 99th percentile | last receiver | last − 1st |\n");
        out.append("|---|---:|---:|---:|---:|---:|\n");
        out.append(String.format(Locale.ROOT, "| median ms | %.2f | %.2f | %.2f | %.2f | %.2f |%n", f.first().medianMs(), f.p50().medianMs(),
                f.p99().medianMs(), f.last().medianMs(), f.spread().medianMs()));
        out.append(String.format(Locale.ROOT, "| worst ms | %.2f | %.2f | %.2f | %.2f | %.2f |%n%n", f.first().maxMs(), f.p50().maxMs(),
                f.p99().maxMs(), f.last().maxMs(), f.spread().maxMs()));
        out.append(String.format(Locale.ROOT, "Queue frames written (causette_frames_out_total{type=\"queue\"}): %d; encoded: %s%n",
                f.queueFramesWritten(), f.queueFramesEncoded() == null ? "no counter in /metrics (" + f.encodedCounter() + " absent)"
                        : f.queueFramesEncoded().toString()));
        out.append(String.format(Locale.ROOT, "Server CPU %.2f cores during the fan-outs, %.1f µs per frame delivered; client %.2f, others %.2f%n",
                f.cpu().server(), f.serverCpuMicrosPerDelivery(), f.cpu().client(), f.cpu().others()));
        out.append(String.format(Locale.ROOT, "Server RSS %.0f MiB → %.0f MiB with the staff online (%.2f KiB per staff socket); heap %.0f → %.0f MiB (%.2f KiB)%n",
                Results.mib(f.serverRssBaselineBytes()), Results.mib(f.serverRssWithStaffBytes()), f.rssPerStaffSocket() / 1024,
                Results.mib(f.serverHeapBaselineBytes()), Results.mib(f.serverHeapWithStaffBytes()), f.heapPerStaffSocket() / 1024));
        notes(out, f.notes());
        return out.toString();
    }

    private static void notes(StringBuilder out, List<String> notes) {
        if (notes != null) {
            for (String note : notes) {
                out.append("- ").append(note).append('\n');
            }
        }
    }
}
