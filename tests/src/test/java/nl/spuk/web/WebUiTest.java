package nl.spuk.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import nl.spuk.it.SharedLocalServer;
import nl.spuk.local.LocalServer;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web UI in headless Chromium against a local server of its own: the whole lifecycle of one application through
 * the screens of all three roles, asserting what is on screen at each step, with axe-core on every page, a
 * keyboard-only pass through the draft form, and how the local server serves the UI's files. Every binding step asks
 * for a confirmation first: the tests read what its dialog says, cancel it (Escape, Annuleren) and see that nothing was
 * sent, then confirm. Screenshots go to {@code tests/target/screenshots/}. A server of its own because the test moves
 * the workflow clock.
 */
class WebUiTest {
    private static final byte[] PDF = "%PDF-1.7\n% plan\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalServer server;

    @BeforeAll
    static void ownServer() throws Exception {
        SharedLocalServer.stop();
        server = LocalServer.start(LocalServer.Options.forTests(Files.createTempDirectory("spuk-web")));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void wholeLifecycleThroughTheScreensOfAllThreeRoles() throws Exception {
        WebBrowser.assumeAvailable();
        try (WebBrowser browser = WebBrowser.launch(server.baseUri())) {
            browser.onFailureScreenshot("lifecycle", () -> {
                Page login = browser.newPage();
                login.navigate(browser.url("/aanvragen"));
                assertThat(login.locator("h1")).hasText("Inloggen (lokale demo)");
                assertThat(login.locator("select#gemeente option")).hasCount(342);
                browser.screenshot(login, "00-inloggen");
                browser.assertAccessible(login, "login");
                login.context().close();

                Page mo = browser.signIn("ministry-1", null);
                allocationsWithCsvImport(browser, mo);

                Page utrecht = browser.signIn("municipality", "GM0344");
                String id = draftUploadAndSubmit(browser, utrecht);

                Page advisor = browser.signIn("advisor", null);
                hoursUpToTheCapAndChangesRequested(browser, advisor, id);

                revise(browser, utrecht, id);
                adviseWithWrittenAdvice(browser, advisor, id);

                Page lotte = browser.signIn("ministry-2", null);
                awardWithFourEyes(browser, mo, lotte, id);

                moveClock(Instant.now().plusSeconds(5));
                reportAndReview(browser, utrecht, mo, id);
                settle(browser, mo, lotte, id);
                lettersAndHistory(browser, utrecht, id);
                dashboard(browser, lotte);
                processDiagram(browser, utrecht, id);
            });
            assertThat(browser.pagesChecked()).isGreaterThanOrEqualTo(15);
            browser.assertNoScriptErrorsOrCspViolations();
        }
    }

    private static void allocationsWithCsvImport(WebBrowser browser, Page mo) {
        assertThat(mo.locator("h1")).hasText("Werkvoorraad");
        browser.assertAccessible(mo, "ministry work (empty)");
        mo.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Toewijzingen")).click();
        assertThat(mo.locator("h1")).hasText("Toewijzingen per gemeente");

        mo.locator("#csv-tekst").fill("code,year,amountCents\nGM9999,2025,100\nGM0344,2031,12x\n");
        mo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Inlezen")).click();
        assertThat(mo.getByText("Er is niets ingelezen: het bestand bevat 3 fouten.")).isVisible();
        Locator report = mo.locator("table:has(caption:text('Fouten per regel')) tbody tr");
        assertThat(report).hasCount(3);
        assertThat(report.nth(0)).containsText("Onbekende gemeentecode ‘GM9999’");
        assertThat(report.nth(1)).containsText("Kies een jaar van 2023 tot en met 2026");
        assertThat(report.nth(2)).containsText("Vul een bedrag in hele centen in");
        browser.screenshot(mo, "01-toewijzingen-csv-fouten");
        browser.assertAccessible(mo, "allocations with the import's error report");

        mo.locator("#csv-tekst").fill("code,year,amountCents\nGM0344,2025,2000000\nGM0344,2026,2000000\n");
        mo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Inlezen")).click();
        assertThat(mo.getByText("2 toewijzingen ingelezen.")).isVisible();
        // the same figure as an Excel workbook, in euros with Dutch headers
        mo.locator("#csv-bestand").setInputFiles(new FilePayload("toewijzingen.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", allocationWorkbook()));
        assertThat(mo.getByText("Gekozen werkmap: toewijzingen.xlsx.")).isVisible();
        mo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Inlezen")).click();
        assertThat(mo.getByText("1 toewijzingen ingelezen.")).isVisible();

        mo.locator("#toewijzing-jaar").selectOption("2025");
        mo.locator("#toewijzing-zoeken").fill("GM0344");
        Locator row = mo.locator("tr:has(th:text-is('Utrecht'))");
        assertThat(row).containsText("€ 20.000,00");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Toewijzing 2025 van Utrecht wijzigen")).click();
        mo.locator("#toewijzing-GM0344").fill("25.000,00");
        mo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Opslaan")).click();
        assertThat(row).containsText("€ 25.000,00");
        browser.screenshot(mo, "02-toewijzingen");
    }

    /** A workbook as people keep allocations: Utrecht's 2026 allocation, € 20.000,00. */
    private static byte[] allocationWorkbook() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Workbook wb = new Workbook(out, "SPUK-test", "1.0");
            Worksheet sheet = wb.newWorksheet("Toewijzingen");
            sheet.value(0, 0, "CBS-code");
            sheet.value(0, 1, "Jaar");
            sheet.value(0, 2, "Toegewezen");
            sheet.value(1, 0, "GM0344");
            sheet.value(1, 1, 2026);
            sheet.value(1, 2, 20000);
            wb.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String draftUploadAndSubmit(WebBrowser browser, Page utrecht) {
        assertThat(utrecht.locator("h1")).hasText("Mijn aanvragen");
        assertThat(utrecht.getByText("U heeft nog geen aanvragen.")).isVisible();
        assertThat(utrecht.locator("#uren-label")).containsText("Gebruikt: 0 van 25 uur");
        browser.assertAccessible(utrecht, "my applications (none yet)");

        utrecht.locator("main").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Nieuwe aanvraag")).click();
        assertThat(utrecht.locator("h1")).hasText("Nieuwe aanvraag");
        browser.assertAccessible(utrecht, "new draft");
        utrecht.locator("#veld-title").fill("Mantelzorg dichtbij in Utrecht");
        utrecht.locator("#veld-jaar-2026").uncheck();
        utrecht.locator("#veld-jaar-2025").check();
        utrecht.locator("#veld-activities-0-theme").selectOption("VERLICHTEN");
        utrecht.locator("#veld-activities-0-title").fill("Respijtzorg op maat");
        utrecht.locator("#veld-activities-0-description").fill("Logeeropvang en dagbesteding voor de naaste");
        utrecht.locator("#veld-activities-0-budgetCents").fill("12.500,00");
        assertThat(utrecht.locator(".totals")).containsText("2025: € 12.500,00");
        utrecht.locator("#veld-contact-email").fill("mantelzorg@utrecht.example");
        utrecht.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Concept opslaan")).click();

        assertThat(utrecht.locator("h1")).hasText("Aanvraag bewerken");
        assertThat(utrecht.getByText("Het concept is opgeslagen. Voeg het plan toe")).isVisible();
        String id = utrecht.url().replaceAll(".*/aanvragen/([^/]+)/bewerken$", "$1");

        // submitting asks first, saying what is asked of whom; Escape sends nothing and gives focus back
        List<String> sent = commandsSent(utrecht);
        Locator submit = utrecht.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Aanvraag indienen"));
        submit.click();
        Locator dialog = confirmation(utrecht, "Aanvraag indienen?");
        assertThat(dialog).containsText("U dient ‘Mantelzorg dichtbij in Utrecht’ in bij het Adviesteam Mantelzorg. U vraagt € 12.500,00 voor 2025.");
        assertThat(dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Annuleren"))).isFocused();
        browser.assertAccessible(utrecht, "draft with the submission's confirmation open");
        utrecht.keyboard().press("Escape");
        assertThat(dialog).hasCount(0);
        assertThat(submit).isFocused();
        utrecht.waitForTimeout(500);
        assertThat(sent).as("requests after Escape").isEmpty();
        assertThat(utrecht.locator(".error-summary")).hasCount(0);

        // submitted without a plan: every missing item next to its field
        submit.click();
        confirm(utrecht, "Aanvraag indienen");
        assertThat(utrecht.locator(".error-summary")).containsText("De aanvraag is nog niet compleet");
        assertThat(utrecht.locator("#veld-documents-error")).hasText("Upload het plan (een document van het soort ‘Plan’).");
        assertThat(utrecht.locator("#veld-documents")).hasAttribute("aria-invalid", "true");
        browser.screenshot(utrecht, "03-concept-niet-compleet");
        browser.assertAccessible(utrecht, "draft with the completeness check's errors");

        // text under a .pdf name: the upload check refuses it and the page says why, in Dutch
        utrecht.locator("#veld-documents").setInputFiles(new FilePayload("plan-utrecht.pdf", "application/pdf",
                "Dit is geen pdf.".getBytes(StandardCharsets.UTF_8)));
        utrecht.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Uploaden")).click();
        assertThat(utrecht.locator("#veld-documents-error")).hasText("Het bestand is geweigerd. Het bestand is aangemeld als "
                + "pdf-bestand, maar de inhoud is geen pdf-bestand.");

        utrecht.evaluate("() => { window.sawProgress = false; new MutationObserver(() => {"
                + " if (document.querySelector('[role=progressbar]')) window.sawProgress = true; })"
                + ".observe(document.body, {subtree: true, childList: true, attributes: true}); }");
        utrecht.locator("#veld-documents").setInputFiles(new FilePayload("plan-utrecht.pdf", "application/pdf", PDF));
        utrecht.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Uploaden")).click();
        assertThat(utrecht.getByText("plan-utrecht.pdf is ontvangen.")).isVisible();
        assertThat(utrecht.locator("table:has(caption:text('Documenten bij deze aanvraag'))")).containsText("plan-utrecht.pdf");
        assertThat(utrecht.evaluate("() => window.sawProgress")).isEqualTo(true);
        assertThat(utrecht.locator("#veld-documents-error")).hasCount(0);

        submit.click();
        confirm(utrecht, "Aanvraag indienen");
        assertThat(utrecht.getByText("Uw aanvraag is ingediend.")).isVisible();
        assertThat(utrecht.locator(".subtitle .utrecht-status-badge")).hasText("In beoordeling");
        assertThat(utrecht.locator("#samenvatting")).containsText("Beoordeling uiterlijk");
        browser.screenshot(utrecht, "04-ingediend");
        browser.assertAccessible(utrecht, "application page after submission");
        return id;
    }

    private static void hoursUpToTheCapAndChangesRequested(WebBrowser browser, Page advisor, String id) {
        assertThat(advisor.locator("h1")).hasText("Beoordelingswachtrij");
        Locator row = advisor.locator("tbody tr", new Page.LocatorOptions().setHasText("Mantelzorg dichtbij in Utrecht"));
        assertThat(row).containsText("Utrecht");
        assertThat(row).not().containsText("verlopen"); // judged by the workflow's date the task list names
        browser.screenshot(advisor, "05-wachtrij");
        browser.assertAccessible(advisor, "review queue");

        row.getByRole(AriaRole.LINK).click();
        assertThat(advisor.locator("h1")).hasText("Mantelzorg dichtbij in Utrecht");
        for (int logged = 1; logged <= 3; logged++) {
            logHours(advisor, "8");
            assertThat(advisor.getByText("Geboekt. De gemeente heeft nog " + (25 - 8 * logged) + " van de 25 gratis uren.")).isVisible();
        }
        assertThat(advisor.locator("#uren-label")).containsText("Gebruikt: 24 van 25 uur · nog 1 uur over");

        logHours(advisor, "1,5");
        assertThat(advisor.locator("#adviesuren [role=alert]")).containsText(
                "Deze boeking past niet binnen de 25 gratis adviesuren van deze gemeente: er resteren nog 1 uur. Boek hoogstens 1 uur.");
        assertThat(advisor.locator("#uren-label")).containsText("Gebruikt: 24 van 25 uur");
        browser.screenshot(advisor, "06-adviesuren-plafond");
        browser.assertAccessible(advisor, "application page with the hour cap's refusal");

        advisor.locator("#advies-CHANGES_REQUESTED").check();
        advisor.locator("#advies-samenvatting").fill("Maak het budget per aandachtspunt concreter.");
        advisor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Advies geven")).click();
        assertThat(confirmation(advisor, "Om aanpassing vragen?")).containsText(
                "De aanvraag gaat terug naar de gemeente Utrecht, met uw samenvatting als verzoek om aanpassing.");
        confirm(advisor, "Om aanpassing vragen");
        assertThat(advisor.locator(".subtitle .utrecht-status-badge")).hasText("Aanpassing gevraagd");

        advisor.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Alle aanvragen")).click();
        assertThat(advisor.locator("tbody tr", new Page.LocatorOptions().setHasText("Mantelzorg dichtbij in Utrecht")))
                .containsText("Aanpassing gevraagd");
        browser.assertAccessible(advisor, "all applications (advisor)");
        advisor.navigate(browser.url("/aanvragen/" + id + "/proces"));
        assertThat(advisor.locator("[data-element-id=REVISE].step-current")).hasCount(1);
        assertThat(advisor.locator("[data-element-id=REVIEW].step-done")).hasCount(1);
        browser.screenshot(advisor, "06b-processchema-aanpassing");
    }

    private static void logHours(Page advisor, String hours) {
        advisor.locator("#uren-aantal").fill(hours);
        advisor.locator("#uren-thema").selectOption("RESPIJTZORG");
        advisor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Uren boeken")).click();
    }

    private static void revise(WebBrowser browser, Page utrecht, String id) {
        utrecht.navigate(browser.url("/aanvragen"));
        assertThat(utrecht.locator("tbody tr", new Page.LocatorOptions().setHasText("Mantelzorg dichtbij")))
                .containsText("Plan aanpassen en opnieuw indienen");
        browser.assertAccessible(utrecht, "my applications with a change request");
        utrecht.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Mantelzorg dichtbij in Utrecht")).click();
        utrecht.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Plan aanpassen en opnieuw indienen")).click();
        assertThat(utrecht.locator(".utrecht-alert--warning")).containsText("Maak het budget per aandachtspunt concreter.");
        utrecht.locator("#veld-activities-0-budgetCents").fill("10.000,00");
        utrecht.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Aanvraag indienen")).click();
        assertThat(confirmation(utrecht, "Aanvraag opnieuw indienen?")).containsText(
                "U dient ‘Mantelzorg dichtbij in Utrecht’ opnieuw in bij het Adviesteam Mantelzorg. U vraagt € 10.000,00 voor 2025.");
        confirm(utrecht, "Aanvraag opnieuw indienen");
        assertThat(utrecht.locator(".subtitle .utrecht-status-badge")).hasText("In beoordeling");
        assertThat(utrecht.locator("#samenvatting")).containsText("2025: € 10.000,00");
        assertThat(utrecht.locator("#adviesuren")).containsText("Gebruikt: 24 van 25 uur");
    }

    private static void adviseWithWrittenAdvice(WebBrowser browser, Page advisor, String id) {
        advisor.navigate(browser.url("/aanvragen/" + id));
        advisor.locator("#advies-POSITIVE").check();
        advisor.locator("#advies-samenvatting").fill("Een sterk plan; de begroting is nu concreet.");
        advisor.locator("#advies-document").setInputFiles(new FilePayload("advies.pdf", "application/pdf", PDF));
        advisor.locator("#advies-geven").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Uploaden")).click();
        assertThat(advisor.getByText("Het schriftelijk advies is bijgevoegd.")).isVisible();
        advisor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Advies geven")).click();
        assertThat(confirmation(advisor, "Positief advies geven?")).containsText(
                "Uw positieve advies is definitief. De gemeente Utrecht en het ministerie krijgen het direct");
        confirm(advisor, "Positief advies geven");
        assertThat(advisor.locator(".subtitle .utrecht-status-badge")).hasText("Advies gegeven");
        assertThat(advisor.locator("#advies")).containsText("Positief");
        assertThat(advisor.locator("#advies").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Downloaden: advies.pdf"))).isVisible();
    }

    private static void awardWithFourEyes(WebBrowser browser, Page mo, Page lotte, String id) {
        mo.navigate(browser.url("/werkvoorraad"));
        assertThat(mo.locator("#voorstellen")).containsText("Mantelzorg dichtbij in Utrecht");
        browser.assertAccessible(mo, "ministry work with a decision to propose");
        mo.locator("#voorstellen").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Mantelzorg dichtbij in Utrecht")).click();
        assertThat(mo.locator("#toekenning-2025")).hasValue("10.000,00");
        mo.locator("#besluit-voorwaarden").fill("Verantwoording per aandachtspunt.");
        mo.locator("#besluit-motivering").fill("Positief advies van het adviesteam.");
        browser.assertAccessible(mo, "propose a decision");
        mo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Besluit voorstellen")).click();
        Locator proposal = confirmation(mo, "Besluit voorstellen?");
        assertThat(proposal).containsText("U stelt voor de gemeente Utrecht € 10.000,00 voor 2025 toe te kennen.");
        assertThat(proposal).containsText("Pas na die goedkeuring ontvangt de gemeente het besluit.");
        confirm(mo, "Besluit voorstellen");
        assertThat(mo.locator(".subtitle .utrecht-status-badge")).hasText("Besluit voorgesteld");

        // four eyes: told before the click, and the refusal in Dutch when clicked anyway
        assertThat(mo.locator("#besluit-goedkeuren .utrecht-alert--warning"))
                .containsText("Vier ogen: u heeft dit besluit zelf voorgesteld.");
        mo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Besluit goedkeuren")).click();
        assertThat(mo.getByRole(AriaRole.ALERTDIALOG)).hasCount(0);
        assertThat(mo.locator("#besluit-goedkeuren [role=alert]")).containsText(
                "Vier ogen: u heeft dit besluit zelf voorgesteld. Een andere medewerker van het ministerie moet het goedkeuren of terugsturen. Er is niets gewijzigd.");
        assertThat(mo.locator(".subtitle .utrecht-status-badge")).hasText("Besluit voorgesteld");
        browser.screenshot(mo, "07-vier-ogen");
        browser.assertAccessible(mo, "four-eyes refusal");
        // on the proposer's own work list the approval is marked as a colleague's, on the other's it is theirs to do
        mo.navigate(browser.url("/werkvoorraad"));
        assertThat(mo.locator("#goedkeuren")).containsText("Door u voorgesteld — een collega keurt goed");

        lotte.navigate(browser.url("/werkvoorraad"));
        assertThat(lotte.locator("#goedkeuren")).containsText("Besluit goedkeuren (vier ogen)");
        assertThat(lotte.locator("#goedkeuren")).not().containsText("Door u voorgesteld");
        lotte.locator("#goedkeuren").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Mantelzorg dichtbij in Utrecht")).click();
        assertThat(lotte.locator("#besluit-goedkeuren")).containsText("Voorgesteld door Mo Bakker");

        // the award letter goes out at once: the dialog says so; Annuleren sends nothing, the status stays
        List<String> sent = commandsSent(lotte);
        Locator approve = lotte.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Besluit goedkeuren"));
        approve.click();
        Locator dialog = confirmation(lotte, "Besluit goedkeuren?");
        assertThat(dialog).containsText("Het besluit wordt definitief. De gemeente Utrecht ontvangt direct de beschikking over € 10.000,00.");
        browser.assertAccessible(lotte, "decision approval with its confirmation open");
        browser.screenshotViewport(lotte, "14-bevestigen-besluit");
        lotte.setViewportSize(390, 844);
        assertWithinViewport(lotte, dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Besluit goedkeuren")));
        assertWithinViewport(lotte, dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Annuleren")));
        browser.screenshotViewport(lotte, "14b-bevestigen-besluit-telefoon");
        browser.assertAccessible(lotte, "decision approval with its confirmation open, on a phone");
        lotte.setViewportSize(1280, 900);
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Annuleren")).click();
        assertThat(dialog).hasCount(0);
        assertThat(approve).isFocused();
        lotte.waitForTimeout(500);
        assertThat(sent).as("requests after Annuleren").isEmpty();
        lotte.reload();
        assertThat(lotte.locator(".subtitle .utrecht-status-badge")).hasText("Besluit voorgesteld");

        approve.click();
        confirm(lotte, "Besluit goedkeuren");
        assertThat(lotte.locator(".subtitle .utrecht-status-badge")).hasText("Toegekend");
        assertThat(lotte.locator("#brieven")).containsText("Beschikking (toekenningsbrief)");
        assertThat(lotte.locator("#besluit")).containsText("Lotte Jansen");
        assertThat(lotte.locator("#samenvatting")).containsText(Pattern.compile("Kenmerk\\s*SPUK-\\d{4}-\\d{5}"));
    }

    private static void reportAndReview(WebBrowser browser, Page utrecht, Page mo, String id) {
        mo.navigate(browser.url("/werkvoorraad"));
        assertThat(mo.locator("#te-laat")).containsText("Te late verantwoording opvragen 2025");
        assertThat(mo.locator("#te-laat")).containsText("15 juli 2026 (verlopen)");
        browser.screenshot(mo, "08-werkvoorraad-te-laat");

        utrecht.navigate(browser.url("/aanvragen"));
        assertThat(utrecht.locator("#deadlines")).containsText("Jaarverantwoording indienen 2025");
        assertThat(utrecht.locator("#deadlines")).containsText("15 juli 2026 (verlopen)");
        assertThat(utrecht.locator("table").first()).containsText(Pattern.compile("Kenmerk.*SPUK-\\d{4}-\\d{5}"));
        browser.screenshot(utrecht, "09-mijn-aanvragen-deadlines");
        browser.assertAccessible(utrecht, "my applications with a report deadline");
        chaseOverdueReport(browser, mo);
        utrecht.navigate(browser.url("/aanvragen/" + id));
        assertThat(utrecht.locator("#verantwoording")).containsText("1 maart 2027 (verlengd)");

        utrecht.navigate(browser.url("/aanvragen/" + id));
        utrecht.locator("#verantwoording-2025-VINDEN").fill("2.000,00");
        utrecht.locator("#verantwoording-2025-VERSTERKEN").fill("1.000,00");
        utrecht.locator("#verantwoording-2025-VERLICHTEN").fill("5.000,00");
        utrecht.locator("#verantwoording-2025-VERBINDEN").fill("1.000,00");
        utrecht.locator("#verantwoording-2025-mantelzorgers").fill("140");
        utrecht.locator("#verantwoording-2025-respijt").fill("320,5");
        utrecht.locator("#verantwoording-2025-toelichting").fill("Logeeropvang voor 40 gezinnen, dagbesteding voor 100 naasten.");
        utrecht.locator("#verantwoording-2025-document").setInputFiles(new FilePayload("verslag-2025.pdf", "application/pdf", PDF));
        utrecht.locator("#verantwoording").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Uploaden")).click();
        assertThat(utrecht.getByText("Het document is bijgevoegd.")).isVisible();
        browser.assertAccessible(utrecht, "report form");
        utrecht.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verantwoording 2025 indienen")).click();
        assertThat(confirmation(utrecht, "Verantwoording 2025 indienen?")).containsText(
                "U dient de verantwoording 2025 van de gemeente Utrecht in bij het ministerie: € 9.000,00 besteed, 140 mantelzorgers bereikt, 320,5 uur respijtzorg.");
        confirm(utrecht, "Verantwoording 2025 indienen");
        assertThat(utrecht.locator("#verantwoording")).containsText("Ingediend, wacht op beoordeling");
        assertThat(utrecht.locator("#verantwoording")).containsText("€ 9.000,00");
        // the report's attachment, with its download
        assertThat(utrecht.locator("#verantwoording")).containsText("Bijlage");
        assertThat(utrecht.locator("#verantwoording").getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Downloaden: verslag-2025.pdf"))).isVisible();
        browser.screenshot(utrecht, "09b-verantwoording-met-bijlage");

        mo.navigate(browser.url("/werkvoorraad"));
        assertThat(mo.locator("#verantwoordingen")).containsText("Jaarverantwoording beoordelen 2025");
        assertThat(mo.locator("#te-laat")).containsText("Niets te doen.");
        mo.locator("#verantwoordingen").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Mantelzorg dichtbij in Utrecht")).click();
        rejectAndResubmit(browser, utrecht, mo, id);

        mo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verantwoording 2025 accepteren")).click();
        assertThat(confirmation(mo, "Verantwoording 2025 accepteren?")).containsText(
                "De verantwoording 2025 van de gemeente Utrecht wordt definitief geaccepteerd: € 9.000,00 besteed telt mee voor de eindafrekening.");
        confirm(mo, "Verantwoording 2025 accepteren");
        assertThat(mo.locator("#verantwoording")).containsText("Geaccepteerd");
    }

    /**
     * The ministry chases the overdue report: a reminder to the one municipality, one to all of the year (each confirmed
     * first), then a later due date in the extension dialog, which refuses an empty reason before sending anything.
     */
    private static void chaseOverdueReport(WebBrowser browser, Page mo) {
        mo.navigate(browser.url("/werkvoorraad"));
        Locator late = mo.locator("#te-laat");
        late.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Herinnering sturen aan Utrecht over 2025")).click();
        assertThat(confirmation(mo, "Herinnering sturen aan Utrecht?")).containsText("de verantwoording 2025 te laat is (uiterlijk 15 juli 2026)");
        confirm(mo, "Herinnering sturen");
        assertThat(late.locator(".utrecht-alert")).containsText("Herinnering over de verantwoording 2025 verstuurd aan Utrecht.");
        browser.screenshot(mo, "08b-herinnering-verstuurd");
        browser.assertAccessible(mo, "overdue reports after a reminder");

        late.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Herinner alle te late verantwoordingen over 2025")).click();
        confirm(mo, "Herinner alle gemeenten over 2025");
        assertThat(late.locator(".utrecht-alert")).containsText("1 herinnering over 2025 verstuurd.");

        late.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Termijn verlengen voor Utrecht, verantwoording 2025")).click();
        Locator dialog = mo.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Termijn verlengen: verantwoording 2025"));
        assertThat(dialog).isVisible();
        List<String> sent = commandsSent(mo);
        dialog.getByLabel("Nieuwe uiterste datum").fill("2027-03-01");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Termijn verlengen").setExact(true)).click();
        assertThat(dialog).containsText("Schrijf op waarom de termijn wordt verlengd");
        assertThat(sent).as("nothing is sent without a reason").isEmpty();
        browser.screenshotViewport(mo, "08c-termijn-verlengen");
        browser.assertAccessible(mo, "extension dialog with a missing reason");
        dialog.getByLabel("Reden van de verlenging").fill("De projectleider van de gemeente was langdurig ziek.");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Termijn verlengen").setExact(true)).click();
        assertThat(dialog).hasCount(0);
        assertThat(late.locator(".utrecht-alert")).containsText("is verlengd tot 1 maart 2027");
        assertThat(late).containsText("Niets te doen.");
        browser.screenshot(mo, "08d-termijn-verlengd");
    }

    /**
     * The ministry rejects the report (a reason first, then the confirmation); the municipality finds it flagged on
     * its home page, follows the link to the form, reads the reason above it, finds its figures filled in, and
     * submits again.
     */
    private static void rejectAndResubmit(WebBrowser browser, Page utrecht, Page mo, String id) {
        String reason = "De toelichting noemt geen aantallen per aandachtspunt.";
        mo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Afkeuren…")).click();
        Locator reject = mo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verantwoording 2025 afkeuren"));
        reject.click();
        assertThat(mo.getByRole(AriaRole.ALERTDIALOG)).hasCount(0);
        assertThat(mo.locator("#afkeuren-2025-reden-error")).hasText(
                "Schrijf op waarom u de verantwoording afkeurt; de gemeente krijgt deze reden te zien.");
        mo.locator("#afkeuren-2025-reden").fill(reason);
        reject.click();
        assertThat(confirmation(mo, "Verantwoording 2025 afkeuren?")).containsText(
                "De gemeente Utrecht krijgt direct bericht dat haar verantwoording 2025 is afgekeurd, met uw reden: ‘" + reason + "’.");
        browser.assertAccessible(mo, "report rejection with its confirmation open");
        confirm(mo, "Verantwoording 2025 afkeuren");
        assertThat(mo.locator("#verantwoording")).containsText("Afgekeurd, opnieuw indienen");
        assertThat(mo.locator("#verantwoording")).containsText(reason);

        utrecht.navigate(browser.url("/aanvragen"));
        Locator flag = utrecht.locator(".utrecht-alert--warning");
        assertThat(flag).containsText("Verantwoording 2025 afgekeurd — opnieuw indienen (Mantelzorg dichtbij in Utrecht). Reden van het ministerie: " + reason);
        assertThat(utrecht.locator("#deadlines")).containsText("Verantwoording 2025 afgekeurd — opnieuw indienen");
        assertThat(utrecht.locator("table:has(caption:text('Aanvragen van uw gemeente')) tbody tr"))
                .containsText("Verantwoording 2025 afgekeurd — opnieuw indienen (uiterlijk 1 maart 2027)");
        browser.screenshot(utrecht, "15a-mijn-aanvragen-afgekeurd");
        browser.assertAccessible(utrecht, "my applications with a rejected report");
        flag.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Verantwoording 2025 afgekeurd — opnieuw indienen")).click();
        assertThat(utrecht).hasURL(Pattern.compile("/aanvragen/" + id + "#verantwoording-2025$"));
        assertThat(utrecht.locator("#verantwoording-2025")).isFocused();

        Locator warning = utrecht.locator("#verantwoording .utrecht-alert--warning");
        assertThat(warning).containsText("Het ministerie heeft uw verantwoording 2025 afgekeurd");
        assertThat(warning).containsText("Reden: " + reason);
        assertThat(utrecht.locator("#verantwoording-2025-VINDEN")).hasValue("2.000,00");
        assertThat(utrecht.locator("#verantwoording-2025-VERSTERKEN")).hasValue("1.000,00");
        assertThat(utrecht.locator("#verantwoording-2025-VERLICHTEN")).hasValue("5.000,00");
        assertThat(utrecht.locator("#verantwoording-2025-VERBINDEN")).hasValue("1.000,00");
        assertThat(utrecht.locator("#verantwoording-2025-mantelzorgers")).hasValue("140");
        assertThat(utrecht.locator("#verantwoording-2025-respijt")).hasValue("320,5");
        assertThat(utrecht.locator("#verantwoording-2025-toelichting")).hasValue("Logeeropvang voor 40 gezinnen, dagbesteding voor 100 naasten.");
        // the warning stands above the form
        assertThat(utrecht.locator("#verantwoording .utrecht-alert--warning + form")).hasCount(1);
        // what the link shows: the year's report at the top of the window, the reason first
        browser.screenshotViewport(utrecht, "15-verantwoording-afgekeurd");
        browser.assertAccessible(utrecht, "rejected report's form, filled in again");
        utrecht.setViewportSize(390, 844);
        utrecht.locator("#verantwoording-2025").scrollIntoViewIfNeeded();
        utrecht.evaluate("() => document.getElementById('verantwoording-2025').scrollIntoView({block: 'start'})");
        assertWithinViewport(utrecht, warning);
        browser.screenshotViewport(utrecht, "15b-verantwoording-afgekeurd-telefoon");
        utrecht.setViewportSize(1280, 900);

        utrecht.locator("#verantwoording-2025-toelichting").fill(
                "Vinden 2.000, versterken 1.000, verlichten 5.000 (logeeropvang voor 40 gezinnen, dagbesteding voor 100 naasten), verbinden 1.000.");
        utrecht.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verantwoording 2025 indienen")).click();
        assertThat(confirmation(utrecht, "Verantwoording 2025 opnieuw indienen?")).containsText("€ 9.000,00 besteed");
        confirm(utrecht, "Verantwoording 2025 indienen");
        assertThat(utrecht.locator("#verantwoording")).containsText("Ingediend, wacht op beoordeling");

        mo.reload();
        assertThat(mo.locator("#verantwoording")).containsText("Ingediend, wacht op beoordeling");
    }

    private static void settle(WebBrowser browser, Page mo, Page lotte, String id) {
        mo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Eindafrekening voorstellen")).click();
        assertThat(mo.locator("#eindafrekening")).containsText("Terug te vorderen: € 1.000,00");
        assertThat(mo.locator("#eindafrekening .utrecht-alert--warning")).containsText("u heeft deze eindafrekening zelf voorgesteld");
        browser.assertAccessible(mo, "proposed settlement");

        lotte.navigate(browser.url("/aanvragen/" + id));
        assertThat(lotte.locator("#eindafrekening")).containsText("Voorgesteld door Mo Bakker");
        lotte.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Eindafrekening goedkeuren")).click();
        assertThat(confirmation(lotte, "Eindafrekening goedkeuren?")).containsText("De eindafrekening wordt definitief. De gemeente Utrecht "
                + "ontvangt direct de vaststellingsbrief: de subsidie wordt vastgesteld op € 9.000,00 en € 1.000,00 wordt teruggevorderd.");
        confirm(lotte, "Eindafrekening goedkeuren");
        assertThat(lotte.locator(".subtitle .utrecht-status-badge")).hasText("Vastgesteld");
        assertThat(lotte.locator("#brieven")).containsText("Vaststellingsbrief (eindafrekening)");
        assertThat(lotte.locator("#eindafrekening")).containsText("€ 9.000,00");
        browser.screenshot(lotte, "10-vastgesteld");
    }

    private static void lettersAndHistory(WebBrowser browser, Page utrecht, String id) throws Exception {
        utrecht.navigate(browser.url("/aanvragen/" + id));
        Locator letters = utrecht.locator("#brieven li");
        assertThat(letters).hasCount(2);
        List<String> requested = new CopyOnWriteArrayList<>();
        utrecht.context().onRequest(r -> requested.add(r.url()));
        letters.first().getByRole(AriaRole.BUTTON).click();
        utrecht.waitForCondition(() -> requested.stream().anyMatch(u -> u.contains("/letters/")));
        String letter = requested.stream().filter(u -> u.contains("/letters/")).findFirst().orElseThrow();
        HttpResponse<byte[]> pdf = HTTP.send(HttpRequest.newBuilder(URI.create(letter)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        assertThat(utrecht.locator(".timeline__item")).not().hasCount(0);
        Locator timeline = utrecht.locator(".timeline");
        for (String step : new String[] {"Concept aangemaakt", "Ingediend", "Adviesuren geboekt", "Advies gegeven",
                "Besluit voorgesteld", "Besluit genomen", "Verantwoording ingediend", "Verantwoording afgekeurd", "Verantwoording geaccepteerd",
                "Eindafrekening voorgesteld", "Vastgesteld"}) {
            assertThat(timeline).containsText(step);
        }
        assertThat(timeline).containsText("Aanpassing gevraagd → In beoordeling");
        // history that reads: the timers' steps say so, details are values shown in Dutch, not Java's map text
        assertThat(timeline).containsText("Workflow (automatisch)");
        assertThat(timeline).not().containsText("{2025=");
        assertThat(timeline).not().containsText("MINISTRY");
        browser.screenshot(utrecht, "11-aanvraag-vastgesteld");
        browser.assertAccessible(utrecht, "settled application with letters and history");
    }

    private static void dashboard(WebBrowser browser, Page lotte) throws Exception {
        lotte.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Landelijk dashboard")).click();
        lotte.locator("#dashboard-jaar").selectOption("2025");
        Locator totals = lotte.locator("#totalen");
        assertThat(totals).containsText("Toegekend€ 10.000,00");
        assertThat(totals).containsText("Terugvordering€ 1.000,00");
        assertThat(totals).containsText("24 uur");
        assertThat(lotte.locator("#per-aandachtspunt canvas")).hasCount(1);
        assertThat(lotte.locator("#per-aandachtspunt [role=img]")).hasAttribute("aria-label", Pattern.compile("Besteding per aandachtspunt 2025"));
        assertThat(lotte.locator("#aandachtspunt-tabel tr:has(th:text-is('Verlichten'))")).containsText("€ 5.000,00");
        assertThat(lotte.locator("#status-tabel tr:has(th:text-is('Vastgesteld'))")).containsText("1");

        assertThat(lotte.getByText("342 van 342 gemeenten")).isVisible();
        lotte.locator("#gemeente-tonen").selectOption("awarded");
        assertThat(lotte.getByText("1 van 342 gemeenten")).isVisible();
        lotte.locator("#gemeente-tonen").selectOption("all");
        lotte.locator("#gemeenten-tabel").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Terugvordering")).click();
        assertThat(lotte.locator("#gemeenten-tabel th[aria-sort=descending]")).hasText(Pattern.compile("Terugvordering"));
        assertThat(lotte.locator("#gemeenten-tabel tbody tr").first()).containsText("Utrecht");
        lotte.locator("#gemeente-zoeken").fill("GM0344");
        assertThat(lotte.locator("#gemeenten-tabel tbody tr")).hasCount(1);
        assertThat(lotte.locator("#gemeenten-tabel tbody tr")).containsText("€ 25.000,00");
        browser.screenshot(lotte, "12-dashboard");
        browser.assertAccessible(lotte, "national dashboard");

        Download download = lotte.waitForDownload(() -> lotte.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("CSV downloaden")).click());
        assertThat(download.suggestedFilename()).isEqualTo("spuk-besteding-2025.csv");
        String csv = Files.readString(download.path());
        assertThat(csv).startsWith("code,name,allocatedCents,requestedCents,awardedCents,reportedSpentCents,reclaimCents,advisoryHoursUsed");
        assertThat(csv).contains("GM0344,Utrecht,2500000,1000000,1000000,900000,100000,24");
        assertThat(csv.strip().split("\r?\n")).hasSize(343);

        Download workbook = lotte.waitForDownload(() -> lotte.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Download als Excel")).click());
        assertThat(workbook.suggestedFilename()).isEqualTo("spuk-besteding-2025.xlsx");
        try (ReadableWorkbook book = new ReadableWorkbook(workbook.path().toFile())) {
            var utrecht = book.getFirstSheet().read().stream().filter(r -> "GM0344".equals(r.getCellText(1))).findFirst().orElseThrow();
            assertThat(utrecht.getCellText(0)).isEqualTo("Utrecht");
            assertThat(utrecht.getCell(2).asNumber()).isEqualByComparingTo("25000.00");
        }
    }

    private static void processDiagram(WebBrowser browser, Page utrecht, String id) {
        utrecht.navigate(browser.url("/aanvragen/" + id));
        utrecht.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Processchema en stappen")).click();
        assertThat(utrecht.locator("h1")).hasText("Processchema: Mantelzorg dichtbij in Utrecht");
        assertThat(utrecht.locator(".djs-element.step-done")).not().hasCount(0);
        assertThat(utrecht.locator("[data-element-id=Settled].step-current")).hasCount(1);
        assertThat(utrecht.locator("[data-element-id=PREPARE].step-done")).hasCount(1);
        assertThat(utrecht.locator(".bjs-powered-by")).isVisible();
        assertThat(utrecht.locator(".steps__item", new Page.LocatorOptions().setHasText("Plan opstellen en indienen"))).containsText("(gedaan)");
        assertThat(utrecht.locator(".steps__item", new Page.LocatorOptions().setHasText("Plan aanpassen"))).containsText("(gedaan)");
        assertThat(utrecht.locator(".steps__item[aria-current=step]")).hasText(Pattern.compile("Vastgesteld"));
        WebProcessViewTest.namesZoomAndNarrowWidth(browser, utrecht, "13");
    }

    @Test
    void draftFormByKeyboardOnly() throws Exception {
        WebBrowser.assumeAvailable();
        try (WebBrowser browser = WebBrowser.launch(server.baseUri())) {
            browser.onFailureScreenshot("keyboard", () -> keyboardPass(browser));
        }
    }

    private static void keyboardPass(WebBrowser browser) {
        Page page = browser.signIn("municipality", "GM0363");
        page.navigate(browser.url("/aanvragen/nieuw"));
        assertThat(page.locator("h1")).hasText("Nieuwe aanvraag");
        assertThat(page.locator("h1")).isFocused();

        tab(page, "veld-title");
        page.keyboard().type("Samen zorgen in Amsterdam");
        tab(page, "veld-years");
        tab(page, "veld-jaar-2024");
        tab(page, "veld-jaar-2025");
        page.keyboard().press("Space");
        tab(page, "veld-jaar-2026");
        page.keyboard().press("Space");
        assertThat(page.locator("#veld-jaar-2025")).isChecked();
        assertThat(page.locator("#veld-jaar-2026")).not().isChecked();
        tab(page, "veld-activities-0-theme");
        page.keyboard().press("ArrowDown");
        page.keyboard().press("ArrowDown");
        assertThat(page.locator("#veld-activities-0-theme")).hasValue("VERSTERKEN");
        tab(page, "veld-activities-0-title");
        page.keyboard().type("Mantelzorgcafé");
        tab(page, "veld-activities-0-description");
        page.keyboard().type("Elke maand in elk stadsdeel");
        tab(page, "veld-activities-0-budgetCents");
        page.keyboard().type("7.500");
        assertThat(page.locator(".totals")).containsText("2025: € 7.500,00");
        tabTo(page, "Activiteit 1 verwijderen");
        tab(page, "veld-activities");
        page.keyboard().press("Enter");
        assertThat(page.locator("fieldset.activity")).hasCount(2);
        assertThat(page.locator("#veld-activities")).isFocused();
        tab(page, "veld-contact-name");
        tab(page, "veld-contact-email");
        page.keyboard().type("mantelzorg@amsterdam.example");
        tabTo(page, "Concept opslaan");
        assertThat(page.locator(":focus")).isVisible();
        page.keyboard().press("Enter");

        // the empty second activity is refused; the error summary's link leads to the field
        assertThat(page.locator(".error-summary")).containsText("Activiteit 2, naam: Vul dit in.");
        assertThat(page.locator(".error-summary")).isFocused();
        page.keyboard().press("Tab");
        assertThat(page.locator(":focus")).hasText("Activiteit 2, aandachtspunt: Kies een aandachtspunt.");
        page.keyboard().press("Tab");
        assertThat(page.locator(":focus")).hasText("Activiteit 2, naam: Vul dit in.");
        page.keyboard().press("Enter");
        assertThat(page.locator("#veld-activities-1-title")).isFocused();
        tabBack(page, "veld-activities-1-theme");
        tabTo(page, "Activiteit 2 verwijderen");
        page.keyboard().press("Enter");
        assertThat(page.locator("fieldset.activity")).hasCount(1);
        tabTo(page, "Concept opslaan");
        page.keyboard().press("Enter");
        assertThat(page.locator("h1")).hasText("Aanvraag bewerken");
        assertThat(page.getByText("Het concept is opgeslagen.")).isVisible();
        assertThat(page.locator("#veld-activities-0-budgetCents")).hasValue("7.500,00");
        browser.screenshot(page, "20-toetsenbord-concept");

        // withdrawing, by keyboard: the confirmation opens on Annuleren; Escape cancels, sends nothing and gives the
        // focus back; Shift+Tab reaches the action itself
        String id = page.url().replaceAll(".*/aanvragen/([^/]+)/bewerken$", "$1");
        page.navigate(browser.url("/aanvragen/" + id));
        Locator status = page.locator(".subtitle .utrecht-status-badge");
        assertThat(status).hasText("Concept");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Aanvraag intrekken…")).click();
        page.locator("#intrekken-reden").fill("Wij dienen samen met de regio in.");
        List<String> sent = commandsSent(page);
        Locator withdraw = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Aanvraag intrekken").setExact(true));
        withdraw.focus();
        page.keyboard().press("Enter");
        Locator dialog = confirmation(page, "Aanvraag intrekken?");
        assertThat(dialog).containsText("Het concept ‘Samen zorgen in Amsterdam’ wordt definitief ingetrokken.");
        assertThat(dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Annuleren"))).isFocused();
        page.keyboard().press("Escape");
        assertThat(dialog).hasCount(0);
        assertThat(withdraw).isFocused();
        page.waitForTimeout(500);
        assertThat(sent).as("requests after Escape").isEmpty();
        assertThat(status).hasText("Concept");

        page.keyboard().press("Enter");
        confirmation(page, "Aanvraag intrekken?");
        page.keyboard().press("Shift+Tab");
        assertThat(page.locator(":focus")).hasText("Aanvraag intrekken");
        page.keyboard().press("Enter");
        assertThat(status).hasText("Ingetrokken");
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).endsWith("/v1/applications/" + id + "/withdraw");
        browser.assertNoScriptErrorsOrCspViolations();
    }

    private static void tab(Page page, String expectedId) {
        page.keyboard().press("Tab");
        assertThat(page.evaluate("() => document.activeElement.id")).as("focus after Tab").isEqualTo(expectedId);
    }

    private static void tabBack(Page page, String expectedId) {
        page.keyboard().press("Shift+Tab");
        assertThat(page.evaluate("() => document.activeElement.id")).as("focus after Shift+Tab").isEqualTo(expectedId);
    }

    /** Tabs forward, at most a few times, to the button with this text. */
    private static void tabTo(Page page, String buttonText) {
        for (int i = 0; i < 8; i++) {
            page.keyboard().press("Tab");
            if (buttonText.equals(page.evaluate("() => document.activeElement.textContent.trim()"))) {
                return;
            }
        }
        throw new AssertionError("Tab did not reach " + buttonText);
    }

    @Test
    void theLocalServerServesTheUiBesideTheApi() throws Exception {
        HttpResponse<String> index = get("/", "text/html");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(index.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(index.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(index.body()).contains("<html lang=\"nl\">");

        String script = index.body().replaceAll("(?s).*<script type=\"module\" crossorigin src=\"([^\"]+)\".*", "$1");
        HttpResponse<String> js = get(script, "*/*");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(js.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");

        HttpResponse<String> deepLink = get("/aanvragen/abc/bewerken", "text/html,application/xhtml+xml");
        assertThat(deepLink.statusCode()).isEqualTo(200);
        assertThat(deepLink.body()).isEqualTo(index.body());
        assertThat(deepLink.headers().firstValue("Cache-Control")).hasValue("no-cache");

        assertThat(get("/config.json", "application/json").body()).isEqualTo("{\"auth\":\"local\"}");
        HttpResponse<String> api = get("/v1/applications", "text/html");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(get("/aanvragen/abc", "application/json").statusCode()).isEqualTo(404);
        assertThat(get("/assets/missing.js", "text/html").statusCode()).isEqualTo(404);
        assertThat(get("/local/nothing", "text/html").statusCode()).isEqualTo(404);
        assertThat(get("/%2e%2e/%2e%2e/pom.xml", "text/html").body()).doesNotContain("<project");
        assertThat(get("/health", "text/html").body()).contains("UP");
    }

    private static HttpResponse<String> get(String path, String accept) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.baseUri().resolve(path)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The open confirmation: a modal alert dialog named by its heading. */
    private static Locator confirmation(Page page, String title) {
        Locator dialog = page.getByRole(AriaRole.ALERTDIALOG);
        assertThat(dialog).isVisible();
        assertThat(dialog).hasAccessibleName(title);
        assertThat(dialog.locator("xpath=self::dialog")).hasJSProperty("open", true);
        return dialog;
    }

    /** Confirms the open dialog with its primary button; the dialog closes. */
    private static void confirm(Page page, String action) {
        Locator dialog = page.getByRole(AriaRole.ALERTDIALOG);
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(action).setExact(true)).click();
        assertThat(dialog).hasCount(0);
    }

    /** The API commands (anything but a GET to /v1/) the page sends from now on. */
    private static List<String> commandsSent(Page page) {
        List<String> sent = new CopyOnWriteArrayList<>();
        page.onRequest(r -> {
            if (!r.method().equals("GET") && r.url().contains("/v1/")) {
                sent.add(r.method() + " " + r.url());
            }
        });
        return sent;
    }

    /** The element lies wholly inside the viewport: nothing to scroll sideways for on a phone. */
    private static void assertWithinViewport(Page page, Locator element) {
        var box = element.boundingBox();
        var viewport = page.viewportSize();
        assertThat(box.x).as("left edge").isGreaterThanOrEqualTo(0);
        assertThat(box.x + box.width).as("right edge").isLessThanOrEqualTo(viewport.width);
        assertThat(box.y + box.height).as("bottom edge").isLessThanOrEqualTo(viewport.height);
    }

    private static void moveClock(Instant to) throws Exception {
        HttpResponse<String> moved = HTTP.send(HttpRequest.newBuilder(server.baseUri().resolve("/local/clock"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"now\":\"" + to + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
    }
}
