package org.causette.bot.bench;

import org.causette.bot.eval.EvalCommand;

/** The eval command from the test class path, as {@code java -jar causette.jar eval ...} runs it (no server jar needed). */
public final class Eval {
    private Eval() {
    }

    public static void main(String[] args) {
        System.exit(EvalCommand.run(args, System.out, System.err));
    }
}
