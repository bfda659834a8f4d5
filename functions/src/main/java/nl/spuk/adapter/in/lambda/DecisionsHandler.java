package nl.spuk.adapter.in.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nl.spuk.adapter.in.lambda.http.ApiRequest;
import nl.spuk.adapter.in.lambda.http.ApiResponse;
import nl.spuk.adapter.in.lambda.http.BodyReader;
import nl.spuk.adapter.in.lambda.http.Views;
import nl.spuk.application.decision.DecisionService;
import nl.spuk.application.port.IdempotencyStore;
import nl.spuk.application.review.ReviewService;
import nl.spuk.config.LambdaContainer;
import nl.spuk.domain.Application;
import nl.spuk.domain.YearAmounts;

/** The advice that closes a review and the ministry's decision with four eyes; these move the process on. */
public final class DecisionsHandler extends ApiHandler {
    private final ReviewService review;
    private final DecisionService decisions;

    public DecisionsHandler() {
        this(LambdaContainer.components().review(), LambdaContainer.components().decisions(), LambdaContainer.components().idempotency(),
                LambdaContainer.components().realClock());
    }

    public DecisionsHandler(ReviewService review, DecisionService decisions, IdempotencyStore idempotency, Clock realClock) {
        super(idempotency, realClock);
        this.review = review;
        this.decisions = decisions;
        route("POST /v1/applications/{id}/advice", this::advise);
        route("POST /v1/applications/{id}/decision", this::propose);
        route("POST /v1/applications/{id}/decision/approve", r -> answer(r, decisions.approve(r.actor(), r.requestId(), r.path("id"))));
        route("POST /v1/applications/{id}/decision/return", this::returnDecision);
    }

    private ApiResponse advise(ApiRequest r) {
        JsonNode body = r.jsonObject();
        BodyReader reader = new BodyReader();
        reader.allowOnly(body, "", Set.of("outcome", "summary", "documentId"));
        String outcome = reader.text(body, "", "outcome");
        String summary = reader.text(body, "", "summary");
        String documentId = reader.text(body, "", "documentId");
        reader.finish();
        return answer(r, review.advise(r.actor(), r.requestId(), r.path("id"), outcome, summary, documentId));
    }

    private ApiResponse propose(ApiRequest r) {
        JsonNode body = r.jsonObject();
        BodyReader reader = new BodyReader();
        reader.allowOnly(body, "", Set.of("outcome", "awardedCents", "conditions", "motivation"));
        String outcome = reader.text(body, "", "outcome");
        YearAmounts award = centsByYear(reader, body.get("awardedCents"));
        String conditions = reader.text(body, "", "conditions");
        String motivation = reader.text(body, "", "motivation");
        reader.finish();
        return answer(r, decisions.propose(r.actor(), r.requestId(), r.path("id"), outcome, award, conditions, motivation));
    }

    private ApiResponse returnDecision(ApiRequest r) {
        JsonNode body = r.jsonObject();
        BodyReader reader = new BodyReader();
        reader.allowOnly(body, "", Set.of("reason"));
        String reason = reader.text(body, "", "reason");
        reader.finish();
        return answer(r, decisions.returnToAdvised(r.actor(), r.requestId(), r.path("id"), reason));
    }

    static YearAmounts centsByYear(BodyReader reader, JsonNode node) {
        if (node == null || node.isNull()) {
            return YearAmounts.EMPTY;
        }
        if (reader.object(node, "awardedCents") == null) {
            return YearAmounts.EMPTY;
        }
        Map<Integer, Long> cents = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = "awardedCents." + e.getKey();
            if (!e.getKey().matches("\\d{4}")) {
                reader.error(field, "the key must be a year such as 2025");
                continue;
            }
            Long value = reader.whole(e.getValue(), field);
            if (value != null) {
                cents.put(Integer.valueOf(e.getKey()), value);
            }
        }
        return YearAmounts.of(cents);
    }

    private static ApiResponse answer(ApiRequest r, Application app) {
        return ApiResponse.json(200, Views.application(app, r.actor())).withHeader("ETag", "\"" + app.version() + "\"");
    }
}
