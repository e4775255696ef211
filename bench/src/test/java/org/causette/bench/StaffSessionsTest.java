package org.causette.bench;

import org.causette.server.CausetteServer;
import org.causette.server.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The staff side against a real hub in this JVM, on the site folder the tool generates: the hub accepts the folder
 * (bench-only password hashes included), staff log in over HTTP and come online, shoppers' hand-overs are taken and
 * answered both ways, and a queue change reaches every staff socket once with the same bytes.
 */
@Timeout(120)
class StaffSessionsTest {
    private static final int STAFF = 3;
    @TempDir
    static Path folders;
    private static CausetteServer hub;
    private static CausetteServer watchers;

    @BeforeAll
    static void start() throws Exception {
        // No jar to copy the demo's catalog from: the built-in human_request intent still hands over.
        Path site = BenchSite.write(folders.resolve("work"), null, STAFF, 2);
        Path watching = BenchSite.write(folders.resolve("watch"), null, STAFF, 0);
        hub = CausetteServer.start(ServerConfig.defaults().withPort(0).withSites(List.of(site)), Map.of());
        watchers = CausetteServer.start(ServerConfig.defaults().withPort(0).withSites(List.of(watching)), Map.of());
    }

    @AfterAll
    static void stop() {
        hub.close();
        watchers.close();
    }

    private static List<String> tokens(CausetteServer server, int count) throws Exception {
        return Login.tokens(server.port(), BenchSite.SITE_ID, IntStream.range(0, count).mapToObj(BenchSite::agentId).toList(),
                BenchSite.PASSWORD, 2);
    }

    @Test
    void shoppersAskForAPersonAndStaffAnswerAndClose() throws Exception {
        HandoverStats stats = new HandoverStats();
        List<String> tokens = tokens(hub, STAFF);
        try (SessionClient client = new SessionClient(hub.port(), 1, 1)) {
            StaffSession.Plan staffPlan = new StaffSession.Plan(TimeUnit.MILLISECONDS.toNanos(20), 2, false, 2, STAFF);
            List<StaffSession> staff = client.open(StaffSession.PATH, STAFF,
                    i -> new StaffSession(i, tokens.get(i), staffPlan, stats, null), 8, 30);
            assertEquals(STAFF, staff.size(), "every staff socket is welcomed");
            HandoverVisitor.Plan plan = new HandoverVisitor.Plan(TimeUnit.MILLISECONDS.toNanos(20),
                    TimeUnit.MILLISECONDS.toNanos(100), 2);
            List<HandoverVisitor> shoppers = client.open(HandoverVisitor.path(BenchSite.SITE_ID), 2,
                    i -> new HandoverVisitor(plan, stats), 8, 30);
            assertEquals(2, shoppers.size());
            shoppers.forEach(v -> v.start(TimeUnit.MILLISECONDS.toNanos(100)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (stats.completed.sum() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            shoppers.forEach(HandoverVisitor::stop);
            HandoverStats.Window w = stats.take();
            assertTrue(w.completed() >= 4, "conversations handed over, answered twice and closed by the agent: " + w);
            assertTrue(w.assignedToStaff() >= 4, "the hub gave the conversations to the staff: " + w);
            assertTrue(w.queueWait().getTotalCount() >= 4, "the shoppers saw state assigned");
            assertTrue(w.toAgent().getTotalCount() >= 8, "each shopper message reached the agent with its send time");
            assertTrue(w.toVisitor().getTotalCount() >= 8, "each answer reached the shopper with its send time");
            assertEquals(Map.of(), w.errors(), "no error frame on either side");
            assertEquals(Map.of(), stats.lostSockets(), "no socket closed under us");
        }
    }

    @Test
    void aQueueChangeReachesEveryStaffSocketWithTheSameBytes() throws Exception {
        HandoverStats stats = new HandoverStats();
        List<String> tokens = tokens(watchers, STAFF);
        String adminToken = Login.token(java.net.http.HttpClient.newHttpClient(), watchers.port(), BenchSite.SITE_ID,
                BenchSite.ADMIN, BenchSite.PASSWORD);
        FanoutProbe probe = new FanoutProbe(STAFF);
        StaffSession.Plan plan = new StaffSession.Plan(0, 0, false, 0, STAFF);
        try (SessionClient client = new SessionClient(watchers.port(), 2, 2)) {
            List<StaffSession> staff = client.open(StaffSession.PATH, STAFF,
                    i -> new StaffSession(i, tokens.get(i), plan, stats, probe), 8, 30);
            StaffSession admin = client.open(StaffSession.PATH, 1, i -> new StaffSession(STAFF, adminToken, plan, stats, probe), 1, 30).get(0);
            HandoverVisitor shopper = client.open(HandoverVisitor.path(BenchSite.SITE_ID), 1,
                    i -> new HandoverVisitor(new HandoverVisitor.Plan(0, 0, 0), stats), 1, 30).get(0);
            assertEquals(STAFF, staff.size());
            admin.keepQueue();
            Thread.sleep(300);

            probe.arm(System.nanoTime());
            long asked = shopper.askNow();
            assertTrue(probe.await(10_000), "every staff socket got a queue frame after the hand-over");
            FanoutProbe.Repetition handover = probe.result(asked);
            assertEquals(STAFF, handover.received());
            assertEquals(1, handover.distinctFrames(), "the same bytes everywhere");
            assertTrue(handover.nth(1) >= TimeUnit.MILLISECONDS.toNanos(StaffBench.QUEUE_PUSH_DELAY_MS),
                    "not before the hub's push delay: it is a frame caused by the trigger");
            Thread.sleep(300);

            probe.arm(System.nanoTime());
            AtomicLong sent = new AtomicLong();
            CountDownLatch closing = new CountDownLatch(1);
            admin.closeQueued(t -> {
                sent.set(t);
                closing.countDown();
            });
            assertTrue(closing.await(5, TimeUnit.SECONDS));
            assertTrue(sent.get() > 0, "the admin saw the queued conversation in its queue frame and closed it");
            assertTrue(probe.await(10_000), "every staff socket got the emptied queue");
            FanoutProbe.Repetition closed = probe.result(sent.get());
            assertEquals(STAFF, closed.received());
            assertTrue(closed.frameBytes() < handover.frameBytes(), "the queue is empty again");
            assertEquals(Map.of(), stats.take().errors());
        }
    }
}
