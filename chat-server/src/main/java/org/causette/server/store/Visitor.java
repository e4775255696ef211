package org.causette.server.store;

import java.time.Instant;

/**
 * A visitor's profile. {@code userId}, {@code email} and {@code name} come only from a signed identity.
 *
 * @param locale          the last locale the visitor's client reported
 * @param consent         whether the visitor agreed to event tracking
 * @param detailsVerified whether the shop signed {@code email} and {@code name} too; false: only {@code userId} is
 *                        the shop's word (the first form of the identity hash), so staff see them as not verified
 */
public record Visitor(String siteId, String id, Instant createdAt, String userId, String email, String name,
                      String locale, boolean consent, boolean detailsVerified) {

    /** A visitor whose email and name, if any, are not verified. */
    public Visitor(String siteId, String id, Instant createdAt, String userId, String email, String name,
                   String locale, boolean consent) {
        this(siteId, id, createdAt, userId, email, name, locale, consent, false);
    }

    public Visitor withLocale(String newLocale) {
        return new Visitor(siteId, id, createdAt, userId, email, name, newLocale, consent, detailsVerified);
    }

    public Visitor withConsent(boolean newConsent) {
        return new Visitor(siteId, id, createdAt, userId, email, name, locale, newConsent, detailsVerified);
    }

    public Visitor withIdentity(String newUserId, String newEmail, String newName, boolean signedDetails) {
        return new Visitor(siteId, id, createdAt, newUserId, newEmail, newName, locale, consent, signedDetails);
    }
}
