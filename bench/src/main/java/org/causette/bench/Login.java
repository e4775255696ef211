package org.causette.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code POST /api/login} for many staff at once (docs/api.md): a few in parallel, since each costs the hub one PBKDF2
 * derivation. Any answer but 200 with a token stops the run with the hub's answer.
 */
final class Login {
    private Login() {
    }

    static String token(HttpClient http, int port, String site, String username, String password)
            throws IOException, InterruptedException {
        String body = Results.JSON.writeValueAsString(java.util.Map.of("site", site, "username", username, "password", password));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/login"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login of " + username + ": HTTP " + response.statusCode() + " " + response.body());
        }
        JsonNode token = Results.JSON.readTree(response.body()).path("token");
        if (!token.isTextual()) {
            throw new IllegalStateException("login of " + username + ": no token in " + response.body());
        }
        return token.asText();
    }

    /** Tokens for {@code usernames}, in the same order. */
    static List<String> tokens(int port, String site, List<String> usernames, String password, int parallel) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel));
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (String username : usernames) {
                futures.add(pool.submit(() -> token(http, port, site, username, password)));
            }
            List<String> tokens = new ArrayList<>();
            for (Future<String> future : futures) {
                tokens.add(future.get());
            }
            return tokens;
        } finally {
            pool.shutdownNow();
        }
    }
}
