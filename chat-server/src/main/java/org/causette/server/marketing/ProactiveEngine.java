package org.causette.server.marketing;

import com.fasterxml.jackson.databind.JsonNode;
import org.causette.server.config.Site;
import org.causette.server.conversation.Hub;
import org.causette.server.store.Store;
import org.causette.server.store.VisitorEvent;
import org.causette.server.ws.EncodedFrame;
import org.causette.server.ws.VisitorConnection;
import org.causette.server.ws.frames.ServerFrames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, on the visitor's lane, whether what a visitor just did fires one of the site's scenarios, and sends the
 * proactive message to the visitor's sockets. Frequency caps: one message per visitor per cap period (an atomic
 * claim in the store, so nodes and tabs agree), none while a conversation is open, none after a dismissal for a
 * session. Marketing must never break chatting: every failure here is logged and swallowed.
 */
public final class ProactiveEngine {
    private static final Logger log = LoggerFactory.getLogger(ProactiveEngine.class);
    /** A dismissal silences proactive messages for this long: a browsing session by the usual 30-minute rule. */
    public static final Duration SESSION = Duration.ofMinutes(30);
    /** Visitors remembered on this node (shown-but-unanswered, dismissed): enough for a busy node, bounded. */
    private static final int REMEMBERED = 100_000;

    public static final String SHOWN = "shown";
    public static final String ANSWERED = "answered";
    public static final String DISMISSED = "dismissed";

    private final Store store;
    private final Hub hub;
    private final Clock clock;
    /** site/visitor → the message shown and not answered yet: the visitor's next message counts as its answer. */
    private final Map<String, Shown> pending = bounded();
    /** site/visitor → when they last dismissed one. Per node: a visitor's sockets usually stay on one node. */
    private final Map<String, Instant> dismissed = bounded();

    private record Shown(String scenarioId, String variant, Instant at, Duration cap) {
    }

    public ProactiveEngine(Store store, Hub hub, Clock clock) {
        this.store = store;
        this.hub = hub;
        this.clock = clock;
    }

