package org.causette.server.channel;

import com.fasterxml.jackson.databind.JsonNode;
import org.causette.server.metrics.HubMetrics;
import org.causette.server.wire.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls to Meta's Graph API (Send API, WhatsApp messages), off the conversation lanes. Calls with the same key (one
 * shopper) go out one after the other, in the order given, so a long answer split in three arrives in order; calls
 * of different shoppers run in parallel. 5xx, 429 and network errors are retried with exponential backoff (the
 * shopper's later calls wait behind); any other 4xx is Meta refusing: logged with Meta's reason, counted, not retried.
 * The number of calls waiting is bounded: beyond it, calls are dropped (logged and counted), never buffered forever.
 */
public final class GraphApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GraphApi.class);

    public static final int MAX_PENDING = 10_000;
    public static final int MAX_ATTEMPTS = 6;
    public static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final int HTTP_THREADS = 2;

    /**
     * One call.
     *
     * @param channel       for metrics and logs: messenger or whatsapp
     * @param key           calls with the same key go out in order (one shopper on one site)
     * @param authorization the Authorization header, or null (Messenger passes its token in the URL)
     * @param retry         false for best-effort calls (typing indicators): one attempt
     * @param what          for logs: "message", "typing", "pass_thread_control"…
     */
    public record Call(String channel, String key, URI uri, String authorization, byte[] body, boolean retry, String what) {
    }

    private static final class Lane {
        final ArrayDeque<Call> waiting = new ArrayDeque<>();
    }

    private final HubMetrics metrics;
    private final Duration firstBackoff;
    private final ExecutorService httpThreads;
    private final HttpClient http;
    private final ScheduledExecutorService retries;
    /** A key is present while a call of it is in flight; its lane holds the calls waiting behind. */
    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();

    public GraphApi(HubMetrics metrics) {
        this(metrics, FIRST_BACKOFF);
    }

    public GraphApi(HubMetrics metrics, Duration firstBackoff) {
        this.metrics = metrics;
        this.firstBackoff = firstBackoff;
        AtomicInteger number = new AtomicInteger();
        this.httpThreads = Executors.newFixedThreadPool(HTTP_THREADS, r -> daemon(r, "graph-api-" + number.incrementAndGet()));
        this.http = HttpClient.newBuilder().executor(httpThreads).connectTimeout(Duration.ofSeconds(5)).build();
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "graph-api-retries"));
    }

    static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Queues a call; never blocks. */
    public void submit(Call call) {
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            metrics.channelSend(call.channel(), "dropped");
            log.error("{} {} to {} dropped: {} Graph API calls are waiting already (is Meta down?)", call.channel(),
                    call.what(), call.key(), MAX_PENDING);
            return;
        }
        boolean[] startNow = {false};
        lanes.compute(call.key(), (key, lane) -> {
            if (lane == null) {
                startNow[0] = true;
                return new Lane();
            }
            lane.waiting.add(call);
            return lane;
        });
        if (startNow[0]) {
            attempt(call, 1);
        }
    }

    private void attempt(Call call, int attempt) {
        HttpRequest.Builder request = HttpRequest.newBuilder(call.uri())
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(call.body()));
        if (call.authorization() != null) {
            request.header("Authorization", call.authorization());
        }
        try {
            http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> done(call, attempt, response, error));
        } catch (RuntimeException e) {
            done(call, attempt, null, e);
        }
    }

    private void done(Call call, int attempt, HttpResponse<String> response, Throwable error) {
        try {
            int status = response == null ? 0 : response.statusCode();
            if (error == null && status >= 200 && status < 300) {
                metrics.channelSend(call.channel(), "sent");
                finish(call);
                return;
            }
            boolean transient_ = error != null || status == 429 || status >= 500;
            String reason = error != null ? error.getClass().getSimpleName() + ": " + error.getMessage()
                    : "HTTP " + status + " " + metaError(response.body());
            if (transient_ && call.retry() && attempt < MAX_ATTEMPTS) {
                Duration wait = backoff(attempt, response);
                metrics.channelSend(call.channel(), "retried");
                log.warn("{} {} to {} failed ({}), attempt {} of {}; retrying in {} ms", call.channel(), call.what(),
                        call.key(), reason, attempt, MAX_ATTEMPTS, wait.toMillis());
                retries.schedule(() -> attempt(call, attempt + 1), wait.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            if (transient_) {
                metrics.channelSend(call.channel(), "failed");
                log.error("{} {} to {} not delivered after {} attempt(s): {}", call.channel(), call.what(), call.key(),
                        attempt, reason);
            } else {
                metrics.channelSend(call.channel(), "refused");
                log.error("Meta refused the {} {} to {}: {} — check the access token, the page or number id, and "
                        + "Meta's messaging window rules", call.channel(), call.what(), call.key(), reason);
            }
            finish(call);
        } catch (RuntimeException e) {
            // Retries scheduled after close() land here; the call is lost with the process anyway.
            log.warn("{} {} to {} abandoned: {}", call.channel(), call.what(), call.key(), e.toString());
            finish(call);
        }
    }

    /** Exponential with jitter; a 429's Retry-After (seconds) wins when longer. */
    private Duration backoff(int attempt, HttpResponse<String> response) {
        long base = firstBackoff.toMillis() << Math.min(attempt - 1, 16);
        long millis = Math.min(base, MAX_BACKOFF.toMillis());
        millis += ThreadLocalRandom.current().nextLong(Math.max(1, millis / 5));
        if (response != null) {
            long retryAfter = response.headers().firstValueAsLong("Retry-After").orElse(0) * 1000;
            millis = Math.max(millis, Math.min(retryAfter, MAX_BACKOFF.toMillis()));
        }
        return Duration.ofMillis(millis);
    }

    /** Meta's {@code {"error":{"message","code","error_subcode"}}}, shortened, for the log. */
    static String metaError(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        try {
            JsonNode error = Json.MAPPER.readTree(body).path("error");
            if (error.isObject()) {
                return "(#" + error.path("code").asText("?")
                        + (error.has("error_subcode") ? "/" + error.path("error_subcode").asText() : "") + ") "
                        + error.path("message").asText("");
            }
        } catch (Exception e) {
            // Not JSON: show the start of it.
        }
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }

    private void finish(Call call) {
        pending.decrementAndGet();
        Call[] next = {null};
        lanes.computeIfPresent(call.key(), (key, lane) -> {
            next[0] = lane.waiting.poll();
            return next[0] == null ? null : lane;
        });
        if (next[0] != null) {
            attempt(next[0], 1);
        }
    }

    /** Calls waiting or in flight. */
    public int pending() {
        return pending.get();
    }

    @Override
    public void close() {
        retries.shutdownNow();
        httpThreads.shutdownNow();
    }
}
