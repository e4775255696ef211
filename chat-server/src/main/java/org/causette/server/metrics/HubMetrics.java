package org.causette.server.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The hub's counters, one registry per server so tests with several servers in one JVM do not mix them. */
public final class HubMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();

    private final Gauge connections = Gauge.builder().name("causette_connections")
            .help("Open WebSocket connections").labelNames("kind").register(registry);
    private final Counter framesIn = Counter.builder().name("causette_frames_in_total")
            .help("WebSocket frames received").labelNames("kind").register(registry);
    private final Counter framesOut = Counter.builder().name("causette_frames_out_total")
            .help("WebSocket frames sent").labelNames("type").register(registry);
    private final Counter messagesStored = Counter.builder().name("causette_messages_stored_total")
            .help("Messages appended to the store").labelNames("role").register(registry);
    private final Counter botTurns = Counter.builder().name("causette_bot_turns_total")
            .help("Bot turns taken").labelNames("action").register(registry);
    private final Histogram botTurnSeconds = Histogram.builder().name("causette_bot_turn_seconds")
            .help("Time of one bot turn, understanding and answer").register(registry);
    private final Counter errors = Counter.builder().name("causette_errors_total")
            .help("Error frames and responses sent, by code").labelNames("code").register(registry);
    private final Counter slowReadersClosed = Counter.builder().name("causette_slow_readers_closed_total")
            .help("Connections closed because they did not read fast enough").register(registry);
    private final Counter channelEvents = Counter.builder().name("causette_channel_events_total")
            .help("Messenger and WhatsApp webhook events received, by kind").labelNames("channel", "kind").register(registry);
    private final Counter channelSends = Counter.builder().name("causette_channel_sends_total")
            .help("Graph API calls, by outcome: sent, retried, refused (Meta said no), failed (gave up), dropped (queue full)")
            .labelNames("channel", "outcome").register(registry);
    private final Counter crmWebhooks = Counter.builder().name("causette_crm_webhooks_total")
            .help("Signed webhooks to shops' CRMs, by outcome: queued, delivered, failed_attempt, dropped")
            .labelNames("site", "outcome").register(registry);
    private final Gauge crmWebhooksPending = Gauge.builder().name("causette_crm_webhooks_pending")
            .help("CRM webhooks waiting in the outbox (not yet accepted by the receiver)").labelNames("site").register(registry);
    private final Counter mails = Counter.builder().name("causette_mails_total")
            .help("Emails to shoppers who left (docs/email.md), by outcome: sent, failed_attempt (tried again later), "
                    + "given_up, not_needed (seen, or no consent), limited (a per-conversation or per-day bound)")
            .labelNames("site", "outcome").register(registry);
    private final Gauge mailsPending = Gauge.builder().name("causette_mails_pending")
            .help("Emails owed to shoppers who left, kept in the store until sent").labelNames("site").register(registry);

    // The data points of the counters every round trip touches, by label: labelValues builds a label list and looks
    // it up on each call, which showed in allocation profiles; the set of labels is small and fixed.
    private final Map<String, CounterDataPoint> framesInByKind = new ConcurrentHashMap<>();
    private final Map<String, CounterDataPoint> framesOutByType = new ConcurrentHashMap<>();
    private final Map<String, CounterDataPoint> messagesStoredByRole = new ConcurrentHashMap<>();
    private final Map<String, CounterDataPoint> botTurnsByAction = new ConcurrentHashMap<>();

    public HubMetrics() {
        JvmMetrics.builder().register(registry);
        // Known series exist from the start (at zero), so dashboards and alerts see them before the first event.
        for (String kind : new String[]{"visitor", "staff"}) {
            connections.labelValues(kind).set(0);
            framesIn.labelValues(kind);
        }
        for (String role : new String[]{"visitor", "bot", "agent", "ambassador", "system"}) {
            messagesStored.labelValues(role);
        }
        for (String code : new String[]{"bad_json", "unknown_type", "bad_request", "too_large", "rate_limited",
                "unauthorized", "not_found", "unavailable"}) {
            errors.labelValues(code);
        }
    }

    public void connectionOpened(String kind) {
        connections.labelValues(kind).inc();
    }

    public void connectionClosed(String kind) {
        connections.labelValues(kind).dec();
    }

    public void frameIn(String kind) {
        framesInByKind.computeIfAbsent(kind, framesIn::labelValues).inc();
    }

    public void frameOut(String type) {
        framesOutByType.computeIfAbsent(type, framesOut::labelValues).inc();
    }

    public void messageStored(String role) {
        messagesStoredByRole.computeIfAbsent(role, messagesStored::labelValues).inc();
    }

    public void botTurn(String action, long nanos) {
        botTurnsByAction.computeIfAbsent(action, botTurns::labelValues).inc();
        botTurnSeconds.observe(nanos / 1e9);
    }

    public void error(String code) {
        errors.labelValues(code).inc();
    }

    public void slowReaderClosed() {
        slowReadersClosed.inc();
    }

    /** A webhook event from Meta: message, postback, echo, read, standby, status, duplicate, bad_signature… */
    public void channelEvent(String channel, String kind) {
        channelEvents.labelValues(channel, kind).inc();
    }

    public void channelSend(String channel, String outcome) {
        channelSends.labelValues(channel, outcome).inc();
    }

    public void crmWebhook(String siteId, String outcome) {
        crmWebhooks.labelValues(siteId, outcome).inc();
    }

    public void crmWebhooksPending(String siteId, int pending) {
        crmWebhooksPending.labelValues(siteId).set(pending);
    }

    public void mail(String siteId, String outcome) {
        mails.labelValues(siteId, outcome).inc();
    }

    /** The series of a site that sends email, at zero from the start (dashboards see them before the first email). */
    public void mailSite(String siteId) {
        for (String outcome : new String[]{"sent", "failed_attempt", "given_up", "not_needed", "limited"}) {
            mails.labelValues(siteId, outcome);
        }
        mailsPending.labelValues(siteId).set(0);
    }

    public void mailsPending(String siteId, int pending) {
        mailsPending.labelValues(siteId).set(pending);
    }

    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            new PrometheusTextFormatWriter(false).write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
