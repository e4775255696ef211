package org.causette.bot.dialoguetest;

import org.causette.bot.Bot;
import org.causette.bot.BotTurn;
import org.causette.bot.DialogueContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs dialogues through a bot the way the hub runs a conversation: a fresh {@link DialogueContext} per dialogue,
 * each turn's {@link BotTurn#context()} handed to the next, the dialogue's locale on every input as the widget's hello
 * gives it. The turns after a hand-over still go to the bot (the bot keeps answering while the shopper waits in the
 * queue); a dialogue test judges the bot, not the queue.
 */
public final class DialogueRunner {
    private DialogueRunner() {
    }

    public static List<DialogueResult> run(Bot bot, List<DialogueFile> files) {
        List<DialogueResult> results = new ArrayList<>();
        for (DialogueFile file : files) {
            for (Dialogue dialogue : file.dialogues()) {
                results.add(run(bot, file.file(), dialogue));
            }
        }
        return results;
    }

    public static DialogueResult run(Bot bot, String file, Dialogue dialogue) {
        DialogueContext context = DialogueContext.EMPTY;
        List<TurnResult> turns = new ArrayList<>(dialogue.turns().size());
        int number = 0;
        for (DialogueTurn turn : dialogue.turns()) {
            number++;
            BotTurn reply;
            try {
                reply = bot.respond(turn.input(dialogue.locale()), context);
            } catch (RuntimeException e) {
                // The hub hands over on a failed turn; here it is a wrong turn, and the dialogue goes on from the same context.
                turns.add(new TurnResult(number, turn, null, List.of("the bot failed: " + e), dialogue.tagsOf(turn)));
                continue;
            }
            turns.add(new TurnResult(number, turn, reply, TurnJudge.judge(turn.expect(), reply), dialogue.tagsOf(turn)));
            context = reply.context();
        }
        return new DialogueResult(file, dialogue, turns);
    }
}
