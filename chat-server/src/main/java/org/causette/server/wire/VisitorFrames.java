package org.causette.server.wire;

import com.fasterxml.jackson.databind.JsonNode;

/** Frames a visitor's client sends (docs/protocol.md), one record per {@code type}. */
public final class VisitorFrames {
    private VisitorFrames() {
    }

    public record Page(String url, String title) {
    }

    public record Identity(String userId, String email, String name, Long issuedAt, String hash) {
    }

    /**
     * @param conversationId an extension: the conversation {@code lastSeq} refers to, so a client that still
     *                       remembers a closed conversation gets the whole new one replayed
     * @param resume         an extension (docs/email.md): the token of an emailed link, which stands for the visitor
     *                       token and names the conversation to show (its {@code conversationId}, from seq 0)
     */
    public record Hello(String visitorToken, String locale, Page page, Long lastSeq, Boolean consent,
                        Identity identity, String conversationId, String resume) {
    }

    /** @param page an extension: the page the shopper writes from (conversation context, not tracking) */
    public record Message(String clientId, String text, String payload, Page page) {
    }

    /** @param text an extension: what the shopper has typed so far, for sites that show agents a typing preview */
    public record Typing(Boolean on, String text) {
    }

    public record Read(Long seq) {
    }

    public record Rate(Integer score, String comment) {
    }

    public record Event(String name, JsonNode data) {
    }

    /** An extension (docs/marketing.md): the visitor closed the bubble of the proactive message {@code scenarioId}. */
    public record ProactiveDismissed(String scenarioId) {
    }

    /** An extension (docs/marketing.md): the widget's panel showed the greeting {@code variant} from the welcome. */
    public record GreetingShown(String variant) {
    }

    /**
     * An extension: out of hours or with nobody free, the shopper leaves an email to be contacted; {@code consent}
     * must be true (the widget asks for it in so many words).
     */
    public record Lead(String email, Boolean consent, String note) {
    }

    /**
     * An extension (docs/email.md): "email me the answer" while waiting for a person; {@code consent} must be true,
     * {@code email} may be left out when the visitor's verified identity has one.
     */
    public record EmailMe(String email, Boolean consent) {
    }

    /** An extension: the shopper changes their tracking consent without reconnecting ({@code Causette.setConsent}). */
    public record Consent(Boolean granted) {
    }

    /**
     * An extension (docs/protocol.md): the answer to an {@code nps_request}. {@code score} is read as a node so that
     * 7.5 or "7" is refused rather than rounded.
     */
    public record Nps(JsonNode score, String comment) {
    }
}
