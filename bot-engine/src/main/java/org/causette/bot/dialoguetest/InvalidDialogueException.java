package org.causette.bot.dialoguetest;

/** A dialogue file that cannot be run: one line naming the file, the dialogue, the turn and the field. */
public final class InvalidDialogueException extends RuntimeException {
    public InvalidDialogueException(String file, String where, String problem) {
        super(file + ": " + where + ": " + problem);
    }
}
