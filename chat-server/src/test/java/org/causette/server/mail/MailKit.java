package org.causette.server.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.causette.server.CausetteServer;
import org.causette.server.config.ServerConfig;
import org.causette.server.support.RedisServer;
import org.causette.server.support.TestClock;
import org.causette.server.support.TestSites;
import org.causette.server.support.WsClient;
import org.causette.server.wire.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.causette.server.support.WsClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the email tests share: a real SMTP server (GreenMail) on a free port, the test shop with {@code mail} settings
 * pointing at it, hubs started on a clock the test moves, and the steps of a shopper who asks for a person and leaves.
 */
public final class MailKit implements AutoCloseable {
    public static final String SITE = "test-shop";
    static final String LINK_PAGE = "https://shop.example/help";
    private static final Pattern LINK = Pattern.compile("#causette-resume=([A-Za-z0-9._-]+)");

    public final int smtpPort;
    public final GreenMail smtp;
    public final Path folder;
    public final TestClock clock = TestClock.startingNow();
    private final HttpClient http = HttpClient.newHttpClient();

    public MailKit() throws Exception {
        this(RedisServer.freePort(), true);
    }

    /** @param startSmtp false: the SMTP server's port is chosen but nothing listens on it yet */
    MailKit(int smtpPort, boolean startSmtp) throws Exception {
        this(smtpPort, startSmtp, LINK_PAGE, null);
    }

    /** The emails' link opens {@code linkPage}; {@code origin}, when set, is the only origin allowed to open the widget. */
    public MailKit(String linkPage, String origin) throws Exception {
        this(RedisServer.freePort(), true, linkPage, origin);
    }

    private MailKit(int smtpPort, boolean startSmtp, String linkPage, String origin) throws Exception {
        this.smtpPort = smtpPort;
        this.smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        if (startSmtp) {
            smtp.start();
        }
        folder = Files.createTempDirectory("mail-shop");
        for (String file : List.of("catalog.json", "faq.json", "staff.json")) {
            Files.copy(TestSites.testShop().resolve(file), folder.resolve(file));
        }
        var site = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(
                TestSites.testShop().resolve("site.json").toFile());
        site.remove("businessHours"); // always open: a person answers
        // The tests move the clock minutes ahead before the agent's first words: she keeps the conversation meanwhile.
        site.putObject("routing").put("answerTimeoutSeconds", 86_400).put("ambassadorAnswerTimeoutSeconds", 86_400);
        if (origin != null) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) site.get("allowedOrigins")).add(origin);
        }
        site.putObject("mail").put("host", "127.0.0.1").put("port", smtpPort).put("security", "none")
                .put("from", "Test Shop <chat@shop.example>").put("linkUrl", linkPage)
                .put("awayMinutes", 1).put("linkHours", 48).put("batchSeconds", 0);
        Files.writeString(folder.resolve("site.json"), Json.MAPPER.writeValueAsString(site));
    }

    public CausetteServer hub(String store) throws Exception {
        return CausetteServer.start(new ServerConfig("127.0.0.1", 0, store, "node-" + UUID.randomUUID().toString().substring(0, 6),
                List.of(folder)), TestSites.ENV, clock);
    }

    public WsClient visitor(CausetteServer hub) throws Exception {
        return WsClient.visitor(hub.port(), SITE, TestSites.ALLOWED_ORIGIN);
    }

    public WsClient staff(CausetteServer hub, String username) throws Exception {
        String token = login(hub, username);
        WsClient socket = WsClient.connect(URI.create("ws://127.0.0.1:" + hub.port() + "/ws/staff"), null);
        socket.hello(frame("hello").put("token", token));
        return socket;
    }

    /** A staff token (the test site's passwords are the username followed by -pw). */
    public String login(CausetteServer hub, String username) throws Exception {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.port() + "/api/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"site\":\"" + SITE + "\",\"username\":\"" + username + "\",\"password\":\"" + username + "-pw\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        return Json.MAPPER.readTree(login.body()).path("token").asText();
    }

    public HttpResponse<String> api(CausetteServer hub, String method, String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.port() + path))
                .header("Authorization", "Bearer " + token).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public String get(CausetteServer hub, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The shopper asks for a person, who accepts; returns the conversation id. */
    public static String handedToAnna(WsClient visitor, WsClient anna) throws Exception {
        return handedToAnna(visitor, anna, "Parler à un conseiller");
    }

    public static String handedToAnna(WsClient visitor, WsClient anna, String words) throws Exception {
        visitor.send(frame("message").put("clientId", "c1").put("text", words).put("payload", "INTENT:human_request"));
        String conversationId = visitor.next("ack").path("conversationId").asText();
        anna.nextMatching(f -> f.path("type").asText().equals("assigned"), "assigned");
        visitor.nextMatching(f -> f.path("type").asText().equals("state") && f.path("state").asText().equals("assigned"), "assigned");
        return conversationId;
    }

    public static void emailMe(WsClient visitor, String email) throws Exception {
        visitor.send(frame("email_me").put("email", email).put("consent", true));
        visitor.nextMatching(f -> f.path("type").asText().equals("message") && f.path("text").asText().contains(email),
                "the email choice confirmed");
    }

    public static JsonNode reply(WsClient staff, String conversationId, String clientId, String text) throws Exception {
        staff.send(frame("message").put("conversationId", conversationId).put("clientId", clientId).put("text", text));
        return staff.nextMatching(f -> f.path("type").asText().equals("ack") && f.path("clientId").asText().equals(clientId), "ack");
    }

    /** Waits until the hub has seen the shopper's socket close (its presence written at the close). */
    public void closeAndWaitGone(CausetteServer hub, WsClient visitor) throws Exception {
        visitor.close();
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            if (get(hub, "/metrics").contains("causette_connections{kind=\"visitor\"} 0.0")) {
                Thread.sleep(100); // the close's presence write runs on the lane right after
                return;
            }
            Thread.sleep(20);
        }
        fail("the hub did not see the shopper leave");
    }

    public MimeMessage[] received() {
        return smtp.getReceivedMessages();
    }

    public static String part(MimeMessage message, String type) throws Exception {
        MimeMultipart multipart = (MimeMultipart) message.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType(type)) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    public static String resumeToken(String text) {
        Matcher m = LINK.matcher(text);
        if (!m.find()) {
            throw new AssertionError("no resume link in: " + text);
        }
        return m.group(1);
    }

    @Override
    public void close() throws Exception {
        smtp.stop();
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(folder);
    }
}
