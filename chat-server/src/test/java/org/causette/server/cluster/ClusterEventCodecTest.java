package org.causette.server.cluster;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterEventCodecTest {
    private static final ClusterEvent EVENT = new ClusterEvent("node-a", ClusterEvent.Kind.VISITOR, "demo", "v_1", "c1", 7,
            "{\"type\":\"message\"}".getBytes(StandardCharsets.UTF_8));

    @Test
    void roundTrips() {
        ClusterEvent back = ClusterEventCodec.decode(ClusterEventCodec.encode(EVENT));
        assertEquals(EVENT.originNode(), back.originNode());
        assertEquals(EVENT.kind(), back.kind());
        assertEquals(EVENT.conversationId(), back.conversationId());
        assertEquals(7, back.seq());
        assertArrayEquals(EVENT.frameJson(), back.frameJson());
    }

    @Test
    void tellsItsOwnEventsWithoutDecoding() {
        byte[] wire = ClusterEventCodec.encode(EVENT);
        assertTrue(ClusterEventCodec.isFrom(wire, "node-a".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(ClusterEventCodec.isFrom(wire, "node-b".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(ClusterEventCodec.isFrom(wire, "node-ab".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(ClusterEventCodec.isFrom(new byte[3], "node-a".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void rejectsGarbage() {
        assertThrows(IllegalArgumentException.class, () -> ClusterEventCodec.decode(new byte[]{9, 9, 9}));
    }
}
