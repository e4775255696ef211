package org.causette.server.channel;

import org.causette.server.config.ConfigException;
import org.causette.server.config.Site;
import org.causette.server.config.SiteLoader;
import org.causette.server.config.SiteSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** site.json's messenger handover option and CRM webhooks, with precise errors. */
class ChannelConfigTest {

    private static Site load(String siteJson) throws Exception {
        Path folder = Files.createTempDirectory("channel-config");
        try {
            Files.writeString(folder.resolve("site.json"), siteJson);
            return new SiteLoader(Map.of("CRM_SECRET", "from-the-environment-123")::get).load(SiteSource.folder(folder));
        } finally {
            Files.deleteIfExists(folder.resolve("site.json"));
            Files.delete(folder);
        }
    }

    private static final String MESSENGER = "\"messenger\":{\"pageId\":\"1\",\"verifyToken\":\"v\",\"appSecret\":\"s\",\"pageAccessToken\":\"t\"";

    @Test
    void handoverAndWebhooksAreRead() throws Exception {
        Site site = load("{\"id\":\"a\"," + MESSENGER + ",\"handover\":\"page_inbox\",\"pauseBotHours\":2},"
                + "\"webhooks\":[{\"url\":\"https://crm.example/hook\",\"secret\":\"env:CRM_SECRET\",\"events\":[\"lead.captured\"]},"
                + "{\"url\":\"https://crm.example/all\",\"secret\":\"0123456789abcdef\"}]}");
        assertTrue(site.config().messenger().handsOverToPageInbox());
        assertEquals(2, site.config().messenger().pauseBotHours());
        assertEquals("https://graph.facebook.com/v21.0", site.config().messenger().graphApiUrl());
        assertEquals("from-the-environment-123", site.config().webhooks().get(0).secret());
        assertTrue(site.config().webhooks().get(0).wants("lead.captured"));
        assertTrue(!site.config().webhooks().get(0).wants("message.created"));
        assertEquals(6, site.config().webhooks().get(1).events().size());
        assertEquals("console", load("{\"id\":\"a\"," + MESSENGER + "}}").config().messenger().handover());
    }

    @Test
    void mistakesNameTheFieldAndTheProblem() {
        ConfigException handover = assertThrows(ConfigException.class,
                () -> load("{\"id\":\"a\"," + MESSENGER + ",\"handover\":\"inbox\"}}"));
        assertTrue(handover.getMessage().contains("messenger.handover") && handover.getMessage().contains("page_inbox"),
                handover.getMessage());
        ConfigException event = assertThrows(ConfigException.class, () -> load("{\"id\":\"a\",\"webhooks\":"
                + "[{\"url\":\"https://crm.example/h\",\"secret\":\"0123456789abcdef\",\"events\":[\"message.sent\"]}]}"));
        assertTrue(event.getMessage().contains("webhooks[0].events[0]") && event.getMessage().contains("message.sent"),
                event.getMessage());
        ConfigException url = assertThrows(ConfigException.class, () -> load("{\"id\":\"a\",\"webhooks\":"
                + "[{\"url\":\"ftp://crm.example\",\"secret\":\"0123456789abcdef\"}]}"));
        assertTrue(url.getMessage().contains("webhooks[0].url"), url.getMessage());
        ConfigException secret = assertThrows(ConfigException.class, () -> load("{\"id\":\"a\",\"webhooks\":"
                + "[{\"url\":\"https://crm.example\",\"secret\":\"short\"}]}"));
        assertTrue(secret.getMessage().contains("webhooks[0].secret"), secret.getMessage());
        ConfigException missing = assertThrows(ConfigException.class, () -> load("{\"id\":\"a\",\"webhooks\":[{\"url\":\"https://crm.example\"}]}"));
        assertTrue(missing.getMessage().contains("webhooks[0].secret") && missing.getMessage().contains("required"), missing.getMessage());
    }
}
