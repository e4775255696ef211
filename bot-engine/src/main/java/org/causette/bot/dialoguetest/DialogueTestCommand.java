package org.causette.bot.dialoguetest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code test-dialogues [--site DIR] FILE.json|DIR… [--min SHARE] [--verbose]}: runs dialogue files through a site's
 * bot and prints the report, whose last line is {@code dialogues: turns R/T (P%), dialogues D/N}. A folder stands for
 * its {@code *.json} files in name order. Exit 0, 1 when the share of right turns is under {@code --min}, 2 on bad input
 * (usage, the site, a dialogue file), with one line on {@code err}.
 */
public final class DialogueTestCommand {
    public static final int OK = 0;
    public static final int UNDER_MIN = 1;
    public static final int BAD_INPUT = 2;
    private static final String USAGE_LINE =
            "usage: test-dialogues [--site DIR] FILE.json|DIR [FILE.json|DIR ...] [--min 0.9] [--verbose]";

    private DialogueTestCommand() {
    }

    public static int run(List<String> args, SiteOpener sites, PrintStream out, PrintStream err) {
        Path site = null;
        Double min = null;
        boolean verbose = false;
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--verbose" -> verbose = true;
                case "--site", "--min" -> {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        return usage(err, a + " needs a value");
                    }
                    String value = args.get(++i);
                    if (a.equals("--site")) {
                        if (site != null) {
                            return usage(err, "--site given twice (one site per run)");
                        }
                        site = Path.of(value);
                    } else {
                        try {
                            min = Double.parseDouble(value);
                        } catch (NumberFormatException e) {
                            min = Double.NaN;
                        }
                        if (!(min >= 0 && min <= 1)) {
                            return usage(err, "--min must be a share between 0 and 1, like 0.9, not '" + value + "'");
                        }
                    }
                }
                default -> {
                    if (a.startsWith("--")) {
                        return usage(err, "unknown option '" + a + "'");
                    }
                    inputs.add(Path.of(a));
                }
            }
        }
        if (inputs.isEmpty()) {
            return usage(err, "give at least one dialogue file");
        }
        List<Path> files;
        try {
            files = expand(inputs);
        } catch (IOException e) {
            err.println("test-dialogues: " + e.getMessage());
            return BAD_INPUT;
        }
        SiteOpener.Opened opened;
        try {
            opened = sites.open(site);
        } catch (SiteOpener.BadSite e) {
            err.println(e.getMessage());
            return BAD_INPUT;
        }
        DialogueFileReader reader = new DialogueFileReader(opened.knowledge());
        List<DialogueFile> dialogueFiles = new ArrayList<>(files.size());
        try {
            for (Path f : files) {
                dialogueFiles.add(reader.read(f));
            }
        } catch (InvalidDialogueException e) {
            err.println("test-dialogues: " + e.getMessage());
            return BAD_INPUT;
        }
        List<DialogueResult> results = DialogueRunner.run(opened.bot(), dialogueFiles);
        out.printf("site %s: %d dialogues in %d files%n", opened.knowledge().siteId(), results.size(), dialogueFiles.size());
        DialogueReport.print(results, verbose, out);
        DialogueScore score = DialogueScore.of(results);
        return min != null && score.turnShare() < min ? UNDER_MIN : OK;
    }

    /** Files as given; a folder becomes its *.json files in name order (an empty folder is a mistake). */
    private static List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    List<Path> json = s.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f))
                            .sorted().toList();
                    if (json.isEmpty()) {
                        throw new IOException(p + ": (folder): has no .json dialogue file");
                    }
                    files.addAll(json);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new IOException(p + ": (file): does not exist");
            }
        }
        return files;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("test-dialogues: " + problem + ". " + USAGE_LINE);
        return BAD_INPUT;
    }
}
