package org.causette.server.channel;

import org.causette.server.store.Conversation;
import org.causette.server.store.ConversationState;
import org.causette.server.support.TestHub;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.causette.server.channel.ChannelTestKit.page;
import static org.causette.server.channel.ChannelTestKit.postback;
import static org.causette.server.channel.ChannelTestKit.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code messenger.handover: "page_inbox"}: hand-overs go to Meta's Page inbox by the Handover Protocol. */
class PageInboxHandoverTest {

    @Test
    void aHandOverPassesThreadControlToThePageInboxAndComesBack() throws Exception {
        try (ChannelTestKit kit = new ChannelTestKit("page_inbox")) {
            kit.messenger(page(postback("2001", "mid.ho.1", 1795000000000L, "Parler à un conseiller", "INTENT:human_request")));
            ChannelTestKit.FakeHttp.Request pass = kit.graph.next(r -> r.path().endsWith("/pass_thread_control"), "pass_thread_control");
            assertEquals("/v21.0/PAGE-1/pass_thread_control", pass.path());
            assertEquals("access_token=PAGE-TOKEN", pass.query());
            assertEquals("263902037430900", pass.json().path("target_app_id").asText());
            assertEquals("2001", pass.json().path("recipient").path("id").asText());
            MessengerChannelTest.await(() -> open(kit).map(c -> c.heldBy("page-inbox")).orElse(false), "held by the Page inbox");
            assertEquals(0, kit.hub.server().store().queue(TestHub.SITE).size(), "not in our console's queue");

            // The Page inbox is done: control comes back, and the bot answers again.
            kit.messenger(page("{\"sender\":{\"id\":\"2001\"},\"recipient\":{\"id\":\"PAGE-1\"},\"timestamp\":1795000009000,"
                    + "\"pass_thread_control\":{\"new_owner_app_id\":\"123\",\"metadata\":\"done\"}}"));
            MessengerChannelTest.await(() -> open(kit).map(c -> c.state() == ConversationState.BOT).orElse(false), "back to the bot");
            kit.graph.drain(java.time.Duration.ofMillis(300));
            kit.messenger(page(text("2001", "mid.ho.2", 1795000010000L, "Combien coûte la livraison ?")));
            kit.graph.next(r -> r.json().has("message") && r.json().path("recipient").path("id").asText().equals("2001"), "the bot's answer");
        }
    }

    private static Optional<Conversation> open(ChannelTestKit kit) {
        return kit.hub.server().store().findOpenConversation(TestHub.SITE, "fb_2001", "messenger");
    }
}
