package org.causette.server.mail;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import org.causette.server.CausetteServer;
import org.causette.server.support.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.causette.server.mail.MailKit.emailMe;
import static org.causette.server.mail.MailKit.handedToAnna;
import static org.causette.server.mail.MailKit.part;
import static org.causette.server.mail.MailKit.reply;
import static org.causette.server.mail.MailKit.resumeToken;
import static org.causette.server.support.WsClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Staff replies emailed to a shopper who left, end to end: the real hub on a free port (memory store), a real
 * WebSocket client for the shopper and the agent, a real SMTP server (GreenMail) receiving the email, and the
 * emailed link reopening the conversation. The hub's clock is moved by hand for "away for a minute".
 */
class EmailWhenAwayTest {
    private MailKit kit;
    private CausetteServer hub;

    @BeforeEach
    void start() throws Exception {
        kit = new MailKit();
        hub = kit.hub("memory");
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
        kit.close();
    }

    @Test
    void aReplyToAShopperWhoLeftArrivesByEmailWithALinkThatReopensTheConversation() throws Exception {
        String visitorId;
        String conversationId;
        try (WsClient anna = kit.staff(hub, "anna")) {
            WsClient visitor = kit.visitor(hub);
            JsonNode welcome = visitor.helloAnonymous();
            visitorId = welcome.path("visitorId").asText();
            conversationId = handedToAnna(visitor, anna);
            emailMe(visitor, "anne@example.com");
            kit.closeAndWaitGone(hub, visitor);
            kit.clock.advance(Duration.ofMinutes(2));

            long sentAt = System.nanoTime();
            JsonNode ack = reply(anna, conversationId, "a1", "Oui, la lampe <b>Luna</b> existe en vert & en bleu.");
            assertTrue(kit.smtp.waitForIncomingEmail(10_000, 1), "an email within 10 s");
            long millis = (System.nanoTime() - sentAt) / 1_000_000;
            System.out.printf("mail: staff reply stored to email received by the SMTP server: %d ms%n", millis);

            MimeMessage email = kit.received()[0];
            assertEquals("anne@example.com", email.getAllRecipients()[0].toString());
            assertEquals("Test Shop vous a répondu", email.getSubject());
            assertEquals("<reply." + conversationId + "." + ack.path("seq").asLong() + "@shop.example>",
                    email.getMessageID(), "a Message-ID fixed by what the email carries");
            assertEquals("auto-generated", email.getHeader("Auto-Submitted")[0]);
            String plain = part(email, "text/plain");
            String html = part(email, "text/html");
            assertTrue(plain.contains("Oui, la lampe <b>Luna</b> existe en vert & en bleu."), plain);
            assertTrue(plain.contains("Anna"), plain);
            assertTrue(html.contains("Oui, la lampe &lt;b&gt;Luna&lt;/b&gt; existe en vert &amp; en bleu."), html);
            assertFalse(html.contains("<b>Luna"), "nothing from people reaches the HTML unescaped");
            String token = resumeToken(plain);
            assertEquals(token, resumeToken(html));
            assertTrue(plain.contains("48"), "the link's lifetime is said: " + plain);

            String metrics = kit.get(hub, "/metrics");
            assertTrue(metrics.contains("causette_mails_total{outcome=\"sent\",site=\"test-shop\"} 1.0"), metrics);

            // The link, in a browser with nothing stored (another device): the visitor and the whole conversation.
            try (WsClient elsewhere = kit.visitor(hub)) {
                elsewhere.send(frame("hello").put("locale", "fr-FR").put("lastSeq", 0).put("resume", token));
                JsonNode back = elsewhere.next("welcome");
                assertEquals(visitorId, back.path("visitorId").asText());
                assertEquals(conversationId, back.path("conversationId").asText());
                JsonNode annaSaid = elsewhere.nextMatching(f -> f.path("type").asText().equals("message")
                        && f.path("from").path("role").asText().equals("agent"), "Anna's reply replayed");
                assertTrue(annaSaid.path("text").asText().contains("Luna"));
                elsewhere.say("c9", "Merci, je prends la verte");
                JsonNode atAnna = anna.nextMatching(f -> f.path("type").asText().equals("message")
                        && f.path("from").path("role").asText().equals("visitor"), "the shopper back");
                assertEquals("Merci, je prends la verte", atAnna.path("text").asText());
            }
        }
        // An expired link is refused, said so, and the hello goes on as a new visitor.
        String token = resumeToken(part(kit.received()[0], "text/plain"));
        kit.clock.advance(Duration.ofHours(49));
        try (WsClient late = kit.visitor(hub)) {
            late.send(frame("hello").put("locale", "fr-FR").put("lastSeq", 0).put("resume", token));
            JsonNode error = late.next("error");
            assertEquals("unauthorized", error.path("code").asText());
            assertEquals("resume", error.path("ref").asText());
            assertFalse(late.next("welcome").path("visitorId").asText().equals(visitorId));
        }
        assertEquals(1, kit.received().length, "one email in all");
    }

