package org.causette.server.wire;

import java.time.Instant;

/**
 * {@link Instant#toString()} (ISO-8601, what Jackson's {@code InstantSerializer} writes) without a
 * {@code DateTimeFormatter} per call: every frame carries a {@code ts}, and formatting it was 4 % of the hub's CPU.
 * The date and time up to the second are formatted once per second and cached; only the fraction is written per call.
 */
final class IsoInstant {
    /** The last second formatted, shared by all threads; an immutable pair, so a racy read is still a valid one. */
    private static volatile Second last = new Second(Long.MIN_VALUE, "");

    private record Second(long epochSecond, String prefix) {
    }

    private IsoInstant() {
    }

    static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        Second cached = last;
        if (cached.epochSecond != seconds) {
            String whole = Instant.ofEpochSecond(seconds).toString();
            // "…T15:13:31Z" for a whole second; anything else (years beyond 9999, before 0) keeps the JDK's own.
            if (whole.length() != 20 || whole.charAt(19) != 'Z') {
                return instant.toString();
            }
            cached = new Second(seconds, whole.substring(0, 19));
            last = cached;
        }
        int nano = instant.getNano();
        if (nano == 0) {
            return cached.prefix + 'Z';
        }
        // ISO_INSTANT prints the fraction in groups of three digits: millis, micros or nanos, as few as exact.
        int digits;
        int value;
        if (nano % 1_000_000 == 0) {
            digits = 3;
            value = nano / 1_000_000;
        } else if (nano % 1_000 == 0) {
            digits = 6;
            value = nano / 1_000;
        } else {
            digits = 9;
            value = nano;
        }
        char[] out = new char[19 + 1 + digits + 1];
        cached.prefix.getChars(0, 19, out, 0);
        out[19] = '.';
        for (int i = 19 + digits; i > 19; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        out[out.length - 1] = 'Z';
        return new String(out);
    }
}
