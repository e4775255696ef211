package org.causette.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An email address a shopper agreed to be answered at, when they have left before the answer came (docs/email.md).
 * Only kept with the shopper's own consent: the out-of-hours form's box, or the widget's "email me the answer".
 *
 * @param source   {@link #FROM_LEAD_FORM}, {@link #FROM_EMAIL_ME} or {@link #FROM_IDENTITY} (the "email me" choice of
 *                 a shopper whose verified identity gave the address)
 * @param language fr or en: the language of the emails
 */
public record MailContact(String siteId, String visitorId, String email, String source, String language,
                          Instant consentedAt) {
    public static final String FROM_LEAD_FORM = "lead_form";
    public static final String FROM_EMAIL_ME = "email_me";
    public static final String FROM_IDENTITY = "identity";

    public MailContact {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(visitorId, "visitorId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(consentedAt, "consentedAt");
    }
}
