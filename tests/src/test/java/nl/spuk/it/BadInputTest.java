package nl.spuk.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import nl.spuk.local.ApiClient.Response;
import nl.spuk.local.ApiClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of bad input gets a problem answer naming what is wrong, and changes nothing. */
class BadInputTest extends ApiTest {
    private static ApiClient official;
    private static String id;

    @BeforeAll
    static void aDraft() {
        official = municipality("GM0080");
        id = createDraft(official, "Leeuwarden").get("id").asText();
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"title\": |400|body",
            "[1,2]|400|body",
            "{\"title\": 5, \"years\": [2025]}|400|title",
            "{\"title\": \"t\", \"years\": \"2025\"}|400|years",
            "{\"title\": \"t\", \"years\": [2025], \"colour\": \"red\"}|400|colour",
            "{\"title\": \"t\", \"years\": [2025], \"activities\": [{\"theme\": \"VINDEN\", \"title\": \"a\", \"budgetCents\": {\"2025\": 1.5}}]}|400|activities[0].budgetCents.2025",
            "{\"title\": \"t\", \"years\": [2025], \"activities\": [{\"theme\": \"VINDEN\", \"title\": \"a\", \"budgetCents\": {\"2025\": 1e30}}]}|400|activities[0].budgetCents.2025",
            "{\"title\": \"t\", \"years\": [2025], \"activities\": [{\"theme\": \"VINDEN\", \"title\": \"a\", \"budgetCents\": {\"2025\": \"100\"}}]}|400|activities[0].budgetCents.2025",
            "{\"title\": \"t\", \"years\": [2025], \"activities\": [{\"theme\": \"SPORT\", \"title\": \"a\", \"budgetCents\": {}}]}|422|activities[0].theme",
            "{\"title\": \"t\", \"years\": [2025], \"activities\": [{\"theme\": \"VINDEN\", \"title\": \"a\", \"budgetCents\": {\"2025\": -1}}]}|422|activities[0].budgetCents.2025",
            "{\"title\": \"t\", \"years\": [2022]}|422|years[0]",
            "{\"title\": \"t\", \"years\": [2027]}|422|years[0]",
            "{\"title\": \"t\", \"years\": [2025], \"activities\": [{\"theme\": \"VINDEN\", \"title\": \"a\", \"budgetCents\": {\"2026\": 1}}]}|422|activities[0].budgetCents.2026",
            "{\"title\": \"\", \"years\": [2025]}|422|title",
            "{\"years\": [2025]}|422|title"})
    void badPlansAreRefusedOnCreateAndEdit(String body, int status, String field) {
        Response created = official.post("/v1/applications", body);
        assertProblem(created, status);
        if (!field.equals("body")) {
            assertThat(DraftToReviewTest.fields(created)).contains(field);
        }
        Response edited = official.put("/v1/applications/" + id, body, "If-Match", "\"1\"");
        assertProblem(edited, status);
        assertThat(official.get("/v1/applications/" + id).json().get("version").asInt()).isEqualTo(1);
    }

    @Test
    void aBadCreateCreatesNothing() {
        ApiClient fresh = municipality("GM0085");
        assertProblem(fresh.post("/v1/applications", "{\"title\": \"t\", \"years\": [2099]}"), 422);
        assertThat(fresh.get("/v1/applications").json().get("items").size()).isZero();
    }

    @Test
    void oversizedBodiesAreRefused() {
        String huge = "{\"title\": \"" + "x".repeat(300 * 1024) + "\", \"years\": [2025]}";
        assertProblem(official.post("/v1/applications", huge), 413);
    }

    @Test
    void wrongMediaTypeIsRefused() {
        Response r = official.send("POST", "/v1/applications", "text/plain",
                "{\"title\":\"t\",\"years\":[2025]}".getBytes(StandardCharsets.UTF_8));
        assertProblem(r, 415);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} -> {4}")
    @CsvSource(delimiter = '|', value = {
            "virus.exe|application/x-msdownload|100|PLAN|contentType",
            "plan.pdf|application/pdf|20971521|PLAN|sizeBytes",
            "plan.pdf|application/pdf|0|PLAN|sizeBytes",
            "plan.pdf|application/pdf|100|DECISION|kind",
            "plan.pdf|application/pdf|100|ADVICE|kind",
            "plan.docx|application/pdf|100|PLAN|fileName",
            "..|application/pdf|100|PLAN|fileName"})
    void badDocumentsAreRefused(String fileName, String contentType, long size, String kind, String field) {
        Response r = official.post("/v1/applications/" + id + "/documents",
                Map.of("fileName", fileName, "contentType", contentType, "sizeBytes", size, "kind", kind));
        assertThat(r.status()).as(r.body()).isIn(403, 422);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        if (r.status() == 422) {
            assertThat(DraftToReviewTest.fields(r)).contains(field);
        }
        assertThat(official.get("/v1/applications/" + id + "/documents").json().get("items").size()).isZero();
    }

    @Test
    void traversalInAFileNameKeepsOnlyTheBaseName() throws Exception {
        ApiClient other = municipality("GM0086");
        String app = createDraft(other, "Opsterland").get("id").asText();
        var doc = other.upload(app, "OTHER", "../../etc/passwd.pdf", PDF);
        assertThat(doc.get("fileName").asText()).isEqualTo("passwd.pdf");
    }

    @Test
    void anUploadThatDiffersFromItsAnnouncementIsRefusedByStorage() throws Exception {
        ApiClient other = municipality("GM0088");
        String app = createDraft(other, "Schiermonnikoog").get("id").asText();
        Response announced = other.post("/v1/applications/" + app + "/documents", Map.of(
                "fileName", "plan.pdf", "contentType", "application/pdf", "sizeBytes", PDF.length, "kind", "PLAN"));
        java.net.URI url = java.net.URI.create(announced.json().get("uploadUrl").asText());
        assertThat(ApiClient.putBytes(url, "image/png", PDF)).isEqualTo(403);
        assertThat(ApiClient.putBytes(url, "application/pdf", new byte[PDF.length + 1])).isEqualTo(403);
        Thread.sleep(300);
        assertThat(other.get("/v1/applications/" + app + "/documents").json().get("items").get(0).get("status").asText())
                .isEqualTo("PENDING_UPLOAD");
    }

    @Test
    void allocationImportIsAllOrNothing() {
        ApiClient ministry = ministry();
        String bad = "code,year,amountCents\nGM0090,2025,100\nGM9999,2025,5\nGM0093,2030,5\nGM0096,2025,-1\nGM0090,2025,7\n";
        Response refused = ministry.send("POST", "/v1/allocations/import", "text/csv", bad.getBytes(StandardCharsets.UTF_8));
        assertProblem(refused, 422);
        assertThat(DraftToReviewTest.fields(refused)).containsExactlyInAnyOrder(
                "line 3.code", "line 4.year", "line 5.amountCents", "line 6");
        assertThat(allocation(ministry, "GM0090")).isNull();

        String good = "code,year,amountCents\nGM0090,2025,100\nGM0090,2026,200\nGM0093,2025,300\n";
        Response imported = ministry.send("POST", "/v1/allocations/import", "text/csv", good.getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("imported").asInt()).isEqualTo(3);
        assertThat(allocation(ministry, "GM0090").toString()).isEqualTo("{\"2025\":100,\"2026\":200}");
        assertProblem(ministry.send("POST", "/v1/allocations/import", "text/csv", "wrong,header\nx,y\n".getBytes()), 422);
        assertProblem(ministry.send("POST", "/v1/allocations/import", "application/json", "{}".getBytes()), 415);
        assertProblem(ministry.put("/v1/municipalities/GM9999/allocations/2025", Map.of("amountCents", 1)), 404);
        assertProblem(ministry.put("/v1/municipalities/GM0090/allocations/2031", Map.of("amountCents", 1)), 422);
        assertProblem(ministry.put("/v1/municipalities/GM0090/allocations/2025", Map.of("amountCents", 1.5)), 400);
        assertProblem(ministry.put("/v1/municipalities/GM0090/allocations/2025", Map.of()), 400);
        assertThat(allocation(ministry, "GM0090").toString()).isEqualTo("{\"2025\":100,\"2026\":200}");
    }

    private static com.fasterxml.jackson.databind.JsonNode allocation(ApiClient ministry, String code) {
        for (var m : ministry.get("/v1/municipalities").json().get("items")) {
            if (m.get("code").asText().equals(code)) {
                return m.get("allocationsCents").isEmpty() ? null : m.get("allocationsCents");
            }
        }
        throw new AssertionError(code + " not listed");
    }

}
