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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.causette.server.wire.Json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** site.json's {@code mail} (docs/email.md): defaults, secrets from the environment, and one precise line per mistake. */
class MailSettingsTest {
    private static final String SECRET = "smtp-password-from-env";

    @TempDir
    Path folder;

    private SiteLoader loader() {
        Map<String, String> env = new HashMap<>(TestSites.ENV);
        env.put("SHOP_SMTP_PASSWORD", SECRET);
        return new SiteLoader(env::get);
    }

    /**
     * The {@code mail} object read as the loader reads it (secrets resolved, then the settings), without training a bot
     * for each case: the loader's own use of it is {@link #aSiteWithoutMailSendsNone} and {@link #theLoaderReadsIt}.
     */
    private Optional<MailSettings> load(String mail) throws IOException {
        Map<String, String> env = new HashMap<>(TestSites.ENV);
        env.put("SHOP_SMTP_PASSWORD", SECRET);
        String file = folder.resolve("site.json").toString();
        JsonNode tree = new EnvSecrets(env::get).resolve(Json.MAPPER.readTree("{ \"id\": \"s\", \"mail\": " + mail + " }"), file);
        return Optional.ofNullable(MailSettings.from(JsonFields.root(file, tree)));
    }

    @Test
    void theLoaderReadsIt() throws IOException {
        Files.writeString(folder.resolve("site.json"), "{ \"id\": \"s\", \"mail\": { \"host\": \"h\", \"username\": \"u\", "
                + "\"password\": \"env:SHOP_SMTP_PASSWORD\", \"from\": \"a@b.example\", \"linkUrl\": \"https://b.example/\" } }");
        assertEquals(SECRET, loader().load(SiteSource.folder(folder)).mail().orElseThrow().password());
    }

    @Test
    void aSiteWithoutMailSendsNone() throws IOException {
        Files.writeString(folder.resolve("site.json"), "{ \"id\": \"s\" }");
        assertTrue(loader().load(SiteSource.folder(folder)).mail().isEmpty());
    }

    @Test
    void defaultsAndTheSecretFromTheEnvironmentNeverShown() throws IOException {
        MailSettings mail = load("""
                { "host": "smtp.shop.example", "username": "chat", "password": "env:SHOP_SMTP_PASSWORD",
                  "from": "Maison Sauge <chat@sauge.example>", "linkUrl": "https://sauge.example/aide" }""").orElseThrow();
        assertEquals(MailSettings.Security.STARTTLS, mail.security());
        assertEquals(587, mail.port());
        assertEquals(SECRET, mail.password());
        assertEquals("chat@sauge.example", mail.fromAddress());
        assertEquals("sauge.example", mail.fromDomain());
        assertEquals(Duration.ofMinutes(5), mail.awayAfter());
        assertEquals(Duration.ofHours(72), mail.linkLifetime());
        assertEquals(5, mail.maxPerConversation());
        assertEquals(1_000, mail.maxPerDay());
        assertEquals(Duration.ofSeconds(20), mail.batch());
        assertFalse(mail.toString().contains(SECRET), mail.toString());
        assertEquals(465, load("""
                { "host": "smtp.shop.example", "security": "smtps", "from": "chat@shop.example", "linkUrl": "https://shop.example/" }""")
                .orElseThrow().port());
        MailSettings relay = load("""
                { "host": "127.0.0.1", "security": "none", "from": "chat@shop.example", "linkUrl": "http://shop.example/x?y=1" }""")
                .orElseThrow();
        assertEquals(25, relay.port());
        assertNull(relay.username());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            "yes" | mail: must be an object
            { "from": "a@b.example", "linkUrl": "https://b.example/" } | mail.host: is required
            { "host": "smtp example", "from": "a@b.example", "linkUrl": "https://b.example/" } | mail.host: "smtp example" is not a host name
            { "host": "h", "security": "tls", "from": "a@b.example", "linkUrl": "https://b.example/" } | mail.security: "tls" is not none, starttls or smtps
            { "host": "h", "port": 70000, "from": "a@b.example", "linkUrl": "https://b.example/" } | mail.port: must be between 1 and 65535
            { "host": "h", "password": "x", "from": "a@b.example", "linkUrl": "https://b.example/" } | mail.password: is set but no username
            { "host": "h", "username": "u", "from": "a@b.example", "linkUrl": "https://b.example/" } | mail.username: is set but no password
            { "host": "h", "security": "none", "username": "u", "password": "p", "from": "a@b.example", "linkUrl": "https://b.example/" } | mail.security: is none, so the password would cross the network in clear
            { "host": "h", "username": "u", "password": "env:NOT_SET_ANYWHERE", "from": "a@b.example", "linkUrl": "https://b.example/" } | mail.password: environment variable NOT_SET_ANYWHERE is not set
            { "host": "h", "from": "not an address", "linkUrl": "https://b.example/" } | mail.from: "not an address" is not an address
            { "host": "h", "from": "a@b.example" } | mail.linkUrl: is required
            { "host": "h", "from": "a@b.example", "linkUrl": "https://b.example/#x" } | mail.linkUrl: "https://b.example/#x" is not an http(s) URL without a fragment
            { "host": "h", "from": "a@b.example", "linkUrl": "https://b.example/", "awayMinutes": 0 } | mail.awayMinutes: must be between 1 and 1440
            { "host": "h", "from": "a@b.example", "linkUrl": "https://b.example/", "linkHours": 0 } | mail.linkHours: must be between 1 and 720
            { "host": "h", "from": "a@b.example", "linkUrl": "https://b.example/", "maxPerConversation": 0 } | mail.maxPerConversation: must be between 1 and 100
            { "host": "h", "from": "a@b.example", "linkUrl": "https://b.example/", "batchSeconds": 601 } | mail.batchSeconds: must be between 0 and 600
            """)
    void aMistakeNamesTheFileTheFieldAndTheProblem(String mail, String expected) throws IOException {
        String message = assertThrows(ConfigException.class, () -> load(mail)).getMessage();
        assertTrue(message.contains("site.json"), message);
        assertTrue(message.contains(expected.trim()), "expected \"" + expected.trim() + "\" in: " + message);
        assertEquals(1, message.lines().count(), "one line: " + message);
        assertFalse(message.contains(SECRET));
    }
}