    @Test
    void noEmailWhileTheShopperIsConnectedNorOnceTheyCameBackAndSawIt() throws Exception {
        try (WsClient anna = kit.staff(hub, "anna"); WsClient visitor = kit.visitor(hub)) {
            visitor.helloAnonymous();
            String conversationId = handedToAnna(visitor, anna);
            emailMe(visitor, "anne@example.com");
            kit.clock.advance(Duration.ofSeconds(30));
            hub.shopperPresence().renew();
            reply(anna, conversationId, "a1", "Je regarde pour vous.");
            // Connected for three more minutes, renewed as every node does.
            for (int i = 0; i < 9; i++) {
                kit.clock.advance(Duration.ofSeconds(20));
                hub.shopperPresence().renew();
            }
            Thread.sleep(2_500); // a few polls
            assertEquals(0, kit.received().length, "connected: no email");
            kit.closeAndWaitGone(hub, visitor);
            kit.clock.advance(Duration.ofMinutes(5));
            Thread.sleep(2_500);
            assertEquals(0, kit.received().length, "the reply was seen live: no email after the shopper left either");
        }

        // Replied while away; back before the email was due: the replay showed it, no email.
        try (WsClient anna = kit.staff(hub, "anna")) {
            WsClient visitor = kit.visitor(hub);
            String token = visitor.helloAnonymous().path("visitorToken").asText();
            String conversationId = handedToAnna(visitor, anna);
            emailMe(visitor, "bea@example.com");
            kit.closeAndWaitGone(hub, visitor);
            reply(anna, conversationId, "a2", "Elle est en stock.");
            kit.clock.advance(Duration.ofSeconds(30));
            try (WsClient back = kit.visitor(hub)) {
                back.hello(frame("hello").put("visitorToken", token).put("locale", "fr-FR").put("lastSeq", 0)
                        .put("conversationId", conversationId));
                back.nextMatching(f -> f.path("text").asText().contains("en stock"), "the reply replayed");
                kit.closeAndWaitGone(hub, back);
            }
            kit.clock.advance(Duration.ofMinutes(3));
            Thread.sleep(2_500);
            assertEquals(0, kit.received().length, "seen at the replay: no email");
            assertEquals(0, hub.mailStore().pendingReplyMails(MailKit.SITE), "nothing owed any more");
        }
    }

