package org.causette.server.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.causette.server.auth.Hmac;
import org.causette.server.support.TestHub;
import org.causette.server.support.TestSites;
import org.causette.server.wire.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/** A real hub with the channel test site, and real HTTP servers standing in for Meta's Graph API and a shop's CRM. */
final class ChannelTestKit implements AutoCloseable {
    static final String MESSENGER_SECRET = "messenger-app-secret";
    static final String WHATSAPP_SECRET = "whatsapp-app-secret";
    static final String CRM_SECRET = "crm-secret-0123456789";

    final FakeHttp graph;
    final FakeHttp crm;
    final TestHub hub;
    private final Path folder;
    private final HttpClient http = HttpClient.newHttpClient();

    ChannelTestKit(String handover) throws Exception {
        graph = new FakeHttp();
        crm = new FakeHttp();
        folder = Files.createTempDirectory("channel-shop");
        for (String file : List.of("catalog.json", "faq.json", "staff.json")) {
            Files.copy(TestSites.testShop().resolve(file), folder.resolve(file));
        }
        String site = Files.readString(TestSites.resource("sites/channel-shop").resolve("site.json"))
                .replace("@GRAPH@", graph.url()).replace("@CRM@", crm.url()).replace("@HANDOVER@", handover);
        Files.writeString(folder.resolve("site.json"), site);
        hub = TestHub.start(folder);
    }

    ChannelTestKit() throws Exception {
        this("console");
    }

    @Override
    public void close() throws Exception {
        hub.close();
        graph.close();
        crm.close();
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(folder);
    }

    static String sign(String secret, String body) {
        return "sha256=" + HexFormat.of().formatHex(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8),
                body.getBytes(StandardCharsets.UTF_8)));
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.port() + path))
                        .timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs a webhook body with the given signature header value (null: none). */
    HttpResponse<String> post(String path, String body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.port() + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> messenger(String body) throws Exception {
        return post("/webhooks/messenger/" + TestHub.SITE, body, sign(MESSENGER_SECRET, body));
    }

    HttpResponse<String> whatsapp(String body) throws Exception {
        return post("/webhooks/whatsapp/" + TestHub.SITE, body, sign(WHATSAPP_SECRET, body));
    }

    // ---- Messenger bodies ----------------------------------------------------------------------------------------

    static String page(String... events) {
        return "{\"object\":\"page\",\"entry\":[{\"id\":\"PAGE-1\",\"time\":1795000000000,\"messaging\":["
                + String.join(",", events) + "]}]}";
    }

    static String text(String psid, String mid, long ts, String text) {
        return "{\"sender\":{\"id\":\"" + psid + "\"},\"recipient\":{\"id\":\"PAGE-1\"},\"timestamp\":" + ts
                + ",\"message\":{\"mid\":\"" + mid + "\",\"text\":" + quote(text) + "}}";
    }

    static String quickReply(String psid, String mid, long ts, String title, String payload) {
        return "{\"sender\":{\"id\":\"" + psid + "\"},\"recipient\":{\"id\":\"PAGE-1\"},\"timestamp\":" + ts
                + ",\"message\":{\"mid\":\"" + mid + "\",\"text\":" + quote(title) + ",\"quick_reply\":{\"payload\":"
                + quote(payload) + "}}}";
    }

    static String postback(String psid, String mid, long ts, String title, String payload) {
        return "{\"sender\":{\"id\":\"" + psid + "\"},\"recipient\":{\"id\":\"PAGE-1\"},\"timestamp\":" + ts
                + ",\"postback\":{\"mid\":\"" + mid + "\",\"title\":" + quote(title) + ",\"payload\":" + quote(payload) + "}}";
    }

    /** What a person typed in Meta's Page inbox, echoed to the app (no metadata of ours). */
    static String echo(String psid, String mid, long ts, String text) {
        return "{\"sender\":{\"id\":\"PAGE-1\"},\"recipient\":{\"id\":\"" + psid + "\"},\"timestamp\":" + ts
                + ",\"message\":{\"is_echo\":true,\"app_id\":263902037430900,\"mid\":\"" + mid + "\",\"text\":" + quote(text) + "}}";
    }

    static String quote(String text) {
        try {
            return Json.MAPPER.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stand-in HTTP server that records every request and answers 200, or the statuses it was told to. */
    static final class FakeHttp implements AutoCloseable {
        record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
            JsonNode json() {
                try {
                    return Json.MAPPER.readTree(body);
                } catch (IOException e) {
                    throw new IllegalStateException(body, e);
                }
            }

            String header(String name) {
                for (var entry : headers.entrySet()) {
                    if (entry.getKey().equalsIgnoreCase(name)) {
                        return entry.getValue().get(0);
                    }
                }
                return null;
            }
        }

        private final HttpServer server;
        private final ExecutorService threads = Executors.newFixedThreadPool(2);
        private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
        private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();

        FakeHttp() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()),
                        new String(body, StandardCharsets.UTF_8)));
                Integer scripted = statuses.poll();
                int status = scripted == null ? 200 : scripted;
                byte[] answer = (status == 200 ? "{\"recipient_id\":\"x\",\"message_id\":\"m_out\"}"
                        : "{\"error\":{\"message\":\"scripted failure\",\"code\":" + status + "}}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.setExecutor(threads);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        /** The next requests get these statuses, in order; then 200 again. */
        void respond(int... next) {
            for (int status : next) {
                statuses.add(status);
            }
        }

        /** The next request that matches, waiting up to 10 s; requests before it are dropped. */
        Request next(Predicate<Request> matching, String what) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                Request request = requests.poll(100, TimeUnit.MILLISECONDS);
                if (request != null && matching.test(request)) {
                    return request;
                }
            }
            return fail("no request " + what + " within 10 s");
        }

        /** Everything received within {@code quiet}. */
        List<Request> drain(Duration quiet) throws InterruptedException {
            List<Request> seen = new ArrayList<>();
            long deadline = System.nanoTime() + quiet.toNanos();
            while (System.nanoTime() < deadline) {
                Request request = requests.poll(50, TimeUnit.MILLISECONDS);
                if (request != null) {
                    seen.add(request);
                }
            }
            return seen;
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
