package org.causette.server.handover;

import com.fasterxml.jackson.databind.JsonNode;
import org.causette.server.store.Conversation;
import org.causette.server.store.ConversationState;
import org.causette.server.support.TestHub;
import org.causette.server.support.WsClient;
import org.causette.server.usecase.StaffService;
import org.causette.server.wire.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.causette.server.support.WsClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-over to people through the real server: visitors and several staff on real sockets. */
class HandoverTest {
    private TestHub hub;

    @BeforeEach
    void start() throws Exception {
        hub = TestHub.start();
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    /** The visitor asks for a person (the quick reply the bot offers) and returns the conversation id. */
    static String askForAPerson(WsClient visitor, String clientId) throws Exception {
        visitor.send(frame("message").put("clientId", clientId).put("text", "Parler à un conseiller")
                .put("payload", "INTENT:human_request"));
        return visitor.next("ack").path("conversationId").asText();
    }

    static JsonNode nextState(WsClient client, String state) throws InterruptedException {
        return client.nextMatching(f -> f.path("type").asText().equals("state") && f.path("state").asText().equals(state),
                "state " + state);
    }

    static JsonNode nextMessageFrom(WsClient client, String role) throws InterruptedException {
        return client.nextMatching(f -> f.path("type").asText().equals("message")
                && f.path("from").path("role").asText().equals(role), "a message from " + role);
    }

    static JsonNode nextMessageSaying(WsClient client, String role, String words) throws InterruptedException {
        return client.nextMatching(f -> f.path("type").asText().equals("message")
                && f.path("from").path("role").asText().equals(role) && f.path("text").asText().contains(words),
                "a message from " + role + " saying " + words);
    }

    @Test
    void anOnlineAgentGetsTheConversationAndTheyTalkBothWays() throws Exception {
        try (TestHub.Staff anna = hub.staff("anna"); WsClient visitor = hub.visitor()) {
            assertEquals("anna", anna.welcome().path("staff").path("id").asText());
            assertEquals("agent", anna.welcome().path("staff").path("role").asText());
            assertTrue(anna.welcome().path("conversations").isArray());
            String conversationId = askForAPerson(visitor, "c1");

            JsonNode assigned = anna.socket().next("assigned");
            assertEquals(conversationId, assigned.path("conversation").path("conversationId").asText());
            assertEquals("web", assigned.path("conversation").path("channel").asText());
            assertEquals("human_request", assigned.path("conversation").path("reason").asText());
            assertTrue(assigned.path("messages").size() >= 1, "the transcript so far");
            // The shopper is told who joined, then the state changes.
            nextMessageSaying(visitor, "system", "Anna");
            JsonNode joined = nextState(visitor, "assigned");
            assertEquals("agent", joined.path("assignee").path("role").asText());
            assertEquals("Anna", joined.path("assignee").path("name").asText());

            anna.socket().send(frame("message").put("conversationId", conversationId).put("clientId", "a1")
                    .put("text", "Bonjour, je suis Anna. Que puis-je faire pour vous ?"));
            JsonNode ack = anna.socket().next("ack");
            assertEquals("a1", ack.path("clientId").asText());
            JsonNode fromAnna = nextMessageFrom(visitor, "agent");
            assertEquals("Anna", fromAnna.path("from").path("name").asText());
            assertEquals(ack.path("seq").asLong(), fromAnna.path("seq").asLong());

            anna.socket().send(frame("message").put("conversationId", conversationId).put("clientId", "a2")
                    .put("text", "Note : client pressé").put("internal", true));
            anna.socket().next("ack");

            visitor.say("c2", "Je voudrais savoir si la lampe Luna existe en vert");
            JsonNode atAnna = nextMessageFrom(anna.socket(), "visitor");
            assertEquals("Je voudrais savoir si la lampe Luna existe en vert", atAnna.path("text").asText());
            List<JsonNode> visitorSaw = visitor.drain(Duration.ofMillis(400));
            assertTrue(visitorSaw.stream().noneMatch(f -> f.path("text").asText().contains("client pressé")),
                    "internal notes never reach the visitor: " + visitorSaw);
            assertTrue(visitorSaw.stream().noneMatch(f -> f.path("from").path("role").asText().equals("bot")),
                    "the bot is quiet once a person holds the conversation");

            visitor.send(frame("typing").put("on", true));
            JsonNode typing = anna.socket().next("typing");
            assertEquals(conversationId, typing.path("conversationId").asText());
            assertTrue(typing.path("on").asBoolean());
            anna.socket().send(frame("typing").put("conversationId", conversationId).put("on", true));
            assertEquals("agent", visitor.next("typing").path("from").path("role").asText());

            anna.socket().send(frame("read").put("conversationId", conversationId).put("seq", 1000));
            JsonNode read = visitor.next("read");
            assertEquals("agent", read.path("role").asText());
            assertTrue(read.path("seq").asLong() >= atAnna.path("seq").asLong());
            visitor.send(frame("read").put("seq", fromAnna.path("seq").asLong()));
            assertEquals("visitor", anna.socket().next("read").path("role").asText());

            anna.socket().send(frame("history").put("conversationId", conversationId).put("limit", 2));
            JsonNode history = anna.socket().next("history");
            assertEquals(2, history.path("messages").size());
        }
    }

    @Test
    void closingAsksForARatingAndTheNextMessageOpensANewConversation() throws Exception {
        try (TestHub.Staff anna = hub.staff("anna"); WsClient visitor = hub.visitor()) {
            String conversationId = askForAPerson(visitor, "c1");
            anna.socket().next("assigned");
            anna.socket().send(frame("close").put("conversationId", conversationId));
            JsonNode closed = nextState(visitor, "closed");
            assertEquals(conversationId, closed.path("conversationId").asText());
            nextState(anna.socket(), "closed");
            visitor.send(frame("rate").put("score", 5).put("comment", "Très efficace"));
            visitor.send(frame("ping"));
            visitor.next("pong");
            Thread.sleep(200);
            assertEquals(5, hub.server().store().rating(conversationId).orElseThrow().score());
            JsonNode fresh = visitor.say("c2", "Bonjour");
            assertFalse(fresh.path("conversationId").asText().equals(conversationId));
            assertEquals(1, fresh.path("seq").asLong());
        }
    }

    @Test
    void handBackGivesTheConversationToTheBotAgain() throws Exception {
        try (TestHub.Staff anna = hub.staff("anna"); WsClient visitor = hub.visitor()) {
            String conversationId = askForAPerson(visitor, "c1");
            anna.socket().next("assigned");
            anna.socket().send(frame("handback").put("conversationId", conversationId));
            assertEquals("handback", anna.socket().next("unassigned").path("reason").asText());
            nextState(visitor, "bot");
            visitor.say("c2", "Combien coûte la lampe Luna ?");
            assertTrue(nextMessageFrom(visitor, "bot").path("text").asText().length() > 0);
        }
    }

    @Test
    void transferToAPersonAndToASkill() throws Exception {
        try (TestHub.Staff anna = hub.staff("anna"); WsClient visitor = hub.visitor()) {
            String conversationId = askForAPerson(visitor, "c1");
            anna.socket().next("assigned");
            nextState(visitor, "assigned");
            try (TestHub.Staff root = hub.staff("root")) {
                anna.socket().send(frame("transfer").put("conversationId", conversationId).put("toStaffId", "zoe"));
                assertEquals("unavailable", anna.socket().next("error").path("code").asText(), "zoe is not online");
                try (TestHub.Staff zoe = hub.staff("zoe")) {
                    anna.socket().send(frame("transfer").put("conversationId", conversationId).put("toStaffId", "zoe"));
                    assertEquals(conversationId, zoe.socket().next("assigned").path("conversation").path("conversationId").asText());
                    assertEquals("transferred", anna.socket().next("unassigned").path("reason").asText());
                    assertEquals("Zoé", nextState(visitor, "assigned").path("assignee").path("name").asText());

                    zoe.socket().send(frame("transfer").put("conversationId", conversationId).put("toSkill", "sales"));
                    assertEquals("transferred", zoe.socket().next("unassigned").path("reason").asText());
                    // Back in the queue for "sales": the router gives it to an agent with that skill and room.
                    JsonNode again = visitor.nextMatching(f -> f.path("type").asText().equals("state")
                            && f.path("state").asText().equals("assigned"), "assigned again");
                    assertTrue(List.of("Anna", "Zoé").contains(again.path("assignee").path("name").asText()));
                }
                assertTrue(root.welcome().path("staff").path("role").asText().equals("admin"));
            }
        }
    }

    @Test
    void withNobodyOnlineTheVisitorWaitsInLineAndCanLeaveAnEmail() throws Exception {
        try (WsClient visitor = hub.visitor()) {
            String conversationId = askForAPerson(visitor, "c1");
            JsonNode notice = nextMessageFrom(visitor, "system");
            assertTrue(notice.path("quickReplies").toString().contains("LEAVE_EMAIL"), notice.toString());
            JsonNode queued = nextState(visitor, "queued");
            assertEquals(1, queued.path("queuePosition").asInt());

            visitor.send(frame("lead").put("email", "pas-une-adresse").put("consent", true));
            assertEquals("bad_request", visitor.next("error").path("code").asText());
            visitor.send(frame("lead").put("email", "anne@example.fr").put("consent", false));
            assertEquals("bad_request", visitor.next("error").path("code").asText());
            visitor.send(frame("lead").put("email", "anne@example.fr").put("consent", true).put("note", "Dispo le matin"));
            assertTrue(nextMessageFrom(visitor, "system").path("text").asText().contains("anne@example.fr"));

            String agent = hub.login("anna");
            JsonNode leads = Json.MAPPER.readTree(hub.get("/api/sites/test-shop/leads", agent).body());
            assertEquals("anne@example.fr", leads.path("leads").get(0).path("email").asText());
            assertEquals(conversationId, leads.path("leads").get(0).path("conversationId").asText());

            // Somebody comes online: the waiting conversation is theirs at once.
            try (TestHub.Staff anna = hub.staff("anna")) {
                assertEquals(conversationId, anna.socket().next("assigned").path("conversation").path("conversationId").asText());
            }
        }
    }

    @Test
    void queuePositionsCountTheShoppersAhead() throws Exception {
        try (WsClient first = hub.visitor(); WsClient second = hub.visitor(); TestHub.Staff anna = hub.staff("anna")) {
            anna.socket().send(frame("presence").put("status", "away"));
            Thread.sleep(200);
            askForAPerson(first, "f1");
            assertEquals(1, nextState(first, "queued").path("queuePosition").asInt());
            askForAPerson(second, "s1");
            assertEquals(2, nextState(second, "queued").path("queuePosition").asInt());
            JsonNode queue = anna.socket().nextMatching(f -> f.path("type").asText().equals("queue")
                    && f.path("items").size() == 2, "a queue of two");
            assertEquals("queued", queue.path("items").get(0).path("state").asText());

            // A shopper writing while in line changes the queue (last message, unread) each time: staff get one
            // refreshed queue for the burst, not one per message.
            anna.socket().drain(Duration.ofMillis(500));
            for (int i = 0; i < 10; i++) {
                first.send(frame("message").put("clientId", "burst-" + i).put("text", "toujours là ?"));
            }
            for (int i = 0; i < 10; i++) {
                first.next("ack");
            }
            List<JsonNode> pushes = anna.socket().drain(Duration.ofMillis(800)).stream()
                    .filter(f -> f.path("type").asText().equals("queue")).toList();
            assertTrue(!pushes.isEmpty() && pushes.size() < 10, "coalesced queue pushes: " + pushes.size());
            assertEquals("toujours là ?", pushes.get(pushes.size() - 1).path("items").get(0).path("lastMessage").asText());
        }
    }

    @Test
    void aCommunityQuestionGoesToAnAmbassadorWhoSeesNothingPersonal() throws Exception {
        try (TestHub.Staff leo = hub.staff("leo");
             WsClient visitor = WsClient.visitor(hub.port(), TestHub.SITE, org.causette.server.support.TestSites.ALLOWED_ORIGIN)) {
            long issuedAt = java.time.Instant.now().getEpochSecond();
            String hash = java.util.HexFormat.of().formatHex(org.causette.server.auth.Hmac.sha256(
                    org.causette.server.support.TestSites.IDENTITY_SECRET, "77." + issuedAt));
            var hello = frame("hello").put("locale", "fr-FR");
            hello.putObject("identity").put("userId", "77").put("email", "paul@example.fr").put("name", "Paul Martin")
                    .put("issuedAt", issuedAt).put("hash", hash);
            visitor.hello(hello);
            visitor.send(frame("message").put("clientId", "q1").put("text", "Quelle ampoule pour la Luna ?")
                    .put("payload", "INTENT:lamp_advice"));
            String conversationId = visitor.next("ack").path("conversationId").asText();

            JsonNode assigned = leo.socket().next("assigned");
            JsonNode shopper = assigned.path("conversation").path("visitor");
            assertTrue(shopper.path("id").asText().startsWith("shopper-"), shopper.toString());
            assertTrue(shopper.path("name").isMissingNode(), "no name for ambassadors");
            assertFalse(assigned.toString().contains("Paul") || assigned.toString().contains("paul@example.fr"));
            nextMessageSaying(visitor, "system", "client expert"); // the shopper is told it is a fellow customer
            JsonNode joined = nextState(visitor, "assigned");
            assertEquals("ambassador", joined.path("assignee").path("role").asText());

            JsonNode detail = Json.MAPPER.readTree(hub.get("/api/conversations/" + conversationId, leo.token()).body());
            assertTrue(detail.path("visitor").isMissingNode(), detail.toString());
            assertFalse(detail.toString().contains("paul@example.fr"));
            JsonNode forAgent = Json.MAPPER.readTree(hub.get("/api/conversations/" + conversationId, hub.login("anna")).body());
            assertEquals("paul@example.fr", forAgent.path("visitor").path("email").asText());
            assertEquals("77", forAgent.path("visitor").path("userId").asText());

            visitor.say("q2", "Vous pouvez m'écrire à paul@example.fr ou au 06 12 34 56 78");
            JsonNode masked = nextMessageFrom(leo.socket(), "visitor");
            assertEquals("Vous pouvez m'écrire à [email] ou au [phone]", masked.path("text").asText());

            leo.socket().send(frame("message").put("conversationId", conversationId).put("clientId", "l1")
                    .put("text", "Une ampoule LED E27 de 806 lumens, blanc chaud."));
            leo.socket().next("ack");
            assertEquals("ambassador", nextMessageFrom(visitor, "ambassador").path("from").path("role").asText());
        }
    }

    @Test
    void everyForbiddenAccessIsRefused() throws Exception {
        try (WsClient visitor = hub.visitor(); WsClient other = hub.visitor()) {
            String mine = askForAPerson(visitor, "c1");
            String theirs = askForAPerson(other, "o1");
            String agentToken = hub.login("anna");
            String ambassadorToken = hub.login("leo");

            assertEquals(403, hub.get("/api/sites/test-shop/report", agentToken).statusCode(), "report: admins only");
            assertEquals(403, hub.get("/api/sites/test-shop/report", ambassadorToken).statusCode());
            assertEquals(403, hub.delete("/api/sites/test-shop/visitors/v_x", agentToken).statusCode(), "erasure: admins only");
            assertEquals(403, hub.get("/api/sites/test-shop/leads", ambassadorToken).statusCode());
            assertEquals(403, hub.get("/api/conversations/" + mine, ambassadorToken).statusCode());
            assertEquals(403, hub.get("/api/sites/other-shop/conversations", agentToken).statusCode());
            assertEquals(401, hub.get("/api/sites/test-shop/conversations", null).statusCode());
            assertEquals(401, hub.get("/api/sites/test-shop/conversations", "made-up").statusCode());
            JsonNode ambassadorList = Json.MAPPER.readTree(hub.get("/api/sites/test-shop/conversations", ambassadorToken).body());
            assertEquals(0, ambassadorList.path("conversations").size(), "none handed to leo");

            try (TestHub.Staff leo = hub.staff("leo"); TestHub.Staff zoe = hub.staff("zoe")) {
                leo.socket().send(frame("accept").put("conversationId", mine));
                assertEquals("unauthorized", leo.socket().next("error").path("code").asText());
                leo.socket().send(frame("history").put("conversationId", mine));
                assertEquals("unauthorized", leo.socket().next("error").path("code").asText());
                zoe.socket().send(frame("message").put("conversationId", mine).put("clientId", "z1").put("text", "hello"));
                assertEquals("unauthorized", zoe.socket().next("error").path("code").asText());
                zoe.socket().send(frame("close").put("conversationId", theirs));
                assertEquals("unauthorized", zoe.socket().next("error").path("code").asText());
                zoe.socket().send(frame("accept").put("conversationId", "no-such-conversation"));
                assertEquals("not_found", zoe.socket().next("error").path("code").asText());
                zoe.socket().send(frame("transfer").put("conversationId", mine));
                assertEquals("bad_request", zoe.socket().next("error").path("code").asText());
            }
            try (WsClient forged = WsClient.connect(java.net.URI.create("ws://127.0.0.1:" + hub.port() + "/ws/staff"), null)) {
                forged.send(frame("hello").put("token", "forged"));
                assertEquals("unauthorized", forged.next("error").path("code").asText());
                assertEquals(1008, forged.awaitClose().getCloseCode().getCode());
            }
        }
    }

    @Test
    void manyStaffAcceptingAtOnceNeverShareAConversation() throws Exception {
        int shoppers = 6;
        List<WsClient> visitors = new java.util.ArrayList<>();
        List<TestHub.Staff> staff = new java.util.ArrayList<>();
        try {
            for (String name : List.of("anna", "zoe", "root", "anna", "zoe", "root")) {
                TestHub.Staff member = hub.staff(name);
                member.socket().send(frame("presence").put("status", "away"));
                staff.add(member);
            }
            Thread.sleep(300);
            List<String> conversations = new java.util.ArrayList<>();
            for (int i = 0; i < shoppers; i++) {
                WsClient visitor = hub.visitor();
                visitors.add(visitor);
                conversations.add(askForAPerson(visitor, "r" + i));
                nextState(visitor, "queued");
            }
            // Every socket asks for every conversation at the same moment.
            for (String conversationId : conversations) {
                for (TestHub.Staff member : staff) {
                    member.socket().send(frame("accept").put("conversationId", conversationId));
                }
            }
            Thread.sleep(1500);
            for (String conversationId : conversations) {
                assertEquals(ConversationState.ASSIGNED,
                        hub.server().store().findConversation(conversationId).orElseThrow().state());
            }
            // Count, per conversation, the distinct people who were told it is theirs.
            java.util.Map<String, java.util.Set<String>> owners = new java.util.HashMap<>();
            for (String conversationId : conversations) {
                owners.put(conversationId, new java.util.HashSet<>());
            }
            for (TestHub.Staff member : staff) {
                for (JsonNode frame : member.socket().drain(Duration.ofMillis(300))) {
                    if (frame.path("type").asText().equals("assigned")) {
                        owners.get(frame.path("conversation").path("conversationId").asText())
                                .add(member.welcome().path("staff").path("id").asText());
                    }
                }
            }
            for (String conversationId : conversations) {
                Conversation stored = hub.server().store().findConversation(conversationId).orElseThrow();
                assertEquals(java.util.Set.of(stored.assignee().staffId()), owners.get(conversationId),
                        "exactly the stored assignee was told, for " + conversationId);
            }
        } finally {
            for (WsClient visitor : visitors) {
                visitor.close();
            }
            for (TestHub.Staff member : staff) {
                member.close();
            }
        }
    }

    @Test
    void adminsReportAndEraseAVisitor() throws Exception {
        String visitorId;
        String conversationId;
        try (TestHub.Staff anna = hub.staff("anna"); WsClient visitor = WsClient.visitor(hub.port(), TestHub.SITE, org.causette.server.support.TestSites.ALLOWED_ORIGIN)) {
            visitorId = visitor.helloAnonymous().path("visitorId").asText();
            visitor.say("b1", "Combien coûte la lampe Luna ?");
            visitor.say("b2", "Quelle est la capitale du Pérou ?");
            conversationId = askForAPerson(visitor, "c1");
            anna.socket().next("assigned");
            anna.socket().send(frame("message").put("conversationId", conversationId).put("clientId", "a1").put("text", "Bonjour !"));
            anna.socket().next("ack");
            anna.socket().send(frame("close").put("conversationId", conversationId));
            nextState(visitor, "closed");
            visitor.send(frame("rate").put("score", 4));
            visitor.send(frame("ping"));
            visitor.next("pong");
        }
        Thread.sleep(200);
        String admin = hub.login("root");
        JsonNode report = Json.MAPPER.readTree(hub.get("/api/sites/test-shop/report", admin).body());
        for (String field : List.of("conversations", "botResolved", "handedOver", "containmentRate", "medianFirstResponseMs",
                "medianQueueWaitMs", "csatAverage", "csatCount", "conversions", "conversionValue", "topIntents", "unanswered")) {
            assertTrue(report.has(field), field + " in " + report);
        }
        assertEquals(1, report.path("conversations").asInt());
        assertEquals(1, report.path("handedOver").asInt());
        assertEquals(0.0, report.path("containmentRate").asDouble());
        assertEquals(4.0, report.path("csatAverage").asDouble());
        assertTrue(report.path("medianFirstResponseMs").asLong() >= 0);
        assertTrue(report.path("topIntents").size() >= 1);
        assertTrue(report.path("perDay").get(0).path("medianFirstResponseMs").asLong() >= 0, report.toString());
        assertEquals(400, hub.get("/api/sites/test-shop/report?from=yesterday", admin).statusCode());

        assertEquals(204, hub.delete("/api/sites/test-shop/visitors/" + visitorId, admin).statusCode());
        assertTrue(hub.server().store().findConversation(conversationId).isEmpty());
        assertTrue(hub.server().store().findVisitor(TestHub.SITE, visitorId).isEmpty());
        assertEquals(404, hub.get("/api/conversations/" + conversationId, admin).statusCode());
        assertNull(hub.server().store().rating(conversationId).orElse(null));
    }

    /**
     * A long queue: staff get its head (the longest waiting) and its length, not every summary: a frame that grew with
     * the queue and went to every staff socket would cost (queue × staff) bytes per change.
     */
    @Test
    void staffGetTheHeadOfALongQueueAndItsLength() throws Exception {
        int shoppers = StaffService.QUEUE_FRAME_ITEMS + 2;
        List<WsClient> visitors = new java.util.ArrayList<>();
        try (TestHub.Staff anna = hub.staff("anna")) {
            anna.socket().send(frame("presence").put("status", "away"));
            Thread.sleep(200);
            for (int i = 0; i < shoppers; i++) {
                WsClient visitor = hub.visitor();
                visitors.add(visitor);
                askForAPerson(visitor, "q" + i);
            }
            JsonNode queue = anna.socket().nextMatching(f -> f.path("type").asText().equals("queue")
                    && f.path("total").asInt() == shoppers, "the whole queue counted");
            assertEquals(StaffService.QUEUE_FRAME_ITEMS, queue.path("items").size());
            String longestWaiting = nextStateOf(visitors.get(0));
            assertEquals(longestWaiting, queue.path("items").get(0).path("conversationId").asText());

            try (TestHub.Staff zoe = hub.staff("zoe")) {
                assertEquals(shoppers, zoe.welcome().path("queueTotal").asInt());
                assertEquals(StaffService.QUEUE_FRAME_ITEMS, zoe.welcome().path("queue").size());
            }
        } finally {
            for (WsClient visitor : visitors) {
                visitor.close();
            }
        }
    }

    /** Summaries carry a preview of the last message, not all of it: a queue push goes to every staff socket. */
    @Test
    void summariesPreviewALongLastMessage() throws Exception {
        try (WsClient visitor = hub.visitor(); TestHub.Staff anna = hub.staff("anna")) {
            anna.socket().send(frame("presence").put("status", "away"));
            Thread.sleep(200);
            String conversationId = askForAPerson(visitor, "p1");
            nextState(visitor, "queued");
            String long4000 = "Une très longue question sur le canapé. ".repeat(100).substring(0, 4000);
            visitor.send(frame("message").put("clientId", "p2").put("text", long4000));
            visitor.next("ack");
            JsonNode queue = anna.socket().nextMatching(f -> f.path("type").asText().equals("queue")
                    && f.path("items").size() == 1
                    && f.path("items").get(0).path("lastMessage").asText().startsWith("Une très longue"), "the long message queued");
            String preview = queue.path("items").get(0).path("lastMessage").asText();
            assertEquals(201, preview.length(), preview);
            assertTrue(preview.endsWith("…"));
            assertEquals(conversationId, queue.path("items").get(0).path("conversationId").asText());
        }
    }

    private static String nextStateOf(WsClient visitor) throws InterruptedException {
        return nextState(visitor, "queued").path("conversationId").asText();
    }
}
