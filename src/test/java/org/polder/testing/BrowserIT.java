package org.polder.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Base of the browser tests: Playwright driving Debian's Chromium ({@code /usr/bin/chromium},
 * headless, no background networking). Skipped where Chromium is not installed; CI installs it.
 */
public abstract class BrowserIT extends PolderIT {

    static final Path CHROMIUM = Path.of(System.getProperty("polder.test.chromium", "/usr/bin/chromium"));

    private static Playwright playwright;
    private static Browser browser;
    private final List<BrowserContext> contexts = new ArrayList<>();

    @BeforeAll
    static void launch() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM + ": skipping browser tests");
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                        "--no-first-run", "--disable-sync", "--disable-quic")));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        browser = null;
        playwright = null;
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    /** A fresh browser (own cookies) with the given language, logged in as the user. */
    protected Page loggedIn(String username, String language) {
        Page page = browserFor(language);
        page.navigate(url("/login"));
        page.fill("#username", username);
        page.fill("#password", Fixtures.PASSWORD);
        page.click("form[action='/login'] button[type=submit]");
        page.waitForURL(u -> !u.contains("/login"));
        return page;
    }

    protected Page browserFor(String language) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setLocale(language).setExtraHTTPHeaders(Map.of("Accept-Language", language)).setViewportSize(1200, 900));
        context.setDefaultTimeout(15_000);
        contexts.add(context);
        return context.newPage();
    }

    protected String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
