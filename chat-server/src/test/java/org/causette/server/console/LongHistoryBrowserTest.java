package org.causette.server.console;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.causette.server.store.Author;
import org.causette.server.store.Conversation;
import org.causette.server.store.MessageDraft;
import org.causette.server.store.Role;
import org.causette.server.store.Store;
import org.causette.server.support.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A site with 5,000 past conversations: the history list stays responsive in real Chromium because it is paged (50 a
 * page from the server, « Charger plus » / "Load more"), never the whole list at once. Logs the figures:
 * {@code mvn -o -q -pl chat-server test -Dtest=LongHistoryBrowserTest} (times on a loaded machine).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class LongHistoryBrowserTest {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LongHistoryBrowserTest.class);
    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final int CONVERSATIONS = 5_000;
    private static final int PAGES = 10;
    /** Generous bounds for a loaded 2-core machine; the log has the real figures. */
    private static final long FIRST_PAGE_MS = 5_000;
    private static final long NEXT_PAGE_MS = 5_000;

    private Playwright playwright;
    private Browser browser;
    private TestHub hub;
    private BrowserContext context;
    private Page page;
    private final List<String> problems = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            fail(CHROMIUM + " is missing: the console's browser tests need Chromium (apt-get install -y chromium)");
        }
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run")));
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        hub = TestHub.start();
        Store store = hub.server().store();
        Instant start = Instant.now().minusSeconds(CONVERSATIONS * 60L);
        for (int i = 0; i < CONVERSATIONS; i++) {
            Instant at = start.plusSeconds(i * 60L);
            String visitor = "v_history" + i;
            Conversation opened = store.openConversation(Conversation.open(UUID.randomUUID().toString(), TestHub.SITE, visitor, "web", at));
            store.append(opened.id(), new MessageDraft(new Author(Role.VISITOR, visitor, null), "h" + i,
                    "Question numéro " + i + " sur la livraison", null, List.of(), List.of(), false, at));
            store.update(opened.id(), c -> c.closed("closed", at.plusSeconds(30)));
        }
    }

    @AfterAll
    void stop() {
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

    @AfterEach
    void noProblems() {
        try {
            assertTrue(problems.isEmpty(), "the console logged problems: " + problems);
        } finally {
            if (context != null) {
                context.close();
                context = null;
            }
        }
    }

    @Test
    void fiveThousandConversationsInFrench() {
        history(true);
    }

    @Test
    void fiveThousandConversationsInEnglish() {
        history(false);
    }

    private void history(boolean fr) {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 900).setLocale(fr ? "fr-FR" : "en-GB"));
        page = context.newPage();
        page.onConsoleMessage(message -> {
            if (message.type().equals("error") && !message.text().startsWith("Failed to load resource")) {
                problems.add("console error: " + message.text());
            }
        });
        page.onPageError(error -> problems.add("page error: " + error));
        page.navigate("http://127.0.0.1:" + hub.port() + "/console/?site=" + TestHub.SITE);
        page.locator("[data-causette=username]").fill("anna");
        page.locator("[data-causette=password]").fill("anna-pw");
        page.locator("[data-causette=login]").click();
        assertThat(page.locator("[data-causette=presence]")).isVisible();
        long started = System.nanoTime();
        page.locator(".tab[data-view=history]").click();
        Locator rows = page.locator("#history-results .history-item");
        assertThat(rows).hasCount(50);
        long firstMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(page.locator("#history h1")).hasText(fr ? "Conversations passées" : "Past conversations");
        Locator more = page.locator("#history-more");
        assertThat(more).hasText(fr ? "Charger plus" : "Load more");
        long worstMs = 0;
        for (int p = 2; p <= PAGES; p++) {
            long t0 = System.nanoTime();
            more.click();
            assertThat(rows).hasCount(50 * p);
            worstMs = Math.max(worstMs, (System.nanoTime() - t0) / 1_000_000);
        }
        // The page stays responsive: a click on a row answers while 500 rows are shown.
        long t0 = System.nanoTime();
        Object frameMs = page.evaluate("() => new Promise(r => { const s = performance.now(); requestAnimationFrame(() => r(performance.now() - s)); })");
        long rafMs = (System.nanoTime() - t0) / 1_000_000;
        Object nodes = page.evaluate("() => document.querySelectorAll('*').length");
        log.info("{} conversations ({}): first page of 50 in {} ms, each next page of 50 at worst {} ms up to {} rows; "
                        + "next frame after {} ms (page {} ms); {} DOM elements", CONVERSATIONS, fr ? "fr" : "en", firstMs, worstMs,
                50 * PAGES, rafMs, frameMs, nodes);
        assertTrue(firstMs < FIRST_PAGE_MS, "first page in " + firstMs + " ms");
        assertTrue(worstMs < NEXT_PAGE_MS, "a next page in " + worstMs + " ms");
    }
}
