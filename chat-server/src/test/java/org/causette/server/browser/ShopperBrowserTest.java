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

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.causette.server.config.ServerConfig;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.causette.server.browser.Browsers.input;
import static org.causette.server.browser.Browsers.launcher;
import static org.causette.server.browser.Browsers.messages;
import static org.causette.server.browser.Browsers.storage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    // ---- one true story of the hand-over ------------------------------------------------------------------------

    static final String GREEN = "rgb(126, 224, 143)";
    static final String GREY = "rgb(185, 192, 181)";

    /** The demo shop's files in a folder of their own, always open, or closed now (open the day after tomorrow). */
    private static Path demoSite(Path folder, boolean closed) throws Exception {
        Files.createDirectories(folder);
        for (String name : List.of("site.json", "catalog.json", "faq.json", "staff.json", "scenarios.json")) {
            try (InputStream in = ShopperBrowserTest.class.getClassLoader().getResourceAsStream("demo/site/" + name)) {
                Files.write(folder.resolve(name), in.readAllBytes());
            }
        }
        ObjectNode config = (ObjectNode) Json.MAPPER.readTree(folder.resolve("site.json").toFile());
        config.remove("businessHours");
        if (closed) {
            DayOfWeek openDay = ZonedDateTime.now(ZoneId.of("Europe/Paris")).getDayOfWeek().plus(2);
            config.putObject("businessHours").put(openDay.getDisplayName(TextStyle.SHORT, Locale.ENGLISH)
                    .toLowerCase(Locale.ROOT).substring(0, 3), "09:00-18:00");
        }
        Files.writeString(folder.resolve("site.json"), config.toString());
        return folder;
    }

    /** A plain shop page in {@code lang} that embeds the hub's widget for the demo site. */
    private static HttpServer shopPage(int hubPort, String lang) throws Exception {
        byte[] body = ("<!doctype html><html lang=\"" + lang + "\"><head><meta charset=\"utf-8\"><title>Shop</title>"
                + "<script src=\"http://127.0.0.1:" + hubPort + "/widget.js\" data-site=\"demo\" async></script></head>"
                + "<body><h1>Shop</h1></body></html>").getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String dot(Page page) {
        return (String) page.evaluate("() => getComputedStyle(document.querySelector('causette-widget').shadowRoot"
                + ".querySelector('[data-causette=status]'), '::before').backgroundColor");
    }

    private static String status(Page page) {
        return page.locator("[data-causette=status]").textContent();
    }

    /** Staff of the other hub: logged in and online on its socket. */
    private static WsClient staffOf(CausetteServer other, String username, String password) throws Exception {
        HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + other.port() + "/api/login"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"site\":\"demo\",\"username\":\"" + username
                        + "\",\"password\":\"" + password + "\"}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        WsClient socket = WsClient.connect(URI.create("ws://127.0.0.1:" + other.port() + "/ws/staff"), null);
        socket.hello(WsClient.frame("hello").put("token", Json.MAPPER.readTree(login.body()).path("token").asText()));
        return socket;
    }

    private void aPersonIsFound(String lang, String ask, String finding, String joined, String online) throws Exception {
        Path folder = Files.createTempDirectory("causette-open");
        CausetteServer open = CausetteServer.start(ServerConfig.defaults().withPort(0).withSites(List.of(demoSite(folder, false))), Map.of());
        HttpServer shop = shopPage(open.port(), lang);
        try (WsClient julie = staffOf(open, "julie", "julie-demo")) {
            context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
            Page page = context.newPage();
            page.navigate("http://127.0.0.1:" + shop.getAddress().getPort() + "/");
            launcher(page).click();
            assertThat(page.locator("[data-causette=status]")).hasText(online);
            assertEquals(GREEN, dot(page), "Julie is online: a person can answer now");
            say(page, ask);
            assertThat(messages(page, "system").first()).containsText(finding);
            assertThat(messages(page, "system").nth(1).locator(".b")).hasText(joined);
            assertThat(page.locator("#cz-title")).hasText("Julie");
            assertEquals(2, messages(page, "system").count(), "one message of what happens, then who joined");
            assertEquals(0, messages(page, "bot").count(), "the bot promises nothing of its own");
            assertFalse(page.locator("[data-causette=panel] .list").textContent().contains(lang.equals("fr") ? "absente" : "away"));
            assertEquals(GREEN, dot(page));
            shot(page, "handover-found-" + lang);
        } finally {
            shop.stop(0);
            open.close();
        }
    }

    private void nobodyIsThere(String lang, String ask, String away, String backOn, String email, String botAway, String waiting)
            throws Exception {
        Path folder = Files.createTempDirectory("causette-closed");
        CausetteServer closed = CausetteServer.start(ServerConfig.defaults().withPort(0).withSites(List.of(demoSite(folder, true))), Map.of());
        HttpServer shop = shopPage(closed.port(), lang);
        try {
            context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
            Page page = context.newPage();
            page.navigate("http://127.0.0.1:" + shop.getAddress().getPort() + "/");
            launcher(page).click();
            assertThat(page.locator("[data-causette=status]")).hasText(botAway);
            assertEquals(GREY, dot(page), "nobody of the team is online: the dot is not green");
            say(page, ask);
            assertThat(messages(page, "system")).hasCount(1);
            assertThat(messages(page, "system").first()).containsText(away);
            assertThat(messages(page, "system").first()).containsText(backOn);
            assertThat(page.locator(".qr .chip")).hasText(email);
            assertThat(page.locator("[data-causette=status]")).hasText(waiting);
            assertEquals(GREY, dot(page));
            page.waitForTimeout(1500); // nothing else comes: no "connecting you", no "someone joined"
            assertEquals(1, messages(page, "system").count());
            assertEquals(0, messages(page, "bot").count(), "the bot promises nothing of its own");
            shot(page, "handover-away-" + lang);
        } finally {
            shop.stop(0);
            closed.close();
        }
    }

    private static String openDay(Locale locale) {
        return ZonedDateTime.now(ZoneId.of("Europe/Paris")).getDayOfWeek().plus(2).getDisplayName(TextStyle.FULL, locale);
    }

    @Test
    void inHoursWithJulieOnlineTheShopperHearsThatAPersonIsBeingFoundInFrench() throws Exception {
        aPersonIsFound("fr", "Je voudrais parler à un conseiller",
                "Je vous mets en relation avec une personne de l'équipe. Vous êtes le prochain, environ",
                "Julie, de l'équipe, a rejoint la conversation.", "Assistant virtuel · en ligne");
    }

    @Test
    void inHoursWithJulieOnlineTheShopperHearsThatAPersonIsBeingFoundInEnglish() throws Exception {
        aPersonIsFound("en", "I would like to talk to someone",
                "I'm connecting you with someone from the team. You're next, about",
                "Julie from the team has joined the conversation.", "Virtual assistant · online");
    }

    @Test
    void outOfHoursWithNobodyOnlineTheShopperHearsWhenTheTeamIsBackInFrench() throws Exception {
        nobodyIsThere("fr", "Je voudrais parler à un conseiller", "Notre équipe est absente pour le moment",
                "de retour " + openDay(Locale.FRENCH) + " à 09h00", "Laisser mon e-mail",
                "Assistant virtuel · équipe absente", "Équipe absente · demande gardée");
    }

    @Test
    void outOfHoursWithNobodyOnlineTheShopperHearsWhenTheTeamIsBackInEnglish() throws Exception {
        nobodyIsThere("en", "I would like to talk to someone", "Our team is away right now",
                "back on " + openDay(Locale.ENGLISH) + " at 9:00 AM", "Leave my email",
                "Virtual assistant · team away", "Team away · request kept");
    }

    // ---- notifications with the panel closed ----------------------------------------------------------------------

    /** Counts the sounds the widget makes: every chime starts an oscillator. */
    static final String COUNT_CHIMES = "window.__chimes = 0; const C = window.AudioContext;"
            + " if (C) { const o = C.prototype.createOscillator; C.prototype.createOscillator = function () {"
            + " window.__chimes++; return o.call(this); }; }";

    private static void hidden(Page page, boolean hidden) {
        page.evaluate("h => { Object.defineProperty(document, 'hidden', {configurable: true, get: () => h});"
                + " document.dispatchEvent(new Event('visibilitychange')); }", hidden);
    }

    private static int chimes(Page page) {
        return ((Number) page.evaluate("() => window.__chimes")).intValue();
    }

    /** The shopper asks for Julie, closes the panel; returns the conversation. */
    private static String julieJoinsThenPanelCloses(WsClient julie, Page page, String ask) throws InterruptedException {
        launcher(page).click();
        say(page, ask);
        String conversationId = julieTakes(julie, page);
        assertThat(page.locator("#cz-title")).hasText("Julie");
        launcher(page).click(); // closes the panel
        assertThat(page.locator("[data-causette=panel]")).isHidden();
        return conversationId;
    }

    @Test
    void withThePanelClosedAPersonsReplyShowsAsAPreviewAndInTheTitleWithoutSoundByDefault() throws Exception {
        try (WsClient julie = staff("julie", "julie-demo")) {
            Page page = shopper("fr");
            page.addInitScript(COUNT_CHIMES);
            page.navigate(hubUrl("/"));
            String title = page.title();
            String conversationId = julieJoinsThenPanelCloses(julie, page, "Je voudrais parler à un conseiller");

            julie.send(WsClient.frame("message").put("conversationId", conversationId).put("clientId", "p1")
                    .put("text", "Bonjour, je regarde le fauteuil Oslo pour vous."));
            assertThat(page.locator("[data-causette=preview]")).containsText("Julie");
            assertThat(page.locator("[data-causette=preview]")).containsText("Bonjour, je regarde le fauteuil Oslo pour vous.");
            assertThat(page.locator("[data-causette=preview] img.ph")).hasAttribute("src",
                    java.util.regex.Pattern.compile("/demo/img/julie\\.svg$"));
            assertThat(page.locator("[data-causette=launcher] .badge")).hasText("1");
            assertEquals(title, page.title(), "a visible tab keeps its title");
            shot(page, "preview-fr");

            // The tab goes to the background: its title counts what comes.
            hidden(page, true);
            julie.send(WsClient.frame("message").put("conversationId", conversationId).put("clientId", "p2")
                    .put("text", "Il existe en gris et en bleu."));
            page.waitForCondition(() -> page.title().equals("(2) " + title));
            assertThat(page.locator("[data-causette=preview]")).containsText("Il existe en gris et en bleu.");
            hidden(page, false);
            page.waitForCondition(() -> page.title().equals(title));
            assertEquals(0, chimes(page), "no sound unless the site asks for it");

            page.locator("[data-causette=preview] .bt").click();
            assertThat(page.locator("[data-causette=panel]")).isVisible();
            assertThat(page.locator("[data-causette=preview]")).hasCount(0);
            assertThat(page.locator("header .av img.ph")).isVisible(); // Julie's photo in the header
            assertThat(page.locator("[data-causette=launcher] .badge")).isHidden();
            shot(page, "preview-opened-fr");
        }
    }

    @Test
    void aSiteThatAsksForSoundChimesOnAPersonsReplyInEnglish() throws Exception {
        Path folder = demoSite(Files.createTempDirectory("causette-sound"), false);
        ObjectNode config = (ObjectNode) Json.MAPPER.readTree(folder.resolve("site.json").toFile());
        config.putObject("widget").put("sound", true);
        Files.writeString(folder.resolve("site.json"), config.toString());
        CausetteServer loud = CausetteServer.start(ServerConfig.defaults().withPort(0).withSites(List.of(folder)), Map.of());
        HttpServer shop = shopPage(loud.port(), "en");
        try (WsClient julie = staffOf(loud, "julie", "julie-demo")) {
            context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
            Page page = context.newPage();
            page.addInitScript(COUNT_CHIMES);
            page.navigate("http://127.0.0.1:" + shop.getAddress().getPort() + "/");
            String conversationId = julieJoinsThenPanelCloses(julie, page, "I would like to talk to someone");
            int before = chimes(page);
            julie.send(WsClient.frame("message").put("conversationId", conversationId).put("clientId", "s1")
                    .put("text", "Hello, I'm looking at the Oslo armchair for you."));
            assertThat(page.locator("[data-causette=preview]")).containsText("Hello, I'm looking at the Oslo armchair for you.");
            page.waitForCondition(() -> chimes(page) == before + 1);
            assertThat(page.locator("[data-causette=preview] [aria-label]").first()).hasAttribute("aria-label", "Close chat");
            shot(page, "preview-sound-en");
        } finally {
            shop.stop(0);
            loud.close();
        }
    }

    // ---- the panel leaves the shop usable -------------------------------------------------------------------------

    /** What a click at the centre of the shop's element would reach: the element itself, or the widget over it. */
    private static boolean clickable(Page page, String selector) {
        return (Boolean) page.evaluate("s => { const e = document.querySelector(s), r = e.getBoundingClientRect();"
                + " const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2); return e === hit || e.contains(hit); }",
                selector);
    }

    @Test
    void theOpenPanelLeavesTheShopsHeaderClickableAndTheDemoAsksForConsentOnce() {
        for (int[] size : new int[][] {{1280, 800}, {1440, 900}, {1024, 700}}) {
            context = browser.newContext(new Browser.NewContextOptions().setViewportSize(size[0], size[1]));
            context.addInitScript("localStorage.setItem('maison-sauge.lang', 'fr')");
            Page page = context.newPage();
            page.navigate(hubUrl("/"));
            launcher(page).click();
            assertThat(page.locator("[data-causette=panel]")).isVisible();
            String where = size[0] + "x" + size[1];
            // One consent prompt: the demo's own bar; the widget's is off on the demo's pages.
            assertThat(page.locator("#consent-bar")).isVisible();
            assertEquals(0, page.locator("[data-causette=panel] .consent:visible").count(), "a second consent prompt at " + where);
            if (size[0] != 1280) { // the bar, two lines high on narrower windows, goes once the shopper has chosen
                page.locator("#consent-bar .btn-ghost").click();
                assertThat(page.locator("#consent-bar")).isHidden();
            }
            for (String selector : List.of("#cart-button", ".lang-switch [data-lang=en]", ".brand")) {
                assertTrue(clickable(page, selector), selector + " is under the chat panel at " + where);
            }
            if (size[0] == 1280) {
                shot(page, "panel-header-free");
                page.locator(".lang-switch [data-lang=en]").click(); // the real click goes through, the widget follows
                assertThat(page.locator("[data-causette=input]")).hasAttribute("placeholder", "Type your message…");
                page.locator("#cart-button").click();
                assertThat(page.locator("#cart-button")).hasAttribute("aria-expanded", "true");
            }
            context.close();
            context = null;
        }
    }

    @Test
    void theConsentTextSaysHowLongConversationsAreKeptAndLinksThePrivacyPolicyInBothLanguages() throws Exception {
        Path folder = demoSite(Files.createTempDirectory("causette-privacy"), false);
        ObjectNode config = (ObjectNode) Json.MAPPER.readTree(folder.resolve("site.json").toFile());
        config.put("privacyUrl", "https://maison-sauge.example/confidentialite").put("retentionDays", 180);
        Files.writeString(folder.resolve("site.json"), config.toString());
        CausetteServer shopHub = CausetteServer.start(ServerConfig.defaults().withPort(0).withSites(List.of(folder)), Map.of());
        try {
            for (String lang : List.of("fr", "en")) {
                HttpServer shop = shopPage(shopHub.port(), lang);
                try {
                    context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
                    Page page = context.newPage();
                    page.navigate("http://127.0.0.1:" + shop.getAddress().getPort() + "/");
                    launcher(page).click();
                    assertThat(page.locator(".consent .pp")).hasText(lang.equals("fr")
                            ? "Conversations conservées 180 jours. Politique de confidentialité"
                            : "Conversations are kept for 180 days. Privacy policy");
                    assertThat(page.locator(".consent .pp a")).hasAttribute("href", "https://maison-sauge.example/confidentialite");
                    assertThat(page.locator(".consent .pp a")).hasAttribute("rel", "noopener noreferrer");
                    shot(page, "consent-privacy-" + lang);
                    context.close();
                    context = null;
                } finally {
                    shop.stop(0);
                }
            }
        } finally {
            shopHub.close();
        }
    }
}
