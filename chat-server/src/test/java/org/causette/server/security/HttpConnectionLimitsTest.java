package org.causette.server.security;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.causette.server.CausetteServer;
import org.causette.server.config.EdgeSettings;
import org.causette.server.config.ServerConfig;
import org.causette.server.http.HttpIdleGuard;
import org.causette.server.support.TestSites;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 21 item 4: HTTP connections time out before and between requests, and one address holds a bounded number. */
class HttpConnectionLimitsTest {
    private static CausetteServer start(int perAddress) throws Exception {
        Map<String, String> env = new HashMap<>(TestSites.ENV);
        env.put(EdgeSettings.MAX_CONNECTIONS_ENV, Integer.toString(perAddress));
        return CausetteServer.start(ServerConfig.defaults().withPort(0).withSites(List.of(TestSites.testShop())), env,
                Clock.systemUTC());
    }

    /** Reads until the server closes; true when it did within {@code within}. */
    private static boolean closedWithin(Socket socket, Duration within) throws Exception {
        socket.setSoTimeout((int) within.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // a response, then the close
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Test
    void anIdleConnectionAndAHalfSentRequestAreClosed() throws Exception {
        try (CausetteServer server = start(0);
             Socket idle = new Socket("127.0.0.1", server.port());
             Socket dribbling = new Socket("127.0.0.1", server.port())) {
            OutputStream out = dribbling.getOutputStream();
            out.write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII)); // never the blank line
            out.flush();
            long started = System.nanoTime();
            Duration limit = HttpIdleGuard.FIRST_REQUEST.plusSeconds(5);
            assertTrue(closedWithin(idle, limit), "an idle connection is closed");
            assertTrue(closedWithin(dribbling, limit.minusNanos(System.nanoTime() - started)), "headers must complete in time");
        }
    }

    @Test
    void aKeepAliveConnectionIsClosedWhenIdleBetweenRequests() {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpIdleGuard(Duration.ofSeconds(10), Duration.ofSeconds(30)));
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/healthz"));
        channel.readInbound();
        channel.advanceTimeBy(60, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertTrue(channel.isOpen(), "no timer while the request is being answered");
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        channel.advanceTimeBy(29, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertTrue(channel.isOpen());
        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertFalse(channel.isOpen(), "idle 30 s after the response");
        channel.finishAndReleaseAll();
    }

    @Test
    void oneAddressHoldsAtMostTheLimitAndHealthStillAnswers() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try (CausetteServer server = start(20)) {
            for (int i = 0; i < 21; i++) {
                sockets.add(new Socket("127.0.0.1", server.port()));
            }
            // Connections are set up on several event loops at once, so which one is the 21st is a race: exactly
            // one of them is closed at once.
            int closed = 0;
            for (Socket socket : sockets) {
                if (closedWithin(socket, Duration.ofMillis(300))) {
                    closed++;
                }
            }
            assertEquals(1, closed, "one connection over the limit of 20 is closed");
            sockets.remove(0).close(); // two, in case the first was the one refused
            sockets.remove(0).close();
            Thread.sleep(200); // the close reaches the server
            try (Socket again = new Socket("127.0.0.1", server.port())) {
                again.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                again.setSoTimeout(5_000);
                String answer = new String(again.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
