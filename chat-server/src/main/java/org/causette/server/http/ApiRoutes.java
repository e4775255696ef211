package org.causette.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import org.causette.bot.BotInput;
import org.causette.bot.BotMessage;
import org.causette.bot.BotTurn;
import org.causette.bot.DialogueContext;
import org.causette.bot.Parse;
import org.causette.server.auth.StaffAuth;
import org.causette.server.config.Sites;
import org.causette.server.config.StaffMember;
import org.causette.server.conversation.ConversationFeed;
import org.causette.server.store.MailStore;
import org.causette.server.store.Store;
import org.causette.server.wire.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST API of docs/api.md. Every route but login needs a bearer token; handlers that touch the store or hash
 * passwords run on the blocking pool and answer from there.
 */
public final class ApiRoutes {
    private static final Logger log = LoggerFactory.getLogger(ApiRoutes.class);
    private static final Pattern PARSE = Pattern.compile("/api/sites/([^/]+)/parse");
    private static final Pattern CONVERSATIONS = Pattern.compile("/api/sites/([^/]+)/conversations");
    private static final Pattern CONVERSATION = Pattern.compile("/api/conversations/([^/]{1,64})");
    private static final Pattern REPORT = Pattern.compile("/api/sites/([^/]+)/report");
    private static final Pattern LEADS = Pattern.compile("/api/sites/([^/]+)/leads");
    private static final Pattern VISITOR = Pattern.compile("/api/sites/([^/]+)/visitors/([^/]{1,64})");
    private static final Pattern CANNED = Pattern.compile("/api/sites/([^/]+)/canned");
    private static final Pattern TEACH = Pattern.compile("/api/sites/([^/]+)/teach");
    private static final Pattern MARK_WRONG = Pattern.compile("/api/conversations/([^/]{1,64})/wrong");
    private static final Pattern STAFF = Pattern.compile("/api/sites/([^/]+)/staff");
    private static final Pattern INTENTS = Pattern.compile("/api/sites/([^/]+)/intents");
    private static final Pattern LEADERBOARD = Pattern.compile("/api/sites/([^/]+)/leaderboard");
    private static final List<StaffMember.StaffRole> RECOGNIZED = List.of(StaffMember.StaffRole.ADMIN, StaffMember.StaffRole.AMBASSADOR);
    private static final List<StaffMember.StaffRole> EVERYONE = List.of(StaffMember.StaffRole.values());
    private static final List<StaffMember.StaffRole> AGENTS = List.of(StaffMember.StaffRole.ADMIN, StaffMember.StaffRole.AGENT);
    private static final List<StaffMember.StaffRole> ADMINS = List.of(StaffMember.StaffRole.ADMIN);
    private static final int MAX_PASSWORD_CHARS = 1_024;
    private static final int MAX_TEXT_CHARS = 4_000;

    private final StaffAuth auth;
    private final ClientAddress clientAddress;
    private final Executor blockingWork;
    private final StaffViews views;
    private final CustomerViews customers;

    public ApiRoutes(Sites sites, Store store, StaffAuth auth, ConversationFeed feed,
                     Executor blockingWork, Clock clock) {
        this(sites, store, null, auth, feed, blockingWork, clock, Set.of());
    }

    /**
     * @param mail the emailed replies' store: agents see the address a shopper gave for them (null: none)
     * @param trustedProxies whose {@code X-Forwarded-For} names the client ({@link ClientAddress})
     */
    public ApiRoutes(Sites sites, Store store, MailStore mail, StaffAuth auth, ConversationFeed feed,
                     Executor blockingWork, Clock clock, Set<InetAddress> trustedProxies) {
        this.clientAddress = new ClientAddress(trustedProxies);
        this.auth = auth;
        this.blockingWork = blockingWork;
        this.views = new StaffViews(sites, store, mail, feed, clock);
        this.customers = new CustomerViews(store, mail, feed, clock);
    }

