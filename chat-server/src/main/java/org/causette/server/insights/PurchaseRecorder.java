package org.causette.server.insights;

import org.causette.server.config.Site;
import org.causette.server.store.Exposure;
import org.causette.server.store.Store;
import org.causette.server.store.VisitorEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Stores a visitor's tracked events, with what a purchase needs on top: each order once (an atomic claim of its
 * {@code orderId} in the store, so a shop page that reports it twice, or two tabs, never count it twice), and credited
 * to every proactive variant the visitor was shown within the site's attribution window: the variant's
 * {@code converted} counter goes up by one per order, its {@code revenueCents} by the value (in the site's currency).
 */
public final class PurchaseRecorder {
    private static final Logger log = LoggerFactory.getLogger(PurchaseRecorder.class);
    public static final String PURCHASE = "purchase";
    public static final String CONVERTED = "converted";
    public static final String REVENUE_CENTS = "revenueCents";

    private final Store store;

    public PurchaseRecorder(Store store) {
        this.store = store;
    }

    /**
     * Stores the event (its data validated already).
     *
     * @return false when it is a purchase whose order was stored before: nothing was stored or counted
     */
    public boolean record(Site site, VisitorEvent event) {
        if (!event.name().equals(PURCHASE)) {
            store.saveEvent(event);
            return true;
        }
        PurchaseData purchase = PurchaseData.lenient(event.data());
        if (purchase.orderId() != null) {
            if (!store.savePurchase(event, purchase.orderId())) {
                return false;
            }
        } else {
            store.saveEvent(event);
        }
        try {
            creditVariants(site, event, purchase);
        } catch (RuntimeException e) {
            // The purchase is stored; a lost A/B count must not make the shop page think it was not.
            log.warn("Could not credit a purchase to proactive variants: {}", e.toString());
        }
        return true;
    }

    private void creditVariants(Site site, VisitorEvent event, PurchaseData purchase) {
        Duration window = site.outcomes().attribution();
        Set<String> credited = new LinkedHashSet<>();
        for (Exposure shown : store.exposures(site.id(), event.visitorId())) {
            boolean inWindow = !shown.ts().isAfter(event.ts()) && shown.ts().isAfter(event.ts().minus(window));
            // A variant shown several times in the window still gets the order once.
            if (inWindow && credited.add(shown.scenarioId() + "\u0000" + shown.variant())) {
                store.countVariant(site.id(), shown.scenarioId(), shown.variant(), CONVERTED);
                long cents = Math.round(purchase.value() * 100);
                if (cents > 0 && purchase.inCurrency(site.config().currency())) {
                    store.addToVariant(site.id(), shown.scenarioId(), shown.variant(), REVENUE_CENTS, cents);
                }
            }
        }
    }
}
