package org.causette.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.causette.server.auth.Hmac;
import org.causette.server.channel.MetaChannel;
import org.causette.server.config.ChannelConfig;
import org.causette.server.config.Site;
import org.causette.server.config.Sites;
import org.causette.server.metrics.HubMetrics;
import org.causette.server.wire.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code GET, POST /webhooks/{messenger|whatsapp}/{site}} (docs/channels.md), on the event loop: the subscription handshake,
 * and for events the signature check on the raw bytes, then 200 at once. Parsing and handling happen afterwards on
 * one intake thread (which keeps the order Meta sent), and from there on the shoppers' lanes. When the intake queue
 * is full the answer is 503, so Meta delivers again later rather than the events being lost.
 */
public final class WebhookRoutes implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookRoutes.class);

    public static final String PREFIX = "/webhooks/";
    public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    public static final int INTAKE_QUEUE = 1_000;

    private final Sites sites;
    private final HubMetrics metrics;
    private final Map<String, MetaChannel> channels;
    private final ThreadPoolExecutor intake;

    public WebhookRoutes(Sites sites, HubMetrics metrics, List<MetaChannel> channels) {
        this.sites = sites;
        this.metrics = metrics;
        this.channels = channels.stream().collect(Collectors.toUnmodifiableMap(MetaChannel::name, Function.identity()));
        this.intake = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(INTAKE_QUEUE),
                r -> {
                    Thread thread = new Thread(r, "webhook-intake");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Routes without channels: every webhook path answers 404 (for tests of other routes). */
    public static WebhookRoutes none(Sites sites, HubMetrics metrics) {
        return new WebhookRoutes(sites, metrics, List.of());
    }

    /** Answers a request under {@link #PREFIX}; the caller releases the request. */
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
        String[] parts = uri.path().substring(PREFIX.length()).split("/", -1);
        MetaChannel channel = parts.length == 2 ? channels.get(parts[0]) : null;
        Optional<Site> site = channel == null ? Optional.empty() : sites.find(parts[1]);
        ChannelConfig config = site.isEmpty() ? null : channel.config(site.get());
        if (config == null) {
            HttpResponses.send(ctx, request, HttpResponses.error(HttpResponseStatus.NOT_FOUND, "not_found",
                    "no webhook at " + uri.path()));
            return;
        }
        if (request.method().equals(HttpMethod.GET)) {
            verify(ctx, request, uri, channel, config);
        } else if (request.method().equals(HttpMethod.POST)) {
            event(ctx, request, channel, site.get(), config);
        } else {
            HttpResponses.send(ctx, request, HttpResponses.error(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "method_not_allowed", request.method() + " is not allowed on " + uri.path()));
        }
    }

    /** Meta's subscription handshake: the challenge back as plain text when the verify token is the site's. */
    private void verify(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri, MetaChannel channel,
                        ChannelConfig config) {
        String mode = param(uri, "hub.mode");
        String token = param(uri, "hub.verify_token");
        String challenge = param(uri, "hub.challenge");
        if ("subscribe".equals(mode) && token != null && challenge != null && MessageDigest.isEqual(
                token.getBytes(StandardCharsets.UTF_8), config.verifyToken().getBytes(StandardCharsets.UTF_8))) {
            log.info("{} webhook subscription verified", channel.name());
            HttpResponses.send(ctx, request, HttpResponses.text(HttpResponseStatus.OK, challenge));
        } else {
            metrics.channelEvent(channel.name(), "bad_verify_token");
            HttpResponses.send(ctx, request, HttpResponses.error(HttpResponseStatus.FORBIDDEN, "forbidden",
                    "hub.mode must be subscribe and hub.verify_token the site's verifyToken"));
        }
    }

    private void event(ChannelHandlerContext ctx, FullHttpRequest request, MetaChannel channel, Site site,
                       ChannelConfig config) {
        byte[] body = ByteBufUtil.getBytes(request.content());
        if (!signedBy(config.appSecret(), body, request.headers().get(SIGNATURE_HEADER))) {
            metrics.channelEvent(channel.name(), "bad_signature");
            log.warn("{} webhook for {} refused: {} missing or wrong", channel.name(), site.id(), SIGNATURE_HEADER);
            HttpResponses.send(ctx, request, HttpResponses.error(HttpResponseStatus.FORBIDDEN, "bad_signature",
                    SIGNATURE_HEADER + " is missing or does not match the body"));
            return;
        }
        try {
            intake.execute(() -> receive(channel, site, body));
        } catch (RejectedExecutionException e) {
            metrics.channelEvent(channel.name(), "busy");
            HttpResponses.send(ctx, request, HttpResponses.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "unavailable",
                    "too many webhook events waiting; deliver again later"));
            return;
        }
        HttpResponses.send(ctx, request, HttpResponses.text(HttpResponseStatus.OK, "EVENT_RECEIVED"));
    }

    /** {@code sha256=<hex HMAC-SHA256(raw body, appSecret)>}, compared in constant time. */
    static boolean signedBy(String appSecret, byte[] body, String header) {
        if (header == null || !header.startsWith("sha256=")) {
            return false;
        }
        return Hmac.matchesHex(Hmac.sha256(appSecret.getBytes(StandardCharsets.UTF_8), body), header.substring("sha256=".length()));
    }

    private void receive(MetaChannel channel, Site site, byte[] body) {
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(body);
        } catch (Exception e) {
            metrics.channelEvent(channel.name(), "malformed");
            log.warn("{} webhook for {} is not JSON: {}", channel.name(), site.id(), e.getMessage());
            return;
        }
        try {
            channel.receive(site, tree);
        } catch (RuntimeException e) {
            metrics.channelEvent(channel.name(), "malformed");
            log.error("{} webhook for {} could not be handled", channel.name(), site.id(), e);
        }
    }

    private static String param(QueryStringDecoder uri, String name) {
        List<String> values = uri.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public void close() {
        intake.shutdown();
        try {
            intake.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
