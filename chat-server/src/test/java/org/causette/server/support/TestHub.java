package org.causette.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.causette.server.CausetteServer;
import org.causette.server.config.ServerConfig;
import org.causette.server.wire.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A real server on a free port with the test site, and the clients tests talk to it with. */
public final class TestHub implements AutoCloseable {
    public static final String SITE = "test-shop";
    private final CausetteServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    private TestHub(Path site) throws Exception {
        this(site, Clock.systemUTC());
    }

    private TestHub(Path site, Clock clock) throws Exception {
        this(ServerConfig.defaults().withPort(0).withSites(List.of(site)), clock);
    }

    private TestHub(ServerConfig config, Clock clock) throws Exception {
        this.server = CausetteServer.start(config, TestSites.ENV, clock);
    }

    /** The test site with these keep-alive times (short ones, so a test sees pings and closes). */
    public static TestHub start(org.causette.server.config.KeepAliveSettings keepAlive) throws Exception {
        return new TestHub(ServerConfig.defaults().withPort(0).withSites(List.of(TestSites.testShop())).withKeepAlive(keepAlive),
                Clock.systemUTC());
    }

    public static TestHub start() throws Exception {
        return new TestHub(TestSites.testShop());
    }

    public static TestHub start(Path site) throws Exception {
        return new TestHub(site);
    }

    /** A hub whose every timestamp and timer reads {@code clock} (a {@link TestClock} the test moves by hand). */
    public static TestHub start(Path site, Clock clock) throws Exception {
        return new TestHub(site, clock);
    }

    public CausetteServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    public WsClient visitor() throws Exception {
        WsClient client = WsClient.visitor(port(), SITE, TestSites.ALLOWED_ORIGIN);
        client.helloAnonymous();
        return client;
    }

    public String login(String username) throws Exception {
        return login(SITE, username);
    }

    /** Logs in on another site of this hub (the test sites' passwords are the username followed by -pw). */
    public String login(String site, String username) throws Exception {
        HttpResponse<String> response = post("/api/login", "{\"site\":\"" + site + "\",\"username\":\"" + username
                + "\",\"password\":\"" + username + "-pw\"}", null);
        assertEquals(200, response.statusCode(), response.body());
        return Json.MAPPER.readTree(response.body()).path("token").asText();
    }

    /** A staff member logged in, with a socket that said hello; the welcome is consumed. */
    public Staff staff(String username) throws Exception {
        String token = login(username);
        WsClient socket = WsClient.connect(URI.create("ws://127.0.0.1:" + port() + "/ws/staff"), null);
        JsonNode welcome = socket.hello(WsClient.frame("hello").put("token", token));
        return new Staff(token, socket, welcome);
    }

    public record Staff(String token, WsClient socket, JsonNode welcome) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    public HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> delete(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path)).DELETE();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.close();
    }
}
