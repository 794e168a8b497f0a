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
@org.junit.jupiter.api.Tag("browser")
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

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.context.MessageSource messages;

    /** What the page says in that language for the message key, with its arguments filled in. */
    protected String text(String language, String key, Object... args) {
        return messages.getMessage(key, args, java.util.Locale.forLanguageTag(language));
    }

    /** The words of a message before its first argument: for texts whose arguments a test does not know. */
    protected String textBefore(String language, String key) {
        String whole = messages.getMessage(key, null, java.util.Locale.forLanguageTag(language));
        int argument = whole.indexOf('{');
        return (argument < 0 ? whole : whole.substring(0, argument)).replace("''", "'").strip();
    }

    /** A message as a pattern, each of its arguments standing for any text: for texts whose arguments a test does not know. */
    protected java.util.regex.Pattern textPattern(String language, String key) {
        String whole = messages.getMessage(key, null, java.util.Locale.forLanguageTag(language)).replace("''", "'");
        String[] parts = whole.split("\\{\\d+(,[^}]*)?}", -1);
        StringBuilder pattern = new StringBuilder(literal(parts[0]));
        for (int i = 1; i < parts.length; i++) {
            pattern.append(".+?").append(literal(parts[i]));
        }
        return java.util.regex.Pattern.compile(pattern.toString());
    }

    /** Text as a regular expression that both Java and the browser read alike (no \Q…\E, which JavaScript lacks). */
    private static String literal(String text) {
        return text.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\$0");
    }

    protected String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
