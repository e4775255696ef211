package org.causette.server.config;

/** A configuration that cannot start: one line naming the file (or option), the field and what is wrong. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String file, String field, String problem) {
        super(file + ": " + field + ": " + problem);
    }
}
