package org.causette.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.causette.server.auth.Hmac;
import org.causette.server.support.TestHub;
import org.causette.server.support.TestSites;
import org.causette.server.support.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.causette.server.support.WsClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The staff console (/console/) in real headless Chromium against the real hub with the test shop: sign-in, live
 * conversations with a real visitor socket, HTML shown as text, internal notes, the ambassador's narrower view and
 * the admin report's charts, all under the console's strict Content-Security-Policy with no console error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class ConsoleBrowserTest {
    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final List<String> CHROMIUM_ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run");
    /** Where screenshots go, for people to look at (not compared). */
    private static final Path SCREENSHOTS = Paths.get(System.getProperty("java.io.tmpdir"));

    private Playwright playwright;
    private Browser browser;
    private TestHub hub;
    private BrowserContext context;
    private Page page;
    private final List<String> problems = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startBrowserAndHub() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            fail(CHROMIUM + " is missing: the console's browser tests need Chromium (apt-get install -y chromium; CI installs it)");
        }
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(CHROMIUM_ARGS));
        PlaywrightAssertions.setDefaultAssertionTimeout(10_000);
        hub = TestHub.start(withAnAbTest());
    }

    /**
     * The test shop plus a scenario no test fires (a cart of a million), so the report has an A/B test to show; its
     * counters are set by {@link #seedOutcomes}.
     */
    private static Path withAnAbTest() throws java.io.IOException {
        Path folder = Files.createTempDirectory("console-shop");
        folder.toFile().deleteOnExit(); // registered first, deleted last
        try (var files = Files.list(TestSites.testShop())) {
            for (Path file : files.toList()) {
                Files.copy(file, folder.resolve(file.getFileName())).toFile().deleteOnExit();
            }
        }
        folder.resolve("scenarios.json").toFile().deleteOnExit();
        Files.writeString(folder.resolve("scenarios.json"), """
                { "scenarios": [ { "id": "luxury-cart", "trigger": { "on": "cart_update", "minCartValue": 1000000 },
                    "variants": [ { "id": "a", "weight": 1, "text": "Une question sur votre commande ?" },
                                  { "id": "b", "weight": 1, "text": "Livraison offerte : besoin d'aide ?" } ] } ] }
                """);
        return folder;
    }

    @AfterAll
    void stopAll() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @BeforeEach
    void openPage(TestInfo test) {
        String locale = test.getTags().contains("fr") ? "fr-FR" : "en-GB";
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 900).setLocale(locale));
        page = context.newPage();
        problems.clear();
        page.onConsoleMessage(message -> {
            // A 4xx answer (the wrong password on purpose) is logged by Chromium as "Failed to load resource": not a fault.
            if (message.type().equals("error") && !message.text().startsWith("Failed to load resource")) {
                problems.add("console error: " + message.text());
            }
            if (message.text().contains("Content Security Policy") || message.text().contains("Refused to")) {
                problems.add("CSP violation: " + message.text());
            }
        });
        page.onPageError(error -> problems.add("page error: " + error));
        page.onDialog(dialog -> {
            problems.add("unexpected dialog: " + dialog.message());
            dialog.dismiss();
        });
    }

    @AfterEach
    void closePage() {
        try {
            assertTrue(problems.isEmpty(), "the console logged problems: " + problems);
        } finally {
            context.close();
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + hub.port() + path;
    }

    private Locator hook(String name) {
        return page.locator("[data-causette=" + name + "]");
    }

    private Locator conversation(String id) {
        return page.locator("[data-causette=conversation][data-conversation-id='" + id + "']");
    }

    private void signIn(String username, String password) {
        hook("username").fill(username);
        hook("password").fill(password);
        hook("login").click();
    }

    private void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("causette-console-" + name + ".png")));
    }

    private static String askForAPerson(WsClient visitor, String clientId) throws Exception {
        visitor.send(frame("message").put("clientId", clientId).put("text", "Parler à un conseiller").put("payload", "INTENT:human_request"));
        return visitor.next("ack").path("conversationId").asText();
    }

    private static JsonNode nextFrom(WsClient visitor, String role) throws InterruptedException {
        return visitor.nextMatching(f -> f.path("type").asText().equals("message") && f.path("from").path("role").asText().equals(role),
                "a message from " + role);
    }

    @Test
    @Order(1)
    void anAgentSignsInAndAnswersAShopperLive() throws Exception {
        Response response = page.navigate(url("/console/?site=" + TestHub.SITE));
        assertNotNull(response);
        String policy = response.headers().get("content-security-policy");
        assertNotNull(policy, "the console has a Content-Security-Policy");
        assertTrue(policy.contains("script-src 'self'") && policy.contains("style-src 'self'") && policy.contains("object-src 'none'"), policy);
        assertEquals("DENY", response.headers().get("x-frame-options"));
        assertThat(hook("site")).hasValue(TestHub.SITE);

        signIn("anna", "not-her-password");
        assertThat(page.locator("#login-error")).containsText("Wrong");
        assertThat(page.locator("#app")).isHidden();
        signIn("anna", "anna-pw");
        assertThat(hook("presence")).hasValue("online");
        assertThat(page.locator("#connection")).hasAttribute("data-state", "online");
        assertNotNull(page.evaluate("() => sessionStorage.getItem('causette.console.session')"));
        assertEquals(0, ((Number) page.evaluate("() => Object.keys(localStorage).filter(k => localStorage.getItem(k).includes('token')).length")).intValue(),
                "the token lives in sessionStorage only");

        try (WsClient visitor = WsClient.visitor(hub.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN)) {
            visitor.hello(frame("hello").put("locale", "fr-FR").put("consent", true));
            var page1 = frame("event").put("name", "page_view");
            page1.putObject("data").put("url", "https://shop.example/lampes/luna").put("title", "Lampe Luna");
            visitor.send(page1);
            var evil = frame("event").put("name", "page_view");
            evil.putObject("data").put("url", "javascript:window.__pwned=3").put("title", "Page piégée");
            visitor.send(evil);
            var cart = frame("event").put("name", "cart_update");
            cart.putObject("data").put("value", 178.0).put("currency", "EUR").putArray("items").addObject()
                    .put("sku", "LUNA-VERT").put("name", "Lampe Luna verte").put("quantity", 2).put("price", 89.0);
            visitor.send(cart);
            String id = askForAPerson(visitor, "c1");
            assertThat(conversation(id)).isVisible();
            conversation(id).locator("button.conv-open").click();
            nextFrom(visitor, "system"); // "Anna joined"

            String html = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script><b>gras</b> & \"quotes\"";
            visitor.say("c2", html);
            Locator fromVisitor = page.locator("[data-causette=message][data-role=visitor] .msg-text");
            assertThat(fromVisitor.last()).hasText(html);
            assertEquals(0, page.locator("#transcript img, #transcript script, #transcript b").count(), "message text is never HTML");
            assertNull(page.evaluate("() => window.__pwned"));

            // Typing both ways.
            visitor.send(frame("typing").put("on", true));
            assertThat(page.locator("#typing")).containsText("typing");
            Locator composer = hook("composer");
            composer.pressSequentially("Bon");
            JsonNode typing = visitor.next("typing");
            assertEquals("agent", typing.path("from").path("role").asText());
            assertTrue(typing.path("on").asBoolean());

            // The agent's answer reaches the shopper.
            composer.fill("Bonjour, je suis Anna. <i>Que</i> puis-je faire ?");
            composer.press("Control+Enter");
            JsonNode answer = nextFrom(visitor, "agent");
            assertEquals("Bonjour, je suis Anna. <i>Que</i> puis-je faire ?", answer.path("text").asText());
            assertThat(page.locator("[data-causette=message][data-role=agent]:not(.pending)").last()).containsText("Que");
            assertThat(composer).hasValue("");

            // Canned responses: "/liv" then Enter.
            composer.pressSequentially("/liv");
            assertThat(page.locator("#canned")).containsText("/livraison");
            composer.press("Enter");
            assertThat(composer).hasValue(Pattern.compile("livraison est offerte"));
            composer.fill("");

            // The bot's reading of the shopper's last question, beside the composer.
            visitor.say("c3", "Combien coûte la livraison ?");
            assertThat(page.locator("#suggestion")).containsText("shipping");

            // An internal note stays with the staff.
            page.locator("#note-toggle").check();
            composer.fill("Note : cliente VIP");
            hook("send").click();
            assertThat(page.locator("[data-causette=message][data-internal=true]:not(.pending)")).containsText("cliente VIP");
            List<JsonNode> visitorSaw = visitor.drain(Duration.ofMillis(500));
            assertTrue(visitorSaw.stream().noneMatch(f -> f.toString().contains("cliente VIP")), "internal notes never reach the shopper: " + visitorSaw);
            page.locator("#note-toggle").uncheck();

            // Context beside the conversation, for agents.
            Locator context = page.locator("#context");
            assertThat(context.locator(".pages a")).hasText("Lampe Luna");
            assertThat(context.locator(".pages")).containsText("Page piégée");
            assertEquals(0, context.locator("a[href^='javascript']").count(), "only http(s) pages become links");
            assertThat(context.locator(".cart")).containsText("2 × Lampe Luna verte");
            screenshot("agent");

            hook("close").click();
            visitor.nextMatching(f -> f.path("type").asText().equals("state") && f.path("state").asText().equals("closed"), "state closed");
            assertThat(conversation(id)).hasCount(0);
        }

        // Away: a new shopper waits in the queue until the agent accepts.
        hook("presence").selectOption("away");
        try (WsClient visitor = hub.visitor()) {
            String id = askForAPerson(visitor, "w1");
            Locator waiting = conversation(id);
            assertThat(waiting.locator("[data-causette=accept]")).isVisible();
            waiting.locator("[data-causette=accept]").click();
            assertThat(page.locator("#mine [data-conversation-id='" + id + "']")).isVisible();
            assertThat(page.locator("#conv-title")).not().isEmpty();
            nextFrom(visitor, "system");
        }

        // The keyboard: ? lists the shortcuts, Esc closes the list.
        page.evaluate("() => document.activeElement && document.activeElement.blur()");
        page.keyboard().press("?");
        assertThat(page.locator("#dialog .shortcuts")).isVisible();
        page.keyboard().press("Escape");
        assertThat(page.locator("#dialog")).isHidden();

        // Past conversations: search what was said, open one read-only.
        page.keyboard().press("Alt+S");
        page.locator("#history-q").fill("pwned");
        page.locator("#history-q").press("Enter");
        Locator found = page.locator("#history-results .history-open");
        assertThat(found).hasCount(1);
        found.click();
        assertThat(page.locator("#read-only")).isVisible();
        assertThat(page.locator("[data-causette=message][data-role=visitor] .msg-text",
                new Page.LocatorOptions().setHasText("window.__pwned=2"))).hasCount(1);
        assertNull(page.evaluate("() => window.__pwned"));
        screenshot("history");
    }

    @Test
    @Order(2)
    @org.junit.jupiter.api.Tag("fr")
    void anAmbassadorSeesOnlyTheMessages() throws Exception {
        // Keeps a handle on the page's sockets, to cut one as a network loss would (init scripts are not subject to CSP).
        page.addInitScript("window.WebSocket = class extends WebSocket {"
                + " constructor(...args) { super(...args); (window.__sockets = window.__sockets || []).push(this); } }");
        page.navigate(url("/console/?site=" + TestHub.SITE));
        assertThat(hook("login")).hasText("Se connecter"); // the browser speaks French
        signIn("leo", "leo-pw");
        assertThat(page.locator("#amb-stats")).containsText("Clients aidés");
        try (WsClient visitor = WsClient.visitor(hub.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN)) {
            long issuedAt = Instant.now().getEpochSecond();
            String hash = HexFormat.of().formatHex(Hmac.sha256(TestSites.IDENTITY_SECRET, "77." + issuedAt));
            var hello = frame("hello").put("locale", "fr-FR");
            hello.putObject("identity").put("userId", "77").put("email", "paul@example.fr").put("name", "Paul Martin")
                    .put("issuedAt", issuedAt).put("hash", hash);
            JsonNode welcome = visitor.hello(hello);
            visitor.send(frame("message").put("clientId", "q1").put("text", "Quelle ampoule pour la lampe Luna ?")
                    .put("payload", "INTENT:lamp_advice"));
            String id = visitor.next("ack").path("conversationId").asText();

            assertThat(conversation(id)).isVisible();
            assertThat(page.locator("[data-causette=message][data-role=visitor]").first()).containsText("ampoule");
            assertThat(page.locator("#context")).isHidden();
            assertThat(page.locator("#note-toggle-label")).isHidden();
            String everything = (String) page.evaluate("() => document.body.innerText + document.body.innerHTML");
            for (String secret : List.of("Paul", "paul@example.fr", welcome.path("visitorId").asText())) {
                assertFalse(everything.contains(secret), "an ambassador never sees " + secret);
            }
            hook("composer").fill("Une ampoule LED E27, blanc chaud.");
            hook("send").click();
            assertEquals("Une ampoule LED E27, blanc chaud.", nextFrom(visitor, "ambassador").path("text").asText());
            screenshot("ambassador");

            // The socket drops: the console says so, reconnects on its own and carries on.
            page.evaluate("() => window.__sockets[window.__sockets.length - 1].close()");
            assertThat(page.locator("#connection")).hasAttribute("data-state", "lost");
            assertThat(page.locator("#connection")).hasAttribute("data-state", "online");
            visitor.say("q2", "Et pour une suspension ?");
            assertThat(page.locator("[data-causette=message][data-role=visitor] .msg-text").last()).hasText("Et pour une suspension ?");
            hook("composer").fill("Plutôt 1 500 lumens.");
            hook("composer").press("Enter");
            assertEquals("Plutôt 1 500 lumens.", nextFrom(visitor, "ambassador").path("text").asText());
        }
    }

    /** A conversation Léo helped in, rated 5 and answered 10 at NPS, and A/B counters: what the report and board show. */
    private void seedOutcomes() {
        org.causette.server.store.Store store = hub.server().store();
        Instant now = Instant.now();
        var c = store.openConversation(org.causette.server.store.Conversation.open(java.util.UUID.randomUUID().toString(),
                TestHub.SITE, "v-seeded", "web", now.minusSeconds(600)));
        store.update(c.id(), x -> x.queued("product_expertise", "lampes", "ambassador", now.minusSeconds(590)));
        store.append(c.id(), new org.causette.server.store.MessageDraft(new org.causette.server.store.Author(
                org.causette.server.store.Role.AMBASSADOR, "leo", "Léo"), null, "La Luna, en E27.", null, List.of(), List.of(),
                false, now.minusSeconds(580)));
        store.update(c.id(), x -> x.closed("done", now.minusSeconds(570)));
        store.saveRating(new org.causette.server.store.Rating(TestHub.SITE, c.id(), "v-seeded", 5, null, now.minusSeconds(560)));
        store.claimNpsAsk(TestHub.SITE, "v:v-seeded", c.id(), "v-seeded", now.minusSeconds(560), now.plusSeconds(86_400));
        store.saveNpsAnswer(new org.causette.server.store.NpsAnswer(TestHub.SITE, c.id(), "v-seeded", 10, null,
                now.minusSeconds(550)), "v:v-seeded");
        store.addToVariant(TestHub.SITE, "luxury-cart", "a", "shown", 1000);
        store.addToVariant(TestHub.SITE, "luxury-cart", "a", "converted", 50);
        store.addToVariant(TestHub.SITE, "luxury-cart", "b", "shown", 1000);
        store.addToVariant(TestHub.SITE, "luxury-cart", "b", "converted", 80);
        store.addToVariant(TestHub.SITE, "luxury-cart", "b", "revenueCents", 412_345);
    }

    @Test
    @Order(4)
    @org.junit.jupiter.api.Tag("fr")
    void anAmbassadorSeesTheLeaderboardWithTheirRank() {
        page.navigate(url("/console/?site=" + TestHub.SITE));
        signIn("leo", "leo-pw");
        page.locator(".tab[data-view=leaderboard]").click();
        assertThat(page.locator("[data-me]")).containsText("n° 1");
        Locator mine = page.locator("#leaderboard tr.mine");
        assertThat(mine).containsText("Léo (vous)");
        assertThat(mine.locator(".points")).hasText("15"); // seeded by the report test (Order 3): 5 stars (10) and a promoter (5)
        assertThat(page.locator(".tab[data-view=report]")).isHidden();
        screenshot("leaderboard");
    }

    @Test
    @Order(3)
    void anAdminSeesTheReportChartsAndTeachesTheBot() throws Exception {
        try (WsClient visitor = hub.visitor()) {
            visitor.say("u1", "xqzt blorf wibble zorg");
            nextFrom(visitor, "bot");
        }
        seedOutcomes();
        page.navigate(url("/console/?site=" + TestHub.SITE));
        signIn("root", "root-pw");
        page.locator(".tab[data-view=report]").click();
        assertThat(page.locator("#report canvas")).hasCount(5);
        page.waitForFunction("() => window.Chart && Object.keys(window.Chart.instances).length === 5");
        assertThat(page.locator("[data-kpi=conversations] .tile-value")).not().hasText("0");
        // Outcomes: conversions by who helped, the A/B test (the never-fired luxury-cart scenario, counted here),
        // NPS, and satisfaction per person and channel.
        assertThat(page.locator("[data-kpi=nps] .tile-value")).hasText("100");
        assertThat(page.locator("[data-table=by-helper] tbody tr")).hasCount(3);
        Locator variantB = page.locator("[data-table=variants] tr", new Page.LocatorOptions().setHasText("luxury-cart · b"));
        assertThat(variantB).containsText("1,000"); // shown
        assertThat(variantB).containsText("4,123.45"); // revenue
        assertThat(variantB).containsText("better");
        assertThat(page.locator("[data-table=satisfaction]")).containsText("Léo · Ambassador");
        assertThat(page.locator("[data-table=satisfaction]")).containsText("Channel Web");
        Locator row = page.locator(".unanswered tr", new Page.LocatorOptions().setHasText("xqzt blorf"));
        assertThat(row).isVisible();
        page.setViewportSize(1440, 1500); // the report scrolls inside the page: a taller window shows it all
        screenshot("report");
        page.setViewportSize(1440, 900);

        row.locator("[data-teach]").click();
        page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("New FAQ answer")).check();
        page.locator("#dialog input[name=intentId]").fill("zorg_club");
        page.locator("#dialog textarea[name=fr]").fill("Le club Zorg se réunit le jeudi.");
        screenshot("teach");
        page.locator("#dialog button[type=submit]").click();
        // Retraining takes about a second, more on a busy machine.
        assertThat(page.locator("#dialog")).isHidden(new com.microsoft.playwright.assertions.LocatorAssertions.IsHiddenOptions().setTimeout(30_000));
        assertThat(row.locator("[data-teach]")).isDisabled();
        assertThat(page.locator(".toasts")).containsText("zorg_club");
    }

    @Test
    @Order(4)
    void anAgentSeesTheCustomerCardWithTheShoppersOtherConversations() throws Exception {
        page.navigate(url("/console/?site=" + TestHub.SITE));
        signIn("anna", "anna-pw");
        assertThat(page.locator("#connection")).hasAttribute("data-state", "online");
        long issuedAt = Instant.now().getEpochSecond();
        String hash = HexFormat.of().formatHex(Hmac.sha256(TestSites.IDENTITY_SECRET, "55." + issuedAt));
        var identity = frame("x").removeAll().put("userId", "55").put("email", "ines@example.fr").put("name", "Inès Roux")
                .put("issuedAt", issuedAt).put("hash", hash);
        try (WsClient phone = WsClient.visitor(hub.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN)) {
            var hello = frame("hello").put("locale", "fr-FR").put("consent", true);
            hello.set("identity", identity);
            phone.hello(hello);
            var purchase = frame("event").put("name", "purchase");
            purchase.putObject("data").put("orderId", "R-1").put("value", 249.9).put("currency", "EUR");
            phone.send(purchase);
            // The laptop: an anonymous question, then the shopper signs in there too, and that conversation is theirs.
            String laptopConversation;
            try (WsClient laptop = WsClient.visitor(hub.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN)) {
                String token = laptop.hello(frame("hello").put("locale", "fr-FR")).path("visitorToken").asText();
                laptopConversation = laptop.say("k1", "Avez-vous la lampe Luna en vert ?").path("conversationId").asText();
                var signedIn = frame("hello").put("locale", "fr-FR").put("visitorToken", token);
                signedIn.set("identity", identity.deepCopy());
                try (WsClient again = WsClient.visitor(hub.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN)) {
                    again.hello(signedIn);
                }
            }
            String id = askForAPerson(phone, "k2");
            conversation(id).locator("button.conv-open").click();
            nextFrom(phone, "system");

            Locator card = page.locator("#context [data-customer-card]");
            assertThat(card).isVisible();
            assertThat(card.locator("[data-customer-fact=value]")).hasText(Pattern.compile("249[.,]90"));
            assertThat(card.locator("[data-customer-fact=purchases]")).hasText("1");
            assertThat(card.locator("[data-customer-fact=conversations]")).hasText("2");
            Locator other = card.locator("[data-customer-conversation='" + laptopConversation + "']");
            assertThat(other).containsText("Web");
            screenshot("customer-card");
            other.click();
            assertThat(page.locator("#read-only")).isVisible();
            assertThat(page.locator("[data-causette=message][data-role=visitor] .msg-text").first())
                    .hasText("Avez-vous la lampe Luna en vert ?");
        }
    }
}
