package nl.spuk.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.spuk.local.ApiClient.Response;
import nl.spuk.local.ApiClient;
import org.junit.jupiter.api.Test;

/** The foundation slice end to end: a draft, a real document upload, the completeness check, review. */
class DraftToReviewTest extends ApiTest {

    @Test
    void aDraftGoesThroughARealUploadToReview() throws Exception {
        ApiClient groningen = municipality("GM0014");
        JsonNode draft = createDraft(groningen, "Mantelzorg Groningen 2025-2026");
        String id = draft.get("id").asText();
        assertThat(draft.get("status").asText()).isEqualTo("DRAFT");
        assertThat(draft.get("municipalityName").asText()).isEqualTo("Groningen");
        assertThat(draft.get("requestedCents")).isEqualTo(ApiClient.JSON.valueToTree(Map.of("2025", 1_250_000, "2026", 100_000)));
        assertThat(taskTypes(groningen, id)).containsExactly("PREPARE");

        Response incomplete = groningen.post("/v1/applications/" + id + "/submit", null);
        assertProblem(incomplete, 422);
        assertThat(fields(incomplete)).containsExactlyInAnyOrder("requestedCents.2025", "requestedCents.2026", "documents");
        assertThat(groningen.get("/v1/applications/" + id).json().get("status").asText()).isEqualTo("DRAFT");
        assertThat(taskTypes(groningen, id)).containsExactly("PREPARE");

        allocate("GM0014", 2025, 2_000_000L);
        allocate("GM0014", 2026, 2_000_000L);
        JsonNode document = groningen.upload(id, "PLAN", "plan 2025.pdf", PDF);
        assertThat(document.get("sha256").asText()).hasSize(64);
        assertThat(document.get("sizeBytes").asLong()).isEqualTo(PDF.length);

        Response submitted = groningen.post("/v1/applications/" + id + "/submit", null);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        assertThat(submitted.json().get("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(taskTypes(groningen, id)).isEmpty();
        assertThat(taskTypes(advisor(), id)).containsExactly("REVIEW");

        Response download = groningen.get("/v1/applications/" + id + "/documents/" + document.get("documentId").asText());
        assertThat(download.status()).isEqualTo(200);
        var bytes = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(download.json().get("downloadUrl").asText())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(bytes.body()).isEqualTo(PDF);

        List<String> actions = new ArrayList<>();
        groningen.get("/v1/applications/" + id + "/history").json().get("items").forEach(e -> actions.add(e.get("action").asText()));
        assertThat(actions).containsExactly("CREATED", "DOCUMENT_ANNOUNCED", "DOCUMENT_UPLOADED", "SUBMITTED");
        JsonNode submittedEvent = groningen.get("/v1/applications/" + id + "/history").json().get("items").get(3);
        assertThat(submittedEvent.get("fromStatus").asText()).isEqualTo("DRAFT");
        assertThat(submittedEvent.get("toStatus").asText()).isEqualTo("IN_REVIEW");
        assertThat(submittedEvent.get("role").asText()).isEqualTo("MUNICIPALITY");

        assertProblem(groningen.post("/v1/applications/" + id + "/submit", null), 409);
        assertProblem(groningen.put("/v1/applications/" + id, plan("changed", 1L), "If-Match", "\"" + submitted.json().get("version").asInt() + "\""), 409);
    }

    @Test
    void editingNeedsTheCurrentVersion() {
        ApiClient almere = municipality("GM0034");
        JsonNode draft = createDraft(almere, "Almere zorgt");
        String id = draft.get("id").asText();
        Response fetched = almere.get("/v1/applications/" + id);
        assertThat(fetched.header("ETag")).isEqualTo("\"1\"");

        assertProblem(almere.put("/v1/applications/" + id, plan("Almere zorgt samen", 5L)), 428);
        Response edited = almere.put("/v1/applications/" + id, plan("Almere zorgt samen", 5L), "If-Match", "\"1\"");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.header("ETag")).isEqualTo("\"2\"");
        assertThat(edited.json().get("title").asText()).isEqualTo("Almere zorgt samen");

        assertProblem(almere.put("/v1/applications/" + id, plan("stale edit", 5L), "If-Match", "\"1\""), 412);
        assertProblem(almere.put("/v1/applications/" + id, plan("garbage etag", 5L), "If-Match", "abc"), 412);
        assertThat(almere.get("/v1/applications/" + id).json().get("title").asText()).isEqualTo("Almere zorgt samen");
    }

    @Test
    void withdrawingADraftClosesItsTasks() {
        ApiClient veendam = municipality("GM0047");
        String id = createDraft(veendam, "Veendam").get("id").asText();
        assertProblem(veendam.post("/v1/applications/" + id + "/withdraw", Map.of()), 422);
        Response withdrawn = veendam.post("/v1/applications/" + id + "/withdraw", Map.of("reason", "plan merged with the region"));
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        assertThat(withdrawn.json().get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(taskTypes(veendam, id)).isEmpty();
        assertProblem(veendam.post("/v1/applications/" + id + "/withdraw", Map.of("reason", "again")), 409);
        assertProblem(veendam.post("/v1/applications/" + id + "/submit", null), 409);
    }

    @Test
    void aRetriedCreateWithTheSameKeyIsOneDraft() {
        ApiClient zeewolde = municipality("GM0050");
        String key = java.util.UUID.randomUUID().toString();
        Response first = zeewolde.post("/v1/applications", plan("Zeewolde", 10L), "Idempotency-Key", key);
        Response again = zeewolde.post("/v1/applications", plan("Zeewolde", 10L), "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertProblem(zeewolde.post("/v1/applications", plan("Zeewolde other", 10L), "Idempotency-Key", key), 422);
        long drafts = count(zeewolde.get("/v1/applications?municipality=GM0050").json().get("items"));
        assertThat(drafts).isEqualTo(1);
    }

    @Test
    void listsArePagedNewestFirst() {
        ApiClient ameland = municipality("GM0060");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(createDraft(ameland, "Ameland " + i).get("id").asText());
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            Response page = ameland.get("/v1/applications?limit=2" + (token == null ? "" : "&nextToken=" + token));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.json().get("items").size()).isLessThanOrEqualTo(2);
            page.json().get("items").forEach(a -> seen.add(a.get("id").asText()));
            token = page.json().has("nextToken") ? page.json().get("nextToken").asText() : null;
        } while (token != null);
        java.util.Collections.reverse(ids);
        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(count(ameland.get("/v1/applications?status=DRAFT&year=2025").json().get("items"))).isEqualTo(5);
        assertThat(count(ameland.get("/v1/applications?status=IN_REVIEW").json().get("items"))).isZero();
        assertProblem(ameland.get("/v1/applications?status=NOPE"), 400);
        assertProblem(ameland.get("/v1/applications?limit=0"), 400);
        assertProblem(ameland.get("/v1/applications?nextToken=garbage"), 400);
    }

    static List<String> taskTypes(ApiClient user, String applicationId) {
        List<String> types = new ArrayList<>();
        user.get("/v1/tasks").json().get("items").forEach(t -> {
            if (t.get("applicationId").asText().equals(applicationId)) {
                types.add(t.get("type").asText());
            }
        });
        return types;
    }

    static List<String> fields(Response problem) {
        List<String> fields = new ArrayList<>();
        problem.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    static long count(JsonNode items) {
        return items.size();
    }
}
