package nl.spuk.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.spuk.local.ApiClient.Response;
import nl.spuk.local.ApiClient;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** Review with a changes-requested round, advice, and the award with four eyes and its letter. */
class ReviewAndAwardTest extends ApiTest {

    @Test
    void fromReviewThroughARevisionToAnAwardWithItsLetter() throws Exception {
        ApiClient official = municipality("GM0106");
        ApiClient advisor = advisor();
        String id = inReview(official, "GM0106", "Assen zorgt voor mantelzorgers");

        Response logged = logHours(advisor, id, 2.5);
        assertThat(logged.status()).as(logged.body()).isEqualTo(201);
        assertThat(logged.json().get("usedHours").asDouble()).isEqualTo(2.5);
        assertThat(logged.json().get("remainingHours").asDouble()).isEqualTo(22.5);

        Response changes = advise(advisor, id, "CHANGES_REQUESTED");
        assertThat(changes.status()).as(changes.body()).isEqualTo(200);
        assertThat(changes.json().get("status").asText()).isEqualTo("CHANGES_REQUESTED");
        assertThat(DraftToReviewTest.taskTypes(official, id)).containsExactly("REVISE");
        assertThat(DraftToReviewTest.taskTypes(advisor, id)).isEmpty();
        assertProblem(logHours(advisor, id, 1), 409);

        int version = changes.json().get("version").asInt();
        Response revised = official.put("/v1/applications/" + id, plan("Assen zorgt, herzien", 1_000_000L), "If-Match", "\"" + version + "\"");
        assertThat(revised.status()).as(revised.body()).isEqualTo(200);
        Response resubmitted = official.post("/v1/applications/" + id + "/submit", null);
        assertThat(resubmitted.json().get("status").asText()).as(resubmitted.body()).isEqualTo("IN_REVIEW");
        assertThat(DraftToReviewTest.taskTypes(advisor, id)).containsExactly("REVIEW");

        String adviceDoc = advisor.upload(id, "ADVICE", "advies.pdf", PDF).get("documentId").asText();
        Response positive = advisor.post("/v1/applications/" + id + "/advice",
                Map.of("outcome", "POSITIVE", "summary", "Een sterk plan", "documentId", adviceDoc));
        assertThat(positive.json().get("status").asText()).as(positive.body()).isEqualTo("ADVISED");
        assertThat(positive.json().get("advice").get("documentId").asText()).isEqualTo(adviceDoc);

        ApiClient proposer = anonymous.as("ministry-proposer-assen", "ministry", null);
        ApiClient approver = anonymous.as("ministry-approver-assen", "ministry", null);
        assertThat(DraftToReviewTest.taskTypes(proposer, id)).containsExactly("DECIDE");
        assertProblem(proposer.post("/v1/applications/" + id + "/decision", Map.of("outcome", "AWARD",
                "awardedCents", Map.of("2025", 1_000_001L), "motivation", "te veel")), 422);
        Response proposed = proposer.post("/v1/applications/" + id + "/decision", Map.of("outcome", "AWARD",
                "awardedCents", Map.of("2025", 900_000L, "2026", 100_000L),
                "conditions", "Besteding volgens plan; <b>geen</b> andere doelen", "motivation", "Past binnen de regeling"));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(200);
        assertThat(proposed.json().get("status").asText()).isEqualTo("DECISION_PROPOSED");

        assertProblem(proposer.post("/v1/applications/" + id + "/decision/approve", null), 403);
        Response approved = approver.post("/v1/applications/" + id + "/decision/approve", null);
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asText()).isEqualTo("AWARDED");
        assertThat(approved.json().get("awardedCents").toString()).isEqualTo("{\"2025\":900000,\"2026\":100000}");

        JsonNode letter = null;
        for (JsonNode d : official.get("/v1/applications/" + id + "/documents").json().get("items")) {
            if (d.get("kind").asText().equals("DECISION")) {
                letter = d;
            }
        }
        assertThat(letter).isNotNull();
        assertThat(letter.get("status").asText()).isEqualTo("AVAILABLE");
        String url = official.get("/v1/applications/" + id + "/documents/" + letter.get("documentId").asText()).json().get("downloadUrl").asText();
        byte[] pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        String text;
        try (var doc = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(doc).replace('\u00a0', ' ');
        }
        assertThat(text).contains("Assen", "GM0106", "€ 9.000,00", "€ 1.000,00", "Past binnen de regeling",
                "<b>geen</b>", "ministry-approver-assen", "15 juli 2026", "15 juli 2027",
                approved.json().get("reference").asText());
        // the proposal is internal to the ministry: the letter is signed by the approver alone
        assertThat(text).doesNotContain("ministry-proposer-assen");

