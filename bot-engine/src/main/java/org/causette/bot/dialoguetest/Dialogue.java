package org.causette.bot.dialoguetest;

import java.util.List;
import java.util.Objects;

/**
 * One conversation, from its first shopper message.
 *
 * @param name   unique in its file; names the dialogue in reports and errors
 * @param locale the locale the shopper's client reports ("fr-FR", "en"), as the widget's hello sends it; null when unknown
 * @param tags   the families its turns count for, unless a turn names its own
 */
public record Dialogue(String name, String locale, List<String> tags, List<DialogueTurn> turns) {
    public Dialogue {
        Objects.requireNonNull(name, "name");
        tags = tags == null ? List.of() : List.copyOf(tags);
        turns = List.copyOf(turns);
    }

    /** The families a turn counts for. */
    List<String> tagsOf(DialogueTurn turn) {
        return turn.tags().isEmpty() ? tags : turn.tags();
    }
}
