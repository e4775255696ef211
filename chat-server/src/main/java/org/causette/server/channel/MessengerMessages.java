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
 * A stored message as Send API {@code message} objects, within Messenger's limits: text in pieces under 2,000
 * characters, at most 13 quick replies with titles of at most 20, product cards as one generic template of at most
 * 10 elements with at most 3 buttons each. Quick replies go on the last piece. Each carries our {@code metadata},
 * which comes back in the echo: that is how an echo of ours is told from a person's answer in the Page inbox.
 */
final class MessengerMessages {
    static final int MAX_TEXT = 2_000;
    static final int MAX_QUICK_REPLIES = 13;
    static final int MAX_QUICK_REPLY_TITLE = 20;
    static final int MAX_PAYLOAD = 1_000;
    static final int MAX_ELEMENTS = 10;
    static final int MAX_BUTTONS = 3;
    static final int MAX_BUTTON_TITLE = 20;
    static final int MAX_ELEMENT_TEXT = 80;
    /** Prefix of the metadata of everything we send; an echo without it was written by someone else. */
    static final String METADATA_PREFIX = "causette:";

    private MessengerMessages() {
    }

    static List<ObjectNode> of(StoredMessage message) {
        List<ObjectNode> out = new ArrayList<>();
        for (String piece : TextLimits.split(message.text(), MAX_TEXT)) {
            out.add(Json.MAPPER.createObjectNode().put("text", piece));
        }
        if (!message.cards().isEmpty()) {
            out.add(genericTemplate(message.cards()));
        }
        if (out.isEmpty() && !message.quickReplies().isEmpty()) {
            out.add(Json.MAPPER.createObjectNode().put("text", "…"));
        }
        if (!out.isEmpty() && !message.quickReplies().isEmpty()) {
            out.get(out.size() - 1).set("quick_replies", quickReplies(message.quickReplies()));
        }
        for (ObjectNode piece : out) {
            piece.put("metadata", METADATA_PREFIX + message.id());
        }
        return out;
    }

    static ArrayNode quickReplies(List<QuickReply> replies) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (QuickReply reply : replies.stream().limit(MAX_QUICK_REPLIES).toList()) {
            String payload = reply.payload() == null || reply.payload().isBlank() ? reply.title() : reply.payload();
            array.addObject().put("content_type", "text")
                    .put("title", TextLimits.truncate(reply.title(), MAX_QUICK_REPLY_TITLE))
                    .put("payload", TextLimits.truncate(payload, MAX_PAYLOAD));
        }
        return array;
    }

    static ObjectNode genericTemplate(List<Card> cards) {
        ObjectNode message = Json.MAPPER.createObjectNode();
        ObjectNode payload = message.putObject("attachment").put("type", "template").putObject("payload");
        payload.put("template_type", "generic");
        ArrayNode elements = payload.putArray("elements");
        for (Card card : cards.stream().limit(MAX_ELEMENTS).toList()) {
            ObjectNode element = elements.addObject();
            element.put("title", TextLimits.truncate(card.title() == null ? card.sku() : card.title(), MAX_ELEMENT_TEXT));
            String subtitle = card.price() == null ? card.subtitle()
                    : card.subtitle() == null || card.subtitle().isBlank() ? card.price() : card.price() + " · " + card.subtitle();
            if (subtitle != null && !subtitle.isBlank()) {
                element.put("subtitle", TextLimits.truncate(subtitle, MAX_ELEMENT_TEXT));
            }
            if (card.imageUrl() != null) {
                element.put("image_url", card.imageUrl());
            }
            if (card.url() != null) {
                element.putObject("default_action").put("type", "web_url").put("url", card.url());
            }
            List<CardButton> buttons = card.buttons().stream().limit(MAX_BUTTONS).toList();
            if (!buttons.isEmpty()) {
                ArrayNode array = element.putArray("buttons");
                for (CardButton button : buttons) {
                    String title = TextLimits.truncate(button.title(), MAX_BUTTON_TITLE);
                    if (button.url() != null) {
                        array.addObject().put("type", "web_url").put("url", button.url()).put("title", title);
                    } else {
                        array.addObject().put("type", "postback").put("title", title)
                                .put("payload", TextLimits.truncate(button.payload() == null ? button.title() : button.payload(), MAX_PAYLOAD));
                    }
                }
            }
        }
        return message;
    }
}