    /** An API answer: status and body, and how long to hold it (a throttled login's delay). */
    private record Reply(FullHttpResponse response, Duration delay) {
        Reply(FullHttpResponse response) {
            this(response, Duration.ZERO);
        }

        static Reply error(HttpResponseStatus status, String code, String message) {
            return new Reply(HttpResponses.error(status, code, message));
        }
    }

    void handle(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
        String path = uri.path();
        HttpMethod method = request.method();
        if (path.equals("/api/login") && method.equals(HttpMethod.POST)) {
            JsonNode body = body(ctx, request);
            if (body != null) {
                String address = clientAddress.of(ctx, request);
                offLoop(ctx, request, () -> login(body, address));
            }
            return;
        }
        if (path.equals("/api/logout") && method.equals(HttpMethod.POST)) {
            String token = bearer(request);
            offLoop(ctx, request, () -> {
                auth.logout(token);
                return new Reply(HttpResponses.response(HttpResponseStatus.NO_CONTENT, new byte[0], "text/plain"));
            });
            return;
        }
        Matcher parse = PARSE.matcher(path);
        if (parse.matches() && method.equals(HttpMethod.POST)) {
            JsonNode body = body(ctx, request);
            if (body != null) {
                authorized(ctx, request, parse.group(1), AGENTS, principal -> parse(principal, body));
            }
            return;
        }
        if (customerRoute(ctx, request, uri)) {
            return;
        }
        Map<String, List<String>> query = uri.parameters();
        Matcher match;
        if (method.equals(HttpMethod.GET) && path.equals("/api/sites")) {
            // Public: the console's site picker needs it before anyone logs in.
            HttpResponses.send(ctx, request, HttpResponses.json(HttpResponseStatus.OK, views.sites()));
        } else if (method.equals(HttpMethod.GET) && path.equals("/api/me/stats")) {
            authorized(ctx, request, null, EVERYONE, principal -> reply(views.myStats(principal)));
        } else if (method.equals(HttpMethod.GET) && (match = STAFF.matcher(path)).matches()) {
            authorized(ctx, request, match.group(1), AGENTS, principal -> reply(views.staff(principal)));
        } else if (method.equals(HttpMethod.GET) && (match = INTENTS.matcher(path)).matches()) {
            // Agents too: the bot's suggestion beside the composer names the intent it understood.
            authorized(ctx, request, match.group(1), AGENTS, principal -> reply(views.intents(principal)));
        } else if (method.equals(HttpMethod.GET) && (match = CANNED.matcher(path)).matches()) {
            authorized(ctx, request, match.group(1), EVERYONE, principal -> reply(views.canned(principal)));
        } else if (method.equals(HttpMethod.POST) && (match = TEACH.matcher(path)).matches()) {
            JsonNode body = body(ctx, request);
            if (body != null) {
                authorized(ctx, request, match.group(1), ADMINS, principal -> reply(views.teach(principal, body)));
            }
        } else if (method.equals(HttpMethod.GET) && (match = TEACH.matcher(path)).matches()) {
            authorized(ctx, request, match.group(1), ADMINS, principal -> reply(views.teachStatus(principal)));
        } else if (method.equals(HttpMethod.POST) && (match = MARK_WRONG.matcher(path)).matches()) {
            JsonNode body = body(ctx, request);
            String id = match.group(1);
            if (body != null) {
                authorized(ctx, request, null, AGENTS, principal -> reply(views.markWrong(principal, id, body)));
            }
        } else if (method.equals(HttpMethod.GET) && (match = CONVERSATIONS.matcher(path)).matches()) {
            authorized(ctx, request, match.group(1), EVERYONE, principal -> reply(views.conversations(principal, query)));
        } else if (method.equals(HttpMethod.GET) && (match = CONVERSATION.matcher(path)).matches()) {
            String id = match.group(1);
            authorized(ctx, request, null, EVERYONE, principal -> reply(views.conversation(principal, id)));
        } else if (method.equals(HttpMethod.GET) && (match = REPORT.matcher(path)).matches()) {
            authorized(ctx, request, match.group(1), ADMINS, principal -> reply(views.report(principal, query)));
        } else if (method.equals(HttpMethod.GET) && (match = LEADERBOARD.matcher(path)).matches()) {
            authorized(ctx, request, match.group(1), RECOGNIZED, principal -> reply(views.leaderboard(principal, query)));
        } else if (method.equals(HttpMethod.GET) && (match = LEADS.matcher(path)).matches()) {
            authorized(ctx, request, match.group(1), AGENTS, principal -> reply(views.leads(principal, query)));
        } else if (method.equals(HttpMethod.DELETE) && (match = VISITOR.matcher(path)).matches()) {
            String visitorId = match.group(2);
            authorized(ctx, request, match.group(1), ADMINS, principal -> reply(customers.eraseVisitor(principal, visitorId)));
        } else {
            HttpResponses.send(ctx, request, HttpResponses.error(HttpResponseStatus.NOT_FOUND, "not_found",
                    "no route " + method + " " + path));
        }
    }

