package org.causette.server.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.causette.server.CausetteServer;
import org.causette.server.support.WsClient;
import org.causette.server.wire.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.causette.server.browser.Browsers.input;
import static org.causette.server.browser.Browsers.launcher;
import static org.causette.server.browser.Browsers.messages;
import static org.causette.server.browser.Browsers.storage;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The shopper's side of issue 17 in real headless Chromium against the real hub with the demo shop: nothing said to
 * a shopper who left is lost, in French and in English. Screenshots go to target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class ShopperBrowserTest {
    static final Path SHOTS = Path.of("target", "screenshots");

    private Playwright playwright;
    private Browser browser;
    private CausetteServer hub;
    private BrowserContext context;

    @BeforeAll
    void startBrowserAndHub() throws Exception {
        playwright = Browsers.playwright();
        browser = Browsers.chromium(playwright);
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        hub = Browsers.hub(0);
    }

    @AfterAll
    void stopAll() {
        if (hub != null) {
            hub.close();
        }
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @AfterEach
    void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    /** A new shopper; the demo shop keeps its language in localStorage, read before its script runs. */
    private Page shopper(String lang) {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
        context.addInitScript("localStorage.setItem('maison-sauge.lang', '" + lang + "')");
        return context.newPage();
    }

    private String hubUrl(String path) {
        return "http://127.0.0.1:" + hub.port() + path;
    }

    private WsClient staff(String username, String password) throws Exception {
        HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(hubUrl("/api/login")))
                .POST(HttpRequest.BodyPublishers.ofString("{\"site\":\"demo\",\"username\":\"" + username
                        + "\",\"password\":\"" + password + "\"}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        WsClient socket = WsClient.connect(URI.create("ws://127.0.0.1:" + hub.port() + "/ws/staff"), null);
        socket.hello(WsClient.frame("hello").put("token", Json.MAPPER.readTree(login.body()).path("token").asText()));
        return socket;
    }

    private static void say(Page page, String text) {
        input(page).fill(text);
        input(page).press("Enter");
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")));
    }

    /** Julie takes the shopper's conversation; returns its id. */
    private static String julieTakes(WsClient julie, Page page) throws InterruptedException {
        page.waitForCondition(() -> storage(page, "vid") != null); // the welcome is in
        String visitorId = (String) storage(page, "vid");
        JsonNode assigned = julie.nextMatching(f -> f.path("type").asText().equals("assigned")
                && f.path("conversation").path("visitor").path("id").asText().equals(visitorId), "the shopper's conversation");
        return assigned.path("conversation").path("conversationId").asText();
    }

    private void resumeAfterAClose(String lang, String ask, String[] answers, String ended, String rateQuestion) throws Exception {
        try (WsClient julie = staff("julie", "julie-demo")) {
            Page page = shopper(lang);
            page.navigate(hubUrl("/"));
            launcher(page).click();
            say(page, ask);
            String conversationId = julieTakes(julie, page);
            assertThat(page.locator("#cz-title")).hasText("Julie");
            page.close(); // the shopper leaves while Julie answers

            for (int i = 0; i < answers.length; i++) {
                julie.send(WsClient.frame("message").put("conversationId", conversationId).put("clientId", "j" + lang + i)
                        .put("text", answers[i]));
                julie.next("ack");
            }
            julie.send(WsClient.frame("close").put("conversationId", conversationId));

            Page back = context.newPage();
            back.navigate(hubUrl("/"));
            // The panel is closed: the answers wait behind the badge (two from Julie, the closing words).
            assertThat(back.locator("[data-causette=launcher] .badge")).hasText(String.valueOf(answers.length + 1));
            shot(back, "resume-badge-" + lang);
            launcher(back).click();
            assertThat(messages(back, "agent")).hasCount(answers.length);
            for (int i = 0; i < answers.length; i++) {
                assertThat(messages(back, "agent").nth(i)).containsText(answers[i]);
            }
            assertThat(messages(back, "system").last()).containsText(ended);
            assertThat(back.locator("form.rate")).isVisible();
            assertThat(back.locator("form.rate legend")).hasText(rateQuestion);
            assertThat(back.locator("[data-causette=launcher] .badge")).isHidden();
            shot(back, "resume-history-" + lang);

            // Then a fresh start: the next message opens a new conversation, the rating form goes.
            say(back, lang.equals("fr") ? "Merci !" : "Thanks!");
            back.waitForCondition(() -> !conversationId.equals(storage(back, "conv")));
            assertThat(back.locator("form.rate")).isHidden();
        }
    }

    @Test
    void aShopperWhoLeftReadsTheAnswersAndRatesInFrench() throws Exception {
        resumeAfterAClose("fr", "Je voudrais parler à un conseiller",
                new String[] {"Bonjour, je suis Julie.", "Le fauteuil Oslo revient en stock lundi."},
                "La conversation est terminée", "Comment s’est passé cet échange ?");
    }

    @Test
    void aShopperWhoLeftReadsTheAnswersAndRatesInEnglish() throws Exception {
        resumeAfterAClose("en", "I would like to talk to someone",
                new String[] {"Hello, I'm Julie.", "The Oslo armchair is back in stock on Monday."},
                "This conversation has ended", "How was this conversation?");
    }
}
