package org.causette.server.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.causette.bot.Card;
import org.causette.bot.CardButton;
import org.causette.bot.QuickReply;
import org.causette.server.store.Author;
import org.causette.server.store.Role;
import org.causette.server.store.StoredMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mapping of stored messages to Messenger and WhatsApp bodies, within each platform's limits. */
class ChannelMessagesTest {

    private static StoredMessage message(String text, List<QuickReply> replies, List<Card> cards) {
        return new StoredMessage("msg-1", "conv-1", 3, new Author(Role.BOT, null, "Testy"), null, text, null, replies,
                cards, false, Instant.now());
    }

    private static List<QuickReply> replies(int n) {
        return IntStream.range(0, n).mapToObj(i -> new QuickReply("A rather long quick reply title " + i, "P" + i)).toList();
    }

    private static List<Card> cards(int n) {
        return IntStream.range(0, n).mapToObj(i -> new Card("SKU" + i, "Product " + i, "A lovely thing", "€10.00",
                "https://shop.example/" + i + ".jpg", "https://shop.example/" + i, List.of(
                CardButton.link("See the product page", "https://shop.example/" + i),
                CardButton.postback("Tell me more about it", "MORE:" + i),
                CardButton.postback("Similar", "SIMILAR:" + i),
                CardButton.postback("Fourth", "FOURTH:" + i)))).toList();
    }

    @Test
    void messengerSplitsLongTextAndPutsQuickRepliesOnTheLastPiece() {
        String text = "Mot ".repeat(1200); // 4,800 characters
        List<ObjectNode> pieces = MessengerMessages.of(message(text, replies(15), List.of()));
        assertEquals(3, pieces.size());
        pieces.forEach(p -> assertTrue(p.path("text").asText().length() <= 2000));
        assertEquals(text.strip().replace(" ", ""), pieces.stream().map(p -> p.path("text").asText().replace(" ", ""))
                .reduce("", String::concat));
        assertFalse(pieces.get(0).has("quick_replies"));
        JsonNode quickReplies = pieces.get(2).path("quick_replies");
        assertEquals(13, quickReplies.size());
        quickReplies.forEach(q -> {
            assertTrue(q.path("title").asText().length() <= 20, q.toString());
            assertEquals("text", q.path("content_type").asText());
        });
        assertEquals("P0", quickReplies.get(0).path("payload").asText());
        pieces.forEach(p -> assertEquals("causette:msg-1", p.path("metadata").asText()));
    }

    @Test
    void messengerCardsAreAGenericTemplateOfAtMostTenElementsAndThreeButtons() {
        List<ObjectNode> pieces = MessengerMessages.of(message("Voici :", List.of(), cards(12)));
        assertEquals(2, pieces.size());
        JsonNode payload = pieces.get(1).path("attachment").path("payload");
        assertEquals("template", pieces.get(1).path("attachment").path("type").asText());
        assertEquals("generic", payload.path("template_type").asText());
        assertEquals(10, payload.path("elements").size());
        JsonNode element = payload.path("elements").get(0);
        assertEquals("Product 0", element.path("title").asText());
        assertEquals("€10.00 · A lovely thing", element.path("subtitle").asText());
        assertEquals("https://shop.example/0.jpg", element.path("image_url").asText());
        assertEquals(3, element.path("buttons").size());
        assertEquals("web_url", element.path("buttons").get(0).path("type").asText());
        assertEquals("https://shop.example/0", element.path("buttons").get(0).path("url").asText());
        assertEquals("postback", element.path("buttons").get(1).path("type").asText());
        assertEquals("MORE:0", element.path("buttons").get(1).path("payload").asText());
        element.path("buttons").forEach(b -> assertTrue(b.path("title").asText().length() <= 20));
    }

    @Test
    void whatsappUsesReplyButtonsUpToThreeAndAListBeyond() {
        List<ObjectNode> three = WhatsAppMessages.of(message("Que voulez-vous ?", replies(3), List.of()), "336", "fr");
        assertEquals(1, three.size());
        JsonNode interactive = three.get(0).path("interactive");
        assertEquals("interactive", three.get(0).path("type").asText());
        assertEquals("button", interactive.path("type").asText());
        assertEquals("Que voulez-vous ?", interactive.path("body").path("text").asText());
        assertEquals(3, interactive.path("action").path("buttons").size());
        interactive.path("action").path("buttons").forEach(b -> {
            assertEquals("reply", b.path("type").asText());
            assertTrue(b.path("reply").path("title").asText().length() <= 20);
        });
        assertEquals("P0", interactive.path("action").path("buttons").get(0).path("reply").path("id").asText());

        List<ObjectNode> many = WhatsAppMessages.of(message("Que voulez-vous ?", replies(12), List.of()), "336", "fr");
        JsonNode list = many.get(0).path("interactive");
        assertEquals("list", list.path("type").asText());
        assertEquals("Choisir", list.path("action").path("button").asText());
        JsonNode rows = list.path("action").path("sections").get(0).path("rows");
        assertEquals(10, rows.size());
        rows.forEach(r -> assertTrue(r.path("title").asText().length() <= 24));
    }

    @Test
    void whatsappSplitsLongTextAndSendsCardsAsInteractiveMessages() {
        List<ObjectNode> pieces = WhatsAppMessages.of(message("a ".repeat(5000), List.of(), cards(2)), "336", "en");
        assertEquals(5, pieces.size()); // 10,000 characters in 3 texts, then 2 cards
        pieces.subList(0, 3).forEach(p -> {
            assertEquals("text", p.path("type").asText());
            assertTrue(p.path("text").path("body").asText().length() <= 4096);
            assertEquals("336", p.path("to").asText());
        });
        JsonNode card = pieces.get(3).path("interactive");
        assertEquals("image", card.path("header").path("type").asText());
        assertTrue(card.path("body").path("text").asText().contains("Product 0"));
        assertEquals(3, card.path("action").path("buttons").size());
        assertEquals("MORE:0", card.path("action").path("buttons").get(0).path("reply").path("id").asText());
    }

    @Test
    void clientIdsAreValidAndStable() {
        String id = ClientIds.of("m_", "m_" + "x".repeat(300) + "/+=");
        assertTrue(id.matches("[A-Za-z0-9_-]{1,64}"), id);
        assertEquals(id, ClientIds.of("m_", "m_" + "x".repeat(300) + "/+="));
        assertFalse(id.equals(ClientIds.of("m_", "other")));
    }
}
