package org.causette.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The hot spots of a JFR recording: for {@code jdk.ExecutionSample}, how often each method was on top of the stack
 * (self) and anywhere in it (total), and which threads were sampled; the same for allocation samples when present.
 */
final class ProfileTop {
    private ProfileTop() {
    }

    static String report(Path file, int top) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Long> allocations = new HashMap<>();
        Map<String, double[]> cpuByThread = new HashMap<>(); // name group → {sum of per-thread loads per period, samples}
        Map<String, Integer> eventsPerThread = new HashMap<>();
        long samples = 0;
        long allocated = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            RecordedStackTrace stack = event.getStackTrace();
            if (type.equals("jdk.ExecutionSample")) {
                samples++;
                String thread = event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName();
                threads.merge(thread == null ? "?" : thread.replaceAll("-?\\d+$", "-N"), 1, Integer::sum);
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                List<RecordedFrame> frames = stack.getFrames();
                self.merge(name(frames.get(0)), 1, Integer::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    String name = name(frame);
                    if (seen.add(name)) {
                        total.merge(name, 1, Integer::sum);
                    }
                }
            } else if (type.equals("jdk.ThreadCPULoad") && event.getThread("eventThread") != null) {
                String thread = event.getThread("eventThread").getJavaName();
                if (thread == null) {
                    thread = event.getThread("eventThread").getOSName();
                }
                String group = thread == null ? "?" : thread.replaceAll("[-#]?\\d+$", "-N").replaceAll("\\d+", "N");
                double load = event.getFloat("user") + event.getFloat("system");
                cpuByThread.computeIfAbsent(group, g -> new double[1])[0] += load;
                eventsPerThread.merge(thread + "#" + event.getThread("eventThread").getJavaThreadId(), 1, Integer::sum);
            } else if (type.equals("jdk.ObjectAllocationSample") && stack != null && !stack.getFrames().isEmpty()) {
                long weight = event.getLong("weight");
                allocated += weight;
                // The first frame outside the JDK says whose allocation it is.
                String owner = name(stack.getFrames().get(0));
                for (RecordedFrame frame : stack.getFrames()) {
                    String name = name(frame);
                    if (!name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun.")) {
                        owner = name;
                        break;
                    }
                }
                allocations.merge(owner, weight, Long::sum);
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: %d execution samples%n%n", file, samples));
        out.append(table("self (top of stack)", self, samples, top));
        out.append(table("total (anywhere in the stack)", total, samples, top));
        out.append(table("sampled threads", threads, samples, top));
        if (!cpuByThread.isEmpty()) {
            // jdk.ThreadCPULoad: each thread's share of the machine, once a second; summed per thread group and
            // averaged over the periods recorded, times the core count, it reads as cores.
            int cores = Runtime.getRuntime().availableProcessors();
            // One event per thread per period: the longest-lived thread saw every period.
            double seconds = Math.max(1, eventsPerThread.values().stream().mapToInt(Integer::intValue).max().orElse(1));
            out.append(String.format(Locale.ROOT, "CPU by thread group (jdk.ThreadCPULoad, in cores, averaged over %.0f samples)%n", seconds));
            cpuByThread.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0])).limit(top)
                    .forEach(e -> out.append(String.format(Locale.ROOT, "  %5.2f  %s%n", e.getValue()[0] * cores / seconds, e.getKey())));
            out.append('\n');
        }
        if (allocated > 0) {
            long allocatedTotal = allocated;
            out.append(String.format(Locale.ROOT, "allocation samples, by first non-JDK frame (%.1f MiB sampled weight)%n",
                    allocated / 1048576.0));
            allocations.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                    .forEach(e -> out.append(String.format(Locale.ROOT, "  %5.1f %%  %s%n", 100.0 * e.getValue() / allocatedTotal, e.getKey())));
        }
        return out.toString();
    }

    private static String table(String title, Map<String, Integer> counts, long samples, int top) {
        StringBuilder out = new StringBuilder(title).append('\n');
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        sorted.forEach((name, count) -> out.append(String.format(Locale.ROOT, "  %5.1f %%  %6d  %s%n",
                100.0 * count / Math.max(1, samples), count, name)));
        return out.append('\n').toString();
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