    // ---- customers: profile, card, channel links, export, erasure (docs/customers.md) -------------------------------

    /** On the raw path: a customer id may hold any character, "/" included, percent-encoded in its segment. */
    private static final Pattern CUSTOMER = Pattern.compile(
            "/api/sites/([^/]+)/customers/([^/]+)(/export|/links|/links/([^/]+)/([^/]+))?");
    private static final Pattern VISITOR_EXPORT = Pattern.compile("/api/sites/([^/]+)/visitors/([^/]{1,64})/export");
    private static final Pattern CONVERSATION_CUSTOMER = Pattern.compile("/api/conversations/([^/]{1,64})/customer");

    /** Handles the customer routes; false when the request is not one of them. */
    private boolean customerRoute(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
        HttpMethod method = request.method();
        Matcher match = CUSTOMER.matcher(uri.rawPath());
        if (match.matches()) {
            String site = segment(match.group(1));
            String userId = segment(match.group(2));
            String rest = match.group(3) == null ? "" : match.group(3);
            if (rest.isEmpty() && method.equals(HttpMethod.GET)) {
                authorized(ctx, request, site, AGENTS, principal -> reply(customers.profile(principal, userId)));
            } else if (rest.isEmpty() && method.equals(HttpMethod.DELETE)) {
                authorized(ctx, request, site, ADMINS, principal -> reply(customers.eraseCustomer(principal, userId)));
            } else if (rest.equals("/export") && method.equals(HttpMethod.GET)) {
                authorized(ctx, request, site, ADMINS, principal -> attachment(
                        customers.exportCustomer(principal, userId), "customer-" + userId));
            } else if (rest.equals("/links") && method.equals(HttpMethod.POST)) {
                JsonNode body = body(ctx, request);
                if (body != null) {
                    authorized(ctx, request, site, ADMINS, principal -> reply(customers.link(principal, userId, body)));
                }
            } else if (match.group(4) != null && method.equals(HttpMethod.DELETE)) {
                String channel = segment(match.group(4));
                String externalId = segment(match.group(5));
                authorized(ctx, request, site, ADMINS,
                        principal -> reply(customers.unlink(principal, userId, channel, externalId)));
            } else {
                return false;
            }
            return true;
        }
        if ((match = VISITOR_EXPORT.matcher(uri.path())).matches() && method.equals(HttpMethod.GET)) {
            String visitorId = match.group(2);
            authorized(ctx, request, match.group(1), ADMINS, principal -> attachment(
                    customers.exportVisitor(principal, visitorId), "visitor-" + visitorId));
            return true;
        }
        if ((match = CONVERSATION_CUSTOMER.matcher(uri.path())).matches() && method.equals(HttpMethod.GET)) {
            String id = match.group(1);
            authorized(ctx, request, null, AGENTS, principal -> reply(customers.card(principal, id)));
            return true;
        }
        return false;
    }

