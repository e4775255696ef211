package org.causette.bench;

import io.netty.buffer.ByteBuf;

import java.util.List;

/**
 * What a visitor socket talks to, and how to read its answers. Two today: the Causette hub's visitor protocol
 * (docs/protocol.md) and the floor, a bare echo. Frames to send are bytes built once; only the message counter
 * changes between two messages, so a message is prefix + digits + suffix copied into a pooled buffer.
 *
 * <p>Staff sockets ({@code /ws/staff}, docs/protocol.md) and shoppers who ask for a person are other kinds of session:
 * {@link StaffSession} and {@link HandoverVisitor}, on {@link SessionClient}; the visitor side below did not change.
 */
interface Target {
    /** Client ids are this prefix and the shopper's message counter: unique per visitor, as the contract asks. */
    String CLIENT_ID_PREFIX = "m";

    /** What a server frame means to a shopper. */
    enum Kind { WELCOME, ACK, REPLY, ACK_AND_REPLY, ERROR, OTHER }

    /** Questions a shopper asks in turn: answered by the demo shop's bot without a hand-over. */
    List<String> QUESTIONS = List.of(
            "How much is delivery?",
            "How much is the Oslo armchair?",
            "Is the Luna armchair in stock?",
            "How do I return an item?",
            "Which payment methods do you accept?",
            "Combien coûte la livraison ?",
            "Do you have any sales right now?",
            "Le fauteuil Oslo existe en bleu ?");

    String name();

    /** The path and query of the WebSocket to open. */
    String path();

    /** The first frame once the socket is open. */
    byte[] hello();

    /** Writes message number {@code n} (its client id is {@link #CLIENT_ID_PREFIX} + n) into {@code out}. */
    void writeMessage(ByteBuf out, long n);

    Kind classify(ByteBuf frame);

    /** The message number an ACK refers to, or -1. */
    default long ackNumber(ByteBuf frame) {
        return FrameScan.numberAfter(frame, FrameScan.CLIENT_ID_KEY);
    }

    /** Pre-encoded message frames: one prefix per question, then the counter, then the shared suffix. */
    final class Messages {
        private final byte[][] prefixes;
        private final byte[][] suffixes;

        Messages() {
            prefixes = new byte[QUESTIONS.size()][];
            suffixes = new byte[QUESTIONS.size()][];
            for (int i = 0; i < QUESTIONS.size(); i++) {
                prefixes[i] = FrameScan.ascii("{\"type\":\"message\",\"clientId\":\"" + CLIENT_ID_PREFIX);
                suffixes[i] = ("\",\"text\":\"" + QUESTIONS.get(i) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
        }

        void write(ByteBuf out, long n) {
            int question = (int) (n % prefixes.length);
            out.writeBytes(prefixes[question]);
            writeDigits(out, n);
            out.writeBytes(suffixes[question]);
        }

        static void writeDigits(ByteBuf out, long n) {
            if (n < 0) {
                throw new IllegalArgumentException("negative counter");
            }
            long divisor = 1;
            while (divisor <= n / 10) {
                divisor *= 10;
            }
            for (; divisor > 0; divisor /= 10) {
                out.writeByte('0' + (int) ((n / divisor) % 10));
            }
        }
    }

    /** The Causette hub: hello → welcome; message → (state) ack, then the bot's message(s). */
    final class Hub implements Target {
        private static final byte[] WELCOME = FrameScan.ascii("welcome");
        private static final byte[] ACK = FrameScan.ascii("ack");
        private static final byte[] MESSAGE = FrameScan.ascii("message");
        private static final byte[] ERROR = FrameScan.ascii("error");
        private final String site;
        private final byte[] hello;
        private final Messages messages = new Messages();

        Hub(String site) {
            this.site = site;
            this.hello = FrameScan.ascii("{\"type\":\"hello\",\"visitorToken\":null,\"locale\":\"en-GB\","
                    + "\"page\":{\"url\":\"http://127.0.0.1/bench\",\"title\":\"bench\"},\"lastSeq\":0,\"consent\":false}");
        }

        @Override
        public String name() {
            return "hub";
        }

        @Override
        public String path() {
            return "/ws/visitor?site=" + site;
        }

        @Override
        public byte[] hello() {
            return hello;
        }

        @Override
        public void writeMessage(ByteBuf out, long n) {
            messages.write(out, n);
        }

        @Override
        public Kind classify(ByteBuf frame) {
            if (FrameScan.hasType(frame, ACK)) {
                return Kind.ACK;
            }
            if (FrameScan.hasType(frame, MESSAGE)) {
                // The bot's answer, or the hub's own apology when the bot fails (role system): both end the turn.
                return FrameScan.contains(frame, FrameScan.ROLE_BOT) || FrameScan.contains(frame, FrameScan.ROLE_SYSTEM)
                        ? Kind.REPLY : Kind.OTHER;
            }
            if (FrameScan.hasType(frame, WELCOME)) {
                return Kind.WELCOME;
            }
            if (FrameScan.hasType(frame, ERROR)) {
                return Kind.ERROR;
            }
            return Kind.OTHER;
        }
    }

    /** The floor: every text frame comes back as it went. The echo of hello is the welcome; of a message, its reply. */
    final class Echo implements Target {
        private static final byte[] HELLO = FrameScan.ascii("hello");
        private static final byte[] MESSAGE = FrameScan.ascii("message");
        private final Target hub = new Hub("demo");
        private final Messages messages = new Messages();

        @Override
        public String name() {
            return "floor";
        }

        @Override
        public String path() {
            return EchoServer.PATH;
        }

        @Override
        public byte[] hello() {
            return hub.hello();
        }

        @Override
        public void writeMessage(ByteBuf out, long n) {
            messages.write(out, n);
        }

        @Override
        public Kind classify(ByteBuf frame) {
            if (FrameScan.hasType(frame, MESSAGE)) {
                return Kind.ACK_AND_REPLY;
            }
            if (FrameScan.hasType(frame, HELLO)) {
                return Kind.WELCOME;
            }
            return Kind.OTHER;
        }
    }
}
