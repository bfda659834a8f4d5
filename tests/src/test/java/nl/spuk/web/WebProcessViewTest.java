package nl.spuk.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Mouse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import nl.spuk.it.SharedLocalServer;
import nl.spuk.local.ApiClient;
import nl.spuk.local.ApiClient.Response;
import nl.spuk.local.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The process view of an awarded application (set up through the API): the BPMN's Dutch names in the diagram, each
 * task's label inside its task and no label over another, the legend, the zoom buttons (by mouse and keyboard) that
 * keep the diagram in its box, dragging that cannot lose it, and a phone's width without sideways page scroll; axe on
 * each, screenshots at desktop and phone width. The whole-lifecycle test in {@link WebUiTest} runs the same checks
 * on a settled application.
 */
class WebProcessViewTest {
    private static final byte[] PDF = "%PDF-1.7\n% plan\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final String GRONINGEN = "GM0014";
    private static LocalServer server;
    private static ApiClient anonymous;

    @BeforeAll
    static void ownServer() throws Exception {
        SharedLocalServer.stop();
        server = LocalServer.start(LocalServer.Options.forTests(Files.createTempDirectory("spuk-web-process")));
        anonymous = new ApiClient(server.baseUri());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void processViewOfAnAwardedApplication() throws Exception {
        WebBrowser.assumeAvailable();
        ApiClient ministry = anonymous.as("ministry-1", "ministry", null);
        ok(ministry.put("/v1/municipalities/" + GRONINGEN + "/allocations/2025", Map.of("amountCents", 2_000_000)));
        ApiClient official = anonymous.as("municipality", "municipality", GRONINGEN);
        String id = created(official, "Mantelzorg Groningen 2025", 1_000_000);
        official.upload(id, "PLAN", "plan.pdf", PDF);
        ok(official.post("/v1/applications/" + id + "/submit", null));
        ok(anonymous.as("advisor", "advisor", null).post("/v1/applications/" + id + "/advice",
                Map.of("outcome", "POSITIVE", "summary", "Goed plan")));
        ok(ministry.post("/v1/applications/" + id + "/decision", Map.of("outcome", "AWARD",
                "awardedCents", Map.of("2025", 900_000), "motivation", "Past binnen de regeling")));
        ok(anonymous.as("ministry-2", "ministry", null).post("/v1/applications/" + id + "/decision/approve", null));

        try (WebBrowser browser = WebBrowser.launch(server.baseUri())) {
            browser.onFailureScreenshot("processchema", () -> {
                Page groningen = browser.signIn("municipality", GRONINGEN);
                groningen.navigate(browser.url("/aanvragen/" + id + "/proces"));
                assertThat(groningen.locator("h1")).hasText("Processchema: Mantelzorg Groningen 2025");
                assertThat(groningen.locator("[data-element-id=PREPARE].step-done")).hasCount(1);
                assertThat(groningen.locator("[data-element-id=REVIEW].step-done")).hasCount(1);
                assertThat(groningen.locator("[data-element-id=APPROVE_DECISION].step-done")).hasCount(1);
                assertThat(groningen.locator(".djs-element.step-current")).not().hasCount(0);
                assertThat(groningen.locator(".steps__item[aria-current=step]").first()).containsText("(nu)");
                namesZoomAndNarrowWidth(browser, groningen, "40");
            });
            browser.assertNoScriptErrorsOrCspViolations();
        }
    }

    /** The checks of the diagram itself, on a process view already open at desktop width. */
    static void namesZoomAndNarrowWidth(WebBrowser browser, Page utrecht, String prefix) {
        assertThat(utrecht.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Legenda")))
                .hasText(Pattern.compile("Huidige stap.*Gedaan.*Nog niet"));
        // The BPMN's own Dutch names, as the diagram shows them (its line breaks joined again)
        assertThat(diagramLabel(utrecht, "REVIEW")).isEqualTo("Plan beoordelen en adviseren");
        assertThat(diagramLabel(utrecht, "REPORT")).isEqualTo("Jaarverantwoording indienen");
        assertThat(diagramLabel(utrecht, "APPROVE_SETTLEMENT")).isEqualTo("Eindafrekening goedkeuren of terugsturen (vier ogen)");
        assertThat(diagramLabel(utrecht, "ReviewTakesLong")).isEqualTo("Beoordelingstermijn verstreken");
        List<String> misfits = labelMisfits(utrecht);

        // Zoom: the whole diagram on load; in, out and back to the whole, by mouse and keyboard, never off-screen
        Locator zoomIn = utrecht.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Inzoomen"));
        Locator zoomOut = utrecht.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Uitzoomen"));
        Locator whole = utrecht.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Hele schema tonen"));
        assertDiagramFits(utrecht);
        assertThat(zoomOut).isDisabled();
        double fitWidth = diagramBox(utrecht)[2];
        zoomIn.click();
        zoomIn.focus();
        utrecht.keyboard().press("Enter");
        utrecht.keyboard().press("Space");
        assertThat(diagramBox(utrecht)[2]).isGreaterThan(fitWidth * 1.5);
        assertDiagramFillsOrFits(utrecht);
        Locator canvas = utrecht.locator(".process__canvas");
        var c = canvas.boundingBox();
        utrecht.mouse().move(c.x + c.width / 2, c.y + c.height / 2);
        utrecht.mouse().down();
        utrecht.mouse().move(c.x + c.width / 2 + 4000, c.y + c.height / 2 + 3000, new Mouse.MoveOptions().setSteps(10));
        utrecht.mouse().up();
        utrecht.waitForTimeout(800);
        assertThat(diagramBox(utrecht)[2]).as("still zoomed in after dragging").isGreaterThan(fitWidth * 1.5);
        assertDiagramFillsOrFits(utrecht);
        browser.screenshot(utrecht, prefix + "a-processchema-ingezoomd");
        for (int i = 0; i < 10 && zoomOut.isEnabled(); i++) {
            zoomOut.click();
        }
        assertDiagramFits(utrecht);
        zoomIn.click();
        whole.click();
        assertDiagramFits(utrecht);
        browser.screenshot(utrecht, prefix + "-processchema");
        browser.assertAccessible(utrecht, "process diagram");

        // A phone's width: the diagram pans within its box, the page does not scroll sideways
        utrecht.setViewportSize(390, 844);
        utrecht.reload();
        assertThat(utrecht.locator(".djs-element.step-current")).not().hasCount(0);
        utrecht.waitForTimeout(300);
        assertThat(((Number) utrecht.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")).intValue())
                .as("sideways page scroll at 390 px").isLessThanOrEqualTo(0);
        var narrow = canvas.boundingBox();
        assertThat(narrow.x).isGreaterThanOrEqualTo(0);
        assertThat(narrow.x + narrow.width).isLessThanOrEqualTo(390);
        assertDiagramFits(utrecht);
        zoomIn.click();
        zoomIn.click();
        assertDiagramFillsOrFits(utrecht);
        assertThat(((Number) utrecht.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")).intValue())
                .isLessThanOrEqualTo(0);
        browser.screenshot(utrecht, prefix + "b-processchema-390-ingezoomd");
        whole.click();
        assertDiagramFits(utrecht);
        browser.screenshot(utrecht, prefix + "c-processchema-390");
        browser.assertAccessible(utrecht, "process diagram at 390 px");
        utrecht.setViewportSize(1280, 900);

        assertThat(misfits).as("labels that do not fit their shapes or overlap").isEmpty();
    }

    /** What a diagram element's label reads, its lines joined (a line broken at a hyphen joins without it). */
    private static String diagramLabel(Page page, String elementId) {
        return (String) page.locator("[data-element-id=" + elementId + "] text, [data-element-id=" + elementId + "_label] text").first().evaluate(
                "t => [...t.querySelectorAll('tspan')].map(s => s.textContent.trim()).join('\\n')"
                        + ".replaceAll('\\u00AD', '').replace(/-\\n/g, '').replace(/\\s+/g, ' ').trim()");
    }

    /** Task labels wider or taller than their task, external labels that overlap a shape or another label. */
    @SuppressWarnings("unchecked")
    private static List<String> labelMisfits(Page page) {
        return (List<String>) page.evaluate("""
                () => {
                  const out = [];
                  const box = (e) => e.getBoundingClientRect();
                  const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1
                      && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
                  for (const g of document.querySelectorAll('.djs-shape[data-element-id]:not([data-element-id$="_label"])')) {
                    const rect = g.querySelector('.djs-visual > rect');
                    const text = g.querySelector('.djs-visual > text');
                    if (!rect || !text || g.querySelector('.djs-visual > rect').getAttribute('width') > 300) continue;
                    const r = box(rect), t = box(text);
                    if (t.left < r.left - 1 || t.right > r.right + 1 || t.top < r.top - 1 || t.bottom > r.bottom + 1)
                      out.push('task label ' + g.dataset.elementId + ' overflows its shape');
                  }
                  const labels = [...document.querySelectorAll('.djs-shape[data-element-id$="_label"]')]
                      .filter((g) => g.textContent.trim());
                  const shapes = [...document.querySelectorAll('.djs-shape[data-element-id]:not([data-element-id$="_label"])')]
                      .filter((g) => !(g.querySelector('.djs-visual > rect')?.getAttribute('width') > 300));
                  for (let i = 0; i < labels.length; i++) {
                    const a = box(labels[i].querySelector('text'));
                    for (let j = i + 1; j < labels.length; j++)
                      if (overlap(a, box(labels[j].querySelector('text'))))
                        out.push(labels[i].dataset.elementId + ' overlaps ' + labels[j].dataset.elementId);
                    for (const s of shapes)
                      if (overlap(a, box(s.querySelector('.djs-visual > *'))))
                        out.push(labels[i].dataset.elementId + ' overlaps shape ' + s.dataset.elementId);
                  }
                  return out;
                }""");
    }

    /** The diagram's box on the screen: x, y, width, height. */
    private static double[] diagramBox(Page page) {
        page.waitForTimeout(100);
        @SuppressWarnings("unchecked")
        List<Number> b = (List<Number>) page.evaluate("() => { const r = document.querySelector('.djs-container svg .viewport').getBoundingClientRect();"
                + " return [r.x, r.y, r.width, r.height]; }");
        return b.stream().mapToDouble(Number::doubleValue).toArray();
    }

    /** The whole diagram inside its box. */
    private static void assertDiagramFits(Page page) {
        double[] d = diagramBox(page);
        var c = page.locator(".process__canvas").boundingBox();
        assertThat(d[0]).as("diagram left").isGreaterThanOrEqualTo(c.x - 2);
        assertThat(d[1]).as("diagram top").isGreaterThanOrEqualTo(c.y - 2);
        assertThat(d[0] + d[2]).as("diagram right").isLessThanOrEqualTo(c.x + c.width + 2);
        assertThat(d[1] + d[3]).as("diagram bottom").isLessThanOrEqualTo(c.y + c.height + 2);
        assertThat(d[2]).as("diagram width").isGreaterThan(c.width * 0.5);
    }

    /** Zoomed in: along each axis the diagram either fills its box or lies wholly inside it, never beside it. */
    private static void assertDiagramFillsOrFits(Page page) {
        double[] d = diagramBox(page);
        var c = page.locator(".process__canvas").boundingBox();
        assertAxis(d[0], d[2], c.x, c.width, "horizontally");
        assertAxis(d[1], d[3], c.y, c.height, "vertically");
    }

    private static void assertAxis(double pos, double size, double boxPos, double boxSize, String how) {
        if (size <= boxSize) {
            assertThat(pos).as("diagram within its box " + how).isBetween(boxPos - 2, boxPos + boxSize - size + 2);
        } else {
            assertThat(pos).as("diagram fills its box " + how).isBetween(boxPos + boxSize - size - 2, boxPos + 2);
        }
    }

    private static String created(ApiClient official, String title, long cents2025) {
        Response r = official.post("/v1/applications", Map.of("title", title, "years", List.of(2025),
                "activities", List.of(Map.of("theme", "VERLICHTEN", "title", "Respijtzorg",
                        "description", "Logeeropvang", "budgetCents", Map.of("2025", cents2025))),
                "contact", Map.of("name", "J. de Vries", "email", "j.devries@example.nl")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private static Response ok(Response r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 299);
        return r;
    }
}
