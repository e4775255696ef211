package org.causette.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.causette.server.CausetteServer;
import org.causette.server.config.ServerConfig;
import org.causette.server.wire.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One node of a cluster in this JVM: a real server on a free port with the test site, a {@code redis://} store and
 * its own node id, with the same client helpers as {@link TestHub}. Several of them on one Redis form one hub.
 */
public final class ClusterNode implements AutoCloseable {
    private final CausetteServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    private ClusterNode(CausetteServer server) {
        this.server = server;
    }

    public static ClusterNode start(String storeUri, String nodeId) throws Exception {
        return start(storeUri, nodeId, List.of(TestSites.testShop()));
    }

    /** A node serving these site folders (copies of the test site under other ids, say). */
    public static ClusterNode start(String storeUri, String nodeId, List<java.nio.file.Path> sites) throws Exception {
        ServerConfig config = new ServerConfig(ServerConfig.DEFAULT_HOST, 0, storeUri, nodeId, sites);
        return new ClusterNode(CausetteServer.start(config, TestSites.ENV));
    }

    /** A visitor socket on another site of this node, before hello. */
    public WsClient visitorSocket(String site) throws Exception {
        return WsClient.visitor(port(), site, TestSites.ALLOWED_ORIGIN);
    }

    public CausetteServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    public WsClient visitor() throws Exception {
        WsClient client = WsClient.visitor(port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN);
        client.helloAnonymous();
        return client;
    }

    /** A visitor socket that has not said hello yet (to resume with a token and lastSeq). */
    public WsClient visitorSocket() throws Exception {
        return WsClient.visitor(port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN);
    }

    public String login(String username) throws Exception {
        return login(TestHub.SITE, username);
    }

    /** Logs in on a site of this node (the test sites' passwords are the username followed by -pw). */
    public String login(String site, String username) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"site\":\"" + site + "\",\"username\":\"" + username
                        + "\",\"password\":\"" + username + "-pw\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Json.MAPPER.readTree(response.body()).path("token").asText();
    }

    /** A staff socket on this node that said hello with {@code token}; the welcome is consumed. */
    public TestHub.Staff staff(String token) throws Exception {
        WsClient socket = WsClient.connect(URI.create("ws://127.0.0.1:" + port() + "/ws/staff"), null);
        JsonNode welcome = socket.hello(WsClient.frame("hello").put("token", token));
        return new TestHub.Staff(token, socket, welcome);
    }

    @Override
    public void close() {
        server.close();
    }
}