    /** A path segment, percent-decoded ("+" stays a plus: it is the query's space, not the path's). */
    private static String segment(String raw) {
        return QueryStringDecoder.decodeComponent(raw.replace("+", "%2B"));
    }

    /** A JSON answer to save as a file: the export is a document for the person, not a page to show. */
    private static Reply attachment(StaffViews.Answer answer, String name) {
        Reply reply = reply(answer);
        if (answer.status() == HttpResponseStatus.OK) {
            String file = name.replaceAll("[^A-Za-z0-9_-]", "_");
            reply.response().headers().set(HttpHeaderNames.CONTENT_DISPOSITION,
                    "attachment; filename=\"" + file.substring(0, Math.min(file.length(), 80)) + ".json\"");
        }
        return reply;
    }

    private static Reply reply(StaffViews.Answer answer) {
        if (answer.status() == HttpResponseStatus.NO_CONTENT) {
            return new Reply(HttpResponses.response(HttpResponseStatus.NO_CONTENT, new byte[0], "text/plain"));
        }
        if (answer.status().code() >= 400) {
            return Reply.error(answer.status(), answer.errorCode(), answer.message());
        }
        return new Reply(HttpResponses.json(answer.status(), answer.body()));
    }

    private Reply login(JsonNode body, String address) {
        String site = body.path("site").asText("");
        String username = body.path("username").asText("");
        String password = body.path("password").asText("");
        if (!body.path("site").isTextual() || !body.path("username").isTextual() || !body.path("password").isTextual()) {
            return Reply.error(HttpResponseStatus.BAD_REQUEST, "bad_request", "site, username and password are required strings");
        }
        if (password.length() > MAX_PASSWORD_CHARS || username.length() > 256 || site.length() > 64) {
            return Reply.error(HttpResponseStatus.UNAUTHORIZED, "invalid_credentials", "wrong site, username or password");
        }
        Duration delay = auth.answerDelay(site, username);
        StaffAuth.LoginResult result = auth.login(site, username, password.toCharArray(), address);
        if (result instanceof StaffAuth.LoginResult.Success success) {
            StaffAuth.Principal principal = success.principal();
            return new Reply(HttpResponses.json(HttpResponseStatus.OK, Map.of("token", success.token(),
                    "staff", Map.of("id", principal.staff().id(), "name", principal.staff().name(),
                            "role", principal.staff().role().wireName(), "site", principal.site().id()))), delay);
        }
        if (result instanceof StaffAuth.LoginResult.Throttled throttled) {
            Reply reply = Reply.error(HttpResponseStatus.TOO_MANY_REQUESTS, "too_many_attempts",
                    "too many failed logins; try again in " + throttled.retryAfterSeconds() + " s");
            reply.response().headers().set(HttpHeaderNames.RETRY_AFTER, throttled.retryAfterSeconds());
            return reply;
        }
        return new Reply(HttpResponses.error(HttpResponseStatus.UNAUTHORIZED, "invalid_credentials",
                "wrong site, username or password"), delay);
    }

