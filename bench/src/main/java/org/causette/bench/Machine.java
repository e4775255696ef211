package org.causette.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What this machine is and how busy it is, from /proc: numbers that go next to every result. */
final class Machine {
    private Machine() {
    }

    static Results.Machine describe() {
        return new Results.Machine(cpuModel(), Runtime.getRuntime().availableProcessors(), memTotal(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                Long.toString(openFilesLimit()), String.join(" ", lines("/proc/sys/net/ipv4/ip_local_port_range")).trim().replaceAll("\\s+", "-"));
    }

    static String loadAverage() {
        String[] parts = read("/proc/loadavg").trim().split("\\s+");
        return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "?";
    }

    /** Busy CPU ticks of the whole machine (all but idle and iowait), in USER_HZ (1/100 s). */
    static long busyTicks() {
        for (String line : lines("/proc/stat")) {
            if (line.startsWith("cpu ")) {
                String[] f = line.trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < f.length && i <= 8; i++) {
                    total += Long.parseLong(f[i]);
                }
                return total - Long.parseLong(f[4]) - Long.parseLong(f[5]);
            }
        }
        return 0;
    }

    /** The soft open-files limit of this process. */
    static long openFilesLimit() {
        for (String line : lines("/proc/self/limits")) {
            if (line.startsWith("Max open files")) {
                String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                return f[0].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(f[0]);
            }
        }
        return 1024;
    }

    /** The kernel's TCP line: sockets in use, and their buffer memory in pages (not part of any process's RSS). */
    static String sockstat() {
        for (String line : lines("/proc/net/sockstat")) {
            if (line.startsWith("TCP:")) {
                return line.trim();
            }
        }
        return "";
    }

    private static String cpuModel() {
        for (String line : lines("/proc/cpuinfo")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "?";
    }

    private static long memTotal() {
        for (String line : lines("/proc/meminfo")) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }
}
