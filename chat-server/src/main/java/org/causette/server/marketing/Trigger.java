package org.causette.server.marketing;

/**
 * When a scenario fires. Event triggers ({@code page_view}, {@code cart_update}) read the events the widget sends,
 * which the server keeps only with consent: without consent they never fire (privacy first; see docs/marketing.md).
 *
 * @param on           {@code page_view}, {@code cart_update} or {@code hello} (the visitor opens a page with the widget)
 * @param urlContains  page_view: the page's url must contain this (null: any page)
 * @param minPages     page_view: the visitor has viewed at least this many pages (consented events, this one included)
 * @param minCartValue cart_update: the cart's {@code data.value} is at least this
 * @param returning    hello: only visitors first seen more than {@link #RETURNING_AFTER_MINUTES} minutes ago
 */
public record Trigger(On on, String urlContains, int minPages, double minCartValue, boolean returning) {
    /** A visitor first seen longer ago than this is "returning": a new session, by the usual 30-minute rule. */
    public static final int RETURNING_AFTER_MINUTES = 30;

    public enum On {
        PAGE_VIEW("page_view"), CART_UPDATE("cart_update"), HELLO("hello");

        private final String wireName;

        On(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }
}
