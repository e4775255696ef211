package org.causette.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One consent choice of a visitor, kept as the record of the choice itself (the legal basis for what is kept about
 * them), so it is stored whatever the choice: a withdrawal is recorded like a grant.
 *
 * @param purpose {@link #TRACKING} (events: pages, cart, purchases) or {@link #CONTACT} (an email left to be contacted)
 * @param source  where the choice was made: {@link #FROM_HELLO}, {@link #FROM_CONSENT_FRAME} or {@link #FROM_LEAD_FORM}
 */
public record ConsentRecord(String siteId, String visitorId, String purpose, boolean granted, String source, Instant ts) {
    public static final String TRACKING = "tracking";
    public static final String CONTACT = "contact";
    /** The page's choice sent at connection ({@code hello.consent}). */
    public static final String FROM_HELLO = "hello";
    /** A change made without reconnecting ({@code consent} frame, {@code Causette.setConsent}). */
    public static final String FROM_CONSENT_FRAME = "consent";
    /** The box ticked on the widget's "leave your email" form. */
    public static final String FROM_LEAD_FORM = "lead_form";
    /** The widget's "email me the answer" choice (docs/email.md). */
    public static final String FROM_EMAIL_ME = "email_me";
    /** Each visitor keeps at most this many records, the newest (a page toggling consent in a loop stays bounded). */
    public static final int MAX_PER_VISITOR = 100;

    public ConsentRecord {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(visitorId, "visitorId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(ts, "ts");
    }
}
