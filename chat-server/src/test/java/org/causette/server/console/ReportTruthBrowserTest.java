package org.causette.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.causette.server.support.TestHub;
import org.causette.server.support.WsClient;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The report tells the truth, in French and in English, in real Chromium: a hand-over keeps its reason once the
 * conversation closes (« demande un conseiller », not « autre »), the bot's good answers count beside containment even
 * when a person was asked for later, and an ambassador's thanks panel counts a rating the moment it is given — long
 * after the close, when no check after the close would see it. Each figure has its one-line definition on hover.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class ReportTruthBrowserTest {
    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    /** Longer than the console's checks after a close (1.5 s, 5 s) and shorter than the next (15 s). */
    private static final long RATE_LATE_MS = 6_500;
    /** A pushed rating shows within this (the next check after a close would come 8.5 s after the rating). */
    private static final double LIVE_MS = 3_000;

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

    /** A hub of its own for each language: the figures are those of the day each test plays. */
    @BeforeEach
    void startHub() throws Exception {
        hub = TestHub.start();
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

    private static JsonNode botAnswer(WsClient visitor) throws InterruptedException {
        return visitor.nextMatching(f -> f.path("type").asText().equals("message")
                && f.path("from").path("role").asText().equals("bot"), "the bot's answer");
    }

    private static JsonNode frameOf(WsClient socket, String type) throws InterruptedException {
        return socket.nextMatching(f -> f.path("type").asText().equals(type), type);
    }

    @Test
    void theReportTellsTheTruthInFrench() throws Exception {
        theReportTellsTheTruth(true);
    }

    @Test
    void theReportTellsTheTruthInEnglish() throws Exception {
        theReportTellsTheTruth(false);
    }

    private void theReportTellsTheTruth(boolean fr) throws Exception {
        // The day: one shopper gets two answers, then asks for a person, who answers and closes; one gets an answer.
        try (TestHub.Staff anna = hub.staff("anna"); WsClient first = hub.visitor(); WsClient second = hub.visitor()) {
            String id = first.say("a", fr ? "Combien coûte la livraison ?" : "How much is delivery?").path("conversationId").asText();
            botAnswer(first);
            first.say("b", fr ? "Comment retourner un article ?" : "How do I return an item?");
            botAnswer(first);
            first.send(frame("message").put("clientId", "c").put("text", fr ? "Parler à un conseiller" : "Talk to a person")
                    .put("payload", "INTENT:human_request"));
            frameOf(anna.socket(), "assigned");
            anna.socket().send(frame("message").put("conversationId", id).put("clientId", "s1").put("text", fr ? "Bonjour !" : "Hello!"));
            frameOf(anna.socket(), "ack");
            anna.socket().send(frame("close").put("conversationId", id));
            first.nextMatching(f -> f.path("type").asText().equals("state") && f.path("state").asText().equals("closed"), "closed");
            second.say("d", fr ? "Combien coûte la livraison ?" : "How much is delivery?");
            botAnswer(second);
        }
        open(fr ? "fr-FR" : "en-GB");
        signIn("root");
        page.locator(".tab[data-view=report]").click();
        assertThat(page.locator("[data-kpi=containment] .tile-value")).hasText("50 %");
        assertThat(page.locator("[data-kpi=containment] .tile-detail")).hasText("1 / 2");
        // Beside containment: the good answers (the answer right before "a person, please" is not one) and the share of
        // hand-overs where the bot had helped first.
        assertThat(page.locator("[data-kpi=botAnswered] .tile-label")).hasText(fr ? "Questions bien traitées par le bot" : "Questions the bot answered well");
        assertThat(page.locator("[data-kpi=botAnswered] .tile-value")).hasText("2");
        assertThat(page.locator("[data-kpi=botHelped] .tile-label")).hasText(fr ? "Le bot a aidé avant une personne" : "Bot helped before a person");
        assertThat(page.locator("[data-kpi=botHelped] .tile-value")).hasText("100 %");
        assertThat(page.locator("[data-kpi=botHelped] .tile-detail")).hasText("1 / 1");
        // Each figure says what it counts, on hover (and on keyboard focus).
        Locator definition = page.locator("[data-kpi=containment] .tile-def");
        assertThat(definition).isHidden();
        page.locator("[data-kpi=containment]").hover();
        assertThat(definition).isVisible();
        assertThat(definition).hasText(fr ? "Part des conversations où aucune personne n’est intervenue : le bot s’en est chargé seul."
                : "Share of conversations no person joined: the bot handled them alone.");
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get(System.getProperty("java.io.tmpdir"),
                "causette-report-truth-" + (fr ? "fr" : "en") + ".png")));
        page.locator("[data-kpi=botHelped]").focus();
        assertThat(page.locator("[data-kpi=botHelped] .tile-def")).hasText(fr
                ? "Passages à une personne où le bot avait d’abord bien répondu à au moins une question."
                : "Hand-overs where the bot had first answered at least one question well.");
        for (String kpi : List.of("conversations", "containment", "botAnswered", "handedOver", "botHelped", "firstResponse", "queueWait", "csat", "conversions")) {
            assertThat(page.locator("[data-kpi=" + kpi + "] .tile-def")).hasCount(1);
        }
        assertThat(page.locator("[data-chart=chart-reasons] .chart-def")).hasText(fr
                ? "Chaque passage à une personne sous la raison pour laquelle le bot a passé la main, gardée après transferts et clôture."
                : "Each hand-over under why the bot first let go, kept after transfers and the close.");
        // The hand-over keeps its reason after the close.
        page.waitForFunction("() => window.Chart && Object.values(window.Chart.instances).some(c => c.canvas.id === 'chart-reasons')");
        Object labels = page.evaluate("() => Object.values(window.Chart.instances).find(c => c.canvas.id === 'chart-reasons').data.labels");
        assertEquals(List.of(fr ? "demande un conseiller" : "asked for a person"), labels);

        // An ambassador is thanked the moment the shopper rates, however late.
        open(fr ? "fr-FR" : "en-GB");
        signIn("leo");
        Locator ratings = page.locator("#amb-stats .amb-tile").nth(1).locator("span");
        assertThat(ratings).hasText(fr ? "Pas encore de note." : "No rating yet.");
        try (WsClient shopper = WsClient.visitor(hub.port(), TestHub.SITE, org.causette.server.support.TestSites.ALLOWED_ORIGIN)) {
            shopper.hello(frame("hello").put("locale", "fr-FR")); // Léo speaks French only
            shopper.send(frame("message").put("clientId", "l").put("text", "Quelle ampoule pour la lampe Luna ?")
                    .put("payload", "INTENT:lamp_advice"));
            String id = shopper.next("ack").path("conversationId").asText();
            Locator conversation = page.locator("[data-causette=conversation][data-conversation-id='" + id + "']");
            assertThat(conversation).isVisible();
            conversation.locator("button.conv-open").click();
            page.locator("[data-causette=composer]").fill(fr ? "Une E27 à 806 lumens." : "An E27, 806 lumens.");
            page.locator("[data-causette=composer]").press("Enter");
            shopper.nextMatching(f -> f.path("type").asText().equals("message") && f.path("from").path("role").asText().equals("ambassador"), "the answer");
            page.locator("[data-causette=close]").click();
            shopper.nextMatching(f -> f.path("type").asText().equals("state") && f.path("state").asText().equals("closed"), "closed");
            Thread.sleep(RATE_LATE_MS);
            shopper.send(frame("rate").put("score", 5));
            assertThat(ratings).hasText(fr ? "1 note" : "1 rating", new LocatorAssertions.HasTextOptions().setTimeout(LIVE_MS));
            assertThat(page.locator("#amb-stats .amb-tile").first().locator("strong")).hasText("1");
            assertThat(page.locator("#transcript [data-causette=rating] .stars")).hasText("★★★★★");
        }
    }
}
