package org.causette.server.ws;

import org.causette.server.store.StartPage;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.causette.server.auth.SignedIdentity;
import org.causette.server.config.Site;
import org.causette.server.insights.PurchaseData;
import org.causette.server.insights.PurchaseRecorder;
import org.causette.server.metrics.HubMetrics;
import org.causette.server.usecase.VisitorService;
import org.causette.server.wire.ErrorCode;
import org.causette.server.wire.Json;
import org.causette.server.wire.VisitorFrames;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The visitor socket after the handshake: checks each frame's fields and limits, and hands valid commands to the
 * {@link VisitorService}. The common discipline (JSON, flood guard, hello first) is {@link JsonFrameHandler}'s.
 */
public final class VisitorFrameHandler extends JsonFrameHandler<VisitorConnection> {
    public static final int MAX_TEXT_CHARS = 4_000;
    public static final int MAX_PAYLOAD_CHARS = 1_000;
    public static final int MAX_COMMENT_CHARS = 2_000;
    public static final int MAX_EVENT_DATA_BYTES = 8 * 1024;
    public static final int MAX_EMAIL_CHARS = 254;
    static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Scenario ids as scenarios.json allows them. */
    private static final Pattern SCENARIO_ID = Pattern.compile("[a-z0-9_-]{1,40}");
    /** Deliberately simple: one @, something on each side, a dot in the domain, no spaces. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final Set<String> EVENT_NAMES = Set.of("page_view", "cart_update", "checkout", "purchase", "custom");

    private final Site site;
    private final VisitorService service;
    private final Clock clock;

    public VisitorFrameHandler(Site site, VisitorService service, HubMetrics metrics, Clock clock, ChannelGroup sockets,
                               KeepAlive keepAlive) {
        super(metrics, "visitor", sockets, keepAlive);
        this.site = site;
        this.service = service;
        this.clock = clock;
    }

    @Override
    protected VisitorConnection newConnection(ChannelHandlerContext ctx) {
        return new VisitorConnection(ctx.channel(), site, metrics);
    }

    @Override
    protected void closed() {
        service.disconnected(connection);
    }

    @Override
    protected void hello(ChannelHandlerContext ctx, JsonNode node) {
        Optional<VisitorFrames.Hello> parsed = read(node, VisitorFrames.Hello.class, null);
        if (parsed.isEmpty()) {
            helloFailed(ctx);
            return;
        }
        VisitorFrames.Hello hello = parsed.get();
        if (hello.page() != null) {
            connection.page(StartPage.of(hello.page().url(), hello.page().title()));
        }
        long lastSeq = hello.lastSeq() == null ? 0 : hello.lastSeq();
        if (lastSeq < 0) {
            connection.sendError(ErrorCode.BAD_REQUEST, "lastSeq must be 0 or more", null);
            helloFailed(ctx);
            return;
        }
        if (hello.locale() != null && (hello.locale().length() > 35 || !hello.locale().matches("[A-Za-z0-9_-]+"))) {
            connection.sendError(ErrorCode.BAD_REQUEST, "locale must be a language tag like fr-FR", null);
            helloFailed(ctx);
            return;
        }
        SignedIdentity identity = verifiedIdentity(hello.identity());
        if (identity == null && site.config().requireIdentity()) {
            connection.sendError(ErrorCode.UNAUTHORIZED, "this shop requires a signed identity", null);
            connection.close(WebSocketCloseStatus.POLICY_VIOLATION, "identity required");
            return;
        }
        String tokenVisitorId = service.tokens().verify(site.id(), hello.visitorToken()).orElse(null);
        service.hello(connection, new VisitorService.HelloRequest(tokenVisitorId, LocaleTags.shared(hello.locale()),
                        Boolean.TRUE.equals(hello.consent()), identity, lastSeq, hello.conversationId()),
                () -> helloDone(ctx), () -> helloFailed(ctx));
    }

    private SignedIdentity verifiedIdentity(VisitorFrames.Identity identity) {
        if (identity == null || identity.issuedAt() == null) {
            return null;
        }
        return new SignedIdentity(identity.userId(), identity.email(), identity.name(), identity.issuedAt(),
                identity.hash()).verify(site.config().identitySecret(), clock.instant()).orElse(null);
    }

    @Override
    protected void dispatch(JsonNode node, String type) {
        switch (type) {
            case "message" -> read(node, VisitorFrames.Message.class, refOf(node)).ifPresent(this::message);
            case "typing" -> read(node, VisitorFrames.Typing.class, null).ifPresent(t -> {
                if (t.on() == null) {
                    connection.sendError(ErrorCode.BAD_REQUEST, "typing needs \"on\": true or false", null);
                } else {
                    service.typing(connection, t.on(), t.text());
                }
            });
            case "read" -> read(node, VisitorFrames.Read.class, null).ifPresent(r -> {
                if (r.seq() == null || r.seq() < 0) {
                    connection.sendError(ErrorCode.BAD_REQUEST, "read needs \"seq\" of 0 or more", null);
                } else {
                    service.read(connection, r.seq());
                }
            });
            case "lead" -> read(node, VisitorFrames.Lead.class, null).ifPresent(this::lead);
            case "rate" -> read(node, VisitorFrames.Rate.class, null).ifPresent(this::rate);
            // Extensions (docs/protocol.md): the shopper skipped rating; the answer to the NPS question.
            case "rate_skipped" -> service.rateSkipped(connection);
            case "nps" -> read(node, VisitorFrames.Nps.class, null).ifPresent(this::nps);
            case "event" -> read(node, VisitorFrames.Event.class, null).ifPresent(this::event);
            case "proactive_dismissed" -> read(node, VisitorFrames.ProactiveDismissed.class, null).ifPresent(d -> {
                if (d.scenarioId() == null || !SCENARIO_ID.matcher(d.scenarioId()).matches()) {
                    connection.sendError(ErrorCode.BAD_REQUEST, "proactive_dismissed needs \"scenarioId\": 1 to 40 of a-z, 0-9, _ and -", null);
                } else {
                    service.proactiveDismissed(connection, d.scenarioId());
                }
            });
            case "greeting_shown" -> read(node, VisitorFrames.GreetingShown.class, null).ifPresent(g -> {
                if (g.variant() == null || !SCENARIO_ID.matcher(g.variant()).matches()) {
                    connection.sendError(ErrorCode.BAD_REQUEST, "greeting_shown needs \"variant\": 1 to 40 of a-z, 0-9, _ and -", null);
                } else {
                    service.greetingShown(connection, g.variant());
                }
            });
            case "consent" -> read(node, VisitorFrames.Consent.class, null).ifPresent(c -> {
                if (c.granted() == null) {
                    connection.sendError(ErrorCode.BAD_REQUEST, "consent needs \"granted\": true or false", null);
                } else {
                    service.consent(connection, c.granted());
                }
            });
            default -> unknownType(type);
        }
    }

    private void message(VisitorFrames.Message message) {
        String clientId = message.clientId();
        if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
            connection.sendError(ErrorCode.BAD_REQUEST, "clientId must be 1 to 64 of A-Z, a-z, 0-9, _ and -", null);
            return;
        }
        String text = message.text();
        if (text == null || text.isBlank()) {
            connection.sendError(ErrorCode.BAD_REQUEST, "text must not be empty", clientId);
            return;
        }
        if (text.codePointCount(0, text.length()) > MAX_TEXT_CHARS) {
            connection.sendError(ErrorCode.TOO_LARGE, "text is longer than " + MAX_TEXT_CHARS + " characters", clientId);
            return;
        }
        if (message.payload() != null && message.payload().length() > MAX_PAYLOAD_CHARS) {
            connection.sendError(ErrorCode.TOO_LARGE, "payload is longer than " + MAX_PAYLOAD_CHARS + " characters", clientId);
            return;
        }
        if (message.page() != null) {
            connection.page(StartPage.of(message.page().url(), message.page().title()));
        }
        service.message(connection, clientId, text, message.payload());
    }

    private void lead(VisitorFrames.Lead lead) {
        if (!Boolean.TRUE.equals(lead.consent())) {
            connection.sendError(ErrorCode.BAD_REQUEST, "an email is kept only with \"consent\": true", null);
            return;
        }
        if (lead.email() == null || lead.email().length() > MAX_EMAIL_CHARS || !EMAIL.matcher(lead.email()).matches()) {
            connection.sendError(ErrorCode.BAD_REQUEST, "email is not an email address", null);
            return;
        }
        if (lead.note() != null && lead.note().length() > MAX_COMMENT_CHARS) {
            connection.sendError(ErrorCode.TOO_LARGE, "note is longer than " + MAX_COMMENT_CHARS + " characters", null);
            return;
        }
        service.lead(connection, lead.email(), lead.note());
    }

    private void rate(VisitorFrames.Rate rate) {
        if (rate.score() == null || rate.score() < 1 || rate.score() > 5) {
            connection.sendError(ErrorCode.BAD_REQUEST, "score must be a whole number from 1 to 5", null);
            return;
        }
        if (rate.comment() != null && rate.comment().length() > MAX_COMMENT_CHARS) {
            connection.sendError(ErrorCode.TOO_LARGE, "comment is longer than " + MAX_COMMENT_CHARS + " characters", null);
            return;
        }
        service.rate(connection, rate.score(), rate.comment());
    }

    private void event(VisitorFrames.Event event) {
        if (event.name() == null || !EVENT_NAMES.contains(event.name())) {
            connection.sendError(ErrorCode.BAD_REQUEST, "event name must be one of " + EVENT_NAMES, null);
            return;
        }
        if (event.data() != null && !event.data().isNull() && !event.data().isObject()) {
            connection.sendError(ErrorCode.BAD_REQUEST, "event data must be an object", null);
            return;
        }
        if (event.data() != null && Json.bytes(event.data()).length > MAX_EVENT_DATA_BYTES) {
            connection.sendError(ErrorCode.TOO_LARGE, "event data is larger than " + MAX_EVENT_DATA_BYTES + " bytes", null);
            return;
        }
        if (event.name().equals(PurchaseRecorder.PURCHASE)) {
            try {
                PurchaseData.parse(event.data());
            } catch (IllegalArgumentException e) {
                connection.sendError(ErrorCode.BAD_REQUEST, e.getMessage(), null);
                return;
            }
        }
        service.event(connection, event.name(), event.data());
    }

    private void nps(VisitorFrames.Nps nps) {
        JsonNode score = nps.score();
        if (score == null || !score.isIntegralNumber() || !score.canConvertToInt() || score.asInt() < 0 || score.asInt() > 10) {
            connection.sendError(ErrorCode.BAD_REQUEST, "score must be a whole number from 0 to 10", null);
            return;
        }
        if (nps.comment() != null && nps.comment().length() > MAX_COMMENT_CHARS) {
            connection.sendError(ErrorCode.TOO_LARGE, "comment is longer than " + MAX_COMMENT_CHARS + " characters", null);
            return;
        }
        service.nps(connection, score.asInt(), nps.comment());
    }

    private static String refOf(JsonNode node) {
        JsonNode clientId = node.get("clientId");
        return clientId != null && clientId.isTextual() && CLIENT_ID.matcher(clientId.asText()).matches()
                ? clientId.asText() : null;
    }
}
