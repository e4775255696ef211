package org.causette.server.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.causette.bot.Card;
import org.causette.bot.CardButton;
import org.causette.bot.QuickReply;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The frames every bot round trip sends ({@code ack}, {@code message}, {@code state}, {@code typing}) written with
 * Jackson's streaming generator instead of databind, which was 18 % of the hub's CPU (reflection over each record,
 * a serializer lookup per nested value, a date formatter per {@code ts}). The bytes are the same as databind's, field
 * for field and in the records' order, nulls included where databind writes them ({@code HotFrameWriterTest} compares
 * both for every frame type); every other frame still goes through databind.
 */
final class HotFrameWriter {
    /** The mapper's own factory: the same escaping and generator settings as databind. */
    private static final JsonFactory FACTORY = Json.MAPPER.getFactory();
    /** One growable buffer per thread (lanes, event loops): a frame costs its exact-size copy and nothing else. */
    private static final ThreadLocal<Sink> SINKS = ThreadLocal.withInitial(Sink::new);

    private HotFrameWriter() {
    }

    /** The frame's JSON, or null when it is not one of the hot frames (the caller then uses databind). */
    static byte[] encode(Object frame) {
        if (!(frame instanceof ServerFrames.Ack || frame instanceof ServerFrames.Message
                || frame instanceof ServerFrames.StaffMessage || frame instanceof ServerFrames.State
                || frame instanceof ServerFrames.Typing)) {
            return null;
        }
        Sink sink = SINKS.get();
        sink.reset();
        try (JsonGenerator g = FACTORY.createGenerator(sink)) {
            if (frame instanceof ServerFrames.Ack a) {
                ack(g, a);
            } else if (frame instanceof ServerFrames.Message m) {
                message(g, m);
            } else if (frame instanceof ServerFrames.StaffMessage m) {
                staffMessage(g, m);
            } else if (frame instanceof ServerFrames.State s) {
                state(g, s);
            } else {
                typing(g, (ServerFrames.Typing) frame);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + frame.getClass().getSimpleName(), e);
        }
        return sink.toByteArray();
    }

    private static void ack(JsonGenerator g, ServerFrames.Ack a) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", a.type());
        g.writeStringField("clientId", a.clientId());
        g.writeStringField("conversationId", a.conversationId());
        g.writeNumberField("seq", a.seq());
        g.writeStringField("id", a.id());
        instant(g, "ts", a.ts());
        g.writeEndObject();
    }

    private static void message(JsonGenerator g, ServerFrames.Message m) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", m.type());
        g.writeStringField("conversationId", m.conversationId());
        g.writeNumberField("seq", m.seq());
        g.writeStringField("id", m.id());
        from(g, "from", m.from());
        g.writeStringField("text", m.text());
        quickReplies(g, m.quickReplies());
        cards(g, m.cards());
        instant(g, "ts", m.ts());
        g.writeEndObject();
    }

    private static void staffMessage(JsonGenerator g, ServerFrames.StaffMessage m) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", m.type());
        g.writeStringField("conversationId", m.conversationId());
        g.writeNumberField("seq", m.seq());
        g.writeStringField("id", m.id());
        from(g, "from", m.from());
        g.writeStringField("text", m.text());
        quickReplies(g, m.quickReplies());
        cards(g, m.cards());
        g.writeBooleanField("internal", m.internal());
        instant(g, "ts", m.ts());
        g.writeEndObject();
    }

    private static void state(JsonGenerator g, ServerFrames.State s) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", s.type());
        g.writeStringField("conversationId", s.conversationId());
        g.writeStringField("state", s.state());
        integer(g, "queuePosition", s.queuePosition());
        if (s.assignee() == null) {
            g.writeNullField("assignee");
        } else {
            g.writeObjectFieldStart("assignee");
            g.writeStringField("role", s.assignee().role());
            g.writeStringField("name", s.assignee().name());
            if (s.assignee().avatarUrl() != null) { // NON_NULL on the record
                g.writeStringField("avatarUrl", s.assignee().avatarUrl());
            }
            g.writeEndObject();
        }
        g.writeStringField("reason", s.reason());
        if (s.estimatedWaitSeconds() != null) { // NON_NULL on the record
            g.writeNumberField("estimatedWaitSeconds", s.estimatedWaitSeconds());
        }
        if (s.teamOnline() != null) { // NON_NULL on the record
            g.writeBooleanField("teamOnline", s.teamOnline());
        }
        g.writeEndObject();
    }

    private static void typing(JsonGenerator g, ServerFrames.Typing t) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", t.type());
        from(g, "from", t.from());
        g.writeBooleanField("on", t.on());
        g.writeEndObject();
    }

    private static void from(JsonGenerator g, String field, ServerFrames.From from) throws IOException {
        if (from == null) {
            g.writeNullField(field);
            return;
        }
        g.writeObjectFieldStart(field);
        g.writeStringField("role", from.role());
        g.writeStringField("name", from.name());
        g.writeEndObject();
    }

    private static void quickReplies(JsonGenerator g, List<QuickReply> replies) throws IOException {
        if (replies == null) {
            g.writeNullField("quickReplies");
            return;
        }
        g.writeArrayFieldStart("quickReplies");
        for (QuickReply q : replies) {
            if (q == null) {
                g.writeNull();
                continue;
            }
            g.writeStartObject();
            g.writeStringField("title", q.title());
            g.writeStringField("payload", q.payload());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void cards(JsonGenerator g, List<Card> cards) throws IOException {
        if (cards == null) {
            g.writeNullField("cards");
            return;
        }
        g.writeArrayFieldStart("cards");
        for (Card c : cards) {
            if (c == null) {
                g.writeNull();
                continue;
            }
            g.writeStartObject();
            g.writeStringField("sku", c.sku());
            g.writeStringField("title", c.title());
            g.writeStringField("subtitle", c.subtitle());
            g.writeStringField("price", c.price());
            if (c.regularPrice() != null) { // NON_NULL on the record
                g.writeStringField("regularPrice", c.regularPrice());
            }
            g.writeStringField("imageUrl", c.imageUrl());
            g.writeStringField("url", c.url());
            g.writeArrayFieldStart("buttons"); // never null: the record makes it a list
            for (CardButton b : c.buttons()) {
                g.writeStartObject();
                g.writeStringField("title", b.title());
                g.writeStringField("payload", b.payload());
                g.writeStringField("url", b.url());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void integer(JsonGenerator g, String field, Integer value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value);
        }
    }

    private static void instant(JsonGenerator g, String field, Instant value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, IsoInstant.format(value));
        }
    }

    /** A reusable byte sink: grows to the largest frame the thread wrote and stays there. */
    private static final class Sink extends OutputStream {
        private byte[] bytes = new byte[1024];
        private int size;

        void reset() {
            size = 0;
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
