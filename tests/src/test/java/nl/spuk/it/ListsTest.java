package nl.spuk.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.spuk.local.ApiClient;
import nl.spuk.local.ApiClient.Response;
import org.junit.jupiter.api.Test;

/** Lists search, order and page on the server; a page token serves only the caller and query it was given for. */
class ListsTest extends ApiTest {

    @Test
    void applicationsAreSearchedOrderedAndPagedAndATokenServesOnlyItsCaller() throws Exception {
        String mark = "Zoekproef " + UUID.randomUUID().toString().substring(0, 8);
        ApiClient official = municipality("GM0168");
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(inReview(official, "GM0168", mark + " nummer " + i));
        }
        inReview(official, "GM0168", "Iets anders");
        ApiClient ministry = ministry();
        String q = "q=" + URLEncoder.encode(mark.toUpperCase().replace("O", "Ó"), StandardCharsets.UTF_8);

        Response first = ministry.get("/v1/applications?limit=2&" + q);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(titles(first)).containsExactly(mark + " nummer 3", mark + " nummer 2");
        String token = first.json().get("nextToken").asText();
        Response second = ministry.get("/v1/applications?limit=2&" + q + "&nextToken=" + token);
        assertThat(titles(second)).containsExactly(mark + " nummer 1");
        assertThat(second.json().has("nextToken")).isFalse();

        Response oldest = ministry.get("/v1/applications?limit=5&sort=createdAt&" + q);
        assertThat(titles(oldest)).containsExactly(mark + " nummer 1", mark + " nummer 2", mark + " nummer 3");
        assertThat(titles(ministry.get("/v1/applications?q=Zwolle&municipality=GM0168"))).isEmpty();

        // another caller, or the same caller with another query, may not continue this list
        assertProblem(ministry().get("/v1/applications?limit=2&" + q + "&nextToken=" + token), 400);
        assertProblem(advisor().get("/v1/applications?limit=2&" + q + "&nextToken=" + token), 400);
        assertProblem(ministry.get("/v1/applications?limit=2&sort=createdAt&" + q + "&nextToken=" + token), 400);
        assertProblem(ministry.get("/v1/applications?sort=title"), 400);
        assertProblem(ministry.get("/v1/applications?q=" + "x".repeat(101)), 400);

        // a municipality searches only its own
        assertThat(titles(municipality("GM0177").get("/v1/applications?" + q))).isEmpty();
        assertThat(titles(official.get("/v1/applications?" + q))).hasSize(3);
    }

    @Test
    void tasksAreFilteredSearchedPagedAndMarkTheCallersOwnProposal() throws Exception {
        String mark = "Takenproef " + UUID.randomUUID().toString().substring(0, 8);
        ApiClient official = municipality("GM0180");
        ApiClient advisor = advisor();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(inReview(official, "GM0180", mark + " " + i));
        }
        String q = "&q=" + URLEncoder.encode(mark, StandardCharsets.UTF_8);

        Response page1 = advisor.get("/v1/tasks?type=REVIEW&limit=2" + q);
        assertThat(page1.status()).as(page1.body()).isEqualTo(200);
        assertThat(titles(page1, "applicationTitle")).containsExactly(mark + " 1", mark + " 2");
        assertThat(page1.json().get("items").get(0).get("municipalityName").asText()).isNotBlank();
        String token = page1.json().get("nextToken").asText();
        Response page2 = advisor.get("/v1/tasks?type=REVIEW&limit=2" + q + "&nextToken=" + token);
        assertThat(titles(page2, "applicationTitle")).containsExactly(mark + " 3");
        assertThat(titles(advisor.get("/v1/tasks?type=REVIEW&sort=-createdAt&limit=1" + q), "applicationTitle"))
                .containsExactly(mark + " 3");
        assertProblem(advisor().get("/v1/tasks?type=REVIEW&limit=2" + q + "&nextToken=" + token), 400);
        assertProblem(advisor.get("/v1/tasks?type=DECIDE&limit=2" + q + "&nextToken=" + token), 400);
        assertProblem(advisor.get("/v1/tasks?type=NAP"), 400);

        String id = ids.get(0);
        assertThat(advise(advisor, id, "POSITIVE").status()).isEqualTo(200);
        ApiClient proposer = ministry();
        ApiClient colleague = ministry();
        Response proposed = proposer.post("/v1/applications/" + id + "/decision", Map.of("outcome", "AWARD",
                "awardedCents", Map.of("2025", 500_000L), "motivation", "Past binnen de regeling"));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(200);
        JsonNode own = proposer.get("/v1/tasks?type=APPROVE_DECISION" + q).json().get("items").get(0);
        assertThat(own.get("applicationId").asText()).isEqualTo(id);
        assertThat(own.get("ownProposal").asBoolean()).isTrue();
        JsonNode theirs = colleague.get("/v1/tasks?type=APPROVE_DECISION" + q).json().get("items").get(0);
        assertThat(theirs.get("ownProposal").asBoolean()).isFalse();
    }

    private static List<String> titles(Response r) {
        return titles(r, "title");
    }

    private static List<String> titles(Response r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().get("items").forEach(a -> out.add(a.get(field).asText()));
        return out;
    }
}
