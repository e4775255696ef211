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
    /**
     * Where screenshots go, for people to look at (not compared): the temp directory, or the folder named by
     * {@code -Dcausette.screenshots=DIR} (the docs' pictures: {@code -Dcausette.screenshots=../docs/screenshots}).
     */
    private static final String SCREENSHOTS_DIR = System.getProperty("causette.screenshots");
    private static final Path SCREENSHOTS = SCREENSHOTS_DIR == null ? Paths.get(System.getProperty("java.io.tmpdir")) : Paths.get(SCREENSHOTS_DIR);
    private static final String SCREENSHOT_PREFIX = SCREENSHOTS_DIR == null ? "causette-console-" : "console-";

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
        // faq.json's optional title: staff read « Conseil lampes », not lamp_advice.
        Path faq = folder.resolve("faq.json");
        JsonNode tree = org.causette.server.wire.Json.MAPPER.readTree(faq.toFile());
        for (JsonNode intent : tree.path("intents")) {
            if (intent.path("id").asText().equals("lamp_advice")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) intent).putObject("title").put("fr", "Conseil lampes").put("en", "Lamp advice");
            }
        }
        Files.writeString(faq, org.causette.server.wire.Json.MAPPER.writeValueAsString(tree));
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
        locale = test.getTags().contains("fr") ? "fr-FR" : "en-GB";
        problems.clear();
        openContext(new Browser.NewContextOptions().setViewportSize(1440, 900).setLocale(locale));
    }

    private String locale;

    /** A new browser context (a phone, a dark system theme…) in place of the current one, watched the same way. */
    private void openContext(Browser.NewContextOptions options) {
        if (context != null) {
            context.close();
        }
        context = browser.newContext(options);
        page = context.newPage();
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
            context = null;
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
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(SCREENSHOT_PREFIX + name + ".png")));
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
            assertThat(page.locator("#suggestion")).containsText("Understood as “Delivery”"); // a name, not the id "shipping"

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
        // Each variant by what the shopper read, not by "luxury-cart · b".
        Locator variantB = page.locator("[data-table=variants] tr", new Page.LocatorOptions().setHasText("Livraison offerte : besoin d'aide ?"));
        assertThat(variantB).containsText("1,000"); // shown
        assertThat(variantB).containsText("€4,123.45"); // revenue, in the shop's currency
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
        page.getByLabel("Name of the new answer").fill("Zorg club");
        page.locator("#dialog textarea[name=fr]").fill("Le club Zorg se réunit le jeudi.");
        screenshot("teach");
        page.locator("#dialog button[type=submit]").click();
        // Retraining takes about a second, more on a busy machine.
        assertThat(page.locator("#dialog")).isHidden(new com.microsoft.playwright.assertions.LocatorAssertions.IsHiddenOptions().setTimeout(30_000));
        assertThat(row.locator("[data-teach]")).isDisabled();
        assertThat(page.locator(".toasts")).containsText("Zorg club");
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
            // The first form of the hash signs the userId only: the email and name it brought say they are not verified.
            assertThat(page.locator("#context .facts").first()).containsText(
                    Pattern.compile("ines@example\\.fr \\((non vérifié|not verified)\\)"));
            assertThat(page.locator("#context-heading")).containsText(Pattern.compile("Inès Roux \\((non vérifié|not verified)\\)"));
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

    // ---- words, not codes: what an agent, an ambassador and an admin read, in French and in English ---------------

    /** Intl's group and currency separators are no-break spaces: compared here as plain spaces. */
    private static String plain(String text) {
        return text.replace('\u202f', ' ').replace('\u00a0', ' ');
    }

    /** The texts of every element the locator matches. */
    private static List<String> texts(Locator locator) {
        return locator.allInnerTexts().stream().map(String::strip).toList();
    }

    /** An id of the bot or the server (snake_case, or a lone lower-case code), where a person should read words. */
    private static final Pattern RAW_ID = Pattern.compile("\\b[a-z]+_[a-z_]+\\b");
    /** Codes of one word, which the pattern above cannot tell from a word. */
    private static final List<String> ONE_WORD_IDS = List.of("greeting", "goodbye", "thanks", "shipping", "returns", "payment",
            "promotions", "complaint", "escalate", "misunderstood", "transfer", "handback", "timeout", "closed", "unknown");

    @Test
    @Order(5)
    void anAgentReadsWordsNotCodesInEnglish() throws Exception {
        anAgentReadsWordsNotCodes(false);
    }

    @Test
    @Order(6)
    @org.junit.jupiter.api.Tag("fr")
    void anAgentReadsWordsNotCodesInFrench() throws Exception {
        anAgentReadsWordsNotCodes(true);
    }

    private void anAgentReadsWordsNotCodes(boolean fr) throws Exception {
        page.navigate(url("/console/?site=" + TestHub.SITE));
        signIn("anna", "anna-pw");
        assertThat(page.locator("#connection")).hasAttribute("data-state", "online");

        // ? lists the shortcuts: ten keys with what they do, never "[object HTMLElement]".
        page.evaluate("() => document.activeElement && document.activeElement.blur()");
        page.keyboard().press("?");
        Locator help = page.locator("#dialog .shortcuts");
        assertThat(help.locator("dt kbd")).hasCount(10);
        assertThat(help.locator("dd").first()).hasText(fr ? "Conversation précédente / suivante" : "Previous / next conversation");
        assertFalse(page.locator("#dialog").innerText().contains("[object"), page.locator("#dialog").innerText());
        page.keyboard().press("Escape");

        // A shopper nobody answered in time (the router's "no_answer", set here as it would set it) is accepted.
        hook("presence").selectOption("away");
        try (WsClient visitor = WsClient.visitor(hub.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN)) {
            visitor.hello(frame("hello").put("locale", fr ? "fr-FR" : "en-GB"));
            visitor.send(frame("message").put("clientId", "w1").put("text", fr ? "Parler à un conseiller" : "I want to talk to a person")
                    .put("payload", "INTENT:human_request"));
            String id = visitor.next("ack").path("conversationId").asText();
            assertThat(conversation(id).locator("[data-causette=accept]")).isVisible();
            hub.server().store().update(id, c -> c.queued("no_answer", c.skill(), "agent", Instant.now()));
            conversation(id).locator("[data-causette=accept]").click();
            Locator mine = page.locator("#mine [data-conversation-id='" + id + "']");
            Locator noAnswer = mine.locator(".badge.reason");
            assertThat(noAnswer).hasText(fr ? "sans réponse" : "no answer");
            nextFrom(visitor, "system");

            // The bot's reading of the question, in words.
            Locator suggestion = page.locator("#suggestion");
            assertThat(suggestion).containsText(fr ? "Le bot passerait la main (demande un conseiller)" : "The bot would hand this over (asked for a person)");
            assertThat(suggestion).containsText(fr ? "Compris comme « Parler à un conseiller »" : "Understood as “Talk to a person”");
            assertFalse(RAW_ID.matcher(suggestion.innerText()).find(), suggestion.innerText());

            // The agent answers: « sans réponse » is no longer true, and goes.
            hook("composer").fill(fr ? "Bonjour, je suis Anna." : "Hello, I am Anna.");
            hook("composer").press("Enter");
            nextFrom(visitor, "agent");
            assertThat(noAnswer).hasCount(0);
            assertFalse(page.locator("#conv-meta").innerText().contains(fr ? "sans réponse" : "no answer"));

            visitor.say("w2", fr ? "Combien coûte la livraison ?" : "How much is delivery?");
            assertThat(suggestion).containsText(fr ? "Compris comme « Livraison »" : "Understood as “Delivery”");

            // Transfer: the site's people and skills in lists, by name.
            page.locator("#transfer-button").click();
            Locator skill = page.locator("#dialog select[name=skill]");
            assertThat(skill).isVisible();
            assertEquals(List.of(fr ? "— choisir —" : "— choose —", "Lampes", "Sales"), texts(skill.locator("option")));
            assertTrue(texts(page.locator("#dialog select[name=person] option")).contains(fr ? "Zoé · Conseiller" : "Zoé · Agent"),
                    texts(page.locator("#dialog select[name=person] option")).toString());
            assertEquals(0, page.locator("#dialog input").count(), "no free-text box to type an id or a skill into");
            page.locator("#dialog button.ghost").click();

            hook("close").click();
            visitor.nextMatching(f -> f.path("type").asText().equals("state") && f.path("state").asText().equals("closed"), "state closed");
            assertThat(page.locator("#conv-meta")).hasText(fr ? "Fermée · Web" : "Closed · Web");
        }

        // History: the state filter and the badges in words, and "closed" never beside « Fermée ».
        page.keyboard().press("Alt+S");
        assertEquals(fr ? List.of("Fermée", "En cours", "En attente", "Avec le bot", "Toutes") : List.of("Closed", "In progress", "Waiting", "With the bot", "All"),
                texts(page.locator("#history-state option")));
        Locator badges = page.locator("#history-results .badge");
        assertThat(badges.first()).isVisible();
        for (String badge : texts(badges)) {
            assertFalse(List.of("close", "closed", "done", "web", "no_answer").contains(badge), "a raw word in the history: " + badge);
            assertFalse(RAW_ID.matcher(badge).find(), "an id in the history: " + badge);
        }
        assertThat(page.locator("#history-results .badge[data-state=closed]").first()).hasText(fr ? "Fermée" : "Closed");
    }

    @Test
    @Order(7)
    void anAdminReadsNamesAndAmountsInEnglish() throws Exception {
        anAdminReadsNamesAndAmounts(false);
    }

    @Test
    @Order(8)
    @org.junit.jupiter.api.Tag("fr")
    void anAdminReadsNamesAndAmountsInFrench() throws Exception {
        anAdminReadsNamesAndAmounts(true);
    }

    /** After the report test (Order 3): its A/B counters and unanswered question are there. */
    private void anAdminReadsNamesAndAmounts(boolean fr) throws Exception {
        // A question nobody taught yet (what was taught leaves the list to teach).
        try (WsClient visitor = hub.visitor()) {
            visitor.say("nm" + fr, fr ? "plonk vrzzt frobule" : "plonk vrzzt frobnicate");
            nextFrom(visitor, "bot");
        }
        page.navigate(url("/console/?site=" + TestHub.SITE));
        signIn("root", "root-pw");
        page.locator(".tab[data-view=report]").click();
        page.waitForFunction("() => window.Chart && Object.keys(window.Chart.instances).length === 5");

        // The A/B table: each variant by its message, its revenue in euros written the console's way.
        Locator variants = page.locator("[data-table=variants]");
        Locator variantB = variants.locator("tr", new Locator.LocatorOptions().setHasText("Livraison offerte : besoin d'aide ?"));
        assertThat(variantB).isVisible();
        assertTrue(plain(variantB.innerText()).contains(fr ? "4 123,45 €" : "€4,123.45"), variantB.innerText());
        assertFalse(variants.innerText().contains("luxury-cart"), variants.innerText());
        for (String amount : texts(page.locator("[data-table=by-helper] tbody td:last-child"))) {
            assertTrue(plain(amount).matches(fr ? "[0-9 ]+,[0-9]{2} €" : "€[0-9,]+\\.[0-9]{2}"), "an amount with its currency: " + amount);
        }

        // Charts: intents and hand-over reasons by name.
        @SuppressWarnings("unchecked")
        List<String> chartLabels = (List<String>) page.evaluate("() => Object.values(Chart.instances)"
                + ".filter(c => c.canvas.id === 'chart-intents' || c.canvas.id === 'chart-reasons').flatMap(c => c.data.labels)");
        assertFalse(chartLabels.isEmpty());
        for (String label : chartLabels) {
            assertFalse(RAW_ID.matcher(label).find() || ONE_WORD_IDS.contains(label), "an id on a chart: " + label + " in " + chartLabels);
        }
        assertFalse(RAW_ID.matcher(page.locator(".unanswered").innerText()).find(), page.locator(".unanswered").innerText());

        // A counted word agrees with its number.
        String ratings = plain(page.locator("[data-kpi=csat] .tile-detail").innerText()).strip();
        int count = Integer.parseInt(ratings.replaceAll("[^0-9]", ""));
        assertTrue(ratings.endsWith(fr ? (count <= 1 ? " note" : " notes") : (count == 1 ? " rating" : " ratings")), ratings);

        // Teaching picks an intent by its name, never its id.
        page.locator(".unanswered [data-teach]").first().click();
        List<String> choices = texts(page.locator("#dialog select[name=intent] option"));
        assertTrue(choices.contains(fr ? "Livraison" : "Delivery"), choices.toString());
        assertTrue(choices.contains(fr ? "Conseil lampes" : "Lamp advice"), choices.toString()); // faq.json's title
        assertTrue(choices.stream().noneMatch(c -> c.contains(" — ") || RAW_ID.matcher(c).find()), choices.toString());
        page.locator("#dialog button.ghost").click();
    }

    @Test
    @Order(9)
    @org.junit.jupiter.api.Tag("fr")
    void anAmbassadorIsThankedAsSoonAsTheShopperRatesInFrench() throws Exception {
        anAmbassadorIsThankedAsSoonAsTheShopperRates(true);
    }

    @Test
    @Order(10)
    void anAmbassadorIsThankedAsSoonAsTheShopperRatesInEnglish() throws Exception {
        anAmbassadorIsThankedAsSoonAsTheShopperRates(false);
    }

    private void anAmbassadorIsThankedAsSoonAsTheShopperRates(boolean fr) throws Exception {
        page.navigate(url("/console/?site=" + TestHub.SITE));
        signIn("leo", "leo-pw");
        Locator helped = page.locator("#amb-stats .amb-tile").first().locator("strong");
        assertThat(helped).hasText(Pattern.compile("\\d+"));
        int before = Integer.parseInt(helped.innerText().strip());
        Locator ratings = page.locator("#amb-stats .amb-tile").nth(1).locator("span");
        String ratedText = ratings.innerText().replaceAll("[^0-9]", "");
        int ratedBefore = ratedText.isEmpty() ? 0 : Integer.parseInt(ratedText);
        try (WsClient visitor = WsClient.visitor(hub.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN)) {
            visitor.hello(frame("hello").put("locale", "fr-FR"));
            visitor.send(frame("message").put("clientId", "r1").put("text", "Quelle ampoule pour la lampe Luna ?")
                    .put("payload", "INTENT:lamp_advice"));
            String id = visitor.next("ack").path("conversationId").asText();
            assertThat(conversation(id)).isVisible();
            conversation(id).locator("button.conv-open").click();
            hook("composer").fill("Une E27 à 806 lumens.");
            hook("composer").press("Enter");
            nextFrom(visitor, "ambassador");
            hook("close").click();
            visitor.nextMatching(f -> f.path("type").asText().equals("state") && f.path("state").asText().equals("closed"), "state closed");
            visitor.send(frame("rate").put("score", 5).put("comment", fr ? "Parfait" : "Perfect"));

            // No new sign-in: the panel counts the shopper helped and the rating within seconds.
            assertThat(helped).hasText(String.valueOf(before + 1));
            int rated = ratedBefore + 1;
            assertThat(ratings).hasText(fr ? rated + (rated == 1 ? " note" : " notes") : rated + (rated == 1 ? " rating" : " ratings"));
            // The closed transcript ends with the shopper's rating.
            Locator rating = page.locator("#transcript [data-causette=rating]");
            assertThat(rating).containsText(fr ? "Le client a noté cette conversation" : "The shopper rated this conversation");
            assertThat(rating.locator(".stars")).hasText("★★★★★");
            assertThat(rating).containsText(fr ? "« Parfait »" : "“Perfect”");
            assertThat(page.locator("#conv-meta")).hasText(fr ? "Fermée · Web · Lampes" : "Closed · Web · Lampes");
        }
    }

    // ---- phones, dark mode, contrast ----------------------------------------------------------------------------

    /**
     * What breaks "one line": a visible part of the header outside the header's box, a header taller than one row,
     * or a page wider than the window. Empty when all is well.
     */
    private List<String> headerProblems() {
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) page.evaluate("""
                () => {
                  const bar = document.querySelector('.topbar');
                  const box = bar.getBoundingClientRect();
                  const out = [];
                  if (box.height > 56) out.push('header is ' + Math.round(box.height) + ' px tall');
                  if (document.documentElement.scrollWidth > window.innerWidth) out.push('page is ' + document.documentElement.scrollWidth + ' px wide');
                  const parts = [...bar.children, ...document.querySelectorAll('.header-tools:not(.open) > *')]
                    .filter(e => e.getClientRects().length && getComputedStyle(e).position !== 'absolute');
                  for (const e of parts) {
                    const r = e.getBoundingClientRect();
                    if (r.top < box.top - 1 || r.bottom > box.bottom + 1 || r.right > window.innerWidth + 1) {
                      out.push((e.id || e.className || e.tagName) + ' at ' + Math.round(r.left) + ',' + Math.round(r.top));
                    }
                  }
                  return out;
                }""");
        return found;
    }

    /** The WCAG contrast ratio of each selector's first visible element against what is really behind it. */
    private List<Map<String, Object>> contrast(List<String> selectors) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> ratios = (List<Map<String, Object>>) page.evaluate("""
                selectors => {
                  const parse = c => {
                    const m = /rgba?\\(([^)]+)\\)/.exec(c);
                    if (!m) return null;
                    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
                    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
                  };
                  const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                  const luminance = c => 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
                  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
                  const behind = el => {
                    const layers = [];
                    for (let e = el; e; e = e.parentElement) {
                      const c = parse(getComputedStyle(e).backgroundColor);
                      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
                    }
                    let color = layers.length && layers[layers.length - 1][3] >= 1 ? layers.pop() : [255, 255, 255, 1];
                    while (layers.length) color = over(layers.pop(), color);
                    return color;
                  };
                  return selectors.map(selector => {
                    const el = [...document.querySelectorAll(selector)].find(e => e.getClientRects().length);
                    if (!el) return { selector, ratio: 0, need: 4.5, missing: true };
                    const style = getComputedStyle(el);
                    const bg = behind(el);
                    let fg = parse(style.color);
                    if (fg[3] < 1) fg = over(fg, bg);
                    const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
                    const size = parseFloat(style.fontSize);
                    const large = size >= 24 || (Number(style.fontWeight) >= 700 && size >= 18.66);
                    return { selector, ratio: Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100, need: large ? 3 : 4.5,
                             color: style.color, background: 'rgb(' + bg.slice(0, 3).map(Math.round).join(', ') + ')' };
                  });
                }""", selectors);
        return ratios;
    }

    /** The pairs under WCAG AA (4.5, or 3 for large text), or whose element is missing: empty when all read well. */
    private List<String> belowAa(List<String> selectors) {
        return contrast(selectors).stream()
                .filter(r -> Boolean.TRUE.equals(r.get("missing")) || ((Number) r.get("ratio")).doubleValue() < ((Number) r.get("need")).doubleValue())
                .map(Object::toString).toList();
    }

    /** The main text and background pairs of the work screen, for agents. */
    private static final List<String> MAIN_PAIRS = List.of(
            ".topbar .tab.active", ".topbar .tab:not(.active)", "#connection", "#presence", "#me", "#logout", "#sound-toggle + span",
            ".list-section h2", "#mine .conv-name", "#mine .conv-preview", "#mine .conv-time", "#mine .badge.reason", "#mine .badge.lang",
            "#conv-title", "#conv-meta", "#transfer-button", "#close-button",
            "[data-causette=message][data-role=visitor] .msg-text", "[data-causette=message][data-role=visitor] .msg-meta",
            "[data-causette=message][data-role=bot] .msg-text",
            "[data-causette=message][data-role=agent]:not([data-internal]) .msg-text", "[data-causette=message][data-role=agent]:not([data-internal]) .msg-meta",
            "[data-causette=message][data-internal=true] .msg-text", "[data-causette=message][data-internal=true] .note-tag",
            "[data-causette=message][data-internal=true] .msg-meta time", ".msg.role-system .msg-text",
            "#composer", "#note-toggle-label span", "[data-causette=send]",
            "#context h2", "#context h3", "#context .facts dt", "#context .facts dd", "#context .identity", "#context .pages a");

    private void assertReadable(String theme) {
        List<String> poor = belowAa(MAIN_PAIRS);
        assertTrue(poor.isEmpty(), "below WCAG AA in the " + theme + " theme: " + poor);
    }

    /** A shopper with a page seen, a question, the bot's answer, the agent's reply and a note: every kind of message. */
    private String aConversationOfEveryKind(WsClient visitor, boolean fr) throws Exception {
        visitor.hello(frame("hello").put("locale", fr ? "fr-FR" : "en-GB").put("consent", true));
        var seen = frame("event").put("name", "page_view");
        seen.putObject("data").put("url", "https://shop.example/lampes/luna").put("title", "Lampe Luna");
        visitor.send(seen);
        visitor.say("d1", fr ? "Combien coûte la livraison ?" : "How much is delivery?");
        nextFrom(visitor, "bot");
        String id = askForAPerson(visitor, "d2");
        conversation(id).locator("button.conv-open").click();
        nextFrom(visitor, "system");
        hook("composer").fill(fr ? "Bonjour ! La livraison est offerte dès 100 €." : "Hello! Delivery is free from €100.");
        hook("composer").press("Enter");
        nextFrom(visitor, "agent");
        page.locator("#note-toggle").check();
        hook("composer").fill(fr ? "Cliente fidèle, proposer le retrait en magasin." : "Loyal customer: offer in-store pickup.");
        hook("composer").press("Enter");
        assertThat(page.locator("[data-causette=message][data-internal=true]:not(.pending)")).hasCount(1);
        page.locator("#note-toggle").uncheck();
        visitor.say("d3", fr ? "Et pour la Belgique ?" : "And to Belgium?");
        assertThat(page.locator("[data-causette=message][data-role=visitor]").last()).containsText(fr ? "Belgique" : "Belgium");
        return id;
    }

    @Test
    @Order(11)
    void darkModeFollowsTheSystemAndTheToggleWithReadableTextInBothThemes() throws Exception {
        // Reduced motion: no colour transition half-way when the contrast is measured right after the toggle.
        openContext(new Browser.NewContextOptions().setViewportSize(1440, 900).setLocale(locale)
                .setColorScheme(com.microsoft.playwright.options.ColorScheme.DARK)
                .setReducedMotion(com.microsoft.playwright.options.ReducedMotion.REDUCE));
        page.navigate(url("/console/?site=" + TestHub.SITE));
        assertThat(page.locator("html")).hasAttribute("data-theme", "dark"); // before signing in, too
        List<String> poorLogin = belowAa(List.of(".login-card h1", ".login-card .field > span", "#login-username", "[data-causette=login]"));
        assertTrue(poorLogin.isEmpty(), "the dark sign-in below WCAG AA: " + poorLogin);
        screenshot("login-dark");
        signIn("anna", "anna-pw");
        assertThat(page.locator("#connection")).hasAttribute("data-state", "online");
        try (WsClient visitor = WsClient.visitor(hub.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN)) {
            aConversationOfEveryKind(visitor, false);
            assertThat(page.locator("#context .pages a")).isVisible();
            assertReadable("dark");
            screenshot("agent-dark");

            Locator toggle = page.locator("#theme-toggle");
            assertThat(toggle).hasAttribute("aria-pressed", "true");
            toggle.click();
            assertThat(page.locator("html")).hasAttribute("data-theme", "light");
            assertThat(toggle).hasAttribute("aria-pressed", "false");
            assertReadable("light");
            screenshot("agent-light");

            // Remembered: the next visit opens light although the system is dark.
            page.reload();
            assertThat(page.locator("html")).hasAttribute("data-theme", "light");
            assertThat(page.locator("#connection")).hasAttribute("data-state", "online");
            page.locator("#theme-toggle").click();
            assertThat(page.locator("html")).hasAttribute("data-theme", "dark");
            assertNull(page.evaluate("() => localStorage.getItem('causette.console.theme')"), "back to the system's choice: nothing kept");
        }
    }

    @Test
    @Order(12)
    @org.junit.jupiter.api.Tag("fr")
    void theAdminHeaderFitsOnOneLineAndTheReportIsDarkToo() {
        openContext(new Browser.NewContextOptions().setViewportSize(1440, 900).setLocale(locale)
                .setColorScheme(com.microsoft.playwright.options.ColorScheme.DARK));
        page.navigate(url("/console/?site=" + TestHub.SITE));
        signIn("root", "root-pw");
        assertThat(page.locator("#logout")).isVisible();
        assertEquals(List.of(), headerProblems(), "the admin's header at 1440 px, in French");
        page.locator(".tab[data-view=report]").click();
        page.waitForFunction("() => window.Chart && Object.keys(window.Chart.instances).length === 5");
        List<String> poor = belowAa(List.of(".tile-label", ".tile-value", ".tile-detail", ".chart figcaption", ".table th", ".table td", "#report h1", "#report h2"));
        assertTrue(poor.isEmpty(), "the dark report below WCAG AA: " + poor);
        page.setViewportSize(1440, 1500);
        screenshot("report-dark");
        page.setViewportSize(1440, 900);
        page.locator("#theme-toggle").click();
        page.waitForFunction("() => window.Chart && Object.keys(window.Chart.instances).length === 5");
        page.setViewportSize(1440, 1500);
        screenshot("report-light");
    }

    @Test
    @Order(13)
    @org.junit.jupiter.api.Tag("fr")
    void onAPhoneOnePaneAtATimeInFrench() throws Exception {
        onAPhoneOnePaneAtATime(true);
    }

    @Test
    @Order(14)
    void onAPhoneOnePaneAtATimeInEnglish() throws Exception {
        onAPhoneOnePaneAtATime(false);
    }

    private void onAPhoneOnePaneAtATime(boolean fr) throws Exception {
        openContext(new Browser.NewContextOptions().setViewportSize(360, 740).setLocale(locale).setIsMobile(true).setHasTouch(true)
                .setReducedMotion(com.microsoft.playwright.options.ReducedMotion.REDUCE));
        page.navigate(url("/console/?site=" + TestHub.SITE));
        signIn("anna", "anna-pw");
        assertThat(page.locator("#connection")).hasAttribute("data-state", "online");
        assertEquals(List.of(), headerProblems(), "the header at 360 px");
        Locator lists = page.locator(".lists");
        Locator middle = page.locator(".conversation");
        Locator context = page.locator("#context");
        assertThat(lists).isVisible();
        assertThat(middle).isHidden();
        assertThat(context).isHidden();
        try (WsClient visitor = WsClient.visitor(hub.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN)) {
            hook("presence").selectOption("away");
            visitor.hello(frame("hello").put("locale", fr ? "fr-FR" : "en-GB").put("consent", true));
            String id = askForAPerson(visitor, "p1");
            assertThat(conversation(id).locator("[data-causette=accept]")).isVisible();
            if (fr) {
                screenshot("phone-list");
            }
            conversation(id).locator("[data-causette=accept]").click();
            nextFrom(visitor, "system");

            // The conversation alone, with a way back and a way to the shopper's context.
            assertThat(middle).isVisible();
            assertThat(lists).isHidden();
            assertThat(page.locator("#back-button")).isVisible();
            Locator composer = hook("composer");
            assertThat(composer).isInViewport();
            visitor.say("p2", fr ? "Vous livrez en Belgique ?" : "Do you deliver to Belgium?");
            assertThat(page.locator("[data-causette=message][data-role=visitor]").last()).isVisible();
            assertEquals(List.of(), headerProblems(), "the header with a conversation open");
            if (fr) {
                screenshot("phone-conversation");
            }

            page.locator("#context-button").click();
            assertThat(context).isVisible();
            assertThat(middle).isHidden();
            assertThat(context.locator("h2")).isVisible();
            page.locator("#context-back").click();
            assertThat(middle).isVisible();
            assertThat(context).isHidden();

            // The phone's own back: from the conversation to the list.
            page.goBack();
            assertThat(lists).isVisible();
            assertThat(middle).isHidden();
            page.locator("#mine [data-conversation-id='" + id + "'] button.conv-open").click();
            assertThat(middle).isVisible();

            // The on-screen keyboard takes half the screen: the composer stays above it, the header stays on top.
            composer.focus();
            page.setViewportSize(360, 380);
            if (fr) {
                screenshot("phone-keyboard");
            }
            assertThat(composer).isInViewport();
            double bottom = ((Number) page.evaluate("() => document.getElementById('composer').getBoundingClientRect().bottom")).doubleValue();
            assertTrue(bottom <= 380, "the composer ends at " + bottom + " px in a 380 px window");
            assertThat(page.locator(".topbar")).isInViewport();
            page.setViewportSize(360, 740);

            // The rest of the header is one tap away.
            page.locator("#more-button").click();
            assertThat(page.locator("#logout")).isVisible();
            assertThat(page.locator("#theme-toggle")).isVisible();
            if (fr) {
                screenshot("phone-menu");
            }
            page.locator("#transcript").click(new Locator.ClickOptions().setPosition(10, 10)); // a tap beside the menu closes it
            assertThat(page.locator("#logout")).isHidden();

            // 390 px, a common phone: still one line.
            page.setViewportSize(390, 844);
            assertEquals(List.of(), headerProblems(), "the header at 390 px");
            composer.fill(fr ? "Oui, en 3 à 5 jours." : "Yes, in 3 to 5 days.");
            composer.press("Enter");
            assertThat(page.locator("[data-causette=message][data-role=agent]:not(.pending)").last()).containsText("3");
            if (!fr) {
                page.locator("#more-button").click();
                page.locator("#theme-toggle").click();
                page.keyboard().press("Escape"); // Esc closes the menu too
                assertThat(page.locator("html")).hasAttribute("data-theme", "dark");
                assertReadablePhone();
                screenshot("phone-conversation-dark");
            }

            // A tablet: lists and conversation side by side, the shopper's context as a drawer on demand.
            page.setViewportSize(900, 800);
            assertThat(lists).isVisible();
            assertThat(middle).isVisible();
            assertThat(context).isHidden();
            page.locator("#context-button").click();
            assertThat(context).isVisible();
            assertThat(middle).isVisible();
            page.locator("#context-back").click();
            assertThat(context).isHidden();
        }
    }

    /** On a phone only the conversation shows: its pairs only. */
    private void assertReadablePhone() {
        List<String> poor = belowAa(List.of("#conv-title", "#conv-meta", "[data-causette=message][data-role=visitor] .msg-text",
                "[data-causette=message][data-role=agent] .msg-text", "#composer", "[data-causette=send]", "#back-button", "#context-button"));
        assertTrue(poor.isEmpty(), "below WCAG AA on the phone: " + poor);
    }

    @Test
    @Order(15)
    @org.junit.jupiter.api.Tag("fr")
    void theInboxFiltersByWhoHoldsItLanguageAndOrder() throws Exception {
        page.navigate(url("/console/?site=" + TestHub.SITE));
        signIn("anna", "anna-pw");
        assertThat(page.locator("#connection")).hasAttribute("data-state", "online");
        hook("presence").selectOption("away");
        try (WsClient french = WsClient.visitor(hub.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN);
             WsClient english = WsClient.visitor(hub.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN)) {
            french.hello(frame("hello").put("locale", "fr-FR"));
            String first = askForAPerson(french, "f1");
            english.hello(frame("hello").put("locale", "en-GB"));
            String second = askForAPerson(english, "e1");
            Locator queue = page.locator("#queue [data-causette=conversation]");
            assertThat(conversation(first)).isVisible();
            assertThat(conversation(second)).isVisible();
            assertEquals(List.of("Toutes", "Les miennes", "Non attribuées"), texts(page.locator("[data-filter=show] option")));

            page.locator("[data-filter=language]").selectOption("en");
            assertThat(conversation(first)).hasCount(0);
            assertThat(conversation(second)).isVisible();
            assertThat(page.locator("#filters-hidden")).hasText(Pattern.compile("^\\d+ conversations? masquées? par les filtres$"));
            page.locator("[data-filter=language]").selectOption("");

            // Waiting longest first by default; newest first on demand.
            @SuppressWarnings("unchecked")
            List<String> oldestFirst = (List<String>) queue.evaluateAll("items => items.map(i => i.dataset.conversationId)");
            assertTrue(oldestFirst.indexOf(first) < oldestFirst.indexOf(second), oldestFirst.toString());
            page.locator("[data-filter=order]").selectOption("newest");
            @SuppressWarnings("unchecked")
            List<String> newestFirst = (List<String>) queue.evaluateAll("items => items.map(i => i.dataset.conversationId)");
            assertTrue(newestFirst.indexOf(second) < newestFirst.indexOf(first), newestFirst.toString());

            // Mine only: the queue's section goes; unassigned only: mine goes.
            page.locator("[data-filter=show]").selectOption("mine");
            assertThat(page.locator("#queue")).isHidden();
            assertThat(page.locator("#mine")).isVisible();
            page.locator("[data-filter=show]").selectOption("unassigned");
            assertThat(page.locator("#mine")).isHidden();
            assertThat(conversation(first)).isVisible();

            // The words follow the console's language.
            page.locator(".lang-select").last().selectOption("en");
            assertEquals(List.of("All", "Mine", "Unassigned"), texts(page.locator("[data-filter=show] option")));
            assertThat(page.locator("[data-filter=show]")).hasValue("unassigned");
        }
    }
}
