package org.causette.server.marketing;

import com.fasterxml.jackson.databind.JsonNode;
import org.causette.bot.Card;
import org.causette.server.config.Site;
import org.causette.server.config.scenario.Conditions;
import org.causette.server.config.scenario.Scenario;
import org.causette.server.config.scenario.Trigger;
import org.causette.server.config.scenario.Variant;
import org.causette.server.conversation.Hub;
import org.causette.server.conversation.Lanes;
import org.causette.server.conversation.VisitorSession;
import org.causette.server.store.Exposure;
import org.causette.server.store.Store;
import org.causette.server.wire.EncodedFrame;
import org.causette.server.wire.ServerFrames;
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
import java.util.function.Predicate;

/**
 * Decides, on the visitor's lane, whether what a visitor just did fires one of the site's scenarios, and sends the
 * proactive message to the visitor's sockets. Frequency caps: one message per visitor per cap period (an atomic
 * claim in the store, so nodes and tabs agree), none while a conversation is open, none after a dismissal for a
 * session. Marketing must never break chatting: every failure here is logged and swallowed.
 *
 * <p>Timer triggers ({@code time_on_page}, {@code cart_abandoned}) are armed when the events come in and checked by
 * {@link #sweep}, which the server's housekeeping calls every second: it reads the injected clock, so nothing here
 * sleeps and tests move time by hand. A due check runs on the visitor's lane like everything else.
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
    /** The {@code data.name} of the custom event the widget sends when the pointer leaves through the top. */
    public static final String EXIT_INTENT = "exit_intent";

    private final Store store;
    private final Hub hub;
    private final Lanes lanes;
    private final Clock clock;
    private final ProactiveTimers timers = new ProactiveTimers();
    /** site/visitor → the greeting variant shown and not answered yet (a separate A/B test from the bubbles). */
    private final Map<String, Shown> greetingPending = bounded();
    /** site/visitor → when the greeting was last counted shown: once per session. */
    private final Map<String, Instant> greetingShown = bounded();
    /** site/visitor → the message shown and not answered yet: the visitor's next message counts as its answer. */
    private final Map<String, Shown> pending = bounded();
    /** site/visitor → when they last dismissed one. Per node: a visitor's sockets usually stay on one node. */
    private final Map<String, Instant> dismissed = bounded();

    private record Shown(String scenarioId, String variant, Instant at, Duration cap) {
    }

    /** @param lanes where due timer checks run (the visitor's lane) */
    public ProactiveEngine(Store store, Hub hub, Lanes lanes, Clock clock) {
        this.store = store;
        this.hub = hub;
        this.lanes = lanes;
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
    public void afterHello(VisitorSession connection, Instant firstSeen) {
        Instant now = clock.instant();
        boolean returning = firstSeen.isBefore(now.minus(Duration.ofMinutes(Trigger.RETURNING_AFTER_MINUTES)));
        quietly("hello", () -> fire(connection, Trigger.On.HELLO, t -> !t.returning() || returning, Moment.NONE));
        quietly("hello (cart)", () -> cartAtHello(connection, now));
    }

    /** After an event was stored (so only with consent). */
    public void afterEvent(VisitorSession connection, String name, JsonNode data) {
        quietly(name, () -> {
            switch (name) {
                case "page_view" -> {
                    String url = data == null ? "" : data.path("url").asText("");
                    armPage(connection, url);
                    // One read of the visitor's events serves the page count and the segments alike.
                    VisitorFacts facts = new VisitorFacts(store, connection.siteId(), connection.visitorId());
                    fire(connection, Trigger.On.PAGE_VIEW, t -> t.urlMatches(url)
                            && (t.minPages() <= 1 || facts.count("page_view") >= t.minPages()),
                            new Moment(url, null), facts);
                }
                case "cart_update" -> {
                    armCart(connection, data);
                    JsonNode value = data == null ? null : data.get("value");
                    if (value != null && value.isNumber()) {
                        fire(connection, Trigger.On.CART_UPDATE, t -> value.asDouble() >= t.minCartValue(),
                                new Moment(null, data));
                    }
                }
                case "checkout", "purchase" -> timers.cancel(connection.siteId(), connection.visitorId(), ProactiveTimers.Kind.CART);
                case "custom" -> {
                    // The widget reports exit intent as a custom event (the contract's event names are fixed).
                    if (data != null && EXIT_INTENT.equals(data.path("name").asText())) {
                        String url = data.path("data").path("url").asText("");
                        fire(connection, Trigger.On.EXIT_INTENT, t -> t.urlMatches(url), new Moment(url, null));
                    }
                }
                default -> {
                    // Other events trigger nothing.
                }
            }
        });
    }

    /** The visitor sent a message: if it follows a proactive message, that message counts as answered. */
    public void afterMessage(VisitorSession connection) {
        Shown shown = pending.remove(key(connection));
        if (shown != null && shown.at().plus(shown.cap()).isAfter(clock.instant())) {
            quietly("answered", () -> store.countVariant(connection.siteId(), shown.scenarioId(), shown.variant(), ANSWERED));
        }
        Shown greeting = greetingPending.remove(key(connection));
        if (greeting != null && greeting.at().plus(greeting.cap()).isAfter(clock.instant())) {
            quietly("greeting answered", () -> store.countVariant(connection.siteId(), Scenario.GREETING, greeting.variant(), ANSWERED));
        }
    }

    /** The visitor closed the bubble: counted, and no other proactive message for a session. */
    public void dismissedBy(VisitorSession connection, String scenarioId) {
        dismissed.put(key(connection), clock.instant());
        Shown shown = pending.get(key(connection));
        if (shown != null && shown.scenarioId().equals(scenarioId)) {
            pending.remove(key(connection));
            quietly("dismissed", () -> store.countVariant(connection.siteId(), scenarioId, shown.variant(), DISMISSED));
        }
    }

    /**
     * What the engine knows about the moment a trigger fires, for the message's cards.
     *
     * @param url  the page the visitor is on (null: unknown)
     * @param cart the cart_update that fired it (null: read the last one from the store if cards need it)
     */
    private record Moment(String url, JsonNode cart) {
        static final Moment NONE = new Moment(null, null);
    }

    private void fire(VisitorSession connection, Trigger.On on, Predicate<Trigger> matches, Moment moment) {
        fire(connection, on, matches, moment, new VisitorFacts(store, connection.siteId(), connection.visitorId()));
    }

    private void fire(VisitorSession connection, Trigger.On on, Predicate<Trigger> matches, Moment moment,
                      VisitorFacts facts) {
        Site site = connection.site();
        List<Scenario> scenarios = site.scenarios().on(on);
        if (scenarios.isEmpty() || connection.visitorId() == null) {
            return;
        }
        Instant now = clock.instant();
        // The in-memory dismissal first: a silenced visitor costs no store read.
        Instant dismissedAt = dismissed.get(key(connection));
        if (dismissedAt != null && dismissedAt.plus(SESSION).isAfter(now)) {
            return;
        }
        String language = language(connection);
        Optional<Scenario> chosen = scenarios.stream()
                .filter(s -> conditionsHold(s.conditions(), connection, site, language, now))
                .filter(s -> matches.test(s.trigger()))
                .filter(s -> Segments.hold(s.conditions(), site.scenarios().segments(), connection, language, now, facts))
                .findFirst();
        if (chosen.isEmpty()) {
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
        List<Card> cards = ProactiveCards.build(variant.cards(), site, language, moment.url(),
                () -> moment.cart() != null ? moment.cart() : facts.lastCart());
        ServerFrames.Proactive frame = new ServerFrames.Proactive(scenario.id(), variant.id(),
                variant.textIn(language, fallback), variant.quickRepliesIn(language, fallback), cards);
        hub.toVisitor(site.id(), connection.visitorId(), null, 0, EncodedFrame.of(frame, "proactive"), null);
        pending.put(key(connection), new Shown(scenario.id(), variant.id(), now, cap));
        store.countVariant(site.id(), scenario.id(), variant.id(), SHOWN);
        store.saveExposure(new Exposure(site.id(), connection.visitorId(), scenario.id(), variant.id(), now)); // insights: conversions per variant
    }

    // ---- timer triggers (time_on_page, cart_abandoned) ---------------------------------------------------------------

    /** A page view: the time-on-page checks of the scenarios that could match this page start again from now. */
    private void armPage(VisitorSession connection, String url) {
        List<Duration> after = connection.site().scenarios().on(Trigger.On.TIME_ON_PAGE).stream()
                .filter(s -> s.trigger().urlMatches(url)).map(s -> Duration.ofSeconds(s.trigger().seconds())).toList();
        if (after.isEmpty()) {
            timers.cancel(connection.siteId(), connection.visitorId(), ProactiveTimers.Kind.PAGE);
        } else {
            Instant now = clock.instant();
            timers.arm(connection.siteId(), connection.visitorId(), ProactiveTimers.Kind.PAGE, now, url, after, now);
        }
    }

    /** A cart update: a non-empty cart starts the abandonment checks again; an empty one has nothing to abandon. */
    private void armCart(VisitorSession connection, JsonNode data) {
        if (!connection.site().scenarios().any(Trigger.On.CART_ABANDONED) || !VisitorFacts.nonEmptyCart(data)) {
            timers.cancel(connection.siteId(), connection.visitorId(), ProactiveTimers.Kind.CART);
            return;
        }
        Instant now = clock.instant();
        timers.arm(connection.siteId(), connection.visitorId(), ProactiveTimers.Kind.CART, now, null,
                idleChecks(connection.site()), now);
    }

    private static List<Duration> idleChecks(Site site) {
        return site.scenarios().on(Trigger.On.CART_ABANDONED).stream()
                .map(s -> Duration.ofMinutes(s.trigger().idleMinutes())).toList();
    }

    /**
     * A visitor says hello with a cart this node is not timing (a new node, a restart, or back after the timers ran
     * out): the store says whether it was left alone; fire now if it has been long enough, else time the rest.
     */
    private void cartAtHello(VisitorSession connection, Instant now) {
        Site site = connection.site();
        if (!site.scenarios().any(Trigger.On.CART_ABANDONED) || !connection.consent()
                || timers.armed(site.id(), connection.visitorId(), ProactiveTimers.Kind.CART)) {
            return;
        }
        new VisitorFacts(store, site.id(), connection.visitorId()).pendingCart().ifPresent(cart -> {
            fireAbandoned(connection, cart, now);
            timers.arm(site.id(), connection.visitorId(), ProactiveTimers.Kind.CART, cart.updatedAt(), null,
                    idleChecks(site), now);
        });
    }

    private void fireAbandoned(VisitorSession connection, VisitorFacts.PendingCart cart, Instant now) {
        Duration idle = Duration.between(cart.updatedAt(), now);
        fire(connection, Trigger.On.CART_ABANDONED, t -> idle.compareTo(Duration.ofMinutes(t.idleMinutes())) >= 0
                && cart.value() >= t.minCartValue(), new Moment(null, cart.data()));
    }

    /**
     * Runs the timer checks that are due by the clock, each on its visitor's lane. Called every second by the server's
     * housekeeping (and by tests right after moving their clock).
     */
    public void sweep() {
        for (ProactiveTimers.Due due : timers.due(clock.instant())) {
            lanes.submit(Hub.visitorLane(due.siteId(), due.visitorId()), () -> quietly("timer", () -> check(due)),
                    () -> log.debug("Lane full: proactive timer check of {} skipped", due.visitorId()));
        }
    }

    /** A due check: only for a visitor who still has a socket here and still consents. */
    private void check(ProactiveTimers.Due due) {
        VisitorSession connection = hub.visitors().of(due.siteId(), due.visitorId()).stream()
                .filter(VisitorSession::isOpen) // a socket closing now would swallow the message and its cap
                .filter(VisitorSession::consent).findFirst().orElse(null);
        if (connection == null) {
            return; // Gone: an abandoned cart is offered at their next hello instead.
        }
        Instant now = clock.instant();
        switch (due.kind()) {
            case PAGE -> {
                Duration stayed = Duration.between(due.since(), now);
                fire(connection, Trigger.On.TIME_ON_PAGE, t -> t.urlMatches(due.url())
                        && stayed.compareTo(Duration.ofSeconds(t.seconds())) >= 0, new Moment(due.url(), null));
            }
            // The store has the last word on the cart: another node may have seen a newer update of it.
            case CART -> new VisitorFacts(store, due.siteId(), due.visitorId()).pendingCart()
                    .ifPresent(cart -> fireAbandoned(connection, cart, now));
        }
    }

    /** Timers held on this node (for tests and metrics). */
    public int timersHeld() {
        return timers.size();
    }

    // ---- the bot's greeting as an A/B test ---------------------------------------------------------------------------

    /** The greeting for this visitor's welcome (their sticky variant, in their language), or null without one. */
    public ServerFrames.Greeting greeting(VisitorSession connection) {
        Optional<Scenario> greeting = connection.site().scenarios().greeting();
        if (greeting.isEmpty() || connection.visitorId() == null) {
            return null;
        }
        Variant variant = VariantPicker.pick(connection.visitorId(), greeting.get());
        String language = language(connection);
        String fallback = connection.site().config().defaultLanguage();
        return new ServerFrames.Greeting(variant.id(), variant.textIn(language, fallback),
                variant.quickRepliesIn(language, fallback));
    }

    /**
     * The widget showed the greeting {@code variant}: counted once per session, and the visitor's next message counts
     * as its answer. A variant that is not this visitor's (a page from before scenarios.json changed) counts nothing.
     */
    public void greetingShown(VisitorSession connection, String variantId) {
        Optional<Scenario> greeting = connection.site().scenarios().greeting();
        if (greeting.isEmpty() || !VariantPicker.pick(connection.visitorId(), greeting.get()).id().equals(variantId)) {
            return;
        }
        Instant now = clock.instant();
        Instant last = greetingShown.get(key(connection));
        if (last != null && last.plus(SESSION).isAfter(now)) {
            return;
        }
        greetingShown.put(key(connection), now);
        greetingPending.put(key(connection), new Shown(Scenario.GREETING, variantId, now, SESSION));
        quietly("greeting shown", () -> {
            store.countVariant(connection.siteId(), Scenario.GREETING, variantId, SHOWN);
            // Like a bubble's: a purchase within the attribution window credits the greeting's variant too.
            store.saveExposure(new Exposure(connection.siteId(), connection.visitorId(),
                    Scenario.GREETING, variantId, now));
        });
    }

    private static boolean conditionsHold(Conditions conditions, VisitorSession connection, Site site,
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
    private static String language(VisitorSession connection) {
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

    private static String key(VisitorSession connection) {
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
