package org.causette.server.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.causette.bot.DialogueContext;
import org.causette.server.store.Conversation;
import org.causette.server.wire.Json;

import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * A conversation written and read back as JSON, as the Redis store does several times per message: by the server's
 * mapper ({@code Json.MAPPER}, with its own instant codec) and by a mapper with the JavaTimeModule alone (what it
 * used before). Thread CPU per op, the two taking turns (see {@link FrameEncodingBenchmark#cpuNanosPerOp}). Not a unit
 * test; run like {@link FrameEncodingBenchmark}:
 * {@code java -cp "$CP" org.causette.server.bench.ConversationJsonBenchmark}
 */
public final class ConversationJsonBenchmark {
    private ConversationJsonBenchmark() {
    }

    public static void main(String[] args) {
        ObjectMapper javaTimeOnly = JsonMapper.builder().addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        Instant t = Instant.parse("2026-11-22T15:13:31.123456Z");
        Conversation conversation = Conversation.open("0b9f3c1e-6c1d-4a53-9d2a-6f0c1b2a3d4e", "demo",
                        "5d1f6e2a-8b7c-4d3e-9f0a-1b2c3d4e5f60", "web", t)
                .withBotContext(DialogueContext.EMPTY, "en", t.plusMillis(1234))
                .queued("human_request", "sales", "agent", t.plusSeconds(3));
        double[] cpu = FrameEncodingBenchmark.cpuNanosPerOp(() -> roundTrip(javaTimeOnly, conversation),
                () -> roundTrip(Json.MAPPER, conversation));
        System.out.printf("CPU per conversation written and read back: JavaTimeModule alone %.0f ns, Json.MAPPER %.0f ns%n",
                cpu[0], cpu[1]);
    }

    private static int roundTrip(ObjectMapper mapper, Conversation conversation) {
        try {
            String json = mapper.writeValueAsString(conversation);
            return mapper.readValue(json, Conversation.class).id().length() + json.length();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
