package nl.spuk.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
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
 * The screens added for Meldingen, the allocation a municipality can still ask for, and removing an upload: the
 * header's unread count (in the link's accessible name), the list with its read marks and links, the allocation on
 * the home page, beside the draft's budget and on the ministry's decision form, and "Verwijderen" with its
 * confirmation; axe on each, screenshots at desktop and phone width.
 */
class WebNotificationsAndAllocationTest {
    private static final byte[] PDF = "%PDF-1.7\n% plan\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final String GRONINGEN = "GM0014";
    private static LocalServer server;
    private static ApiClient anonymous;

    @BeforeAll
    static void ownServer() throws Exception {
        SharedLocalServer.stop();
        server = LocalServer.start(LocalServer.Options.forTests(Files.createTempDirectory("spuk-web-notes")));
        anonymous = new ApiClient(server.baseUri());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void meldingenAllocationAndRemovingAnUpload() throws Exception {
        WebBrowser.assumeAvailable();
        // an award for Groningen through the API: it commits € 9.000,00 of 2025 and notifies the municipality twice
        ApiClient ministry = anonymous.as("ministry-1", "ministry", null);
        ok(ministry.put("/v1/municipalities/" + GRONINGEN + "/allocations/2025", Map.of("amountCents", 2_000_000)));
        ok(ministry.put("/v1/municipalities/" + GRONINGEN + "/allocations/2026", Map.of("amountCents", 1_000_000)));
        ApiClient official = anonymous.as("municipality", "municipality", GRONINGEN);
        String awarded = submittedAndAdvised(official, "Mantelzorg Groningen 2025", 1_000_000);
        ok(ministry.post("/v1/applications/" + awarded + "/decision", Map.of("outcome", "AWARD",
                "awardedCents", Map.of("2025", 900_000), "motivation", "Past binnen de regeling")));
        ok(anonymous.as("ministry-2", "ministry", null).post("/v1/applications/" + awarded + "/decision/approve", null));
        awaitUnread(official, 2);

        try (WebBrowser browser = WebBrowser.launch(server.baseUri())) {
            browser.onFailureScreenshot("meldingen", () -> {
                Page groningen = browser.signIn("municipality", GRONINGEN);
                homePage(browser, groningen);
                notifications(browser, groningen, awarded);
                String draft = draftAboveTheHeadroom(browser, groningen, official);
                decisionForm(browser, official, draft);
                phoneWidth(browser, groningen, official, draft);
                browser.assertNoScriptErrorsOrCspViolations();
            });
        }
    }

    private static void homePage(WebBrowser browser, Page groningen) {
        assertThat(groningen.locator("h1")).hasText("Mijn aanvragen");
        assertThat(groningen.locator(".who")).containsText("Gemeente Groningen");
        Locator meldingen = meldingenLink(groningen);
        assertThat(meldingen).hasAccessibleName(Pattern.compile("^Meldingen\\s*,\\s*2\\s+ongelezen$"));
        Locator allocation = groningen.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Middelen van uw gemeente per jaar"));
        assertThat(allocation.locator("tbody tr")).hasCount(2);
        assertThat(allocation.locator("tbody tr").first()).hasText(Pattern.compile(
                "2025\\s*€\\s20\\.000,00\\s*€\\s9\\.000,00\\s*€\\s11\\.000,00"));
        assertThat(allocation.locator("tbody tr").nth(1)).hasText(Pattern.compile("2026\\s*€\\s10\\.000,00\\s*€\\s0,00\\s*€\\s10\\.000,00"));
        browser.screenshot(groningen, "30-start-middelen-en-meldingen");
        browser.assertAccessible(groningen, "home page with the allocation and the unread count");
    }

    private static void notifications(WebBrowser browser, Page groningen, String awarded) {
        meldingenLink(groningen).click();
        assertThat(groningen.locator("h1")).hasText("Meldingen");
        Locator items = groningen.locator("ol.notifications > li");
        assertThat(items).hasCount(2);
        // newest first: the award after the advice; both unread, visibly and in words
        assertThat(items.first()).containsText("Subsidie toegekend");
        assertThat(items.nth(1)).containsText("Advies gegeven");
        assertThat(groningen.locator(".notification__badge")).hasCount(2);
        assertThat(items.first().locator(".notification__badge")).hasText("Ongelezen");
        assertThat(items.first().locator("time")).hasText(Pattern.compile("^\\d{1,2} [a-z]+ 20\\d\\d, \\d\\d:\\d\\d$"));
        browser.screenshot(groningen, "31-meldingen");
        browser.assertAccessible(groningen, "notifications, two unread");

        items.nth(1).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Markeer als gelezen")).click();
        assertThat(items.nth(1).locator(".notification__badge")).hasCount(0);
        assertThat(meldingenLink(groningen)).hasAccessibleName(Pattern.compile("^Meldingen\\s*,\\s*1\\s+ongelezen$"));

        // opening a notification goes to its application and marks it read
        items.first().getByRole(AriaRole.LINK).click();
        groningen.waitForURL(browser.url("/aanvragen/" + awarded));
        assertThat(groningen.locator("h1")).hasText("Mantelzorg Groningen 2025");
        assertThat(meldingenLink(groningen)).hasAccessibleName(Pattern.compile("^Meldingen$"));
        meldingenLink(groningen).click();
        assertThat(groningen.locator(".notification__badge")).hasCount(0);
        assertThat(groningen.getByText("U heeft alle meldingen gelezen.")).isVisible();
        assertThat(groningen.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Alles als gelezen markeren"))).hasCount(0);
        browser.assertAccessible(groningen, "notifications, all read");
    }

    /** A draft asking € 15.000,00 for 2025 while € 11.000,00 is left: the form warns, and an upload is removed again. */
    private static String draftAboveTheHeadroom(WebBrowser browser, Page groningen, ApiClient official) {
        String id = created(official, "Tweede plan Groningen", 1_500_000);
        groningen.navigate(browser.url("/aanvragen/" + id + "/bewerken"));
        assertThat(groningen.locator("h1")).hasText("Aanvraag bewerken");
        Locator beside = groningen.locator("table:has(caption:text('Gevraagd en nog beschikbaar per jaar'))");
        assertThat(beside.locator("tbody tr").first()).hasText(Pattern.compile(
                "2025\\s*€\\s20\\.000,00\\s*€\\s9\\.000,00\\s*€\\s11\\.000,00\\s*€\\s15\\.000,00 \\(te hoog\\)"));
        Locator warning = groningen.locator(".allocation-beside .utrecht-alert--warning");
        assertThat(warning).containsText("U vraagt voor 2025 € 15.000,00, maar er is nog € 11.000,00 beschikbaar");
        groningen.locator("#veld-activities-0-budgetCents").fill("11.000,00");
        assertThat(warning).hasCount(0);
        groningen.locator("#veld-activities-0-budgetCents").fill("15.000,00");
        assertThat(warning).isVisible();

        // an upload, removed again after a confirmation that names it
        groningen.locator("#veld-documents").setInputFiles(new FilePayload("verkeerd-plan.pdf", "application/pdf", PDF));
        groningen.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Uploaden")).click();
        Locator documents = groningen.locator("table:has(caption:text('Documenten bij deze aanvraag'))");
        assertThat(documents).containsText("verkeerd-plan.pdf");
        assertThat(documents.locator("tbody tr").first()).containsText("huidige versie");
        browser.screenshot(groningen, "32-concept-boven-beschikbaar");
        browser.assertAccessible(groningen, "draft above the headroom, with an upload");

        Locator remove = groningen.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verwijderen: verkeerd-plan.pdf"));
        remove.click();
        Locator dialog = groningen.getByRole(AriaRole.ALERTDIALOG);
        assertThat(dialog).containsText("U verwijdert ‘verkeerd-plan.pdf’ (plan) uit deze aanvraag.");
        assertThat(dialog).containsText("Zonder plan kunt u de aanvraag niet indienen");
        browser.screenshotViewport(groningen, "33-document-verwijderen-bevestigen");
        browser.assertAccessible(groningen, "draft with the removal's confirmation open");
        groningen.keyboard().press("Escape");
        assertThat(documents).containsText("verkeerd-plan.pdf");
        remove.click();
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Document verwijderen")).click();
        assertThat(groningen.getByText("‘verkeerd-plan.pdf’ is verwijderd.")).isVisible();
        assertThat(documents).containsText("Er zijn nog geen documenten.");
        assertThat(official.get("/v1/applications/" + id + "/documents").json().get("items")).isEmpty();
        browser.assertAccessible(groningen, "draft after removing the upload");
        return id;
    }

    /** The ministry decides with the municipality's allocation beside the award, warned above the headroom. */
    private static void decisionForm(WebBrowser browser, ApiClient official, String id) throws Exception {
        official.upload(id, "PLAN", "plan.pdf", PDF);
        ok(official.post("/v1/applications/" + id + "/submit", null));
        ok(anonymous.as("advisor", "advisor", null).post("/v1/applications/" + id + "/advice",
                Map.of("outcome", "POSITIVE", "summary", "Goed plan")));
        Page mo = browser.signIn("ministry-1", null);
        mo.navigate(browser.url("/aanvragen/" + id));
        Locator table = mo.locator("table:has(caption:text('Toegewezen en nog beschikbaar voor Groningen'))");
        assertThat(table.locator("tbody tr").first()).hasText(Pattern.compile(
                "2025\\s*€\\s20\\.000,00\\s*€\\s9\\.000,00\\s*€\\s11\\.000,00\\s*€\\s15\\.000,00 \\(te hoog\\)"));
        assertThat(mo.locator("#besluit-voorstellen .utrecht-alert--warning"))
                .containsText("U kent voor 2025 € 15.000,00 toe, maar er is nog € 11.000,00 beschikbaar");
        mo.locator("#toekenning-2025").fill("11.000,00");
        assertThat(mo.locator("#besluit-voorstellen .utrecht-alert--warning")).hasCount(0);
        browser.screenshot(mo, "34-besluit-met-middelen");
        browser.assertAccessible(mo, "decision form with the allocation");
        mo.context().close();
    }

    private static void phoneWidth(WebBrowser browser, Page groningen, ApiClient official, String draft) {
        groningen.setViewportSize(390, 844);
        groningen.navigate(browser.url("/aanvragen"));
        // each year's figures stack, named, so what is left is on screen without scrolling sideways
        Locator headroom = groningen.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Middelen van uw gemeente per jaar")).locator("tbody tr")
                .first().locator("td").nth(2);
        assertThat(headroom).hasText("€ 11.000,00");
        var box = headroom.boundingBox();
        assertThat(box.x + box.width).as("right edge of what is left").isLessThanOrEqualTo(390);
        browser.screenshot(groningen, "35-start-390");
        browser.assertAccessible(groningen, "home page at phone width");
        String third = created(official, "Derde plan Groningen", 1_200_000);
        groningen.navigate(browser.url("/aanvragen/" + third + "/bewerken"));
        assertThat(groningen.locator(".allocation-beside .utrecht-alert--warning")).containsText("U vraagt voor 2025 € 12.000,00");
        assertThat(groningen.evaluate("() => document.documentElement.scrollWidth")).as("page width at 390 px").isEqualTo(390);
        browser.screenshot(groningen, "38-concept-390");
        browser.assertAccessible(groningen, "draft form at phone width");
        groningen.navigate(browser.url("/meldingen"));
        // the second plan's advice came meanwhile
        assertThat(groningen.locator("ol.notifications > li")).hasCount(3);
        browser.screenshot(groningen, "36-meldingen-390");
        browser.assertAccessible(groningen, "notifications at phone width");
        groningen.navigate(browser.url("/aanvragen/" + draft));
        assertThat(groningen.locator("h1")).hasText("Tweede plan Groningen");
        browser.screenshot(groningen, "37-aanvraag-390");
    }

    private static Locator meldingenLink(Page page) {
        return page.locator("nav[aria-label='Hoofdmenu'] a[href='/meldingen']");
    }

    // ---- set-up through the API

    private static String created(ApiClient official, String title, long cents2025) {
        Response r = official.post("/v1/applications", Map.of("title", title, "years", List.of(2025),
                "activities", List.of(Map.of("theme", "VERLICHTEN", "title", "Respijtzorg",
                        "description", "Logeeropvang", "budgetCents", Map.of("2025", cents2025))),
                "contact", Map.of("name", "J. de Vries", "email", "j.devries@example.nl")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private static String submittedAndAdvised(ApiClient official, String title, long cents2025) throws Exception {
        String id = created(official, title, cents2025);
        official.upload(id, "PLAN", "plan.pdf", PDF);
        ok(official.post("/v1/applications/" + id + "/submit", null));
        ok(anonymous.as("advisor", "advisor", null).post("/v1/applications/" + id + "/advice",
                Map.of("outcome", "POSITIVE", "summary", "Goed plan")));
        return id;
    }

    /** The notifier works from the table's stream: wait until the municipality has its notifications. */
    private static void awaitUnread(ApiClient official, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (official.get("/v1/notifications").json().get("items").size() < count) {
            assertThat(Instant.now()).as(count + " notifications").isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private static Response ok(Response r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 299);
        return r;
    }
}
