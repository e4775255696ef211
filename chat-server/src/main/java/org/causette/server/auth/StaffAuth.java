package org.causette.server.auth;

import org.causette.server.config.Site;
import org.causette.server.config.Sites;
import org.causette.server.config.StaffMember;
import org.causette.server.store.LoginAttempts;
import org.causette.server.store.StaffLogin;
import org.causette.server.store.StaffStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Staff logins: passwords checked against staff.json's PBKDF2 hashes, 256-bit random tokens that expire, held in the
 * store (as hashes) so every node knows them and logout revokes them everywhere. Calls block: run them off the event loop.
 */
public final class StaffAuth {
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(12);
    /**
     * Verified when the username is unknown, so a wrong username takes as long as a wrong password. A fixed hash of
     * random bytes nobody knows (same iterations as real ones): computing one at start cost a second and a half.
     */
    private static final String DUMMY_HASH = "pbkdf2-sha256$210000$pdlmax1ARsfzhtTJggzcZQ==$dNLrlwYRh9rm4OPeDcl/r3sXB7ONtVY7h+Do7lHrdb0=";

    /** A logged-in staff member. */
    public record Principal(Site site, StaffMember staff, String tokenHash) {
    }

    public sealed interface LoginResult {
        record Success(String token, Principal principal) implements LoginResult {
        }

        record Invalid() implements LoginResult {
        }

        record Throttled(long retryAfterSeconds) implements LoginResult {
        }
    }

    private final Sites sites;
    private final StaffStore store;
    private final Clock clock;
    private final PasswordHasher hasher = new PasswordHasher();
    private final LoginThrottle throttle;
    private final SecureRandom random = new SecureRandom();

    /** @param attempts where failed logins are counted: the store's, so the throttle holds across nodes */
    public StaffAuth(Sites sites, StaffStore store, Clock clock, LoginAttempts attempts) {
        this.sites = sites;
        this.store = store;
        this.clock = clock;
        this.throttle = new LoginThrottle(attempts);
    }

    /** How long to hold the answer to a login for this username ({@link LoginThrottle#answerDelay}). */
    public Duration answerDelay(String siteId, String username) {
        return throttle.answerDelay(siteId + "/" + username, clock.instant());
    }

    public LoginResult login(String siteId, String username, char[] password, String address) {
        Instant now = clock.instant();
        String throttleKey = siteId + "/" + username;
        long wait = throttle.retryAfterSeconds(throttleKey, address, now);
        if (wait > 0) {
            return new LoginResult.Throttled(wait);
        }
        Optional<Site> site = sites.find(siteId);
        Optional<StaffMember> staff = site.flatMap(s -> s.staffMember(username));
        boolean valid = hasher.verify(password, staff.map(StaffMember::passwordHash).orElse(DUMMY_HASH)) && staff.isPresent();
        if (!valid) {
            throttle.failed(throttleKey, address, now);
            return new LoginResult.Invalid();
        }
        throttle.succeeded(throttleKey, address);
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        StaffMember member = staff.get();
        String tokenHash = hash(token);
        store.saveStaffSession(new StaffLogin(tokenHash, siteId, member.id(), member.role().wireName(), now,
                now.plus(TOKEN_LIFETIME)));
        return new LoginResult.Success(token, new Principal(site.get(), member, tokenHash));
    }

    /** The staff member a bearer token belongs to, while it is valid and the person still exists in staff.json. */
    public Optional<Principal> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 128) {
            return Optional.empty();
        }
        String tokenHash = hash(token);
        return store.findStaffSession(tokenHash)
                .filter(session -> session.expiresAt().isAfter(clock.instant()))
                .flatMap(session -> sites.find(session.siteId())
                        .flatMap(site -> site.staffMember(session.staffId())
                                .map(member -> new Principal(site, member, tokenHash))));
    }

    /** Whether the session with this token hash is still open (not logged out, not expired). */
    public boolean stillValid(String tokenHash) {
        return store.findStaffSession(tokenHash).filter(session -> session.expiresAt().isAfter(clock.instant())).isPresent();
    }

    public void logout(String token) {
        if (token != null && token.length() <= 128) {
            store.deleteStaffSession(hash(token));
        }
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
