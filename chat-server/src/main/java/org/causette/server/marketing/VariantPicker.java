package org.causette.server.marketing;

import org.causette.server.config.scenario.Scenario;
import org.causette.server.config.scenario.Variant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Sticky A/B assignment: a hash of (visitor, scenario) placed over the variants' weights. The same visitor always
 * gets the same variant, on every node and after restarts, with nothing stored; different scenarios split visitors
 * independently.
 */
public final class VariantPicker {
    private VariantPicker() {
    }

    public static Variant pick(String visitorId, Scenario scenario) {
        long point = Long.remainderUnsigned(hash(visitorId + "\u0000" + scenario.id()), scenario.totalWeight());
        for (Variant variant : scenario.variants()) {
            point -= variant.weight();
            if (point < 0) {
                return variant;
            }
        }
        throw new IllegalStateException("weights do not add up"); // Unreachable: point < total weight.
    }

    private static long hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (digest[i] & 0xff);
            }
            return value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
