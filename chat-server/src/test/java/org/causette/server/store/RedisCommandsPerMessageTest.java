package org.causette.server.store;

import com.fasterxml.jackson.databind.JsonNode;
import org.causette.server.support.ClusterNode;
import org.causette.server.support.RedisServer;
import org.causette.server.support.WsClient;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisMonitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.causette.server.support.WsClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Pins how many commands the hub sends Redis for one visitor message the bot answers, in an open conversation: the
 * cost that decides the hub's rate with the Redis store (docs/performance.md). Counted with MONITOR on a real
 * redis-server, so it is a count, not a timing: commands a script runs inside Redis are not round trips and are left
 * out, and so is background work (presence, routing sweeps, pool checks), which never names this visitor or conversation.
 */
class RedisCommandsPerMessageTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aVisitorMessageAnsweredByTheBotIsTwoScriptsAndOnePublishPerFrame() throws Exception {
        try (RedisServer redis = RedisServer.start("everysec");
             ClusterNode node = ClusterNode.start(redis.uri(), "node-a");
             WsClient visitor = node.visitorSocket()) {
            String visitorId = visitor.helloAnonymous().path("visitorId").asText();
            // The first message opens the conversation (a rarer path); the one measured goes into the open one.
            String conversationId = visitor.say("c1", "Bonjour").path("conversationId").asText();
            nextBotMessage(visitor);
            visitor.drain(Duration.ofMillis(300));

            try (Monitor monitor = new Monitor(redis.port())) {
                visitor.say("c2", "Bonjour");
                nextBotMessage(visitor);
                // A typing frame runs on the same lane after the bot's turn and reads the open conversation (one more
                // script naming the visitor): when MONITOR shows it, everything the message caused has been sent.
                visitor.send(frame("typing").put("on", true));
                List<String> commands = monitor.commandsNaming(visitorId, conversationId, 3);
                int botMessages = 1 + countBotMessages(visitor.drain(Duration.ofMillis(300)));

                List<String> expected = new ArrayList<>();
                expected.add("evalsha"); // idempotency + open conversation + append (Store.appendToOpen)
                expected.add("publish"); // the visitor's message to the other nodes (its other tabs)
                expected.add("evalsha"); // context + answers + bot-turn record (Store.saveBotTurn)
                for (int i = 0; i < botMessages; i++) {
                    expected.add("publish"); // each answer to the other nodes
                }
                expected.add("evalsha"); // the typing frame's read: the marker
                assertEquals(expected, commands, "Redis commands for one visitor message answered by the bot");
                assertEquals(1, botMessages, "the test shop greets with one message");
            }
        }
    }

    private static void nextBotMessage(WsClient client) throws InterruptedException {
        assertNotNull(client.nextMatching(f -> f.path("type").asText().equals("message")
                && f.path("from").path("role").asText().equals("bot"), "the bot's answer"));
    }

    private static int countBotMessages(List<JsonNode> frames) {
        return (int) frames.stream().filter(f -> f.path("type").asText().equals("message")
                && f.path("from").path("role").asText().equals("bot")).count();
    }

    /** MONITOR on its own connection and thread; every command Redis runs, as one line each, in order. */
    private static final class Monitor implements AutoCloseable {
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final Jedis connection;
        private final Thread thread;

        Monitor(int port) throws InterruptedException {
            connection = new Jedis("127.0.0.1", port);
            thread = new Thread(() -> {
                try {
                    connection.monitor(new JedisMonitor() {
                        @Override
                        public void onCommand(String command) {
                            lines.add(command);
                        }
                    });
                } catch (RuntimeException closed) {
                    // close() ends the monitor by closing its connection
                }
            }, "redis-monitor");
            thread.setDaemon(true);
            thread.start();
            // MONITOR is on once it shows a command sent after it.
            String marker = "monitor-started";
            try (Jedis other = new Jedis("127.0.0.1", port)) {
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (System.nanoTime() < deadline) {
                    other.echo(marker);
                    String line = lines.poll(100, TimeUnit.MILLISECONDS);
                    while (line != null && !line.contains(marker)) {
                        line = lines.poll(100, TimeUnit.MILLISECONDS);
                    }
                    if (line != null) {
                        lines.clear(); // the marker's repeats, if any, are not the hub's
                        return;
                    }
                }
            }
            throw new AssertionError("MONITOR did not start");
        }

        /**
         * The names of the commands sent by clients (not run inside scripts) that name the visitor or the conversation,
         * up to and including the {@code untilScript}-th script call.
         */
        List<String> commandsNaming(String visitorId, String conversationId, int untilScript) throws InterruptedException {
            List<String> names = new ArrayList<>();
            int scripts = 0;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (scripts < untilScript) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("only " + names + " within " + WAIT);
                }
                if (line.contains(" lua]") || !(line.contains(visitorId) || line.contains(conversationId))) {
                    continue;
                }
                int start = line.indexOf("] \"") + 3;
                String name = line.substring(start, line.indexOf('"', start)).toLowerCase(Locale.ROOT);
                names.add(name);
                if (name.equals("evalsha") || name.equals("eval")) {
                    scripts++;
                }
            }
            return names;
        }

        @Override
        public void close() throws InterruptedException {
            connection.disconnect();
            thread.join(5_000);
        }
    }
}
