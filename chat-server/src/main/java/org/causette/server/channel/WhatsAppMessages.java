package org.causette.server.channel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.causette.bot.Card;
import org.causette.bot.CardButton;
import org.causette.bot.QuickReply;
import org.causette.server.store.StoredMessage;
import org.causette.server.wire.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * A stored message as WhatsApp Cloud API message bodies: text in pieces of at most 4,096 characters; quick replies
 * as interactive reply buttons (at most 3, titles of at most 20) or, beyond 3, as a list message (at most 10 rows,
 * titles of at most 24); each product card as an interactive message with its image, text and reply buttons (a text
 * with a link preview when it has none).
 */
final class WhatsAppMessages {
    static final int MAX_TEXT = 4_096;
    static final int MAX_INTERACTIVE_BODY = 1_024;
    static final int MAX_BUTTONS = 3;
    static final int MAX_BUTTON_TITLE = 20;
    static final int MAX_BUTTON_ID = 256;
    static final int MAX_ROWS = 10;
    static final int MAX_ROW_TITLE = 24;
    static final int MAX_ROW_ID = 200;
    static final int MAX_CARDS = 10;

    private WhatsAppMessages() {
    }

    static List<ObjectNode> of(StoredMessage message, String to, String language) {
        List<ObjectNode> out = new ArrayList<>();
        List<QuickReply> replies = message.quickReplies();
        List<String> pieces = new ArrayList<>(TextLimits.split(message.text(), MAX_TEXT));
        String interactiveBody = null;
        if (!replies.isEmpty()) {
            // The last piece carries the buttons; an interactive body is shorter than a text.
            String last = pieces.isEmpty() ? "…" : pieces.remove(pieces.size() - 1);
            List<String> lastPieces = TextLimits.split(last, MAX_INTERACTIVE_BODY);
            interactiveBody = lastPieces.get(lastPieces.size() - 1);
            pieces.addAll(lastPieces.subList(0, lastPieces.size() - 1));
        }
        for (String piece : pieces) {
            out.add(text(to, piece, false));
        }
        if (interactiveBody != null) {
            out.add(replies.size() <= MAX_BUTTONS ? buttons(to, interactiveBody, replies)
                    : list(to, interactiveBody, replies, language));
        }
        for (Card card : message.cards().stream().limit(MAX_CARDS).toList()) {
            out.add(card(to, card));
        }
        return out;
    }

    private static ObjectNode envelope(String to, String type) {
        return Json.MAPPER.createObjectNode().put("messaging_product", "whatsapp").put("recipient_type", "individual")
                .put("to", to).put("type", type);
    }

    static ObjectNode text(String to, String body, boolean preview) {
        ObjectNode message = envelope(to, "text");
        message.putObject("text").put("preview_url", preview).put("body", body);
        return message;
    }

    private static ObjectNode buttons(String to, String body, List<QuickReply> replies) {
        ObjectNode message = envelope(to, "interactive");
        ObjectNode interactive = message.putObject("interactive").put("type", "button");
        interactive.putObject("body").put("text", body);
        ArrayNode buttons = interactive.putObject("action").putArray("buttons");
        for (QuickReply reply : replies.stream().limit(MAX_BUTTONS).toList()) {
            buttons.addObject().put("type", "reply").putObject("reply")
                    .put("id", TextLimits.truncate(id(reply.payload(), reply.title()), MAX_BUTTON_ID))
                    .put("title", TextLimits.truncate(reply.title(), MAX_BUTTON_TITLE));
        }
        return message;
    }

    private static ObjectNode list(String to, String body, List<QuickReply> replies, String language) {
        ObjectNode message = envelope(to, "interactive");
        ObjectNode interactive = message.putObject("interactive").put("type", "list");
        interactive.putObject("body").put("text", body);
        ObjectNode action = interactive.putObject("action").put("button", "fr".equals(language) ? "Choisir" : "Choose");
        ArrayNode rows = action.putArray("sections").addObject().putArray("rows");
        for (QuickReply reply : replies.stream().limit(MAX_ROWS).toList()) {
            rows.addObject().put("id", TextLimits.truncate(id(reply.payload(), reply.title()), MAX_ROW_ID))
                    .put("title", TextLimits.truncate(reply.title(), MAX_ROW_TITLE));
        }
        return message;
    }

    private static ObjectNode card(String to, Card card) {
        StringBuilder body = new StringBuilder("*").append(card.title() == null ? card.sku() : card.title()).append('*');
        if (card.price() != null) {
            body.append(" — ").append(card.price());
        }
        if (card.subtitle() != null && !card.subtitle().isBlank()) {
            body.append('\n').append(card.subtitle());
        }
        List<CardButton> replyButtons = card.buttons().stream().filter(b -> b.payload() != null).limit(MAX_BUTTONS).toList();
        String link = card.url() != null ? card.url()
                : card.buttons().stream().map(CardButton::url).filter(u -> u != null).findFirst().orElse(null);
        if (link != null) {
            body.append('\n').append(link);
        }
        if (replyButtons.isEmpty()) {
            return text(to, TextLimits.truncate(body.toString(), MAX_TEXT), link != null);
        }
        ObjectNode message = envelope(to, "interactive");
        ObjectNode interactive = message.putObject("interactive").put("type", "button");
        if (card.imageUrl() != null) {
            interactive.putObject("header").put("type", "image").putObject("image").put("link", card.imageUrl());
        }
        interactive.putObject("body").put("text", TextLimits.truncate(body.toString(), MAX_INTERACTIVE_BODY));
        ArrayNode buttons = interactive.putObject("action").putArray("buttons");
        for (CardButton button : replyButtons) {
            buttons.addObject().put("type", "reply").putObject("reply")
                    .put("id", TextLimits.truncate(button.payload(), MAX_BUTTON_ID))
                    .put("title", TextLimits.truncate(button.title(), MAX_BUTTON_TITLE));
        }
        return message;
    }

    private static String id(String payload, String title) {
        return payload == null || payload.isBlank() ? title : payload;
    }
}