    @Test
    void agentsSeeTheAddressAmbassadorsNeverAndErasureForgetsIt() throws Exception {
        try (WsClient anna = kit.staff(hub, "anna")) {
            WsClient visitor = kit.visitor(hub);
            String visitorId = visitor.helloAnonymous().path("visitorId").asText();
            String conversationId = handedToAnna(visitor, anna);
            emailMe(visitor, "anne@example.com");
            kit.closeAndWaitGone(hub, visitor);

            var asAgent = kit.api(hub, "GET", "/api/conversations/" + conversationId, kit.login(hub, "anna"));
            assertEquals(200, asAgent.statusCode(), asAgent.body());
            JsonNode replyEmail = org.causette.server.wire.Json.MAPPER.readTree(asAgent.body()).path("visitor").path("replyEmail");
            assertEquals("anne@example.com", replyEmail.path("email").asText(), asAgent.body());
            assertEquals("email_me", replyEmail.path("source").asText());

            var asAmbassador = kit.api(hub, "GET", "/api/conversations/" + conversationId, kit.login(hub, "leo"));
            assertFalse(asAmbassador.body().contains("anne@example.com"), asAmbassador.body());
            var list = kit.api(hub, "GET", "/api/sites/" + MailKit.SITE + "/conversations", kit.login(hub, "leo"));
            assertFalse(list.body().contains("anne@example.com"), list.body());

            reply(anna, conversationId, "a1", "Une réponse qui attend son e-mail");
            assertEquals(1, hub.mailStore().pendingReplyMails(MailKit.SITE), "owed: the shopper left a minute ago at most");
            String admin = kit.login(hub, "root");
            assertEquals(204, kit.api(hub, "DELETE", "/api/sites/" + MailKit.SITE + "/visitors/" + visitorId, admin).statusCode());
            assertTrue(hub.mailStore().mailContact(MailKit.SITE, visitorId).isEmpty(), "erasure forgets the address");
            kit.clock.advance(Duration.ofMinutes(2));
            Thread.sleep(2_000);
            assertEquals(0, kit.received().length, "the owed email of an erased visitor is dropped, unsent");
            assertEquals(0, hub.mailStore().pendingReplyMails(MailKit.SITE));
        }
    }

    @Test
    void withoutConsentNoEmailAndInternalNotesAreNeverSent() throws Exception {
        try (WsClient anna = kit.staff(hub, "anna")) {
            WsClient visitor = kit.visitor(hub);
            visitor.helloAnonymous();
            String conversationId = handedToAnna(visitor, anna);
            visitor.send(frame("email_me").put("email", "anne@example.com").put("consent", false));
            assertEquals("bad_request", visitor.next("error").path("code").asText());
            kit.closeAndWaitGone(hub, visitor);
            kit.clock.advance(Duration.ofMinutes(2));
            reply(anna, conversationId, "a1", "Une réponse");
            Thread.sleep(2_500);
            assertEquals(0, kit.received().length, "no address with consent: no email");
        }
    }

    @Test
    void severalRepliesTravelInOneEmailAndALaterOneInTheNextOnly() throws Exception {
        List<String> texts = new ArrayList<>();
        try (WsClient anna = kit.staff(hub, "anna")) {
            WsClient visitor = kit.visitor(hub);
            visitor.send(frame("hello").put("locale", "en-GB").put("lastSeq", 0));
            visitor.next("welcome");
            String conversationId = handedToAnna(visitor, anna, "I would like to talk to someone");
            emailMe(visitor, "sam@example.com");
            kit.closeAndWaitGone(hub, visitor);
            kit.clock.advance(Duration.ofMinutes(2));
            // Written as one: the poller sees them due together only if they are stored before it looks.
            anna.send(frame("message").put("conversationId", conversationId).put("clientId", "n1")
                    .put("text", "internal: check stock").put("internal", true));
            anna.next("ack");
            reply(anna, conversationId, "a1", "First answer");
            assertTrue(kit.smtp.waitForIncomingEmail(10_000, 1));
            reply(anna, conversationId, "a2", "Second answer");
            assertTrue(kit.smtp.waitForIncomingEmail(10_000, 2));
            for (MimeMessage m : kit.received()) {
                texts.add(part(m, "text/plain"));
            }
            assertEquals("Test Shop replied to you", kit.received()[0].getSubject());
        }
        assertTrue(texts.get(0).contains("First answer") && !texts.get(0).contains("Second answer"), texts.get(0));
        assertTrue(texts.get(1).contains("Second answer") && !texts.get(1).contains("First answer"), texts.get(1));
        assertTrue(texts.stream().noneMatch(t -> t.contains("internal: check stock")), "internal notes never go out");
    }
}
