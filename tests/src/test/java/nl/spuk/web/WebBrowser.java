package nl.spuk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium, driven by Playwright for Java without any browser download, with what the browser tests share:
 * one signed-in page per person, screenshots kept under {@code tests/target/screenshots/}, an axe-core check for
 * WCAG 2.1 A and AA, and the console errors a page logged (a Content-Security-Policy violation shows up there).
 */
final class WebBrowser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** axe-core from the web module's own npm install (its devDependency). */
    private static final Path AXE = Path.of("..", "web", "node_modules", "axe-core", "axe.min.js");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Playwright playwright;
    private final Browser browser;
    private final URI base;
    private final String axeSource;
    private final List<String> consoleErrors = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger axeChecks = new AtomicInteger();

    private WebBrowser(Playwright playwright, Browser browser, URI base, String axeSource) {
        this.playwright = playwright;
        this.browser = browser;
        this.base = base;
        this.axeSource = axeSource;
    }

    /** Skips the calling test (a JUnit assumption) where there is no Chromium or no built web module. */
    static void assumeAvailable() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "browser tests need Debian's Chromium at /usr/bin/chromium (apt-get install -y chromium); skipped");
        Assumptions.assumeTrue(Files.isRegularFile(AXE),
                "browser tests need web/node_modules (the web module's npm ci); skipped");
    }

    static WebBrowser launch(URI base) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM)
                    .setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage")));
            return new WebBrowser(playwright, browser, base, Files.readString(AXE, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh browser session (its own cookies and storage), at the given window width. */
    Page newPage() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(1280, 900)
                .setLocale("nl-NL")
                .setTimezoneId("Europe/Amsterdam")
                .setAcceptDownloads(true));
        context.setDefaultTimeout(15_000);
        Page page = context.newPage();
        page.onConsoleMessage(m -> {
            if (m.type().equals("error")) {
                consoleErrors.add(m.text());
            }
        });
        page.onPageError(e -> consoleErrors.add("page error: " + e));
        return page;
    }

    String url(String path) {
        return base.resolve(path).toString();
    }

    /** Signs in on the local login page as one of its demo people ({@code municipality}, {@code advisor}, ...). */
    Page signIn(String who, String municipalityCode) {
        Page page = newPage();
        page.navigate(url("/"));
        page.getByRole(AriaRole.HEADING,
                new Page.GetByRoleOptions().setName("Inloggen (lokale demo)")).waitFor();
        page.locator("#who-" + who).check();
        if (municipalityCode != null) {
            page.locator("select#gemeente option[value='" + municipalityCode + "']").waitFor(
                    new Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED));
            page.locator("select#gemeente").selectOption(municipalityCode);
        }
        page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Inloggen")).click();
        page.locator("main h1").waitFor();
        page.waitForFunction("() => !location.pathname.startsWith('/inloggen')");
        return page;
    }

    /** Steps of a test; when one fails, every open page is kept as a screenshot {@code failed-NAME-N.png}. */
    void onFailureScreenshot(String name, Steps steps) throws Exception {
        try {
            steps.run();
        } catch (Exception | AssertionError e) {
            int n = 0;
            for (BrowserContext context : browser.contexts()) {
                for (Page page : context.pages()) {
                    screenshot(page, "failed-" + name + "-" + ++n);
                }
            }
            throw e;
        }
    }

    /** Test steps that may throw. */
    interface Steps {
        void run() throws Exception;
    }

    /** A full-page screenshot, kept as test output. */
    void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    /** What the window shows, as a screenshot: for a modal dialog, which stays put while the page scrolls. */
    void screenshotViewport(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
    }

    /** Runs axe-core on the page; fails with every WCAG 2.1 A/AA violation found. */
    void assertAccessible(Page page, String what) {
        page.waitForLoadState();
        page.evaluate(axeSource);
        Object result = page.evaluate("async () => JSON.stringify(await axe.run(document, {"
                + "runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},"
                + "resultTypes: ['violations']}))");
        try {
            JsonNode json = JSON.readTree(result.toString());
            JsonNode violations = json.get("violations");
            if (!violations.isEmpty()) {
                StringBuilder report = new StringBuilder(what + ": " + violations.size() + " WCAG violation(s)");
                for (JsonNode v : violations) {
                    report.append("\n- ").append(v.get("id").asText()).append(": ").append(v.get("help").asText());
                    for (JsonNode node : v.get("nodes")) {
                        report.append("\n    ").append(node.get("target")).append(" ").append(node.path("failureSummary").asText().replace('\n', ' '));
                    }
                }
                fail(report.toString());
            }
            axeChecks.incrementAndGet();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many pages passed the axe check so far. */
    int pagesChecked() {
        return axeChecks.get();
    }

    /**
     * No script errors and no Content-Security-Policy violations so far. Refused requests (a 403, a 409) are
     * logged by the browser too; those are expected answers, shown on screen, and not counted here.
     */
    void assertNoScriptErrorsOrCspViolations() {
        List<String> errors;
        synchronized (consoleErrors) {
            errors = consoleErrors.stream().filter(e -> !e.startsWith("Failed to load resource")).toList();
        }
        assertThat(errors).as("script errors and CSP violations in the browser console").isEmpty();
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
