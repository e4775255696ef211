package org.causette.server.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.sun.net.httpserver.HttpServer;
import org.causette.server.CausetteServer;
import org.causette.server.store.Conversation;
import org.causette.server.store.Role;
import org.causette.server.store.VisitorEvent;
import org.causette.server.support.WsClient;
import org.causette.server.wire.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.causette.server.browser.Browsers.focused;
import static org.causette.server.browser.Browsers.input;
import static org.causette.server.browser.Browsers.launcher;
import static org.causette.server.browser.Browsers.messages;
import static org.causette.server.browser.Browsers.panel;
import static org.causette.server.browser.Browsers.storage;
import static org.causette.server.browser.Browsers.visitorSaid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The widget in real headless Chromium against the real hub (demo shop, memory store): embedding from another
 * origin, the bot's cards and quick replies, pages and tabs, a server restart, the keyboard, HTML as text, consent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class WidgetBrowserTest {
    private static final int WIDGET_GZIP_BUDGET = 14 * 1024; // see WidgetBudgetTest

    private Playwright playwright;
    private Browser browser;
    private CausetteServer hub;
    private HttpServer shop;
    private BrowserContext context;

    @BeforeAll
    void startBrowserAndHub() throws Exception {
        playwright = Browsers.playwright();
        browser = Browsers.chromium(playwright);
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        hub = Browsers.hub(0);
        shop = Browsers.foreignShop(hub.port());
    }

    @AfterAll
    void stopAll() {
        if (shop != null) {
            shop.stop(0);
        }
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

    @BeforeEach
    void freshVisitor() {
        context = browser.newContext(); // its own localStorage: a new shopper
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    private String hubUrl(String path) {
        return "http://127.0.0.1:" + hub.port() + path;
    }

    private String shopUrl() {
        return "http://127.0.0.1:" + shop.getAddress().getPort() + "/";
    }

    private static void say(Page page, String text) {
        input(page).fill(text);
        input(page).press("Enter");
    }

    @Test
    void embeddedInAnotherOriginTheBotAnswersWithCardsAndQuickReplies() {
        Page page = context.newPage();
        page.navigate(shopUrl());
        // The shop's CSS hides every button, div and [data-causette]: none of it reaches the shadow root.
        assertThat(launcher(page)).isVisible();
        assertEquals("object", page.evaluate("() => typeof window.Causette"));
        assertNull(storage(page, "token"), "a visitor who never opened the widget has not been connected");

        launcher(page).click();
        assertThat(panel(page)).isVisible();
        assertThat(input(page)).isFocused();
        say(page, "Le fauteuil Oslo existe en bleu ?");

        assertThat(visitorSaid(page, "Le fauteuil Oslo existe en bleu ?")).hasCount(1);
        assertThat(messages(page, "bot").first()).isVisible();
        assertThat(page.locator(".card[data-sku=OSLO]")).isVisible();
        assertThat(page.locator(".card a.ct")).hasAttribute("href", hubUrl("/product.html?sku=OSLO").replace(
                ":" + hub.port(), ":" + shop.getAddress().getPort())); // relative to the shop's page
        assertThat(page.locator(".qr .chip").first()).isVisible();
        assertThat(page.locator(".card .pr").first()).containsText("€");
        assertThat(page.locator(".card img").first()).hasAttribute("src",
                java.util.regex.Pattern.compile("^http://127\\.0\\.0\\.1:\\d+/demo/img/"));
        assertThat(messages(page, "bot").first().locator(".who")).hasText("Colette");

        // A card's postback button asks the bot in the visitor's name.
        int answers = messages(page, "bot").count();
        page.locator(".card button.btn").first().click();
        assertThat(messages(page, "visitor")).hasCount(2);
        moreThan(page, "bot", answers);

        say(page, "Combien coûte la livraison ?");
        assertThat(page.locator(".qr .chip").first()).isVisible(); // the shipping answer offers quick replies
        String chip = page.locator(".qr .chip").first().textContent();
        page.locator(".qr .chip").first().click();
        assertThat(visitorSaid(page, chip)).hasCount(1);
        assertNotNull(storage(page, "token"));
    }

    @Test
    void theConversationFollowsTheShopperAcrossPagesAndTabs() {
        Page page = context.newPage();
        page.navigate(hubUrl("/"));
        launcher(page).click();
        say(page, "Bonjour");
        assertThat(messages(page, "bot").first()).isVisible();
        page.waitForTimeout(500); // the bot may say more than one thing
        int shown = messages(page, "bot").count() + messages(page, "visitor").count();

        page.navigate(hubUrl("/product.html?sku=OSLO"));
        assertThat(panel(page)).isVisible(); // it was open: it stays open on the next page
        assertThat(visitorSaid(page, "Bonjour")).hasCount(1);
        assertThat(page.locator("[data-causette=message]")).hasCount(shown);
        int answers = messages(page, "bot").count();
        say(page, "Il existe en bleu ?");
        moreThan(page, "bot", answers);

        // A second tab joins the same conversation, and sees what the first tab sends exactly once.
        Page other = context.newPage();
        other.navigate(hubUrl("/"));
        launcher(other).click();
        assertThat(visitorSaid(other, "Il existe en bleu ?")).hasCount(1);
        say(page, "Merci beaucoup");
        assertThat(visitorSaid(other, "Merci beaucoup")).hasCount(1);
        assertThat(visitorSaid(page, "Merci beaucoup")).hasCount(1);
        say(other, "Et la livraison ?");
        assertThat(visitorSaid(page, "Et la livraison ?")).hasCount(1);
        assertThat(page.locator(".pending")).hasCount(0);
        assertThat(visitorSaid(other, "Et la livraison ?")).hasCount(1);

        String visitorId = (String) storage(page, "vid");
        List<Conversation> conversations = hub.store().conversationsOfVisitor("demo", visitorId);
        assertEquals(1, conversations.size(), "one conversation across pages and tabs");
    }

    /** Last, because it restarts the hub (a start trains the bot, which takes a while). */
    @Test
    @Order(Integer.MAX_VALUE)
    void aMessageTypedWhileTheServerIsDownArrivesExactlyOnceAfterItRestarts() throws Exception {
        int port = hub.port();
        Page page = context.newPage();
        page.navigate(hubUrl("/"));
        launcher(page).click();
        say(page, "Bonjour");
        assertThat(messages(page, "bot").first()).isVisible();

        hub.close();
        hub = null;
        assertThat(page.locator(".panel.off")).hasCount(1); // the header says it is reconnecting
        String text = "Message écrit pendant la coupure 7";
        say(page, text);
        assertThat(page.locator(".m.pending")).hasCount(1);
        assertEquals(1, ((String) storage(page, "outbox")).split("clientId").length - 1, "kept in the outbox, in localStorage");

        hub = Browsers.hub(port); // a new memory store: the old visitor token means nothing any more
        CausetteServer restarted = hub;
        assertThat(page.locator(".m.pending")).hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(30_000));
        assertThat(visitorSaid(page, text)).hasCount(1);
        String visitorId = (String) storage(page, "vid");
        long stored = eventually(() -> restarted.store().conversationsOfVisitor("demo", visitorId).stream()
                .flatMap(c -> restarted.store().messagesAfter(c.id(), 0, 1000).stream())
                .filter(m -> m.from().role() == Role.VISITOR && m.text().equals(text)).count(), 1L);
        assertEquals(1, stored, "stored exactly once");

        // Shown once and gone from the outbox, on the page that typed it. A reload or a new page here would load from
        // the restarted hub in a browser that lived through the restart: that at times never finished loading within
        // 30 s (three clean-clone runs in four, also once before this week's changes), a hang not understood yet.
        assertThat(visitorSaid(page, text)).hasCount(1);
        assertEquals("[]", eventually(() -> (String) storage(page, "outbox"), "an empty outbox", "[]"::equals));
    }

    @Test
    void everythingWorksWithTheKeyboardAlone() {
        Page page = context.newPage();
        page.navigate(shopUrl());
        assertThat(launcher(page)).isVisible();
        page.keyboard().press("Tab");
        assertEquals("first", page.evaluate("() => document.activeElement.id"));
        page.keyboard().press("Tab");
        assertEquals("launcher", focused(page));
        page.keyboard().press("Enter");
        assertThat(panel(page)).isVisible();
        assertThat(panel(page)).hasAttribute("role", "dialog");
        assertThat(page.locator("[role=log]")).hasAttribute("aria-live", "polite");
        assertThat(input(page)).isFocused();

        // Back from the composer to the suggestions, and pick the first one with Enter.
        page.keyboard().press("Shift+Tab");
        page.keyboard().press("Shift+Tab");
        page.keyboard().press("Shift+Tab");
        assertTrue(focused(page).contains("chip"), "a suggestion has the focus, not " + focused(page));
        String suggestion = (String) page.evaluate("() => document.activeElement.shadowRoot.activeElement.textContent");
        page.keyboard().press("Enter");
        assertThat(visitorSaid(page, suggestion)).hasCount(1);
        assertThat(messages(page, "bot").first()).isVisible();

        page.keyboard().press("Tab"); // focus was on the (now gone) chip; get back to the composer
        input(page).focus();
        page.keyboard().type("Merci !");
        page.keyboard().press("Enter");
        assertThat(visitorSaid(page, "Merci !")).hasCount(1);
        assertThat(input(page)).hasValue("");

        page.keyboard().press("Escape");
        assertThat(panel(page)).isHidden();
        assertEquals("launcher", focused(page), "closing gives the focus back to the launcher");
        page.keyboard().press("Enter");
        assertThat(panel(page)).isVisible();
        assertThat(input(page)).isFocused();
    }

    @Test
    void htmlAndScriptsInMessagesAreShownAsText() {
        Page page = context.newPage();
        page.navigate(hubUrl("/"));
        launcher(page).click();
        String payload = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script><b>gras</b> & co";
        say(page, payload);
        assertThat(visitorSaid(page, payload)).hasCount(1);
        assertThat(messages(page, "bot").first()).isVisible();
        assertEquals(0, page.locator("[data-role=visitor] img, [data-role=visitor] script, [data-role=visitor] b").count());
        assertNull(page.evaluate("() => window.__pwned"));
    }

    @Test
    void nothingIsTrackedBeforeConsentAndEverythingAfter() {
        Page page = context.newPage();
        page.navigate(shopUrl());
        assertThat(launcher(page)).isVisible();
        assertEquals(false, page.evaluate("() => window.Causette.track('cart_update', {value: 42})"));
        launcher(page).click();
        say(page, "Bonjour");
        assertThat(messages(page, "bot").first()).isVisible();
        String visitorId = (String) storage(page, "vid");
        assertNotNull(visitorId);
        assertTrue(hub.store().events("demo", visitorId).isEmpty(), "no event before consent");

        page.locator(".consent .btn.pri").click(); // the shopper's explicit choice in the widget
        assertThat(page.locator(".consent")).isHidden();
        assertEquals(true, page.evaluate("() => window.Causette.track('cart_update', {value: 42})"));
        List<String> names = eventually(() -> hub.store().events("demo", visitorId).stream().map(VisitorEvent::name).sorted().toList(),
                List.of("cart_update", "page_view"));
        assertEquals(List.of("cart_update", "page_view"), names);

        page.evaluate("() => window.Causette.setConsent(false)");
        page.evaluate("() => window.Causette.track('checkout', {value: 42})");
        page.waitForTimeout(300);
        assertEquals(2, hub.store().events("demo", visitorId).size(), "nothing more once consent is withdrawn");
    }

    @Test
    void outOfHoursTheShopperLeavesAnEmailWithConsent() {
        Page page = context.newPage();
        page.navigate(hubUrl("/"));
        launcher(page).click();
        say(page, "Je veux parler à quelqu'un");
        // No staff is online in this test: whatever the hour, the hub offers to leave an email.
        page.locator(".qr .chip", new Page.LocatorOptions().setHasText("e-mail")).click();
        assertThat(page.locator("form.email input[type=email]")).isFocused();
        page.locator("form.email input[type=email]").fill("anne@example.fr");
        page.locator("form.email button[type=submit]").click();
        assertThat(page.locator("form.email .ck input")).isFocused(); // the consent box must be ticked first
        page.locator("form.email .ck input").check();
        page.locator("form.email button[type=submit]").click();
        assertThat(page.locator("form.email input[type=email]")).isHidden();
        List<String> emails = eventually(() -> hub.store().leads("demo", java.time.Instant.EPOCH, java.time.Instant.now().plusSeconds(60))
                .stream().map(org.causette.server.store.Lead::email).filter("anne@example.fr"::equals).toList(), List.of("anne@example.fr"));
        assertEquals(List.of("anne@example.fr"), emails);
        assertThat(messages(page, "system").last()).containsText("anne@example.fr");
    }

    @Test
    void anAgentJoinsTypesReadsAndClosesAndTheShopperRates() throws Exception {
        HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(hubUrl("/api/login")))
                .POST(HttpRequest.BodyPublishers.ofString("{\"site\":\"demo\",\"username\":\"julie\",\"password\":\"julie-demo\"}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        String token = Json.MAPPER.readTree(login.body()).path("token").asText();
        try (WsClient julie = WsClient.connect(URI.create("ws://127.0.0.1:" + hub.port() + "/ws/staff"), null)) {
            julie.hello(WsClient.frame("hello").put("token", token));
            Page page = context.newPage();
            page.navigate(hubUrl("/"));
            launcher(page).click();
            say(page, "Je voudrais parler à un conseiller");

            String visitorId = (String) storage(page, "vid");
            // Julie may get other tests' waiting shoppers first: this one is ours.
            String conversationId = julie.nextMatching(f -> f.path("type").asText().equals("assigned")
                    && f.path("conversation").path("visitor").path("id").asText().equals(visitorId), "our conversation")
                    .path("conversation").path("conversationId").asText();
            assertThat(page.locator("#cz-title")).hasText("Julie"); // the header shows who took over
            assertThat(messages(page, "system").last()).containsText("Julie"); // and the hub says so
            julie.send(WsClient.frame("typing").put("conversationId", conversationId).put("on", true));
            assertThat(page.locator(".typing")).isVisible();
            assertThat(page.locator(".typing")).containsText("Julie");
            julie.send(WsClient.frame("message").put("conversationId", conversationId).put("clientId", "j1")
                    .put("text", "Bonjour, je suis Julie. Que puis-je faire pour vous ?"));
            assertThat(messages(page, "agent")).hasCount(1);
            assertThat(messages(page, "agent").locator(".who")).containsText("Julie");
            assertThat(page.locator(".typing")).isHidden();

            input(page).pressSequentially("Le canapé Léman");
            assertTrue(julie.next("typing").path("on").asBoolean(), "Julie sees the shopper typing");
            input(page).press("Enter");
            // Julie reads it once she has it: a read mark sent before the message is stored covers only what was.
            julie.nextMatching(f -> f.path("type").asText().equals("message")
                    && f.path("text").asText().equals("Le canapé Léman"), "the shopper's message at Julie's");
            julie.send(WsClient.frame("read").put("conversationId", conversationId).put("seq", 1000));
            assertThat(visitorSaid(page, "Le canapé Léman").locator(".rd")).isVisible(); // read receipt

            julie.send(WsClient.frame("close").put("conversationId", conversationId));
            assertThat(page.locator("form.rate")).isVisible();
            page.locator("form.rate label").nth(3).click();
            page.locator("form.rate textarea").fill("Très bon conseil");
            page.locator("form.rate button[type=submit]").click();
            assertThat(page.locator("form.rate")).isHidden();
            int score = eventually(() -> hub.store().rating(conversationId).map(r -> r.score()).orElse(0), 4);
            assertEquals(4, score);
            // The demo asks the NPS question next (once per period): 0 to 10, answered with a click.
            assertThat(page.locator("[data-causette=nps]")).isVisible();
            page.locator("[data-causette=nps] label", new Page.LocatorOptions().setHasText("9")).first().click();
            page.locator("[data-causette=nps] button[type=submit]").click();
            assertThat(page.locator("[data-causette=nps]")).isHidden();
            assertThat(page.locator("p.note[tabindex='-1']")).isVisible(); // thanks
            java.time.Instant now = java.time.Instant.now();
            assertEquals(9, (int) eventually(() -> hub.store().npsAnswers("demo", now.minusSeconds(120), now.plusSeconds(120)).stream()
                    .filter(a -> a.conversationId().equals(conversationId)).map(a -> a.score()).findFirst().orElse(-1), 9));
        }
    }

    @Test
    void identifySendsTheSignedIdentity() throws Exception {
        long issuedAt = java.time.Instant.now().getEpochSecond();
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(hub.sites().find("demo").orElseThrow().config().identitySecret()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        String hash = java.util.HexFormat.of().formatHex(mac.doFinal(("42." + issuedAt).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Page page = context.newPage();
        page.navigate(shopUrl());
        assertThat(launcher(page)).isVisible();
        launcher(page).click();
        say(page, "Bonjour");
        assertThat(messages(page, "bot").first()).isVisible();
        // Once connected, identify reconnects so that the hello carries the identity.
        page.evaluate("([h, t]) => Causette.identify({userId: '42', email: 'anne@example.fr', name: 'Anne', issuedAt: +t, hash: h})",
                List.of(hash, String.valueOf(issuedAt)));
        String visitorId = (String) storage(page, "vid");
        String userId = eventually(() -> hub.store().findVisitor("demo", visitorId).map(v -> String.valueOf(v.userId())).orElse(null), "42");
        assertEquals("42", userId);
        assertEquals("Anne", hub.store().findVisitor("demo", visitorId).orElseThrow().name());
        say(page, "Merci");
        assertThat(visitorSaid(page, "Merci")).hasCount(1);
    }

    /**
     * Issue 21 item 9: a shared computer. The shop calls {@code Causette.logout()} at its sign-out: the next person is a
     * new anonymous visitor, sees nothing of the previous one, and what was waiting in the outbox is never sent.
     */
    @Test
    void logoutForgetsTheVisitorAndItsOutbox() {
        Page page = context.newPage();
        page.navigate(shopUrl());
        launcher(page).click();
        say(page, "c combien les frais de port");
        assertThat(messages(page, "bot").first()).isVisible();
        String before = (String) storage(page, "vid");
        assertNotNull(before);
        List<Conversation> theirs = hub.store().conversationsOfVisitor("demo", before);
        assertEquals(1, theirs.size());
        // (A routine question the bot answers itself: a hand-over shows no bot message.)
        // A message still in the outbox when the shopper signs out (as if the network had dropped).
        page.evaluate("k => localStorage.setItem(k, JSON.stringify([{clientId: 'wLeftBehind', text: 'mon code: 1234'}]))",
                "causette:demo:outbox");

        page.evaluate("() => Causette.logout()");
        assertNull(storage(page, "outbox"), "the outbox is forgotten");
        assertThat(messages(page, "visitor")).hasCount(0);
        assertThat(visitorSaid(page, "c combien les frais de port")).hasCount(0);
        String after = eventually(() -> (String) storage(page, "vid"), "a new visitor", v -> v != null && !v.equals(before));
        assertTrue(after != null && !after.equals(before), "a new anonymous visitor: " + after);

        page.reload(); // the panel stays open across the reload (sessionStorage)
        say(page, "Bonjour");
        assertThat(messages(page, "bot").first()).isVisible();
        assertThat(visitorSaid(page, "c combien les frais de port")).hasCount(0);
        assertEquals(after, storage(page, "vid"));
        assertTrue(hub.store().findVisitor("demo", after).orElseThrow().userId() == null, "anonymous");
        assertEquals(1, hub.store().messagesAfter(theirs.get(0).id(), 0, 100).stream()
                .filter(m -> m.from().role() == Role.VISITOR).count(), "the outbox's message never reached the old visitor");
    }

    /** Waits until {@code probe} gives a value that {@code done} accepts. */
    private static <T> T eventually(Supplier<T> probe, String what, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        T seen = probe.get();
        while (!done.test(seen) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
            seen = probe.get();
        }
        return seen;
    }

    @Test
    void theServedWidgetFitsTheSizeBudget() throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(hubUrl("/widget.js"))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(response.body());
        }
        assertTrue(out.size() <= WIDGET_GZIP_BUDGET, "widget.js is " + out.size() + " bytes gzipped, budget " + WIDGET_GZIP_BUDGET);
    }

    /** Waits until the page shows more than {@code count} messages of that role. */
    private static void moreThan(Page page, String role, int count) {
        page.waitForCondition(() -> messages(page, role).count() > count, new Page.WaitForConditionOptions().setTimeout(15_000));
    }

    /** Polls the server side (which the page does not wait for) until it shows what is expected, or 10 s pass. */
    private static <T> T eventually(Supplier<T> probe, T expected) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        T seen = probe.get();
        while (!expected.equals(seen) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
            seen = probe.get();
        }
        return seen;
    }

    @Test
    void aProactiveMessageShowsAsABubbleThatCanBeDismissedOrAnswered() throws Exception {
        // Its own hub with the marketing-shop site (scenarios.json: a cart of 200 or more fires "big-cart").
        CausetteServer marketing = CausetteServer.start(org.causette.server.config.ServerConfig.defaults().withPort(0)
                .withSites(List.of(org.causette.server.support.TestSites.resource("sites/marketing-shop"))),
                org.causette.server.support.TestSites.ENV);
        byte[] body = ("<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Shop</title><script src=\"http://127.0.0.1:"
                + marketing.port() + "/widget.js\" data-site=\"marketing-shop\" async></script></head><body><main>Shop</main></body></html>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpServer page = HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        page.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        page.start();
        try {
            String url = "http://127.0.0.1:" + page.getAddress().getPort() + "/";
            Page tab = context.newPage();
            tab.navigate(url);
            assertThat(launcher(tab)).isVisible();
            tab.evaluate("() => window.Causette.setConsent(true)");
            assertEquals(true, tab.evaluate("() => window.Causette.track('cart_update', {value: 250, currency: 'EUR'})"));
            var bubble = tab.locator("[data-causette=proactive]");
            assertThat(bubble).isVisible();
            assertThat(bubble.locator(".bt")).hasText(java.util.regex.Pattern.compile("panier|cart|100"));
            assertThat(panel(tab)).not().isVisible();
            // Keyboard: the close button is a real button with a label; Escape or Enter on it dismisses.
            tab.locator("[data-causette=proactive-close]").focus();
            tab.keyboard().press("Enter");
            assertThat(bubble).isHidden();
            assertEquals(true, eventually(() -> marketing.store().variantCounts("marketing-shop", "big-cart").keySet().stream()
                    .anyMatch(k -> k.endsWith(":dismissed")), true), "the dismissal reached the hub");

            // Another shopper answers: the bubble opens the panel.
            BrowserContext other = browser.newContext();
            try {
                Page second = other.newPage();
                second.navigate(url);
                assertThat(launcher(second)).isVisible();
                second.evaluate("() => window.Causette.setConsent(true)");
                assertEquals(true, second.evaluate("() => window.Causette.track('cart_update', {value: 300})"));
                second.locator("[data-causette=proactive] .bt").click();
                assertThat(panel(second)).isVisible();
                assertThat(second.locator("[data-causette=proactive]")).hasCount(0);
            } finally {
                other.close();
            }
        } finally {
            page.stop(0);
            marketing.close();
        }
    }

    /** A shop page on its own origin embedding the widget of {@code hubPort} for {@code site}. */
    private static HttpServer shopPage(int hubPort, String site) throws IOException {
        byte[] body = ("<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Shop</title><script src=\"http://127.0.0.1:"
                + hubPort + "/widget.js\" data-site=\"" + site + "\" async></script></head><body><main>Shop</main></body></html>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpServer page = HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        page.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        page.start();
        return page;
    }

    @Test
    void anAbandonedCartBringsABubbleWithTheCartsProductCardAndTheGreetingIsTheVisitorsVariant() throws Exception {
        // marketing-shop's scenarios.json: "cart-left" fires after 10 minutes without touching a cart of 50 or more,
        // with the cart's products as cards; its greeting is an A/B test. The hub's clock is the test's.
        org.causette.server.support.TestClock clock = org.causette.server.support.TestClock.startingNow();
        CausetteServer marketing = CausetteServer.start(org.causette.server.config.ServerConfig.defaults().withPort(0)
                .withSites(List.of(org.causette.server.support.TestSites.resource("sites/marketing-shop"))),
                org.causette.server.support.TestSites.ENV, clock);
        HttpServer page = shopPage(marketing.port(), "marketing-shop");
        try {
            Page tab = context.newPage();
            tab.navigate("http://127.0.0.1:" + page.getAddress().getPort() + "/");
            assertThat(launcher(tab)).isVisible();
            tab.evaluate("() => window.Causette.setConsent(true)");
            assertEquals(true, tab.evaluate("() => window.Causette.track('cart_update', {value: 120, currency: 'EUR',"
                    + " items: [{sku: 'LUNA-BLANC', quantity: 1, price: 69}]})"));
            String vid = "() => localStorage.getItem('causette:marketing-shop:vid')";
            eventually(() -> tab.evaluate(vid) != null, true);
            String visitorId = (String) tab.evaluate(vid);
            assertNotNull(visitorId);
            assertEquals(true, eventually(() -> marketing.store().events("marketing-shop", visitorId).stream()
                    .anyMatch(e -> e.name().equals("cart_update")), true), "the cart reached the hub");
            var bubble = tab.locator("[data-causette=proactive]");
            tab.waitForTimeout(300);
            assertEquals(0, bubble.count(), "nothing before the 10 minutes");

            clock.advance(java.time.Duration.ofMinutes(10));
            marketing.proactive().sweep();
            assertThat(bubble).isVisible();
            assertThat(bubble.locator(".bt")).hasText(java.util.regex.Pattern.compile("Votre panier vous attend\\.|Une question avant de commander \\?"));
            var card = bubble.locator(".card[data-sku=LUNA]");
            assertThat(card).isVisible();
            assertThat(card.locator(".ct")).hasText("Lampe Luna");
            assertThat(card.locator(".now")).hasText(java.util.regex.Pattern.compile("69,00"));
            assertThat(panel(tab)).not().isVisible();

            // A card button sends its payload as a message, in the panel, like the bot's cards.
            card.locator("button.btn").click();
            assertThat(panel(tab)).isVisible();
            assertThat(visitorSaid(tab, "Disponibilité")).hasCount(1);
            assertThat(bubble).hasCount(0);
            assertThat(messages(tab, "bot").first()).isVisible();
        } finally {
            page.stop(0);
            marketing.close();
        }
    }

    @Test
    void theGreetingShownInThePanelIsTheVisitorsVariantAndIsCountedOnce() throws Exception {
        CausetteServer marketing = CausetteServer.start(org.causette.server.config.ServerConfig.defaults().withPort(0)
                .withSites(List.of(org.causette.server.support.TestSites.resource("sites/marketing-shop"))),
                org.causette.server.support.TestSites.ENV);
        HttpServer page = shopPage(marketing.port(), "marketing-shop");
        try {
            Page tab = context.newPage();
            tab.navigate("http://127.0.0.1:" + page.getAddress().getPort() + "/");
            launcher(tab).click();
            var intro = tab.locator(".intro");
            assertThat(intro).hasText(java.util.regex.Pattern.compile("^(Bonjour ! Une question sur nos lampes \\?|Bienvenue ! Je vous aide à choisir \\?)$"));
            String variant = intro.textContent().startsWith("Bonjour") ? "a" : "b";
            assertEquals(1L, eventually(() -> marketing.store().variantCounts("marketing-shop", "greeting")
                    .getOrDefault(variant + ":shown", 0L), 1L));
            if (variant.equals("b")) {
                assertThat(tab.locator(".qr .chip")).hasText(new String[]{"Livraison"});
            }
            tab.reload(); // another page of the same session: the panel comes back open, the greeting is counted once
            assertThat(panel(tab)).isVisible();
            assertThat(intro).isVisible();
            say(tab, "Bonjour");
            assertEquals(1L, eventually(() -> marketing.store().variantCounts("marketing-shop", "greeting")
                    .getOrDefault(variant + ":answered", 0L), 1L));
            assertEquals(1L, marketing.store().variantCounts("marketing-shop", "greeting").get(variant + ":shown"));
        } finally {
            page.stop(0);
            marketing.close();
        }
    }

    @Test
    void thePointerLeavingThroughTheTopSendsExitIntentOnceWithConsentOnly() throws Exception {
        // marketing-shop's "leaving" scenario fires on exit intent for newcomers.
        CausetteServer marketing = CausetteServer.start(org.causette.server.config.ServerConfig.defaults().withPort(0)
                .withSites(List.of(org.causette.server.support.TestSites.resource("sites/marketing-shop"))),
                org.causette.server.support.TestSites.ENV);
        HttpServer page = shopPage(marketing.port(), "marketing-shop");
        try {
            Page tab = context.newPage();
            tab.navigate("http://127.0.0.1:" + page.getAddress().getPort() + "/");
            assertThat(launcher(tab)).isVisible();
            String leave = "() => document.documentElement.dispatchEvent(new MouseEvent('mouseout', {bubbles: true, clientX: 300, clientY: -2, relatedTarget: null}))";
            tab.evaluate(leave);
            tab.waitForTimeout(300);
            assertEquals(0, tab.locator("[data-causette=proactive]").count(), "no consent, nothing leaves the page");

            tab.evaluate("() => window.Causette.setConsent(true)");
            tab.evaluate("() => document.documentElement.dispatchEvent(new MouseEvent('mouseout', {bubbles: true, clientX: 300, clientY: 200, relatedTarget: null}))");
            tab.evaluate(leave);
            var bubble = tab.locator("[data-causette=proactive]");
            assertThat(bubble.locator(".bt")).hasText("Avant de partir : la livraison est offerte dès 100 €.");
            String visitorId = (String) tab.evaluate("() => localStorage.getItem('causette:marketing-shop:vid')");
            tab.evaluate(leave);
            tab.waitForTimeout(300);
            assertEquals(1L, marketing.store().events("marketing-shop", visitorId).stream()
                    .filter(e -> e.name().equals("custom") && e.data().path("name").asText().equals("exit_intent")).count(),
                    "once per page; a move inside the page is not an exit");
        } finally {
            page.stop(0);
            marketing.close();
        }
    }
}
