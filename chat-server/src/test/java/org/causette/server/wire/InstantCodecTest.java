package org.causette.server.wire;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The server's mapper must write and read instants exactly as the JavaTimeModule alone did. */
class InstantCodecTest {
    /** The mapper as it was before InstantCodec: the reference. */
    private static final ObjectMapper REFERENCE = reference();

    /** Json.MAPPER's settings without InstantCodec. */
    private static ObjectMapper reference() {
        JsonMapper mapper = JsonMapper.builder().addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    record Stamped(String name, Instant at, List<Instant> more) {
    }

    private static List<Instant> instants() {
        Random random = new Random(11);
        List<Instant> out = new ArrayList<>(List.of(Instant.EPOCH, Instant.MIN, Instant.MAX,
                Instant.parse("2026-11-22T15:13:31Z"), Instant.parse("2024-02-29T23:59:59.999999999Z"),
                Instant.parse("1969-12-31T23:59:59.000000001Z"), Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("+10000-01-01T00:00:00Z")));
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong(-62_200_000_000L, 253_402_300_800L + 1_000_000L);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            out.add(Instant.ofEpochSecond(second, nano));
        }
        return out;
    }

    @Test
    void writesAndReadsWhatTheJavaTimeModuleDid() throws Exception {
        for (Instant instant : instants()) {
            Stamped value = new Stamped("x", instant, List.of(instant));
            String json = REFERENCE.writeValueAsString(value);
            assertEquals(json, Json.MAPPER.writeValueAsString(value));
            assertEquals(REFERENCE.readValue(json, Stamped.class), Json.MAPPER.readValue(json, Stamped.class));
            assertEquals(instant, Json.MAPPER.readValue(json, Stamped.class).at());
        }
    }

    /** The value read, or the kind of error: both mappers must agree on either. */
    private static Object outcome(ObjectMapper mapper, String json) {
        try {
            return mapper.readValue(json, Stamped.class);
        } catch (Exception e) {
            return e.getClass();
        }
    }

    @Test
    void otherShapesStillReadAsTheJavaTimeModuleReadsThem() {
        for (String text : List.of("\"2026-11-22T15:13:31.1Z\"", "\"2026-11-22T15:13:31.12345678Z\"",
                "\"2026-11-22t15:13:31z\"", "\"2026-11-22T16:13:31+01:00\"", "\"2026-12-31T23:59:60Z\"",
                "1795000000", "1795000000.5", "\"+12026-01-01T00:00:00Z\"", "null", "\"2026-11-22T24:00:00Z\"")) {
            String json = "{\"name\":\"x\",\"at\":" + text + "}";
            assertEquals(outcome(REFERENCE, json), outcome(Json.MAPPER, json), text);
        }
        // Whatever the JavaTimeModule makes of these (some it accepts, some it refuses), the server's mapper agrees.
        for (String odd : List.of("\"2026-02-31T00:00:00Z\"", "\"2026-11-22T25:00:00Z\"", "\"2026-11-22T15:13:31.Z\"",
                "\"2026-11-22T15:13:31.1234567890Z\"", "\"yesterday\"", "\"2026-11-22 15:13:31Z\"", "true", "\"\"")) {
            String json = "{\"name\":\"x\",\"at\":" + odd + "}";
            assertEquals(outcome(REFERENCE, json), outcome(Json.MAPPER, json), odd);
        }
        assertInstanceOf(Class.class, outcome(Json.MAPPER, "{\"at\":\"yesterday\"}"));
    }
}
