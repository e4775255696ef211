package org.causette.server.channel;

import java.util.ArrayList;
import java.util.List;

/** Cutting text to what a channel accepts, without splitting a word (when avoidable) or a surrogate pair. */
final class TextLimits {
    private TextLimits() {
    }

    /** {@code text} in pieces of at most {@code max} chars, cut after a line break or a space when there is one. */
    static List<String> split(String text, int max) {
        List<String> parts = new ArrayList<>();
        String rest = text == null ? "" : text.strip();
        while (rest.length() > max) {
            int cut = rest.lastIndexOf('\n', max);
            if (cut < max / 2) {
                cut = rest.lastIndexOf(' ', max);
            }
            if (cut < max / 2) {
                cut = Character.isLowSurrogate(rest.charAt(max)) ? max - 1 : max;
            }
            parts.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) {
            parts.add(rest);
        }
        return parts;
    }

    /** At most {@code max} chars, with an ellipsis when shortened. */
    static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        return text.substring(0, end).stripTrailing() + "…";
    }
}
