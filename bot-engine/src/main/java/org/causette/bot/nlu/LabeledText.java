package org.causette.bot.nlu;

import java.util.Objects;

/** One training sentence and its label (an intent id, or the out-of-scope label). */
public record LabeledText(String text, String label) {
    public LabeledText {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(label, "label");
    }
}
