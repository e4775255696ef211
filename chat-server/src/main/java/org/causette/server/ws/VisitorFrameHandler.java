package org.causette.server.ws;

import org.causette.server.store.StartPage;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.causette.server.auth.ResumeLinks;
import org.causette.server.auth.SignedIdentity;
import org.causette.server.config.Site;
import org.causette.server.insights.PurchaseData;
import org.causette.server.insights.PurchaseRecorder;
import org.causette.server.metrics.HubMetrics;
import org.causette.server.usecase.VisitorService;
import org.causette.server.wire.ErrorCode;
import org.causette.server.wire.Json;
import org.causette.server.wire.MessageLimits;
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
    public static final int MAX_TEXT_CHARS = MessageLimits.MAX_TEXT_CHARS;
    public static final int MAX_PAYLOAD_CHARS = MessageLimits.MAX_PAYLOAD_CHARS;
    public static final int MAX_COMMENT_CHARS = 2_000;
    public static final int MAX_EVENT_DATA_BYTES = 8 * 1024;
    /** Objects and arrays nested deeper than this in an event's data are refused (a cart is three levels deep). */
    public static final int MAX_EVENT_DATA_DEPTH = 6;
    /** Events per socket: a burst of {@code capacity} (a page load sends a few), then this many a second. */
    public static final TokenBucket.Limit EVENT_RATE = new TokenBucket.Limit(10, 2);
    public static final int MAX_EMAIL_CHARS = 254;
    static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Scenario ids as scenarios.json allows them. */
    private static final Pattern SCENARIO_ID = Pattern.compile("[a-z0-9_-]{1,40}");
    /** Deliberately simple: one @, something on each side, a dot in the domain, no spaces. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    /** The {@code ref} of the error a hello with a refused emailed link gets (docs/email.md). */
    public static final String RESUME_REF = "resume";
    private static final Set<String> EVENT_NAMES = Set.of("page_view", "cart_update", "checkout", "purchase", "custom");

    private final Site site;
    private final VisitorService service;
    private final Clock clock;
    private final TokenBucket eventGuard = new TokenBucket(EVENT_RATE, System.nanoTime());
    /** The client's address as the edge believes it (a trusted proxy's X-Forwarded-For, else the peer). */
    private final String address;
    private final NewVisitorLimit newVisitors;

    public VisitorFrameHandler(Site site, VisitorService service, HubMetrics metrics, Clock clock, ChannelGroup sockets,
                               KeepAlive keepAlive, String address, NewVisitorLimit newVisitors) {
        super(metrics, "visitor", sockets, keepAlive);
        this.site = site;
        this.service = service;
        this.clock = clock;
        this.address = address;
        this.newVisitors = newVisitors;
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
        // Read from the node too: Jackson would have turned 1.5 into 1 (issue 21).
        if (lastSeq < 0 || !wholeOrAbsent(node.get("lastSeq"))) {
            connection.sendError(ErrorCode.BAD_REQUEST, "lastSeq must be a whole number, 0 or more", null);
            helloFailed(ctx);
            return;
        }
        if (hello.locale() != null && (hello.locale().length() > 35 || !hello.locale().matches("[A-Za-z0-9_-]+"))) {
            connection.sendError(ErrorCode.BAD_REQUEST, "locale must be a language tag like fr-FR", null);
            helloFailed(ctx);
            return;
        }
        SignedIdentity.Verified identity = verifiedIdentity(hello.identity());
        if (identity == null && site.config().requireIdentity()) {
            connection.sendError(ErrorCode.UNAUTHORIZED, "this shop requires a signed identity", null);
            connection.close(WebSocketCloseStatus.POLICY_VIOLATION, "identity required");
            return;
        }
        String tokenVisitorId = service.tokens().verify(site.id(), hello.visitorToken()).orElse(null);
        String conversationId = hello.conversationId();
        if (hello.resume() != null) {
            // An emailed link: it stands for the visitor token and names the conversation, shown whole (seq 0).
            Optional<ResumeLinks.Resume> resume = service.tokens().resumeLinks().verify(site.id(), hello.resume(), clock.instant());
            if (resume.isPresent()) {
                tokenVisitorId = resume.get().visitorId();
                conversationId = resume.get().conversationId();
                lastSeq = 0;
            } else {
                connection.sendError(ErrorCode.UNAUTHORIZED, "this link has expired or is not valid; the chat goes on as before", RESUME_REF);
            }
        }
        if (tokenVisitorId == null && identity == null && !newVisitors.tryCreate(address, System.nanoTime())) {
            // A fresh visitor per burst would dodge every per-visitor quota; a real shopper keeps their token.
            connection.sendError(ErrorCode.RATE_LIMITED, "more than " + newVisitors.perWindow()
                    + " new visitors a minute from this address; send your visitorToken, or try again in a minute", null);
            connection.close(WebSocketCloseStatus.TRY_AGAIN_LATER, "too many new visitors");
            return;
        }
        service.hello(connection, new VisitorService.HelloRequest(tokenVisitorId, LocaleTags.shared(hello.locale()),
                        Boolean.TRUE.equals(hello.consent()), identity, lastSeq, conversationId),
                () -> helloDone(ctx), () -> helloFailed(ctx));
    }

    private SignedIdentity.Verified verifiedIdentity(VisitorFrames.Identity identity) {
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
            case "email_me" -> read(node, VisitorFrames.EmailMe.class, null).ifPresent(this::emailMe);
            case "rate" -> {
                if (wholeOrAbsent(node.get("score"))) {
                    read(node, VisitorFrames.Rate.class, null).ifPresent(this::rate);
                } else { // 2.7 would otherwise be stored as 2
                    connection.sendError(ErrorCode.BAD_REQUEST, "score must be a whole number from 1 to 5", null);
                }
            }
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

    private void emailMe(VisitorFrames.EmailMe choice) {
        if (!Boolean.TRUE.equals(choice.consent())) {
            connection.sendError(ErrorCode.BAD_REQUEST, "an email is kept only with \"consent\": true", null);
            return;
        }
        if (choice.email() != null && (choice.email().length() > MAX_EMAIL_CHARS || !EMAIL.matcher(choice.email()).matches())) {
            connection.sendError(ErrorCode.BAD_REQUEST, "email is not an email address", null);
            return;
        }
        service.emailMe(connection, choice.email());
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
        if (event.data() != null && depth(event.data(), MAX_EVENT_DATA_DEPTH + 1) > MAX_EVENT_DATA_DEPTH) {
            connection.sendError(ErrorCode.BAD_REQUEST, "event data is nested deeper than " + MAX_EVENT_DATA_DEPTH + " levels", null);
            return;
        }
        if (!eventGuard.tryTake(System.nanoTime())) {
            connection.sendError(ErrorCode.RATE_LIMITED, "more than " + (int) EVENT_RATE.perSecond() + " events a second", null);
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

    /** How deep {@code node} nests, counting no further than {@code stopAt} (the frame is at most 64 KiB anyway). */
    static int depth(JsonNode node, int stopAt) {
        if (!node.isContainerNode() || stopAt <= 0) {
            return 0;
        }
        int deepest = 0;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child, stopAt - 1));
            if (deepest >= stopAt - 1) {
                break;
            }
        }
        return 1 + deepest;
    }

    /** Absent, null, or a whole number as JSON wrote it (not 1.5, not "1"). */
    static boolean wholeOrAbsent(JsonNode value) {
        return value == null || value.isNull() || (value.isIntegralNumber() && value.canConvertToLong());
    }
}
