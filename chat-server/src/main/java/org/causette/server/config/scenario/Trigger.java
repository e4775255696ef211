package org.causette.server.config.scenario;

/**
 * When a scenario fires. Event triggers ({@code page_view}, {@code cart_update}, {@code exit_intent}) and the timer
 * triggers built on events ({@code time_on_page}, {@code cart_abandoned}) read the events the widget sends, which the
 * server keeps only with consent: without consent they never fire (privacy first; see docs/marketing.md).
 *
 * @param on           what the scenario waits for
 * @param urlContains  page_view, time_on_page, exit_intent: the page's url must contain this (null: any page)
 * @param minPages     page_view: the visitor has viewed at least this many pages (consented events, this one included)
 * @param minCartValue cart_update, cart_abandoned: the cart's {@code data.value} is at least this
 * @param returning    hello: only visitors first seen more than {@link #RETURNING_AFTER_MINUTES} minutes ago
 * @param seconds      time_on_page: the visitor has stayed this long on the page (no newer page view)
 * @param idleMinutes  cart_abandoned: the non-empty cart has not changed for this long (no update, checkout or purchase)
 */
public record Trigger(On on, String urlContains, int minPages, double minCartValue, boolean returning, int seconds,
                      int idleMinutes) {
    /** A visitor first seen longer ago than this is "returning": a new session, by the usual 30-minute rule. */
    public static final int RETURNING_AFTER_MINUTES = 30;

    /** The triggers without a timer (the shape of scenarios before time_on_page and cart_abandoned). */
    public Trigger(On on, String urlContains, int minPages, double minCartValue, boolean returning) {
        this(on, urlContains, minPages, minCartValue, returning, 0, 0);
    }

    /** page_view, time_on_page, exit_intent: the page's url passes {@code urlContains}. */
    public boolean urlMatches(String url) {
        return urlContains == null || (url != null && url.contains(urlContains));
    }

    public enum On {
        PAGE_VIEW("page_view"), CART_UPDATE("cart_update"), HELLO("hello"), TIME_ON_PAGE("time_on_page"),
        CART_ABANDONED("cart_abandoned"), EXIT_INTENT("exit_intent"),
        /** Not a trigger of scenarios.json: marks the bot's greeting, an A/B test counted like the scenarios. */
        GREETING("greeting");

        private final String wireName;

        On(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }
}
