package org.causette.server.channel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.causette.server.auth.Hmac;
import org.causette.server.config.Site;
import org.causette.server.config.Sites;
import org.causette.server.config.WebhookSubscription;
import org.causette.server.conversation.HubEvents;
import org.causette.server.metrics.HubMetrics;
import org.causette.server.store.Conversation;
import org.causette.server.store.Lead;
import org.causette.server.store.OutboxStore;
import org.causette.server.store.Rating;
import org.causette.server.store.StoredMessage;
import org.causette.server.store.WebhookDelivery;
import org.causette.server.wire.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Signed webhooks to a shop's CRM (site.json {@code webhooks}): each event a subscription wants becomes a delivery in
 * the store's outbox, on the lane where it happened; a poller on every node takes due deliveries (with a lease, so
 * nodes do not send the same one at once), POSTs them, deletes them on 2xx and otherwise tries again with exponential
 * backoff — at least once, until delivered or until the subscription is removed from site.json. Failures are logged
 * with the receiver's answer, counted, and kept with their last error in the outbox (see docs/channels.md).
 *
 * <p>Signature: {@code X-Causette-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>}.
 */
public final class CrmWebhooks implements HubEvents, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CrmWebhooks.class);

    public static final String SIGNATURE_HEADER = "X-Causette-Signature";
    public static final String EVENT_HEADER = "X-Causette-Event";
    public static final String DELIVERY_HEADER = "X-Causette-Delivery";
    public static final Duration POLL_EVERY = Duration.ofSeconds(1);
    public static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    public static final Duration MAX_BACKOFF = Duration.ofHours(1);
    /** A taken delivery is not taken again before this, unless it failed (longer than a request can last). */
    public static final Duration LEASE = Duration.ofSeconds(60);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final int MAX_IN_FLIGHT = 16;
    private static final int PENDING_GAUGE_EVERY_POLLS = 10;

    private final Sites sites;
    private final OutboxStore store;
    private final HubMetrics metrics;
    private final Clock clock;
    private final Duration firstBackoff;
    private final ExecutorService httpThreads;
    private final HttpClient http;
    private final ScheduledExecutorService poller;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicBoolean polling = new AtomicBoolean();
    private int polls;

    public CrmWebhooks(Sites sites, OutboxStore store, HubMetrics metrics, Clock clock) {
        this(sites, store, metrics, clock, FIRST_BACKOFF);
    }

    public CrmWebhooks(Sites sites, OutboxStore store, HubMetrics metrics, Clock clock, Duration firstBackoff) {
        this.sites = sites;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        this.firstBackoff = firstBackoff;
        this.httpThreads = Executors.newFixedThreadPool(2, r -> GraphApi.daemon(r, "crm-webhooks-http"));
        this.http = HttpClient.newBuilder().executor(httpThreads).connectTimeout(Duration.ofSeconds(5)).build();
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> GraphApi.daemon(r, "crm-webhooks"));
    }

    /** Starts polling the outbox (only when some site has webhooks). */
    public void start() {
        if (sites.all().stream().anyMatch(s -> !s.config().webhooks().isEmpty())) {
            poller.scheduleWithFixedDelay(this::poll, POLL_EVERY.toMillis(), POLL_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    // ---- events in -----------------------------------------------------------------------------------------------

    @Override
    public void conversationCreated(Conversation conversation) {
        enqueue(conversation.siteId(), "conversation.created", () -> conversationData(conversation));
    }

    @Override
    public void handedOver(Conversation conversation) {
        enqueue(conversation.siteId(), "conversation.handed_over", () -> conversationData(conversation));
    }

    @Override
    public void conversationClosed(Conversation conversation) {
        enqueue(conversation.siteId(), "conversation.closed", () -> conversationData(conversation));
    }

    @Override
    public void messageCreated(Conversation conversation, StoredMessage message) {
        enqueue(conversation.siteId(), "message.created", () -> {
            ObjectNode data = conversationData(conversation);
            ObjectNode m = data.putObject("message");
            m.put("id", message.id()).put("seq", message.seq()).put("role", message.from().role().wireName())
                    .put("authorId", message.from().id()).put("name", message.from().name())
                    .put("text", message.text()).put("payload", message.payload()).put("ts", message.ts().toString());
            return data;
        });
    }

    @Override
    public void leadCaptured(Lead lead) {
        enqueue(lead.siteId(), "lead.captured", () -> {
            ObjectNode data = Json.MAPPER.createObjectNode();
            data.putObject("lead").put("id", lead.id()).put("visitorId", lead.visitorId())
                    .put("conversationId", lead.conversationId()).put("email", lead.email()).put("note", lead.note())
                    .put("language", lead.language()).put("ts", lead.ts().toString());
            return data;
        });
    }

    @Override
    public void ratingCreated(Rating rating) {
        enqueue(rating.siteId(), "rating.created", () -> {
            ObjectNode data = Json.MAPPER.createObjectNode();
            data.putObject("rating").put("conversationId", rating.conversationId()).put("visitorId", rating.visitorId())
                    .put("score", rating.score()).put("comment", rating.comment()).put("ts", rating.ts().toString());
            return data;
        });
    }

    private static ObjectNode conversationData(Conversation c) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        ObjectNode conversation = data.putObject("conversation");
        conversation.put("id", c.id()).put("channel", c.channel()).put("state", c.state().wireName())
                .put("visitorId", c.visitorId()).put("language", c.language()).put("reason", c.reason())
                .put("skill", c.skill()).put("target", c.target())
                .put("createdAt", String.valueOf(c.createdAt()))
                .put("handedOverAt", c.handedOverAt() == null ? null : c.handedOverAt().toString())
                .put("closedAt", c.closedAt() == null ? null : c.closedAt().toString());
        if (c.assignee() != null) {
            conversation.putObject("assignee").put("id", c.assignee().staffId())
                    .put("role", c.assignee().role().wireName()).put("name", c.assignee().name());
        } else {
            conversation.putNull("assignee");
        }
        return data;
    }

    /** Called on a lane: stores the deliveries (cheap), never sends there, never throws. */
    private void enqueue(String siteId, String event, java.util.function.Supplier<ObjectNode> data) {
        Optional<Site> site = sites.find(siteId);
        if (site.isEmpty() || site.get().config().webhooks().stream().noneMatch(w -> w.wants(event))) {
            return;
        }
        try {
            Instant now = clock.instant();
            ObjectNode payload = data.get();
            for (WebhookSubscription subscription : site.get().config().webhooks()) {
                if (!subscription.wants(event)) {
                    continue;
                }
                String id = UUID.randomUUID().toString();
                ObjectNode body = Json.MAPPER.createObjectNode();
                body.put("id", id).put("event", event).put("site", siteId).put("createdAt", now.toString());
                body.set("data", payload);
                store.saveWebhookDelivery(new WebhookDelivery(id, siteId, subscription.url(), event,
                        new String(Json.bytes(body), StandardCharsets.UTF_8), 0, now, now, null));
                metrics.crmWebhook(siteId, "queued");
            }
        } catch (RuntimeException e) {
            metrics.crmWebhook(siteId, "dropped");
            log.error("CRM webhook {} of site {} could not be kept for delivery", event, siteId, e);
            return;
        }
        try {
            poller.execute(this::poll); // now rather than at the next tick
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Shutting down: it stays in the outbox for the next start.
        }
    }

    // ---- deliveries out ------------------------------------------------------------------------------------------

    /** Takes what is due, as many as there are free slots, and sends each; runs on the poller thread. */
    void poll() {
        if (!polling.compareAndSet(false, true)) {
            return;
        }
        try {
            if (++polls % PENDING_GAUGE_EVERY_POLLS == 1) {
                for (Site site : sites.all()) {
                    if (!site.config().webhooks().isEmpty()) {
                        metrics.crmWebhooksPending(site.id(), store.webhookDeliveries(site.id(), 100_000).size());
                    }
                }
            }
            int free = inFlight.availablePermits();
            if (free == 0) {
                return;
            }
            Instant now = clock.instant();
            for (WebhookDelivery delivery : store.claimWebhookDeliveries(now, now.plus(LEASE), free)) {
                inFlight.acquireUninterruptibly();
                send(delivery);
            }
        } catch (RuntimeException e) {
            log.warn("CRM webhook outbox not reachable: {}", e.toString());
        } finally {
            polling.set(false);
        }
    }

    private void send(WebhookDelivery delivery) {
        Optional<WebhookSubscription> subscription = sites.find(delivery.siteId()).flatMap(site ->
                site.config().webhooks().stream().filter(w -> w.url().equals(delivery.url())).findFirst());
        if (subscription.isEmpty()) {
            log.warn("CRM webhook {} to {} dropped: the site no longer subscribes that URL", delivery.id(), delivery.url());
            metrics.crmWebhook(delivery.siteId(), "dropped");
            store.deleteWebhookDelivery(delivery.id());
            inFlight.release();
            return;
        }
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        long t = clock.instant().getEpochSecond();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Causette-Webhooks/1")
                    .header(EVENT_HEADER, delivery.event())
                    .header(DELIVERY_HEADER, delivery.id())
                    .header(SIGNATURE_HEADER, signature(subscription.get().secret(), t, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> done(delivery, response, error));
        } catch (RuntimeException e) {
            done(delivery, null, e);
        }
    }

    private void done(WebhookDelivery delivery, HttpResponse<String> response, Throwable error) {
        try {
            if (error == null && response.statusCode() / 100 == 2) {
                store.deleteWebhookDelivery(delivery.id());
                metrics.crmWebhook(delivery.siteId(), "delivered");
                if (delivery.attempts() > 0) {
                    log.info("CRM webhook {} {} delivered to {} after {} failed attempt(s)", delivery.event(),
                            delivery.id(), delivery.url(), delivery.attempts());
                }
                return;
            }
            String reason = error != null ? error.getClass().getSimpleName() + ": " + error.getMessage()
                    : "HTTP " + response.statusCode() + " " + shorten(response.body());
            Duration wait = backoff(delivery.attempts() + 1);
            store.saveWebhookDelivery(delivery.failed(reason, clock.instant().plus(wait)));
            metrics.crmWebhook(delivery.siteId(), "failed_attempt");
            log.warn("CRM webhook {} {} to {} failed (attempt {}): {}; next attempt in {} s", delivery.event(),
                    delivery.id(), delivery.url(), delivery.attempts() + 1, reason, wait.toSeconds());
        } catch (RuntimeException e) {
            // The lease runs out and another poll tries it again.
            log.warn("CRM webhook {} outcome not recorded: {}", delivery.id(), e.toString());
        } finally {
            inFlight.release();
        }
    }

    private Duration backoff(int attempts) {
        long millis = Math.min(firstBackoff.toMillis() << Math.min(attempts - 1, 30), MAX_BACKOFF.toMillis());
        return Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(Math.max(1, millis / 10)));
    }

    private static String shorten(String body) {
        if (body == null) {
            return "";
        }
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }

    /** The {@value #SIGNATURE_HEADER} value: {@code t=<seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}. */
    public static String signature(String secret, long t, byte[] body) {
        byte[] prefix = (t + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), signed));
    }

    /** What a receiver does (for tests and as the reference for docs/channels.md). */
    public static boolean verify(String secret, String header, byte[] body, Instant now, Duration tolerance) {
        if (header == null) {
            return false;
        }
        long t = -1;
        String v1 = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                try {
                    t = Long.parseLong(part.substring(2));
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (part.startsWith("v1=")) {
                v1 = part.substring(3);
            }
        }
        if (t < 0 || v1 == null || Math.abs(now.getEpochSecond() - t) > tolerance.toSeconds()) {
            return false;
        }
        String expected = signature(secret, t, body);
        return Hmac.matchesHex(HexFormat.of().parseHex(expected.substring(expected.indexOf("v1=") + 3)), v1);
    }

    /** Undelivered deliveries of a site, for operators and tests. */
    public List<WebhookDelivery> pending(String siteId) {
        return store.webhookDeliveries(siteId, 1_000);
    }

    @Override
    public void close() {
        poller.shutdownNow();
        httpThreads.shutdownNow();
    }
}
