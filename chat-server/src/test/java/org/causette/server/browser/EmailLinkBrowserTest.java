package org.causette.server.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.sun.net.httpserver.HttpServer;
import org.causette.server.CausetteServer;
import org.causette.server.mail.MailKit;
import org.causette.server.support.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.causette.server.browser.Browsers.input;
import static org.causette.server.browser.Browsers.messages;
import static org.causette.server.browser.Browsers.panel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The widget and emailed replies in real headless Chromium (docs/email.md): the shopper chooses "email me the answer"
 * while a person holds the conversation, leaves, the agent answers, a real SMTP server receives the email, and its
 * link opens the shop's page with the widget open on the conversation, the agent's reply in it, the token gone from
 * the address bar, and the shopper able to answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class EmailLinkBrowserTest {
    private Playwright playwright;
    private Browser browser;
    private HttpServer shop;
    private MailKit kit;
    private CausetteServer hub;

    @BeforeAll
    void start() throws Exception {
        playwright = Browsers.playwright();
        browser = Browsers.chromium(playwright);
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String origin = "http://127.0.0.1:" + shop.getAddress().getPort();
        kit = new MailKit(origin + "/help", origin);
        hub = kit.hub("memory");
        byte[] page = ("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Aide</title></head><body>"
                + "<h1>Aide</h1><script src=\"http://127.0.0.1:" + hub.port() + "/widget.js\" data-site=\"" + MailKit.SITE
                + "\" data-consent-ui=\"off\" async></script></body></html>").getBytes(StandardCharsets.UTF_8);
        shop.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        shop.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (hub != null) {
            hub.close();
        }
        if (kit != null) {
            kit.close();
        }
        if (shop != null) {
            shop.stop(0);
        }
    }

    @Test
    void theShopperAsksForTheAnswerByEmailLeavesAndTheEmailedLinkReopensTheWidgetOnTheConversation() throws Exception {
        String shopPage = "http://127.0.0.1:" + shop.getAddress().getPort() + "/help";
        try (WsClient anna = kit.staff(hub, "anna")) {
            String conversationId;
            try (BrowserContext first = browser.newContext()) {
                Page page = first.newPage();
                page.navigate(shopPage);
                Browsers.launcher(page).click();
                input(page).fill("Je voudrais parler à un conseiller");
                input(page).press("Enter");
                conversationId = anna.nextMatching(f -> f.path("type").asText().equals("assigned"), "assigned")
                        .path("conversation").path("conversationId").asText();
                page.locator("[data-causette=email-me]").click();
                page.locator("form.email input[type=email]").fill("anne@example.com");
                page.locator("form.email input[type=checkbox]").check();
                page.locator("form.email button[type=submit]").click();
                assertThat(messages(page, "system").last()).containsText("anne@example.com");
                assertThat(page.locator("[data-causette=email-me]")).isHidden();
            } // the tab is closed: the shopper left
            waitGone();
            kit.clock.advance(Duration.ofMinutes(2));
            MailKit.reply(anna, conversationId, "a1", "Bonjour ! La lampe Luna existe bien en vert.");
            assertTrue(kit.smtp.waitForIncomingEmail(15_000, 1), "the email");
            String plain = MailKit.part(kit.received()[0], "text/plain");
            String link = plain.lines().filter(l -> l.contains("#causette-resume=")).findFirst().orElseThrow();
            link = link.substring(link.indexOf("http"));
            assertTrue(link.startsWith(shopPage + "#causette-resume="), link);

            // Another device: nothing stored. The link opens the page with the widget open on the conversation.
            try (BrowserContext other = browser.newContext()) {
                Page page = other.newPage();
                page.navigate(link);
                assertThat(panel(page)).isVisible();
                assertThat(messages(page, "agent").last()).containsText("La lampe Luna existe bien en vert.");
                assertThat(messages(page, "visitor").first()).containsText("Je voudrais parler à un conseiller");
                assertFalse(page.url().contains("causette-resume"), "the token is taken out of the address: " + page.url());
                assertNotNull(page.evaluate("k => localStorage.getItem(k)", "causette:" + MailKit.SITE + ":token"), "this browser now holds the visitor's token");
                input(page).fill("Parfait, merci !");
                input(page).press("Enter");
                assertEquals("Parfait, merci !", anna.nextMatching(f -> f.path("type").asText().equals("message")
                        && f.path("from").path("role").asText().equals("visitor"), "the shopper back").path("text").asText());
            }
        }
    }

    private void waitGone() throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!kit.get(hub, "/metrics").contains("causette_connections{kind=\"visitor\"} 0.0")) {
            assertTrue(System.nanoTime() < until, "the hub saw the tab close");
            Thread.sleep(20);
        }
        Thread.sleep(100);
    }
}
