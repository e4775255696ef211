package org.causette.server.store;

import java.time.Instant;

/**
 * A visitor's profile. {@code userId}, {@code email} and {@code name} come only from a verified signed identity.
 *
 * @param locale  the last locale the visitor's client reported
 * @param consent whether the visitor agreed to event tracking
 */
public record Visitor(String siteId, String id, Instant createdAt, String userId, String email, String name,
                      String locale, boolean consent) {

    public Visitor withLocale(String newLocale) {
        return new Visitor(siteId, id, createdAt, userId, email, name, newLocale, consent);
    }

    public Visitor withConsent(boolean newConsent) {
        return new Visitor(siteId, id, createdAt, userId, email, name, locale, newConsent);
    }

    public Visitor withIdentity(String newUserId, String newEmail, String newName) {
        return new Visitor(siteId, id, createdAt, newUserId, newEmail, newName, locale, consent);
    }
}
