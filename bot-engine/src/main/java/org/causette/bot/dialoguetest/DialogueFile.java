package org.causette.bot.dialoguetest;

import java.util.List;

/** The dialogues of one file; {@code file} is how to name it in reports (its path as given). */
public record DialogueFile(String file, List<Dialogue> dialogues) {
    public DialogueFile {
        dialogues = List.copyOf(dialogues);
    }
}
