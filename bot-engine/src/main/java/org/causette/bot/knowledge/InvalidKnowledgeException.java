package org.causette.bot.knowledge;

/**
 * A site file that cannot be used, with where and why: {@code file} (e.g. "catalog.json"), {@code field}
 * (a JSON path such as {@code products[3].variants[0].stock}) and {@code problem} in plain words.
 */
public final class InvalidKnowledgeException extends RuntimeException {
    private final String file;
    private final String field;
    private final String problem;

    public InvalidKnowledgeException(String file, String field, String problem) {
        super(file + ": " + field + ": " + problem);
        this.file = file;
        this.field = field;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
