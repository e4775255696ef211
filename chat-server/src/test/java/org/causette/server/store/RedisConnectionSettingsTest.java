package org.causette.server.store;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.causette.server.CausetteServer;
import org.causette.server.config.ServerConfig;
import org.causette.server.store.redis.RedisStore;
import org.causette.server.support.RedisServer;
import org.causette.server.support.TestSites;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store URL's production settings against real redis-servers started for this class: a password
 * ({@code requirepass}), an ACL user with only the rights the hub needs, and TLS with certificates made here by
 * openssl (a CA of our own, a server certificate naming {@code localhost} only). The password never shows in a
 * log line, an error or {@code /readyz}. Costs two redis-server starts and one hub start (about 2 s here).
 */
class RedisConnectionSettingsTest {
    private static final String PASSWORD = "Pw-" + UUID.randomUUID();
    private static final String ACL_USER = "causette-app";
    private static final String ACL_PASSWORD = "Acl-" + UUID.randomUUID();
    private static RedisServer auth;
    private static RedisServer tls;
    private static int tlsPort;
    private static Path certs;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeAll
    static void startServers() throws Exception {
        // The ACL the docs recommend: the hub's keys and channels only, no dangerous command.
        auth = RedisServer.start("everysec", List.of("--requirepass", PASSWORD,
                "--user", ACL_USER, "on", ">" + ACL_PASSWORD, "~causette:*", "&causette:*", "+@all", "-@dangerous"));
        certs = Files.createTempDirectory("causette-tls");
        makeCertificates(certs);
        tlsPort = RedisServer.freePort();
        tls = RedisServer.start("everysec", certs, List.of("--bind", "127.0.0.1", "-::1", "--requirepass", PASSWORD,
                "--tls-port", Integer.toString(tlsPort), "--tls-cert-file", certs.resolve("server.pem").toString(),
                "--tls-key-file", certs.resolve("server.key").toString(),
                "--tls-ca-cert-file", certs.resolve("ca.pem").toString(), "--tls-auth-clients", "no"));
    }

    @AfterAll
    static void stopServers() throws Exception {
        auth.close();
        tls.close();
    }

    @BeforeEach
    void captureLogs() {
        logs.start();
        root().addAppender(logs);
    }

    @AfterEach
    void checkLogs() {
        root().detachAppender(logs);
        for (ILoggingEvent event : logs.list) {
            String line = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertFalse(line.contains(PASSWORD) || line.contains(ACL_PASSWORD), "a log line shows a password: " + line);
        }
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private static void makeCertificates(Path dir) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("ext.cnf"), "subjectAltName=DNS:localhost\n");
        String ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
        openssl(dir, "req -x509 " + ec + " -keyout ca.key -out ca.pem -days 2 -subj /CN=causette-test-ca");
        openssl(dir, "req -x509 " + ec + " -keyout other.key -out other-ca.pem -days 2 -subj /CN=someone-else");
        openssl(dir, "req " + ec + " -keyout server.key -out server.csr -subj /CN=localhost");
        openssl(dir, "x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile ext.cnf");
    }

    private static void openssl(Path dir, String arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments.split(" ")));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0, "openssl " + arguments + ": " + output);
    }

    /** What every setting must allow: the secret, a conversation opened and a message appended. */
    private static void works(Store store) {
        assertEquals(32, store.serverSecret().length);
        Conversation c = store.openConversation(Conversation.open(UUID.randomUUID().toString(), "shop",
                "v-" + UUID.randomUUID(), "web", Instant.now()));
        AppendResult appended = store.append(c.id(), new MessageDraft(new Author(Role.VISITOR, c.visitorId(), null),
                "c1", "Bonjour", null, null, null, false, Instant.now()));
        assertEquals(1, appended.message().seq());
    }

    private static void refusedWithoutShowingSecrets(String uri) {
        try (Store store = RedisStore.open(uri)) {
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class, store::ping);
            for (Throwable t = e; t != null; t = t.getCause()) {
                String text = String.valueOf(t.getMessage());
                assertFalse(text.contains(PASSWORD) || text.contains(ACL_PASSWORD), "an error shows a password: " + text);
            }
        }
    }

    @Test
    void thePasswordOfTheDefaultUser() {
        try (Store store = RedisStore.open("redis://:" + PASSWORD + "@127.0.0.1:" + auth.port() + "/2")) {
            works(store);
        }
        refusedWithoutShowingSecrets(auth.uri());
        refusedWithoutShowingSecrets("redis://:wrong-" + PASSWORD + "@127.0.0.1:" + auth.port());
    }

    @Test
    void anAclUserLimitedToTheHubsKeys() {
        try (Store store = RedisStore.open("redis://" + ACL_USER + ":" + ACL_PASSWORD + "@127.0.0.1:" + auth.port())) {
            works(store);
        }
        refusedWithoutShowingSecrets("redis://" + ACL_USER + ":" + PASSWORD + "@127.0.0.1:" + auth.port());
    }

    @Test
    void tlsWithTheCaOfTheUrlAndTheServersNameChecked() {
        String ca = certs.resolve("ca.pem").toString();
        try (Store store = RedisStore.open("rediss://:" + PASSWORD + "@localhost:" + tlsPort + "?ca=" + ca)) {
            works(store);
        }
        // Another CA, the JVM's trust store (which does not know ours), a name the certificate does not hold.
        refusedWithoutShowingSecrets("rediss://:" + PASSWORD + "@localhost:" + tlsPort + "?ca=" + certs.resolve("other-ca.pem"));
        refusedWithoutShowingSecrets("rediss://:" + PASSWORD + "@localhost:" + tlsPort);
        refusedWithoutShowingSecrets("rediss://:" + PASSWORD + "@127.0.0.1:" + tlsPort + "?ca=" + ca);
    }

    @Test
    void aHubWithThePasswordFromTheEnvironmentShowsItNowhere() throws Exception {
        String uri = "redis://" + ACL_USER + ":env:TEST_REDIS_PASSWORD@127.0.0.1:" + auth.port();
        ServerConfig config = new ServerConfig(ServerConfig.DEFAULT_HOST, 0, uri, "node-secret", List.of(TestSites.testShop()));
        java.util.Map<String, String> env = new java.util.HashMap<>(TestSites.ENV);
        env.put("TEST_REDIS_PASSWORD", ACL_PASSWORD);
        try (CausetteServer server = CausetteServer.start(config, env)) {
            assertEquals(200, readyz(server.port()).statusCode());
        }
        String wrong = "redis://" + ACL_USER + ":" + PASSWORD + "@127.0.0.1:" + auth.port();
        ServerConfig refused = new ServerConfig(ServerConfig.DEFAULT_HOST, 0, wrong, "node-wrong", List.of(TestSites.testShop()));
        Exception e = assertThrows(Exception.class, () -> CausetteServer.start(refused, TestSites.ENV).close());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(PASSWORD), "the start failure shows the password: " + t);
        }
        assertTrue(logs.list.stream().anyMatch(event -> event.getFormattedMessage().contains(ACL_USER + ":***@")),
                "the start line names the store without its password");
    }

    private static HttpResponse<String> readyz(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