        List<String> actions = new ArrayList<>();
        official.get("/v1/applications/" + id + "/history").json().get("items").forEach(e -> actions.add(e.get("action").asText()));
        assertThat(actions).containsSubsequence("SUBMITTED", "HOURS_LOGGED", "ADVICE_GIVEN", "UPDATED", "SUBMITTED",
                "ADVICE_GIVEN", "DECISION_PROPOSED", "DECISION_APPROVED");
    }

    @Test
    void aReturnedDecisionGoesBackAndARejectionAwardsNothing() throws Exception {
        ApiClient official = municipality("GM0109");
        String id = inReview(official, "GM0109", "Coevorden");
        assertThat(advise(advisor(), id, "NEGATIVE").json().get("status").asText()).isEqualTo("ADVISED");
        ApiClient proposer = ministry();
        ApiClient other = ministry();
        assertThat(proposer.post("/v1/applications/" + id + "/decision", Map.of("outcome", "REJECT", "motivation", "Onvoldoende"))
                .json().get("status").asText()).isEqualTo("DECISION_PROPOSED");
        assertProblem(proposer.post("/v1/applications/" + id + "/decision/return", Map.of("reason", "eigen fout")), 403);
        assertProblem(other.post("/v1/applications/" + id + "/decision/return", Map.of()), 422);
        Response returned = other.post("/v1/applications/" + id + "/decision/return", Map.of("reason", "motivering aanvullen"));
        assertThat(returned.json().get("status").asText()).as(returned.body()).isEqualTo("ADVISED");
        assertThat(DraftToReviewTest.taskTypes(other, id)).containsExactly("DECIDE");

        assertThat(other.post("/v1/applications/" + id + "/decision", Map.of("outcome", "REJECT", "motivation", "Onvoldoende onderbouwd"))
                .json().get("status").asText()).isEqualTo("DECISION_PROPOSED");
        Response rejected = proposer.post("/v1/applications/" + id + "/decision/approve", null);
        assertThat(rejected.json().get("status").asText()).as(rejected.body()).isEqualTo("REJECTED");
        assertThat(rejected.json().get("awardedCents").size()).isZero();
        assertThat(rejected.json().get("reference").isNull()).as(rejected.body()).isTrue();
        assertThat(official.get("/v1/applications/" + id + "/documents").body()).doesNotContain("DECISION");
        assertThat(DraftToReviewTest.taskTypes(other, id)).isEmpty();
    }

    @Test
    void withdrawalDuringReviewClosesTheReview() throws Exception {
        ApiClient official = municipality("GM0114");
        String id = inReview(official, "GM0114", "Emmen");
        Response withdrawn = official.post("/v1/applications/" + id + "/withdraw", Map.of("reason", "nieuw plan volgt"));
        assertThat(withdrawn.json().get("status").asText()).as(withdrawn.body()).isEqualTo("WITHDRAWN");
        assertThat(DraftToReviewTest.taskTypes(advisor(), id)).isEmpty();
        assertProblem(advise(advisor(), id, "POSITIVE"), 409);
    }

    @Test
    void onlyTheRightRolesActAtEachStep() throws Exception {
        ApiClient official = municipality("GM0118");
        String id = inReview(official, "GM0118", "Hoogeveen");
        assertProblem(official.post("/v1/applications/" + id + "/advice", Map.of("outcome", "POSITIVE", "summary", "zelf")), 403);
        assertProblem(ministry().post("/v1/applications/" + id + "/advice", Map.of("outcome", "POSITIVE", "summary", "x")), 403);
        assertProblem(logHours(official, id, 1), 403);
        assertProblem(advisor().post("/v1/applications/" + id + "/decision", Map.of("outcome", "REJECT", "motivation", "x")), 403);
        assertProblem(ministry().post("/v1/applications/" + id + "/decision", Map.of("outcome", "REJECT", "motivation", "x")), 409);
        assertProblem(municipality("GM0119").post("/v1/applications/" + id + "/advice", Map.of("outcome", "POSITIVE", "summary", "x")), 403);
        assertProblem(advisor().post("/v1/applications/" + id + "/advice", Map.of("outcome", "GREAT", "summary", "x")), 422);
        assertProblem(advisor().post("/v1/applications/" + id + "/advice", Map.of("outcome", "POSITIVE", "summary", "x",
                "documentId", "not-a-document")), 422);
        assertThat(official.get("/v1/applications/" + id).json().get("status").asText()).isEqualTo("IN_REVIEW");
    }
}
