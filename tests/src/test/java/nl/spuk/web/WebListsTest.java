package nl.spuk.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import nl.spuk.it.SharedLocalServer;
import nl.spuk.local.ApiClient;
import nl.spuk.local.ApiClient.Response;
import nl.spuk.local.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lists, navigation and forms in headless Chromium: searching and paging the ministry's and the advisory team's
 * lists on the server, a deep link opened signed out that returns after signing in, the draft form asking before
 * unsaved work is left, amounts shown as Dutch write them, and the same screens on a 390 px phone — axe on each.
 * Screenshots go to {@code tests/target/screenshots/} (prefix 2x). A server of its own, as {@link WebUiTest} has.
 */
class WebListsTest {
    private static final byte[] PDF = "%PDF-1.7\n% plan\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final int PAGE_SIZE = 25;

    private static LocalServer server;

    @BeforeAll
    static void ownServer() throws Exception {
        SharedLocalServer.stop();
        server = LocalServer.start(LocalServer.Options.forTests(Files.createTempDirectory("spuk-web-lists")));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void listsPageOnTheServerDeepLinksReturnAndTheDraftFormGuardsUnsavedWork() throws Exception {
        WebBrowser.assumeAvailable();
        URI base = server.baseUri();
        ApiClient api = new ApiClient(base);
        String mark = "Lijstproef " + UUID.randomUUID().toString().substring(0, 6);
        ApiClient ministryApi = api.as("ministerie-seed", "ministry", null);
        for (int year = 2025; year <= 2026; year++) {
            Response set = ministryApi.put("/v1/municipalities/GM0203/allocations/" + year, Map.of("amountCents", 90_000_000L));
            assertThat(set.status()).as(set.body()).isEqualTo(200);
        }
        ApiClient official = api.as("medewerker-gm0203", "municipality", "GM0203");
        for (int i = 1; i <= PAGE_SIZE + 1; i++) {
            submitted(official, String.format("%s %02d", mark, i));
        }
        Response draft = official.post("/v1/applications", plan(mark + " concept", 1_250_000L));
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        String draftId = draft.json().get("id").asText();

        try (WebBrowser browser = WebBrowser.launch(base)) {
            browser.onFailureScreenshot("lijsten", () -> {
                Page mo = deepLinkReturnsAfterSigningIn(browser);
                ministrySearchesAndPages(browser, mo, mark);
                advisorQueuePages(browser, mark);
                draftFormAsksBeforeLeaving(browser, draftId);
                onAPhone(browser, mo, mark);
            });
            browser.assertNoScriptErrorsOrCspViolations();
        }
    }

    private static Page deepLinkReturnsAfterSigningIn(WebBrowser browser) {
        Page mo = browser.newPage();
        mo.navigate(browser.url("/aanvragen?herkomst=mail"));
        assertThat(mo.locator("h1")).hasText("Inloggen (lokale demo)");
        mo.locator("#who-ministry-1").check();
        mo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Inloggen")).click();
        assertThat(mo.locator("main h1")).hasText("Aanvragen");
        assertThat(mo).hasURL(Pattern.compile(".*/aanvragen\\?herkomst=mail$"));
        return mo;
    }

    private static void ministrySearchesAndPages(WebBrowser browser, Page mo, String mark) {
        mo.locator("#aanvragen-zoeken").fill(mark.toUpperCase());
        mo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Zoeken")).click();
        Locator rows = mo.locator("table tbody tr");
        assertThat(mo.locator("caption")).containsText("pagina 1");
        assertThat(rows).hasCount(PAGE_SIZE);
        assertThat(rows.first()).containsText(String.format("%s %02d", mark, PAGE_SIZE + 1));
        assertThat(rows.first()).containsText("€ 13.500,00");
        browser.screenshot(mo, "20-aanvragen-zoeken");
        browser.assertAccessible(mo, "applications searched");

        mo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Volgende pagina")).click();
        assertThat(mo.locator("caption")).containsText("pagina 2");
        assertThat(rows).hasCount(1);
        assertThat(rows.first()).containsText(String.format("%s %02d", mark, 1));
        assertThat(mo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Volgende pagina"))).isDisabled();
        mo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Vorige pagina")).click();
        assertThat(rows).hasCount(PAGE_SIZE);

        mo.locator("#aanvragen-sorteren").selectOption("createdAt");
        assertThat(rows.first()).containsText(String.format("%s %02d", mark, 1));
        mo.locator("#aanvragen-zoeken").fill("geen-aanvraag-heet-zo");
        mo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Zoeken")).click();
        assertThat(rows.first()).containsText("Geen aanvragen gevonden");
        browser.assertAccessible(mo, "applications, nothing found");
    }

    private static void advisorQueuePages(WebBrowser browser, String mark) {
        Page advisor = browser.signIn("advisor", null);
        assertThat(advisor.locator("main h1")).hasText("Beoordelingswachtrij");
        advisor.locator("#wachtrij-zoeken").fill(mark);
        advisor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Zoeken")).click();
        Locator rows = advisor.locator("table tbody tr");
        assertThat(rows).hasCount(PAGE_SIZE);
        assertThat(rows.first()).containsText(String.format("%s %02d", mark, 1));
        advisor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Volgende pagina")).click();
        assertThat(rows).hasCount(1);
        browser.screenshot(advisor, "21-wachtrij-pagina-2");
        browser.assertAccessible(advisor, "review queue, page 2");
        advisor.context().close();
    }

    private static void draftFormAsksBeforeLeaving(WebBrowser browser, String draftId) {
        Page official = browser.signIn("municipality", "GM0203");
        official.navigate(browser.url("/aanvragen/" + draftId + "/bewerken"));
        assertThat(official.locator("main h1")).hasText("Aanvraag bewerken");
        Locator budget = official.locator("#veld-activities-0-budgetCents");
        assertThat(budget).hasValue("12.500,00");
        browser.assertAccessible(official, "draft form");

        official.locator("#veld-title").fill("Een titel die nog niet is opgeslagen");
        official.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Mijn aanvragen")).click();
        Locator dialog = official.getByRole(AriaRole.ALERTDIALOG);
        assertThat(dialog).containsText("Pagina verlaten zonder op te slaan?");
        browser.screenshotViewport(official, "22-concept-verlaten-vragen");
        browser.assertAccessible(official, "leave dialog");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Annuleren")).click();
        assertThat(official.locator("main h1")).hasText("Aanvraag bewerken");
        assertThat(official.locator("#veld-title")).hasValue("Een titel die nog niet is opgeslagen");

        official.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Concept opslaan")).click();
        assertThat(official.locator(".save-status")).containsText("Het concept is opgeslagen.");
        assertThat(budget).hasValue("12.500,00");
        official.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Mijn aanvragen")).click();
        assertThat(official.locator("main h1")).hasText("Mijn aanvragen");

        official.navigate(browser.url("/aanvragen/" + draftId + "/bewerken"));
        official.locator("#veld-title").fill("Weer gewijzigd");
        official.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Mijn aanvragen")).click();
        official.getByRole(AriaRole.ALERTDIALOG).getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Verlaten zonder opslaan")).click();
        assertThat(official.locator("main h1")).hasText("Mijn aanvragen");
        official.context().close();
    }

    private static void onAPhone(WebBrowser browser, Page mo, String mark) {
        mo.setViewportSize(390, 844);
        mo.locator("#aanvragen-zoeken").fill(mark);
        mo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Zoeken")).click();
        assertThat(mo.locator("table tbody tr")).hasCount(PAGE_SIZE);
        assertWithinScreen(mo.locator("caption").first(), "the list's caption");
        browser.screenshot(mo, "23-aanvragen-390px");
        browser.assertAccessible(mo, "applications at 390 px");

        mo.navigate(browser.url("/dashboard"));
        Locator download = mo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Download als Excel"));
        download.waitFor();
        assertWithinScreen(download, "the Excel download");
        assertWithinScreen(mo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("CSV downloaden")), "the CSV download");
        assertWithinScreen(mo.locator("#gemeenten-tabel caption"), "the municipalities' caption");
        browser.screenshot(mo, "24-dashboard-390px");
        browser.assertAccessible(mo, "dashboard at 390 px");
    }

    private static void assertWithinScreen(Locator element, String what) {
        element.scrollIntoViewIfNeeded();
        BoundingBox box = element.boundingBox();
        assertThat(box).as(what).isNotNull();
        assertThat(box.x).as(what + " starts on screen").isGreaterThanOrEqualTo(0);
        assertThat(box.x + box.width).as(what + " ends on a 390 px screen").isLessThanOrEqualTo(390);
    }

    private static Map<String, Object> plan(String title, long cents2025) {
        return Map.of("title", title, "years", List.of(2025, 2026),
                "activities", List.of(Map.of("theme", "VERLICHTEN", "title", "Respijtzorg",
                        "description", "Logeeropvang", "budgetCents", Map.of("2025", cents2025, "2026", 100_000L))),
                "contact", Map.of("name", "J. de Vries", "email", "j.devries@example.nl"));
    }

    /** A plan created, its PDF uploaded and checked, and submitted. */
    private static void submitted(ApiClient official, String title) throws Exception {
        Response created = official.post("/v1/applications", plan(title, 1_250_000L));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        Response announced = official.post("/v1/applications/" + id + "/documents", Map.of(
                "fileName", "plan.pdf", "contentType", "application/pdf", "sizeBytes", PDF.length, "kind", "PLAN"));
        assertThat(announced.status()).as(announced.body()).isEqualTo(201);
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(announced.json().get("uploadUrl").asText()))
                .header("Content-Type", "application/pdf").PUT(HttpRequest.BodyPublishers.ofByteArray(PDF)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        Response submitted;
        do {
            // an upload counts as soon as its PUT has answered; a submission right after may still wait a moment
            submitted = official.post("/v1/applications/" + id + "/submit", null);
        } while (submitted.status() != 200 && Instant.now().isBefore(deadline) && pause());
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        JsonNode status = submitted.json().get("status");
        assertThat(status.asText()).isEqualTo("IN_REVIEW");
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(100);
        return true;
    }
}