    private static <V> Map<String, V> bounded() {
        return Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > REMEMBERED;
            }
        });
    }

    /** After hello, when no conversation is open. {@code firstSeen}: when this visitor was first seen. */
    public void afterHello(VisitorConnection connection, Instant firstSeen) {
        Instant now = clock.instant();
        boolean returning = firstSeen.isBefore(now.minus(Duration.ofMinutes(Trigger.RETURNING_AFTER_MINUTES)));
        quietly("hello", () -> fire(connection, Trigger.On.HELLO, t -> !t.returning() || returning));
    }

    /** After an event was stored (so only with consent). */
    public void afterEvent(VisitorConnection connection, String name, JsonNode data) {
        quietly(name, () -> {
            switch (name) {
                case "page_view" -> {
                    String url = data == null ? "" : data.path("url").asText("");
                    long[] pages = {-1};
                    fire(connection, Trigger.On.PAGE_VIEW, t -> {
                        if (t.urlContains() != null && !url.contains(t.urlContains())) {
                            return false;
                        }
                        if (t.minPages() <= 1) {
                            return true;
                        }
                        if (pages[0] < 0) {
                            pages[0] = store.events(connection.siteId(), connection.visitorId()).stream()
                                    .map(VisitorEvent::name).filter("page_view"::equals).count();
                        }
                        return pages[0] >= t.minPages();
                    });
                }
                case "cart_update" -> {
                    JsonNode value = data == null ? null : data.get("value");
                    if (value != null && value.isNumber()) {
                        fire(connection, Trigger.On.CART_UPDATE, t -> value.asDouble() >= t.minCartValue());
                    }
                }
                default -> {
                    // Other events trigger nothing (yet).
                }
            }
        });
    }

    /** The visitor sent a message: if it follows a proactive message, that message counts as answered. */
    public void afterMessage(VisitorConnection connection) {
        Shown shown = pending.remove(key(connection));
        if (shown != null && shown.at().plus(shown.cap()).isAfter(clock.instant())) {
            quietly("answered", () -> store.countVariant(connection.siteId(), shown.scenarioId(), shown.variant(), ANSWERED));
        }
    }

    /** The visitor closed the bubble: counted, and no other proactive message for a session. */
    public void dismissedBy(VisitorConnection connection, String scenarioId) {
        dismissed.put(key(connection), clock.instant());
        Shown shown = pending.get(key(connection));
        if (shown != null && shown.scenarioId().equals(scenarioId)) {
            pending.remove(key(connection));
            quietly("dismissed", () -> store.countVariant(connection.siteId(), scenarioId, shown.variant(), DISMISSED));
        }
    }

    private void fire(VisitorConnection connection, Trigger.On on, java.util.function.Predicate<Trigger> matches) {
        Site site = connection.site();
        List<Scenario> scenarios = site.scenarios().on(on);
        if (scenarios.isEmpty() || connection.visitorId() == null) {
            return;
        }
        Instant now = clock.instant();
        String language = language(connection);
        Optional<Scenario> chosen = scenarios.stream()
                .filter(s -> conditionsHold(s.conditions(), connection, site, language, now))
                .filter(s -> matches.test(s.trigger()))
                .findFirst();
        if (chosen.isEmpty()) {
            return;
        }
        Instant dismissedAt = dismissed.get(key(connection));
        if (dismissedAt != null && dismissedAt.plus(SESSION).isAfter(now)) {
            return;
        }
        // Never interrupt a conversation: whoever is talking with the visitor is the one to suggest things.
        if (store.findOpenConversation(site.id(), connection.visitorId(), "web").isPresent()) {
            return;
        }
        Duration cap = site.scenarios().cap();
        if (!store.claimProactive(site.id(), connection.visitorId(), now, now.plus(cap))) {
            return;
        }
        Scenario scenario = chosen.get();
        Variant variant = VariantPicker.pick(connection.visitorId(), scenario);
        String fallback = site.config().defaultLanguage();
        ServerFrames.Proactive frame = new ServerFrames.Proactive(scenario.id(), variant.id(),
                variant.textIn(language, fallback), variant.quickRepliesIn(language, fallback), List.of());
        hub.toVisitor(site.id(), connection.visitorId(), null, 0, EncodedFrame.of(frame, "proactive"), null);
        pending.put(key(connection), new Shown(scenario.id(), variant.id(), now, cap));
        store.countVariant(site.id(), scenario.id(), variant.id(), SHOWN);
        store.saveExposure(new org.causette.server.store.Exposure(site.id(), connection.visitorId(), scenario.id(), variant.id(), now)); // insights: conversions per variant
    }

    private static boolean conditionsHold(Conditions conditions, VisitorConnection connection, Site site,
                                          String language, Instant now) {
        if (!conditions.languages().isEmpty() && !conditions.languages().contains(language)) {
            return false;
        }
        if (conditions.duringBusinessHours() && !site.config().businessHours().isOpen(now)) {
            return false;
        }
        if (conditions.identified() != null && conditions.identified() != connection.identified()) {
            return false;
        }
        return conditions.consent() == null || conditions.consent() == connection.consent();
    }

    /** The visitor's language from the locale, when the site speaks it, else the site's first language. */
    private static String language(VisitorConnection connection) {
        String locale = connection.locale();
        List<String> languages = connection.site().config().languages();
        if (locale != null && locale.length() >= 2) {
            String prefix = locale.substring(0, 2).toLowerCase(java.util.Locale.ROOT);
            if (languages.contains(prefix)) {
                return prefix;
            }
        }
        return connection.site().config().defaultLanguage();
    }

    private static String key(VisitorConnection connection) {
        return connection.siteId() + "/" + connection.visitorId();
    }

    private static void quietly(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("Proactive scenarios after {} failed: {}", what, e.toString());
        }
    }
}
