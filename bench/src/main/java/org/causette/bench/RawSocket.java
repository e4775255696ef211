package org.causette.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A blocking WebSocket (or plain HTTP) client on one TCP connection from a chosen source address, for the soak: an
 * attacker's sockets from one address and the normal shopper from another, as on the internet. Text frames only,
 * masked as RFC 6455 wants from a client; reads return null at a timeout.
 */
final class RawSocket implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** A TCP connection from {@code source} (an address of this machine, e.g. 127.0.0.2). */
    static RawSocket tcp(String source, int port) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.bind(new InetSocketAddress(source, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return new RawSocket(socket);
    }

    /** A visitor WebSocket of {@code site}, handshake done. */
    static RawSocket visitor(String source, int port, String site) throws IOException {
        RawSocket ws = tcp(source, port);
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        ws.write(("GET /ws/visitor?site=" + site + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key)
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        String head = ws.readHead(10_000);
        if (head == null || !head.startsWith("HTTP/1.1 101")) {
            ws.close();
            throw new IOException("no upgrade: " + (head == null ? "timeout" : head.lines().findFirst().orElse("")));
        }
        return ws;
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** One masked text frame. */
    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65_536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift) & 0xff);
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        write(frame.toByteArray());
    }

    /** The next text frame's payload; null at the timeout or when the peer closed. Pings are answered, others skipped. */
    String nextText(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        try {
            while (true) {
                int b0 = in.read();
                if (b0 < 0) {
                    return null;
                }
                int b1 = in.read();
                long length = b1 & 0x7f;
                if (length == 126) {
                    length = (in.read() << 8) | in.read();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | in.read();
                    }
                }
                byte[] payload = in.readNBytes((int) length);
                int opcode = b0 & 0x0f;
                if (opcode == 1) {
                    return new String(payload, StandardCharsets.UTF_8);
                }
                if (opcode == 8) {
                    return null;
                }
                if (opcode == 9) { // ping: pong with the same payload, masked
                    ByteArrayOutputStream pong = new ByteArrayOutputStream();
                    pong.write(0x8a);
                    pong.write(0x80 | payload.length);
                    pong.write(new byte[4], 0, 4); // a zero mask: the payload as it is
                    pong.write(payload, 0, payload.length);
                    write(pong.toByteArray());
                }
            }
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    /** An HTTP response head; null at the timeout. */
    String readHead(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        StringBuilder head = new StringBuilder();
        try {
            int c;
            while ((c = in.read()) >= 0) {
                head.append((char) c);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    return head.toString();
                }
            }
            return null;
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    /** A line of the body (after {@link #readHead}); null at its end or at the timeout. */
    String nextLine(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        StringBuilder line = new StringBuilder();
        try {
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    return line.toString();
                }
                line.append((char) c);
            }
            return line.length() == 0 ? null : line.toString();
        } catch (SocketTimeoutException e) {
            return line.length() == 0 ? null : line.toString();
        }
    }

    /** Reads and drops whatever has come, up to {@code max} bytes, without waiting. */
    void drain(int max) throws IOException {
        int available = Math.min(in.available(), max);
        if (available > 0) {
            in.readNBytes(available);
        }
    }

    /** Whether the peer has closed: a read that ends within {@code millis}. */
    boolean closedWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            while (true) {
                int n = in.read(new byte[4096]);
                if (n < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
