package org.causette.server.config;

/** A configuration that cannot start: one line naming the file (or option), the field and what is wrong. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String file, String field, String problem) {
        // A message always names a place: a blank field would leave "file: : problem" (SiteFilesFuzzTest).
        super(file + ": " + (field == null || field.isBlank() ? "(file)" : field) + ": " + problem);
    }
}
