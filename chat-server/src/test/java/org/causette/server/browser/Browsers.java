package org.causette.server.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.sun.net.httpserver.HttpServer;
import org.causette.server.CausetteServer;
import org.causette.server.config.ServerConfig;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the widget's browser tests share: headless Chromium from the system (never downloaded), the hub on a free
 * port, a second web server for pages of another origin, and locators for the widget's {@code data-causette} hooks.
 */
final class Browsers {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final List<String> CHROMIUM_ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run");

    private Browsers() {
    }

    /** Playwright driving the system's Chromium; a missing Chromium fails the test, it is not a reason to skip it. */
    static Playwright playwright() {
        if (!Files.isExecutable(CHROMIUM)) {
            fail(CHROMIUM + " is missing: the widget's browser tests need Chromium (apt-get install -y chromium; .ci/run installs it)");
        }
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    static Browser chromium(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(CHROMIUM_ARGS));
    }

    /** The hub with the demo shop, on {@code port} (0: any free one). A port just freed may take a moment to bind again. */
    static CausetteServer hub(int port) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                // Every browser context is a new visitor from 127.0.0.1: the cap on new visitors per address is off.
                java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
                env.put("CAUSETTE_NEW_VISITORS_PER_ADDRESS", "0");
                return CausetteServer.start(ServerConfig.defaults().withPort(port), env);
            } catch (Exception e) { // Netty rethrows the BindException as it is, undeclared
                if (port == 0 || !(rootCause(e) instanceof BindException) || System.nanoTime() > deadline) {
                    throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static Throwable rootCause(Throwable e) {
        while (e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        return e;
    }

    /** A shop on another origin (127.0.0.1 on another port) whose page embeds the hub's widget. */
    static HttpServer foreignShop(int hubPort) throws IOException {
        String page;
        try (InputStream in = Browsers.class.getResourceAsStream("/browser/host.html")) {
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{HUB}}", "http://127.0.0.1:" + hubPort);
        }
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
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

    // ---- the widget's hooks (widget/README.md); Playwright's CSS engine looks inside open shadow roots -----------------

    static Locator launcher(Page page) {
        return page.locator("[data-causette=launcher]");
    }

    static Locator panel(Page page) {
        return page.locator("[data-causette=panel]");
    }

    static Locator input(Page page) {
        return page.locator("[data-causette=input]");
    }

    static Locator messages(Page page, String role) {
        return page.locator("[data-causette=message][data-role=" + role + "]");
    }

    /** The visitor's messages with exactly this text. */
    static Locator visitorSaid(Page page, String text) {
        // Playwright hands the pattern to JavaScript: escape it the JavaScript way, not with Pattern.quote's \\Q…\\E.
        String literal = text.replaceAll("[\\\\^$.*+?()\\[\\]{}|/]", "\\\\$0");
        return messages(page, "visitor").filter(new Locator.FilterOptions().setHas(
                page.locator(".b", new Page.LocatorOptions().setHasText(java.util.regex.Pattern.compile("^" + literal + "$")))));
    }

    /** The data-causette (and class) of what has the keyboard focus, looking into the widget's shadow root. */
    static String focused(Page page) {
        return (String) page.evaluate("() => { let e = document.activeElement;"
                + " while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;"
                + " return e ? (e.getAttribute('data-causette') || e.className || e.tagName) : null; }");
    }

    static Object storage(Page page, String key) {
        return page.evaluate("k => localStorage.getItem(k)", "causette:demo:" + key);
    }
}
