package org.causette.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.causette.server.support.TestHub;
import org.causette.server.wire.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/api.md through real HTTP: health, metrics, login, tokens and roles, the parse route. */
class HttpApiTest {
    private static TestHub hub;

    @BeforeAll
    static void start() throws Exception {
        hub = TestHub.start();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    static HttpResponse<String> get(String path, String token) throws Exception {
        return hub.get(path, token);
    }

    static HttpResponse<String> post(String path, String body, String token) throws Exception {
        return hub.post(path, body, token);
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.MAPPER.readTree(response.body());
    }

    static String login(String username) throws Exception {
        return hub.login(username);
    }

    @Test
    void healthAndReadiness() throws Exception {
        HttpResponse<String> health = get("/healthz", null);
        assertEquals(200, health.statusCode());
        assertEquals("ok", json(health).path("status").asText());
        HttpResponse<String> ready = get("/readyz", null);
        assertEquals(200, ready.statusCode());
    }

    @Test
    void metricsAreInPrometheusTextFormat() throws Exception {
        HttpResponse<String> metrics = get("/metrics", null);
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertTrue(metrics.body().contains("# TYPE causette_connections gauge"), metrics.body());
        assertTrue(metrics.body().contains("causette_messages_stored_total"));
        assertTrue(metrics.body().contains("jvm_memory_used_bytes"));
    }

    @Test
    void loginGivesATokenWithTheStaffAndAnyWrongPairIs401() throws Exception {
        HttpResponse<String> ok = post("/api/login", "{\"site\":\"test-shop\",\"username\":\"anna\",\"password\":\"anna-pw\"}", null);
        assertEquals(200, ok.statusCode());
        JsonNode body = json(ok);
        assertTrue(body.path("token").asText().length() >= 22, "at least 128 bits");
        assertEquals("anna", body.path("staff").path("id").asText());
        assertEquals("Anna", body.path("staff").path("name").asText());
        assertEquals("agent", body.path("staff").path("role").asText());
        assertEquals("test-shop", body.path("staff").path("site").asText());

        for (String wrong : List.of(
                "{\"site\":\"test-shop\",\"username\":\"anna\",\"password\":\"nope\"}",
                "{\"site\":\"test-shop\",\"username\":\"nobody\",\"password\":\"anna-pw\"}",
                "{\"site\":\"other\",\"username\":\"anna\",\"password\":\"anna-pw\"}")) {
            HttpResponse<String> refused = post("/api/login", wrong, null);
            assertEquals(401, refused.statusCode(), wrong);
            assertEquals("invalid_credentials", json(refused).path("error").asText());
        }
    }

    @Test
    void repeatedFailuresAre429() throws Exception {
        int status = 0;
        for (int i = 0; i < 7; i++) {
            status = post("/api/login", "{\"site\":\"test-shop\",\"username\":\"zoe\",\"password\":\"guess" + i + "\"}", null).statusCode();
        }
        assertEquals(429, status);
        HttpResponse<String> evenRight = post("/api/login", "{\"site\":\"test-shop\",\"username\":\"zoe\",\"password\":\"zoe-pw\"}", null);
        assertEquals(429, evenRight.statusCode());
        assertTrue(evenRight.headers().firstValue("Retry-After").isPresent());
    }

    @Test
    void malformedBodiesAre400() throws Exception {
        assertEquals("bad_json", json(post("/api/login", "{oops", null)).path("error").asText());
        assertEquals(400, post("/api/login", "[]", null).statusCode());
    }

    @Test
    void parseNeedsAValidTokenOfThatSiteAndRole() throws Exception {
        String body = "{\"text\":\"Combien coûte la lampe Luna ?\"}";
        assertEquals(401, post("/api/sites/test-shop/parse", body, null).statusCode());
        assertEquals(401, post("/api/sites/test-shop/parse", body, "forged-token").statusCode());
        String ambassador = login("leo");
        assertEquals(403, post("/api/sites/test-shop/parse", body, ambassador).statusCode());
        String agent = login("anna");
        assertEquals(403, post("/api/sites/other-shop/parse", body, agent).statusCode());

        HttpResponse<String> parsed = post("/api/sites/test-shop/parse", body, agent);
        assertEquals(200, parsed.statusCode(), parsed.body());
        JsonNode result = json(parsed);
        assertEquals("fr", result.path("language").asText());
        assertEquals("product_price", result.path("intent").path("name").asText(), parsed.body());
        assertTrue(result.path("intent").path("confidence").isNumber());
        assertTrue(result.path("ranking").size() >= 1);
        assertTrue(result.path("entities").isArray());
        boolean foundProduct = false;
        for (JsonNode entity : result.path("entities")) {
            foundProduct |= entity.path("value").asText().equals("LUNA");
        }
        assertTrue(foundProduct, parsed.body());
        assertTrue(List.of("answer", "clarify", "handover").contains(result.path("action").asText()));
    }

    @Test
    void logoutEndsTheToken() throws Exception {
        String token = login("root");
        String body = "{\"text\":\"bonjour\"}";
        assertEquals(200, post("/api/sites/test-shop/parse", body, token).statusCode());
        assertEquals(204, post("/api/logout", "", token).statusCode());
        assertEquals(401, post("/api/sites/test-shop/parse", body, token).statusCode());
    }

    @Test
    void unknownRoutesAreJson404() throws Exception {
        HttpResponse<String> missing = get("/api/nothing", null);
        assertEquals(404, missing.statusCode());
        assertEquals("not_found", json(missing).path("error").asText());
        assertFalse(get("/no-demo-here", null).statusCode() == 200);
    }
}