    private Reply parse(StaffAuth.Principal principal, JsonNode body) {
        JsonNode text = body.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            return Reply.error(HttpResponseStatus.BAD_REQUEST, "bad_request", "text is required");
        }
        if (text.asText().length() > MAX_TEXT_CHARS) {
            return Reply.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "too_large", "text is longer than " + MAX_TEXT_CHARS + " characters");
        }
        JsonNode lang = body.get("lang");
        String language = lang != null && lang.isTextual() ? lang.asText() : null;
        if (language != null && !principal.site().config().languages().contains(language) && !List.of("fr", "en").contains(language)) {
            return Reply.error(HttpResponseStatus.BAD_REQUEST, "bad_request", "lang must be fr or en");
        }
        Parse parse = principal.site().bot().parse(text.asText(), language);
        Map<String, Object> result = parseBody(parse);
        // What the bot would answer in a fresh conversation: the console offers it to the agent as a suggestion.
        BotTurn turn = principal.site().bot().respond(new BotInput(text.asText(), null, language), DialogueContext.EMPTY);
        if (!turn.messages().isEmpty()) {
            BotMessage first = turn.messages().get(0);
            result.put("reply", Map.of("text", first.text(), "quickReplies", first.quickReplies()));
        }
        return new Reply(HttpResponses.json(HttpResponseStatus.OK, result));
    }

    static Map<String, Object> parseBody(Parse parse) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("language", parse.language());
        body.put("intent", parse.intent());
        body.put("ranking", parse.ranking());
        body.put("entities", parse.entities());
        body.put("action", parse.action().wireName());
        if (parse.handover() != null) {
            Map<String, Object> handover = new LinkedHashMap<>();
            handover.put("target", parse.handover().target().wireName());
            handover.put("reason", parse.handover().reason());
            handover.put("skill", parse.handover().skill());
            body.put("handover", handover);
        }
        return body;
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------

    /** Checks the token, the site and the role, then runs the route off the event loop. */
    private void authorized(ChannelHandlerContext ctx, FullHttpRequest request, String siteId,
                            List<StaffMember.StaffRole> roles, Function<StaffAuth.Principal, Reply> route) {
        String token = bearer(request);
        offLoop(ctx, request, () -> {
            Optional<StaffAuth.Principal> principal = auth.authenticate(token);
            if (principal.isEmpty()) {
                return Reply.error(HttpResponseStatus.UNAUTHORIZED, "unauthorized", "a valid bearer token is required");
            }
            if (siteId != null && !principal.get().site().id().equals(siteId)) {
                return Reply.error(HttpResponseStatus.FORBIDDEN, "forbidden", "this token is not for site " + siteId);
            }
            if (!roles.contains(principal.get().staff().role())) {
                return Reply.error(HttpResponseStatus.FORBIDDEN, "forbidden",
                        "a " + principal.get().staff().role().wireName() + " may not do this");
            }
            return route.apply(principal.get());
        });
    }

    private void offLoop(ChannelHandlerContext ctx, FullHttpRequest request, Supplier<Reply> work) {
        FullHttpRequest retained = request.retain();
        try {
            blockingWork.execute(() -> {
                Reply reply;
                try {
                    reply = work.get();
                } catch (RuntimeException e) {
                    log.error("API {} failed", retained.uri(), e);
                    reply = Reply.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "unavailable", "the request could not be served; try again");
                }
                FullHttpResponse response = reply.response();
                Runnable send = () -> {
                    HttpResponses.send(ctx, retained, response);
                    ReferenceCountUtil.release(retained);
                };
                if (reply.delay().isZero()) {
                    ctx.executor().execute(send);
                } else {
                    // Held on the event loop's timer, not on a worker: a delayed login costs no thread.
                    ctx.executor().schedule(send, reply.delay().toMillis(), TimeUnit.MILLISECONDS);
                }
            });
        } catch (RejectedExecutionException e) {
            ReferenceCountUtil.release(retained);
            HttpResponses.send(ctx, request, HttpResponses.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "unavailable", "the server is too busy"));
        }
    }

    /** The request's JSON object, or null after answering 400. */
    private static JsonNode body(ChannelHandlerContext ctx, FullHttpRequest request) {
        try {
            JsonNode node = Json.MAPPER.readTree(request.content().toString(StandardCharsets.UTF_8));
            if (node != null && node.isObject()) {
                return node;
            }
            HttpResponses.send(ctx, request, HttpResponses.error(HttpResponseStatus.BAD_REQUEST, "bad_request", "the body must be a JSON object"));
        } catch (JsonProcessingException e) {
            HttpResponses.send(ctx, request, HttpResponses.error(HttpResponseStatus.BAD_REQUEST, "bad_json", "the body is not valid JSON: " + e.getOriginalMessage()));
        }
        return null;
    }

    private static String bearer(FullHttpRequest request) {
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
    }
}
