package org.causette.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line: a mode, then {@code --name value} pairs (or {@code --flag}). Every option has its default written
 * where it is read, and {@link #usage} lists them all.
 */
final class Options {
    private final String mode;
    private final Map<String, String> values;

    private Options(String mode, Map<String, String> values) {
        this.mode = mode;
        this.values = values;
    }

    static Options parse(String... args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("a mode is needed: floor, hub, idle, handover, fanout, profile-top, chart or echo-server");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got \"" + arg + "\"");
            }
            String name = arg.substring(2);
            String value = "true";
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            }
            values.put(name, value);
        }
        return new Options(args[0], values);
    }

    String mode() {
        return mode;
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        String value = values.get(name);
        return value == null ? fallback : Integer.parseInt(value.replace("_", ""));
    }

    double decimal(String name, double fallback) {
        String value = values.get(name);
        return value == null ? fallback : Double.parseDouble(value);
    }

    boolean flag(String name) {
        String value = values.get(name);
        return value != null && !value.equals("false");
    }

    /** A comma-separated list of whole numbers, such as {@code 250,500,1000}. */
    List<Integer> integers(String name, String fallback) {
        List<Integer> list = new ArrayList<>();
        for (String part : string(name, fallback).split(",")) {
            if (!part.isBlank()) {
                list.add(Integer.parseInt(part.trim().replace("_", "")));
            }
        }
        return list;
    }

    /** JVM options given as one string, split on spaces. */
    List<String> words(String name, String fallback) {
        String value = string(name, fallback).trim();
        return value.isEmpty() ? List.of() : Arrays.asList(value.split("\\s+"));
    }

    static String usage() {
        return """
                causette-bench MODE [options]     (all traffic to 127.0.0.0/8; every phase bounded in time)

                Modes
                  floor        closed-loop saturation ramp (and optional open loop) against the bare Netty echo server
                  hub          the floor first, then a ramp against a Causette hub, then open loop at
                               --open-fraction of the hub's saturation against a fresh hub; rates also as a
                               ratio to the floor
                  idle         N idle visitors (hello, then nothing) against the echo floor and the hub: memory per socket
                  soak         issue 21's four denial-of-service shapes (unknown paths, slow-pattern text, consented
                               events, idle connections), --seconds each (60) then --after (15) quiet, against a hub
                               with a --heap (256m) heap and its shipped limits; a normal shopper's ack latency, heap,
                               open files and /healthz throughout (docs/security.md)
                  handover     staff on the other side: --shoppers ask the bot for a person, --staff agents (logged in over
                               HTTP, /ws/staff) take the conversations and answer; delivery latency both ways, queue
                               wait, hand-overs/s (hub on a generated site folder, see docs/performance.md)
                  fanout       --staff staff sockets online on one site; a shopper's hand-over, then an admin's close,
                               each make the hub push a queue frame to every staff socket: delay from the trigger to
                               the 1st, 50th and 99th percentile and last socket, --repetitions times
                  profile-top  FILE.jfr [--top 25]: the hottest methods of a JFR recording (self and total samples)
                  chart        RESULTS.json [--svg OUT.svg]: the chart of a hub run
                  echo-server  --port N: the floor server itself (started by floor/hub/idle as a child process)

                Servers (started as child processes with the same JVM options, stopped at the end)
                  --server-jar PATH      chat-server/target/causette.jar
                  --jvm-opts "…"         "-Xms256m -Xmx1g -XX:+UseG1GC"   (hub and floor alike)
                  --hub-args "…"         ""   extra hub arguments
                  --redis                the hub on the Redis store: a redis-server of our own on --redis-port
                                         (6390), emptied before each hub start; its CPU counts as the server's
                  --port N               18080 (hub); the floor uses port+1
                  --jfr                  record the hub's ramp with JFR (profile settings) into OUT/hub.jfr
                  --no-floor             (hub) skip the floor (ratios are then not reported)
                  --start-timeout S      90

                Load (the client: Netty, epoll, --client-threads event loops, pre-encoded frames, byte scanning)
                  --client-threads N     1
                  --steps LIST           100,200,400,800,1600,3200   hub shoppers per ramp step (sockets are added)
                  --floor-steps LIST     50,100,200,400,800,1600     floor shoppers per ramp step
                  --server-warmup S      20    100 shoppers before the first step (JIT), and before the open loop
                  --warmup S             5     per step
                  --measure S            10    per step
                  --min-interval-ms N    110   a shopper never sends faster than this (the hub's flood guard
                                                allows bursts of 30 then 10 frames/s per socket)
                  --floor-min-interval-ms N  0: the echo has no flood guard, its shoppers send as fast as answered
                  --open                 (floor) also run the open loop against the floor
                  --open-fraction F      0.5   open loop at F × the hub's saturation rate
                  --open-rate R          (instead of the fraction) total messages/s
                  --per-shopper-rate R   2     open loop: messages/s per shopper, so shoppers = rate / R
                  --timeout-ms N         30000 an answer later than this counts as a timeout (and the
                                                shopper moves on)
                  --source-addrs N       4     source addresses 127.0.0.2 … 127.0.0.(N+1), round robin
                  --connect-parallel N   256   handshakes in flight while connecting
                  --out DIR              bench/results
                  --max-minutes N        30    the whole run is stopped after this

                Staff (handover, fanout; bench-only staff accounts, PBKDF2 at 10,000 iterations)
                  --staff N              50 (handover), 1000 (fanout)   agents agent-0001 … (+ bench-admin)
                  --max-chats N          4 (handover), 0 (fanout: watchers routing never assigns, so the
                                         conversation stays queued and each trigger is one queue change)
                  --shoppers M           100   (handover) shoppers asking for a person, in a cycle
                  --think-ms N           1000  (handover) a staff member's wait before answering
                  --visitor-think-ms N   1000  (handover) a shopper's wait before writing again
                  --exchanges K          3     (handover) messages per conversation; the agent then closes it
                  --pause-ms N           2000  (handover) a shopper's pause before asking for a person again
                  --accept-queue         (handover) staff also accept waiting conversations from queue frames
                  --with-floor           (handover) run the floor ramp first: relayed messages/s over floor echoes/s
                  --warmup S / --measure S   10 / 30 (handover)
                  --repetitions R        20    (fanout) measured fan-outs of each trigger, after
                  --warmup-repetitions N 5     (fanout)
                  --fanout-timeout-ms N  10000 (fanout) wait for the last staff socket
                  --login-parallel N     4     POST /api/login in flight

                Idle
                  --idle LIST            1000,5000,10000   idle sockets per step (kept, added up)
                  --settle S             5     wait after each step before the full GC and the sample
                  --histogram            after the last step, the server's class histogram to OUT/TARGET-idle-histogram.txt
                  --nodes N              1     with --redis: N hub nodes of one cluster (ports --port, +2, +4 …), each
                                               with a client process of its own, the sockets spread evenly; past one
                                               process's open-files limit (100,000 sockets: --nodes 6)
                """;
    }
}
