package org.causette.server.mail;

import jakarta.mail.internet.MimeMessage;
import org.causette.server.CausetteServer;
import org.causette.server.cluster.RedisBroker;
import redis.clients.jedis.Jedis;
import org.causette.server.support.RedisServer;
import org.causette.server.support.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.causette.server.mail.MailKit.emailMe;
import static org.causette.server.mail.MailKit.handedToAnna;
import static org.causette.server.mail.MailKit.part;
import static org.causette.server.mail.MailKit.reply;
import static org.causette.server.support.WsClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The email path when things go wrong, on the Redis store (a real redis-server): a restart does not send a message
 * twice, an SMTP server that is down gets the email once it is back, and a shopper connected to another node counts
 * as connected.
 */
class EmailDeliveryTest {
    private RedisServer redis;

    /**
     * A redis-server per test: each test moves its own clock, and presence or staff sessions written "in the future"
     * by one test's clock would be read by the next test's hubs on a shared Redis (never the case in production).
     */
    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterEach
    void stopRedis() throws Exception {
        redis.close();
    }

    @Test
    void afterARestartTheSameMessageIsNotEmailedAgainAndTheNextReplyGoesAlone() throws Exception {
        try (MailKit kit = new MailKit()) {
            String conversationId;
            String visitorToken;
            try (CausetteServer first = kit.hub(redis.uri()); WsClient anna = kit.staff(first, "anna")) {
                WsClient visitor = kit.visitor(first);
                visitorToken = visitor.helloAnonymous().path("visitorToken").asText();
                conversationId = handedToAnna(visitor, anna);
                emailMe(visitor, "anne@example.com");
                kit.closeAndWaitGone(first, visitor);
                kit.clock.advance(Duration.ofMinutes(2));
                reply(anna, conversationId, "a1", "Première réponse");
                assertTrue(kit.smtp.waitForIncomingEmail(10_000, 1));
            }
            try (CausetteServer second = kit.hub(redis.uri()); WsClient anna = kit.staff(second, "anna")) {
                Thread.sleep(2_500); // the new node's poller has looked several times
                assertEquals(1, kit.received().length, "the same message is not emailed again after a restart");
                reply(anna, conversationId, "a2", "Deuxième réponse");
                assertTrue(kit.smtp.waitForIncomingEmail(10_000, 2));
                String second2 = part(kit.received()[1], "text/plain");
                assertTrue(second2.contains("Deuxième réponse") && !second2.contains("Première réponse"), second2);
                assertTrue(second.mailStore().visitorLastSeen(MailKit.SITE, visitorIdOf(second, visitorToken)).isPresent());
            }
        }
    }

    @Test
    void anSmtpServerThatIsDownGetsTheEmailOnceItIsBack() throws Exception {
        System.setProperty("causette.mail.firstBackoffMs", "300");
        try (MailKit kit = new MailKit(RedisServer.freePort(), false); CausetteServer hub = kit.hub(redis.uri());
             WsClient anna = kit.staff(hub, "anna")) {
            WsClient visitor = kit.visitor(hub);
            visitor.helloAnonymous();
            String conversationId = handedToAnna(visitor, anna);
            emailMe(visitor, "anne@example.com");
            kit.closeAndWaitGone(hub, visitor);
            kit.clock.advance(Duration.ofMinutes(2));
            reply(anna, conversationId, "a1", "Malgré la panne");
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!kit.get(hub, "/metrics").contains("causette_mails_total{outcome=\"failed_attempt\",site=\"test-shop\"} 1.0")) {
                assertTrue(System.nanoTime() < until, "a failed attempt is counted");
                Thread.sleep(50);
            }
            assertEquals(1, hub.mailStore().pendingReplyMails(MailKit.SITE), "kept in the store until sent");
            kit.smtp.start();
            kit.clock.advance(Duration.ofMinutes(1)); // the hub's clock reaches the next attempt's time
            long back = System.nanoTime();
            assertTrue(kit.smtp.waitForIncomingEmail(15_000, 1), "sent once the SMTP server is back");
            System.out.printf("mail: SMTP server back to email received (backoff from 300 ms): %d ms%n",
                    (System.nanoTime() - back) / 1_000_000);
            MimeMessage email = kit.received()[0];
            assertTrue(part(email, "text/plain").contains("Malgré la panne"));
            Thread.sleep(1_500);
            assertEquals(1, kit.received().length, "once");
            assertEquals(0, hub.mailStore().pendingReplyMails(MailKit.SITE));
        } finally {
            System.clearProperty("causette.mail.firstBackoffMs");
        }
    }

    @Test
    void aShopperConnectedToAnotherNodeIsNotEmailed() throws Exception {
        try (MailKit kit = new MailKit(); CausetteServer one = kit.hub(redis.uri()); CausetteServer two = kit.hub(redis.uri());
             WsClient anna = kit.staff(one, "anna")) {
            awaitSubscribers(2);
            WsClient visitor = kit.visitor(one);
            String token = visitor.helloAnonymous().path("visitorToken").asText();
            String conversationId = handedToAnna(visitor, anna);
            emailMe(visitor, "anne@example.com");
            kit.closeAndWaitGone(one, visitor);
            // The shopper moves to node two (a reconnect through a load balancer) and stays there.
            try (WsClient onTwo = kit.visitor(two)) {
                onTwo.hello(frame("hello").put("visitorToken", token).put("locale", "fr-FR").put("lastSeq", 0)
                        .put("conversationId", conversationId));
                kit.clock.advance(Duration.ofSeconds(30));
                two.shopperPresence().renew();
                reply(anna, conversationId, "a1", "Vous êtes toujours là ?");
                onTwo.nextMatching(f -> f.path("text").asText().contains("toujours là"), "the reply, live on node two");
                for (int i = 0; i < 9; i++) {
                    kit.clock.advance(Duration.ofSeconds(20));
                    two.shopperPresence().renew();
                    one.shopperPresence().renew();
                }
                Thread.sleep(2_500);
                assertEquals(0, kit.received().length, "connected on node two: node one sends nothing");
            }
        }
    }

    /** Waits until both nodes listen on the site's channel: a reply published before would not reach node two. */
    private void awaitSubscribers(long count) throws InterruptedException {
        String channel = new String(RedisBroker.channel(MailKit.SITE), StandardCharsets.UTF_8);
        try (Jedis client = new Jedis("127.0.0.1", redis.port())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (client.pubsubNumSub(channel).getOrDefault(channel, 0L) < count) {
                assertTrue(System.nanoTime() < deadline, count + " subscribers expected on " + channel);
                Thread.sleep(50);
            }
        }
    }

    private static String visitorIdOf(CausetteServer hub, String token) {
        return hub.store() == null ? null : new org.causette.server.auth.VisitorTokens(hub.store().serverSecret())
                .verify(MailKit.SITE, token).orElseThrow();
    }
}
