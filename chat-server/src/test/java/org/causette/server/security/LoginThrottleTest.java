package org.causette.server.security;

import org.causette.server.CausetteServer;
import org.causette.server.config.EdgeSettings;
import org.causette.server.config.ServerConfig;
import org.causette.server.support.TestHub;
import org.causette.server.support.TestSites;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21 item 5 through real HTTP: failures from one address do not lock out another username, nor the same
 * username from another address; X-Forwarded-For counts only from a configured proxy.
 */
class LoginThrottleTest {
    private static final String PROXY = "127.0.0.1";
    private static CausetteServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> env = new HashMap<>(TestSites.ENV);
        env.put(EdgeSettings.TRUSTED_PROXIES_ENV, PROXY);
        server = CausetteServer.start(ServerConfig.defaults().withPort(0).withSites(List.of(TestSites.testShop())), env,
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> login(String username, String password, String forwardedFor) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"site\":\"" + TestHub.SITE + "\",\"username\":\"" + username
                        + "\",\"password\":\"" + password + "\"}"));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void failuresOverManyUsernamesFromOneAddressDoNotLockOutAnother() throws Exception {
        for (int i = 0; i < 25; i++) {
            assertEquals(401, login("nobody-" + i, "guess", "198.51.100.7").statusCode());
        }
        assertEquals(200, login("root", "root-pw", "198.51.100.7").statusCode(), "the admin's right password still works");
    }

    @Test
    void aGuessedUsernameIsThrottledFromThatAddressOnly() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(401, login("anna", "wrong-" + i, "203.0.113.9").statusCode());
        }
        HttpResponse<String> throttled = login("anna", "anna-pw", "203.0.113.9");
        assertEquals(429, throttled.statusCode(), "the guessing address waits, even with the right password");
        assertTrue(throttled.headers().firstValue("Retry-After").isPresent());
        assertEquals(200, login("anna", "anna-pw", "192.0.2.44").statusCode(), "anna at her own desk gets in");
    }

    @Test
    void onlyTheHopTheTrustedProxySawCounts() throws Exception {
        // The spoofed hops are left of what the trusted proxy (the loopback peer) saw: only the rightmost one counts.
        for (int i = 0; i < 5; i++) {
            assertEquals(401, login("zoe", "wrong", "10.9.9." + i + ", 203.0.113.50").statusCode());
        }
        assertEquals(429, login("zoe", "wrong", "10.9.9.99, 203.0.113.50").statusCode(),
                "a fresh address left of the proxy's hop does not buy fresh attempts");
    }
}
