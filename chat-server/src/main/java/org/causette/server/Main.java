package org.causette.server;

import org.causette.bot.eval.EvalCommand;
import org.causette.server.cli.HashPasswordCommand;
import org.causette.server.cli.ServeCommand;
import org.causette.server.cli.TestDialoguesCommand;
import org.causette.server.config.ConfigException;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar causette.jar [serve] [options]}, {@code eval …}, {@code test-dialogues …}, {@code hash-password}. A bad configuration
 * ends with exit code 2 and one line naming the file, the field and what is wrong.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        List<String> all = Arrays.asList(args);
        String command = all.isEmpty() || all.get(0).startsWith("--") ? "serve" : all.get(0);
        List<String> rest = all.isEmpty() || all.get(0).startsWith("--") ? all : all.subList(1, all.size());
        switch (command) {
            case "serve" -> {
                try {
                    return ServeCommand.run(rest, System.getenv(), System.out);
                } catch (ConfigException e) {
                    System.err.println("causette: " + e.getMessage());
                    return 2;
                }
            }
            case "eval" -> {
                return EvalCommand.run(rest.toArray(String[]::new), System.out, System.err);
            }
            case "test-dialogues" -> {
                return TestDialoguesCommand.run(rest, System.getenv(), System.out, System.err);
            }
            case "hash-password" -> {
                return HashPasswordCommand.run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                        System.out, System.err);
            }
            case "help", "-h" -> {
                System.out.println(USAGE);
                return 0;
            }
            default -> {
                System.err.println("causette: unknown command \"" + command + "\"\n" + USAGE);
                return 2;
            }
        }
    }

    private static final String USAGE = """
            usage: java -jar causette.jar [serve] [--site DIR]... [--host ADDR] [--port N]
                                          [--store memory | redis://[USER:PASSWORD@]HOST:PORT[/DB] | rediss://…
                                                   | redis-sentinel://HOST:PORT[,…]/MASTER | redis-cluster://HOST:PORT[,…]]
                                          [--node-id ID]   (store URLs: docs/scaling.md)
                   java -jar causette.jar eval --train TRAIN.csv --test TEST.csv [--oos-label LABEL] [--lang en|fr]
                   java -jar causette.jar test-dialogues [--site DIR] FILE.json|DIR [...] [--min 0.9] [--verbose]
                   java -jar causette.jar hash-password   (password on stdin, hash on stdout)""";
}
