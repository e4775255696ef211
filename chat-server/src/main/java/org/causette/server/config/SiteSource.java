package org.causette.server.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Where a site's files come from: a folder on disk, or the jar for the bundled demo. */
public interface SiteSource {

    /** The file's bytes, or empty when the site has no such file. */
    Optional<byte[]> read(String fileName);

    /** How to name the file in an error message, e.g. {@code /srv/shop/catalog.json}. */
    String describe(String fileName);

    static SiteSource folder(Path folder) {
        return new SiteSource() {
            @Override
            public Optional<byte[]> read(String fileName) {
                try {
                    return Optional.of(Files.readAllBytes(folder.resolve(fileName)));
                } catch (NoSuchFileException e) {
                    return Optional.empty();
                } catch (IOException e) {
                    throw new ConfigException(describe(fileName), "(file)", "cannot be read: " + e.getMessage());
                }
            }

            @Override
            public String describe(String fileName) {
                return folder.resolve(fileName).toString();
            }
        };
    }

    static SiteSource classpath(String prefix) {
        return new SiteSource() {
            @Override
            public Optional<byte[]> read(String fileName) {
                try (InputStream in = SiteSource.class.getClassLoader().getResourceAsStream(prefix + fileName)) {
                    return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public String describe(String fileName) {
                return "classpath:" + prefix + fileName;
            }
        };
    }
}
