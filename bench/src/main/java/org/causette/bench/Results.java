package org.causette.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What one run measured, written as JSON (for the chart and the record) and as Markdown tables (for the docs). */
final class Results {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Results() {
    }

    record Machine(String cpu, int cores, long memoryBytes, String java, String kernel, String openFilesLimit,
                   String portRange) {
    }

    /** CPU used during a window, in cores (1.0 = one core busy the whole time). */
    record Cpu(double server, double client, double machine) {
        double others() {
            return Math.max(0, machine - server - client);
        }
    }

    /** One closed-loop step: {@code shoppers} sockets, each sending as soon as answered (no faster than the interval). */
    record Step(String target, int shoppers, double seconds, long sent, long replies, double roundTripsPerSecond,
                long timeouts, long noReply, Map<String, Long> errors, Stats.Latency ack, Stats.Latency reply, Cpu cpu,
                long serverRssBytes, long serverHeapBytes, String loadAverage) {
        /** Server CPU time per answered round trip: what the server's own work costs, however busy the machine is. */
        public double serverCpuMicrosPerRoundTrip() {
            return roundTripsPerSecond <= 0 ? 0 : Math.round(cpu.server() / roundTripsPerSecond * 1e7) / 10.0;
        }
    }

    /** An open-loop run at a fixed total rate; latencies from the intended send times. */
    record Open(String target, double intendedRate, double achievedRate, int shoppers, double seconds, long sent,
                long replies, long timeouts, long noReply, long lateSends, Map<String, Long> errors,
                Stats.Latency ack, Stats.Latency reply, Cpu cpu, long serverRssBytes, long serverHeapBytes,
                String loadAverage) {
    }

    /** Idle sockets after a full GC: memory over the same server's baseline with none. */
    record Idle(String target, int connections, long serverRssBytes, long serverHeapBytes, long baselineRssBytes,
                long baselineHeapBytes, double rssPerConnection, double heapPerConnection, double clientMemoryPerConnection,
                Double marginalRssPerConnection, Double marginalHeapPerConnection,
                int serverThreads, String kernelSockets, String loadAverage) {
    }

    record Run(String mode, String startedAt, String finishedAt, Machine machine, String loadAverageAtStart,
               String loadAverageAtEnd, List<String> serverJvmOptions, String hubArguments, int minIntervalMs,
               List<Step> floorSteps, List<Step> hubSteps, Double floorSaturation, Double hubSaturation,
               Double ratioToFloor, Open open, List<Idle> idle, List<String> notes) {
    }

    static void write(Run run, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writeValue(file.toFile(), run);
    }

    static Run read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Run.class);
    }

    static String markdown(Run run) {
        StringBuilder out = new StringBuilder();
        out.append("Run ").append(run.mode()).append(", ").append(run.startedAt()).append(" → ").append(run.finishedAt())
                .append("; load average ").append(run.loadAverageAtStart()).append(" at start, ")
                .append(run.loadAverageAtEnd()).append(" at end\n\n");
        List<Step> steps = new ArrayList<>();
        if (run.floorSteps() != null) {
            steps.addAll(run.floorSteps());
        }
        if (run.hubSteps() != null) {
            steps.addAll(run.hubSteps());
        }
        if (!steps.isEmpty()) {
            out.append("| target | shoppers | round trips/s | server CPU µs / round trip | ack p50 / p99 ms | reply p50 / p99 ms | timeouts | errors "
                    + "| CPU server / client / others (cores) | server RSS MiB | heap MiB |\n");
            out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Step s : steps) {
                out.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.1f | %.2f / %.2f | %.2f / %.2f | %d | %d | %.2f / %.2f / %.2f | %.0f | %.0f |%n",
                        s.target(), s.shoppers(), s.roundTripsPerSecond(), s.serverCpuMicrosPerRoundTrip(), s.ack().p50(), s.ack().p99(),
                        s.reply().p50(), s.reply().p99(), s.timeouts(), s.errors().values().stream().mapToLong(Long::longValue).sum(),
                        s.cpu().server(), s.cpu().client(), s.cpu().others(), mib(s.serverRssBytes()), mib(s.serverHeapBytes())));
            }
            out.append('\n');
        }
        if (run.floorSaturation() != null || run.hubSaturation() != null) {
            out.append(String.format(Locale.ROOT, "Saturation: floor %s round trips/s, hub %s round trips/s, hub / floor = %s%n%n",
                    fmt(run.floorSaturation()), fmt(run.hubSaturation()),
                    run.ratioToFloor() == null ? "n/a" : String.format(Locale.ROOT, "%.3f", run.ratioToFloor())));
        }
        Open o = run.open();
        if (o != null) {
            out.append("| open loop | intended / achieved msg/s | shoppers | latency | p50 | p90 | p99 | p99.9 | max | within 1 s | count |\n");
            out.append("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (var entry : List.of(Map.entry("ack", o.ack()), Map.entry("bot reply", o.reply()))) {
                Stats.Latency l = entry.getValue();
                out.append(String.format(Locale.ROOT, "| %s | %.0f / %.0f | %d | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f %% | %d |%n",
                        o.target(), o.intendedRate(), o.achievedRate(), o.shoppers(), entry.getKey(), l.p50(), l.p90(),
                        l.p99(), l.p999(), l.max(), l.within1sPercent(), l.count()));
            }
            out.append(String.format(Locale.ROOT, "%nOpen loop: %d sent, %d answered, %d timeouts, %d late sends, errors %s; "
                            + "CPU server %.2f, client %.2f, others %.2f cores%n%n", o.sent(), o.replies(), o.timeouts(),
                    o.lateSends(), o.errors(), o.cpu().server(), o.cpu().client(), o.cpu().others()));
        }
        if (run.idle() != null && !run.idle().isEmpty()) {
            out.append("| target | idle sockets | server RSS MiB (baseline) | RSS / socket | heap / socket "
                    + "| marginal RSS / heap per socket | client heap+direct / socket | server threads |\n");
            out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Idle i : run.idle()) {
                out.append(String.format(Locale.ROOT, "| %s | %d | %.0f (%.0f) | %.2f KiB | %.2f KiB | %s | %.2f KiB | %d |%n",
                        i.target(), i.connections(), mib(i.serverRssBytes()), mib(i.baselineRssBytes()),
                        i.rssPerConnection() / 1024, i.heapPerConnection() / 1024,
                        i.marginalRssPerConnection() == null ? "–" : String.format(Locale.ROOT, "%.2f / %.2f KiB",
                                i.marginalRssPerConnection() / 1024, i.marginalHeapPerConnection() / 1024),
                        i.clientMemoryPerConnection() / 1024, i.serverThreads()));
            }
            out.append('\n');
        }
        if (run.notes() != null) {
            for (String note : run.notes()) {
                out.append("- ").append(note).append('\n');
            }
        }
        return out.toString();
    }

    private static String fmt(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.0f", value);
    }

    static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
