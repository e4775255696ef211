package org.causette.server.channel;

import com.fasterxml.jackson.databind.JsonNode;
import org.causette.server.support.TestHub;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.causette.server.channel.ChannelTestKit.page;
import static org.causette.server.channel.ChannelTestKit.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signed webhooks to a shop's CRM: a real HTTP server as the receiver. */
class CrmWebhooksTest {

    @Test
    void eventsAreSignedAndRetriedUntilTheReceiverSays2xx() throws Exception {
        try (ChannelTestKit kit = new ChannelTestKit()) {
            kit.crm.respond(500);
            kit.messenger(page(text("3001", "mid.crm.1", 1795000000000L, "Bonjour")));

            ChannelTestKit.FakeHttp.Request failed = kit.crm.next(r -> true, "a first attempt");
            // Every event of the subscription arrives; the one that got a 500 comes again with the same body.
            List<ChannelTestKit.FakeHttp.Request> delivered = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline && delivered.stream().noneMatch(r -> r.body().equals(failed.body()))) {
                delivered.addAll(kit.crm.drain(Duration.ofMillis(200)));
            }
            delivered.addAll(kit.crm.drain(Duration.ofMillis(1000)));
            ChannelTestKit.FakeHttp.Request retried = delivered.stream().filter(r -> r.body().equals(failed.body()))
                    .findFirst().orElseThrow(() -> new AssertionError("no retry of " + failed.body()));
            assertEquals(failed.header("X-Causette-Delivery"), retried.header("X-Causette-Delivery"));

            for (ChannelTestKit.FakeHttp.Request request : delivered) {
                assertEquals("/crm/hook", request.path());
                assertTrue(CrmWebhooks.verify(ChannelTestKit.CRM_SECRET, request.header("X-Causette-Signature"),
                        request.body().getBytes(StandardCharsets.UTF_8), Instant.now(), Duration.ofMinutes(5)),
                        "signed: " + request.header("X-Causette-Signature"));
                assertFalse(CrmWebhooks.verify("another-secret-0123456789", request.header("X-Causette-Signature"),
                        request.body().getBytes(StandardCharsets.UTF_8), Instant.now(), Duration.ofMinutes(5)));
                JsonNode body = request.json();
                assertEquals(request.header("X-Causette-Event"), body.path("event").asText());
                assertEquals(request.header("X-Causette-Delivery"), body.path("id").asText());
                assertEquals(TestHub.SITE, body.path("site").asText());
                assertEquals("messenger", body.path("data").path("conversation").path("channel").asText());
            }
            List<String> events = delivered.stream().map(r -> r.json().path("event").asText()).toList();
            assertTrue(events.contains("conversation.created"), events.toString());
            assertTrue(delivered.stream().anyMatch(r -> r.json().path("event").asText().equals("message.created")
                    && r.json().path("data").path("message").path("role").asText().equals("visitor")
                    && r.json().path("data").path("message").path("text").asText().equals("Bonjour")), events.toString());
            assertTrue(delivered.stream().anyMatch(r -> r.json().path("data").path("message").path("role").asText().equals("bot")),
                    "the bot's answer too: " + events);
            assertTrue(events.stream().allMatch(e -> e.equals("conversation.created") || e.equals("message.created")),
                    "only the subscribed events: " + events);
            MessengerChannelTest.await(() -> kit.hub.server().store().webhookDeliveries(TestHub.SITE, 100).isEmpty(),
                    "the outbox is empty once everything is delivered");
            String metrics = kit.hub.get("/metrics", null).body();
            assertTrue(metrics.contains("causette_crm_webhooks_total{outcome=\"failed_attempt\",site=\"test-shop\"} 1")
                    || metrics.contains("causette_crm_webhooks_total{site=\"test-shop\",outcome=\"failed_attempt\"} 1"), metrics);
        }
    }

    @Test
    void theSignatureSchemeIsHmacOfTimestampDotBody() {
        byte[] body = "{\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
        String header = CrmWebhooks.signature("s3cret-s3cret-s3cret", 1795000000L, body);
        assertEquals("t=1795000000,v1=" + java.util.HexFormat.of().formatHex(org.causette.server.auth.Hmac.sha256(
                "s3cret-s3cret-s3cret", "1795000000.{\"id\":\"1\"}")), header);
        assertTrue(CrmWebhooks.verify("s3cret-s3cret-s3cret", header, body, Instant.ofEpochSecond(1795000100L), Duration.ofMinutes(5)));
        assertFalse(CrmWebhooks.verify("s3cret-s3cret-s3cret", header, body, Instant.ofEpochSecond(1795009999L), Duration.ofMinutes(5)),
                "too old: a replay");
        assertFalse(CrmWebhooks.verify("s3cret-s3cret-s3cret", header, "{\"id\":\"2\"}".getBytes(StandardCharsets.UTF_8),
                Instant.ofEpochSecond(1795000000L), Duration.ofMinutes(5)));
    }
}
