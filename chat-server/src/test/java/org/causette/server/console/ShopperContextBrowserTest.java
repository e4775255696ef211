package org.causette.server.console;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.causette.server.support.TestHub;
import org.causette.server.support.TestSites;
import org.causette.server.support.WsClient;
import org.causette.server.wire.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.causette.server.support.WsClient.frame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What an agent sees of the shopper without tracking consent, in real Chromium, in French and in English: the product
 * page they wrote from (its address without query), and on a site with the typing preview on, what the shopper is typing (emails and phone numbers masked by the server), never shown to
 * an ambassador, who reads only that the shopper is typing and never sees the page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class ShopperContextBrowserTest {
    private static final String PRODUCT_PAGE = "https://shop.example/produits/lampe-luna";
    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

    private Playwright playwright;
    private Browser browser;
    private TestHub hub;
    private BrowserContext context;
    private Page page;
    private final List<String> problems = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() {
        if (!Files.isExecutable(CHROMIUM)) {
            fail(CHROMIUM + " is missing: the console's browser tests need Chromium (apt-get install -y chromium)");
        }
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run")));
        PlaywrightAssertions.setDefaultAssertionTimeout(10_000);
    }

    /** A hub of its own for each language, on the test shop with the typing preview on (site.json). */
    @BeforeEach
    void startHub() throws Exception {
        hub = TestHub.start(withTypingPreview());
    }

    private static Path withTypingPreview() throws java.io.IOException {
        Path folder = Files.createTempDirectory("context-shop");
        folder.toFile().deleteOnExit();
        try (var files = Files.list(TestSites.testShop())) {
            for (Path file : files.toList()) {
                Files.copy(file, folder.resolve(file.getFileName())).toFile().deleteOnExit();
            }
        }
        Path site = folder.resolve("site.json");
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(site.toFile());
        tree.put("typingPreview", true);
        Files.writeString(site, Json.MAPPER.writeValueAsString(tree));
        return folder;
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @AfterEach
    void noProblems() {
        try {
            assertTrue(problems.isEmpty(), "the console logged problems: " + problems);
        } finally {
            if (context != null) {
                context.close();
                context = null;
            }
            hub.close();
        }
    }

    private void open(String locale) {
        if (context != null) {
            context.close();
        }
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 1400).setLocale(locale));
        page = context.newPage();
        page.onConsoleMessage(message -> {
            if (message.type().equals("error") && !message.text().startsWith("Failed to load resource")) {
                problems.add("console error: " + message.text());
            }
            if (message.text().contains("Content Security Policy") || message.text().contains("Refused to")) {
                problems.add("CSP violation: " + message.text());
            }
        });
        page.onPageError(error -> problems.add("page error: " + error));
        page.navigate("http://127.0.0.1:" + hub.port() + "/console/?site=" + TestHub.SITE);
    }

    private void signIn(String username) {
        page.locator("[data-causette=username]").fill(username);
        page.locator("[data-causette=password]").fill(username + "-pw");
        page.locator("[data-causette=login]").click();
        assertThat(page.locator("[data-causette=presence]")).isVisible();
    }

    @Test
    void agentsSeeWhatTheShopperTypesMaskedAndAmbassadorsDoNotInFrench() throws Exception {
        typingPreview(true);
    }

    @Test
    void agentsSeeWhatTheShopperTypesMaskedAndAmbassadorsDoNotInEnglish() throws Exception {
        typingPreview(false);
    }

    private void typingPreview(boolean fr) throws Exception {
        open(fr ? "fr-FR" : "en-GB");
        signIn("anna");
        try (WsClient shopper = WsClient.visitor(hub.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN)) {
            // No tracking consent: no page_view is kept, but the page they write from is the conversation's context.
            shopper.hello(frame("hello").put("locale", fr ? "fr-FR" : "en-GB").put("consent", false).set("page",
                    Json.MAPPER.createObjectNode().put("url", PRODUCT_PAGE + "?email=anne.martin@exemple.fr#avis").put("title", "Lampe Luna")));
            shopper.send(frame("message").put("clientId", "p").put("text", fr ? "Parler à un conseiller" : "Talk to a person")
                    .put("payload", "INTENT:human_request"));
            String id = shopper.next("ack").path("conversationId").asText();
            Locator conversation = page.locator("[data-causette=conversation][data-conversation-id='" + id + "']");
            assertThat(conversation).isVisible();
            conversation.locator("button.conv-open").click();
            Locator startPage = page.locator("#context [data-causette=start-page]");
            assertThat(startPage.locator("h3")).hasText(fr ? "Page d’où le client écrit" : "Page they wrote from");
            assertThat(startPage.locator("a")).hasText("Lampe Luna");
            assertThat(startPage.locator("a")).hasAttribute("href", PRODUCT_PAGE); // no query: it may carry an email
            assertThat(page.locator("#context")).containsText(fr ? "Aucune page enregistrée (pas de consentement ou pas encore)."
                    : "No page recorded (no consent or none yet).");
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get(System.getProperty("java.io.tmpdir"),
                    "causette-shopper-context-" + (fr ? "fr" : "en") + ".png")));
            shopper.send(frame("typing").put("on", true).put("text", fr
                    ? "Mon e-mail est anne.martin@exemple.fr et mon numéro 06 12 34 56 78, je voudrais"
                    : "My email is anne.martin@example.com and my number +44 20 7946 0958, I would like"));
            assertThat(page.locator("#typing")).containsText(fr ? "Le client écrit…" : "The shopper is typing…");
            Locator preview = page.locator("#typing [data-causette=typing-preview]");
            assertThat(preview).hasText(fr ? "Mon e-mail est [email] et mon numéro [phone], je voudrais"
                    : "My email is [email] and my number [phone], I would like");
            assertFalse(page.content().contains("anne.martin@"), "the email never reaches the page");
            shopper.send(frame("typing").put("on", false));
            assertThat(preview).hasCount(0);
        }
        // An ambassador is a fellow customer: "the shopper is typing", never what.
        open(fr ? "fr-FR" : "en-GB");
        signIn("leo");
        try (WsClient shopper = WsClient.visitor(hub.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN)) {
            shopper.hello(frame("hello").put("locale", "fr-FR").set("page", // Léo speaks French only
                    Json.MAPPER.createObjectNode().put("url", PRODUCT_PAGE).put("title", "Lampe Luna")));
            shopper.send(frame("message").put("clientId", "l").put("text", "Quelle ampoule pour la lampe Luna ?").put("payload", "INTENT:lamp_advice"));
            String id = shopper.next("ack").path("conversationId").asText();
            Locator conversation = page.locator("[data-causette=conversation][data-conversation-id='" + id + "']");
            assertThat(conversation).isVisible();
            conversation.locator("button.conv-open").click();
            shopper.send(frame("typing").put("on", true).put("text", "Je m'appelle Anne, 06 12 34 56 78"));
            assertThat(page.locator("#typing")).containsText(fr ? "Le client écrit…" : "The shopper is typing…");
            assertThat(page.locator("#typing [data-causette=typing-preview]")).hasCount(0);
            assertFalse(page.content().contains("Je m'appelle Anne"), "no preview for ambassadors");
            assertFalse(page.content().contains("/produits/lampe-luna"), "ambassadors never see the shopper's pages");
            assertThat(page.locator("[data-causette=start-page]")).hasCount(0);
        }
    }
}
