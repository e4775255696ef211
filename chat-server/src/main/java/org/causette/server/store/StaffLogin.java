package org.causette.server.store;

import java.time.Instant;

/**
 * A staff login. Only the SHA-256 of the token is stored, so a copy of the store lets nobody in.
 *
 * @param role "agent", "ambassador" or "admin"
 */
public record StaffLogin(String tokenHash, String siteId, String staffId, String role, Instant createdAt,
                           Instant expiresAt) {
}
