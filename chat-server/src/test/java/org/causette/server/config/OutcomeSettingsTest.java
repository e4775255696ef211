package org.causette.server.config;

import org.causette.server.support.TestSites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** site.json's {@code attributionDays} and {@code nps}: defaults, values, and one-line errors. */
class OutcomeSettingsTest {
    private final SiteLoader loader = new SiteLoader(TestSites.ENV::get);

    @TempDir
    Path folder;

    /** A site folder with only its site.json: the other files are optional. */
    private Site load(String siteJson) throws IOException {
        Files.writeString(folder.resolve("site.json"), siteJson);
        return loader.load(SiteSource.folder(folder));
    }

    @Test
    void defaultsAreASevenDayWindowAndNoNps() throws IOException {
        OutcomeSettings outcomes = load("{ \"id\": \"s\" }").outcomes();
        assertEquals(Duration.ofDays(7), outcomes.attribution());
        assertFalse(outcomes.npsOn());
    }

    @Test
    void readsTheWindowAndTheNpsPeriod() throws IOException {
        OutcomeSettings outcomes = load("{ \"id\": \"s\", \"attributionDays\": 14, \"nps\": { \"periodDays\": 30 } }").outcomes();
        assertEquals(Duration.ofDays(14), outcomes.attribution());
        assertTrue(outcomes.npsOn());
        assertEquals(Duration.ofDays(30), outcomes.npsPeriod());
        assertEquals(Duration.ofDays(90), load("{ \"id\": \"s\", \"nps\": {} }").outcomes().npsPeriod());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            { "id": "s", "attributionDays": 0 } | attributionDays: must be between 1 and 365
            { "id": "s", "attributionDays": 7.5 } | attributionDays:
            { "id": "s", "nps": true } | nps: must be an object
            { "id": "s", "nps": { "periodDays": 0 } } | nps.periodDays: must be between 1 and 3650
            """)
    void mistakesNameTheField(String siteJson, String expected) {
        String message = assertThrows(ConfigException.class, () -> load(siteJson)).getMessage();
        assertTrue(message.contains("site.json") && message.contains(expected.trim()), message);
        assertEquals(1, message.lines().count(), message);
    }
}
