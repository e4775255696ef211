package org.causette.server.store;

import java.time.Instant;
import java.util.List;

/**
 * What happened, by time, for the reports: a visitor's events (page views, carts, purchases), leads and the bot's
 * turns. Kept by site and by visitor, so a report reads a range and an erasure finds a visitor's entries.
 */
public interface TimelineStore {

    void saveEvent(VisitorEvent event);

    List<VisitorEvent> events(String siteId, String visitorId);

    void saveLead(Lead lead);

    List<Lead> leads(String siteId, Instant from, Instant to);

    void saveBotTurn(BotTurnRecord turn);

    List<BotTurnRecord> botTurns(String siteId, Instant from, Instant to);

    /** Purchase and other events of a site in [from, to), for conversions. */
    List<VisitorEvent> events(String siteId, Instant from, Instant to);

    /**
     * Stores a purchase event once per order: claims {@code orderId} for its buyer (the event's visitor) and saves the
     * event in one atomic step, so a shop page that reports an order twice, or two tabs, never count it twice. The claim
     * is the buyer's, not the site's: another shopper sending a guessed order id first must not make the real
     * purchase vanish from the figures.
     *
     * @return false when that order was stored already (nothing is saved)
     */
    boolean savePurchase(VisitorEvent purchase, String orderId);

    /** The member an order claim is kept under: the buyer and the order id. */
    static String orderClaim(String visitorId, String orderId) {
        return visitorId + ":" + orderId;
    }
}
