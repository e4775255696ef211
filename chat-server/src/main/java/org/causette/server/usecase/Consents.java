package org.causette.server.usecase;

import org.causette.server.store.ConsentRecord;
import org.causette.server.store.VisitorStore;

import java.time.Clock;

/** A visitor's consent choices, kept as a history (docs/customers.md). */
final class Consents {
    private Consents() {
    }

    /** Keeps the choice in the visitor's consent history (docs/customers.md): stored whatever the choice is. */
    static void record(VisitorStore store, Clock clock, String siteId, String visitorId, String purpose,
                       boolean granted, String source, boolean onlyIfChanged) {
        store.saveConsent(new ConsentRecord(siteId, visitorId, purpose, granted, source, clock.instant()), onlyIfChanged);
    }
}
