package org.causette.server.config;

import org.causette.server.support.TestSites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SiteLoaderTest {
    private final SiteLoader loader = new SiteLoader(TestSites.ENV::get);

    @TempDir
    Path folder;

    /** A copy of the test site with one file replaced. */
    private Path siteWith(String file, String content) throws IOException {
        try (Stream<Path> files = Files.list(TestSites.testShop())) {
            for (Path source : files.toList()) {
                Files.copy(source, folder.resolve(source.getFileName()));
            }
        }
        if (content == null) {
            Files.delete(folder.resolve(file));
        } else {
            Files.writeString(folder.resolve(file), content);
        }
        return folder;
    }

    private String problemWith(String file, String content) throws IOException {
        Path site = siteWith(file, content);
        return assertThrows(ConfigException.class, () -> loader.load(SiteSource.folder(site))).getMessage();
    }

    @Test
    void loadsTheTestSiteWithItsEnvironmentSecret() {
        Site site = loader.load(SiteSource.folder(TestSites.testShop()));
        assertEquals("test-shop", site.id());
        assertEquals(TestSites.IDENTITY_SECRET, site.config().identitySecret());
        assertEquals(4, site.staff().size());
        assertEquals(2, site.knowledge().catalog().products().size());
        assertEquals("fr", site.config().defaultLanguage());
        assertTrue(site.config().allowsOrigin("https://shop.example"));
        assertTrue(!site.config().allowsOrigin("https://evil.example"));
    }

    @Test
    void loadsTheBundledDemoShop() {
        Site demo = loader.load(SiteSource.classpath("demo/site/"));
        assertEquals(Sites.DEMO_ID, demo.id());
        assertTrue(demo.knowledge().catalog().products().size() >= 24, "a few dozen products");
        assertEquals(3, demo.staff().size());
        assertEquals("/demo/img/julie.svg", demo.staff().get(0).avatarUrl());
        assertTrue(!demo.config().widget().sound(), "no sound unless a shop asks for it");
        // The demo's proactive messages (its README says how to trigger them): an A/B test and a time-on-page one.
        var scenarios = demo.scenarios().scenarios();
        assertEquals(java.util.List.of("cart-left", "hesitating"), scenarios.stream().map(s -> s.id()).toList());
        assertEquals(2, scenarios.get(0).variants().size());
        assertEquals(1, scenarios.get(0).trigger().idleMinutes());
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            site.json | { "id": "x", | is not valid JSON
            site.json | { "id": "Bad Id!" } | id: "Bad Id!" is not a site id
            site.json | { "name": "no id" } | id: is required
            site.json | { "id": "s", "languages": ["fr", "de"] } | languages[1]: "de" is not a supported language
            site.json | { "id": "s", "currency": "euros" } | currency: "euros" is not an ISO 4217 code
            site.json | { "id": "s", "allowedOrigins": ["https://shop.example/path"] } | allowedOrigins[0]:
            site.json | { "id": "s", "timezone": "Mars/Olympus" } | timezone: "Mars/Olympus" is not a time zone
            site.json | { "id": "s", "businessHours": { "mon-fri": "9h-19h" } } | businessHours.mon-fri: "9h-19h" is not a time range
            site.json | { "id": "s", "businessHours": { "fri-mon": "09:00-10:00" } } | businessHours.fri-mon: "fri-mon" runs backwards
            site.json | { "id": "s", "identitySecret": "env:NOT_SET_ANYWHERE" } | identitySecret: environment variable NOT_SET_ANYWHERE is not set
            site.json | { "id": "s", "requireIdentity": true } | requireIdentity: is true but no identitySecret
            site.json | { "id": "s", "retentionDays": 0 } | retentionDays: must be between 1 and 36500
            site.json | { "id": "s", "messenger": { "pageId": "1" } } | messenger.verifyToken: is required
            site.json | { "id": "s", "bot": { "encoder": "maybe" } } | bot.encoder: must be "on" or "off", not "maybe"
            staff.json | { "staff": [ { "id": "a", "role": "boss", "passwordHash": "x" } ] } | staff[0].role: "boss" is not agent, ambassador or admin
            staff.json | { "staff": [ { "id": "a", "role": "agent", "passwordHash": "plaintext" } ] } | staff[0].passwordHash: is not pbkdf2-sha256
            staff.json | { "staff": {} } | staff: must be an array
            staff.json | { "staff": [ { "id": "a", "role": "agent", "avatarUrl": "javascript:alert(1)", "passwordHash": "pbkdf2-sha256$10000$HMzFsA+LvzC0c8fPp1qrww==$5pUtAN6FKc5b1bkxrXzmaHg3hv+ubqt7M+QPFZKhPkw=" } ] } | staff[0].avatarUrl: "javascript:alert(1)" is not an http(s) URL
            site.json | { "id": "s", "widget": { "sound": "loud" } } | widget.sound
            site.json | { "id": "s", "privacyUrl": "javascript:alert(1)" } | privacyUrl: "javascript:alert(1)" is not an http(s) URL
            catalog.json | { "products": [ { "sku": "A", "name": "A", "price": "cheap" } ] } | products[0].price
            catalog.json | [] | catalog.json
            faq.json | { "intents": [ { "id": "x", "escalate": "robot" } ] } | intents[0]
            """)
    void aBrokenFileNamesTheFileTheFieldAndTheProblem(String file, String content, String expected) throws IOException {
        String message = problemWith(file, content);
        assertTrue(message.contains(file), message);
        assertTrue(message.contains(expected.trim()), "expected \"" + expected.trim() + "\" in: " + message);
        assertEquals(1, message.lines().count(), "one line: " + message);
    }

    @Test
    void aMissingSiteJsonIsNamed() throws IOException {
        String message = problemWith("site.json", null);
        assertTrue(message.contains("site.json") && message.contains("missing"), message);
    }

    @Test
    void optionalFilesMayBeAbsent() throws IOException {
        siteWith("catalog.json", null);
        Files.delete(folder.resolve("faq.json"));
        Files.delete(folder.resolve("staff.json"));
        Site site = loader.load(SiteSource.folder(folder));
        assertTrue(site.knowledge().catalog().products().isEmpty());
        assertTrue(site.staff().isEmpty());
    }

    @Test
    void serverOptionsAreValidatedToo() {
        assertTrue(assertThrows(ConfigException.class, () -> ServerConfig.parse(java.util.List.of("--port", "99999"), Map.of()))
                .getMessage().contains("--port"));
        assertTrue(assertThrows(ConfigException.class, () -> ServerConfig.parse(java.util.List.of("--store", "mysql://x"), Map.of()))
                .getMessage().contains("--store"));
        assertTrue(assertThrows(ConfigException.class, () -> ServerConfig.parse(java.util.List.of("--colour", "red"), Map.of()))
                .getMessage().contains("--colour"));
        assertTrue(assertThrows(ConfigException.class, () -> ServerConfig.parse(java.util.List.of(), Map.of("CAUSETTE_PORT", "eighty")))
                .getMessage().contains("CAUSETTE_PORT"));
        ServerConfig fromEnv = ServerConfig.parse(java.util.List.of("--port", "9000"),
                Map.of("CAUSETTE_PORT", "7000", "CAUSETTE_HOST", "0.0.0.0", "CAUSETTE_SITES", "/a, /b"));
        assertEquals(9000, fromEnv.port());
        assertEquals("0.0.0.0", fromEnv.host());
        assertEquals(2, fromEnv.sites().size());
    }
}
