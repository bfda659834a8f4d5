package nl.spuk.adapter.in.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Set;
import nl.spuk.adapter.in.lambda.http.ApiRequest;
import nl.spuk.adapter.in.lambda.http.ApiResponse;
import nl.spuk.adapter.in.lambda.http.BodyReader;
import nl.spuk.adapter.in.lambda.http.Views;
import nl.spuk.application.port.IdempotencyStore;
import nl.spuk.application.review.AdvisoryService;
import nl.spuk.config.LambdaContainer;

/** The advisory team's free hours: logging them and reading a municipality's ledger. Needs no engine. */
public final class AdvisoryHandler extends ApiHandler {
    private static final Set<String> HOURS_FIELDS = Set.of("hours", "theme", "date", "note");

    private final AdvisoryService advisory;

    public AdvisoryHandler() {
        this(LambdaContainer.components().advisory(), LambdaContainer.components().idempotency(), LambdaContainer.components().realClock());
    }

    public AdvisoryHandler(AdvisoryService advisory, IdempotencyStore idempotency, Clock realClock) {
        super(idempotency, realClock);
        this.advisory = advisory;
        route("POST /v1/applications/{id}/advisory/hours", this::log);
        route("GET /v1/municipalities/{code}/advisory-hours", r -> ApiResponse.json(200, Views.advisoryHours(
                ApplicationQueriesHandler.readPage(() -> advisory.overview(r.actor(), r.path("code"),
                        ApplicationQueriesHandler.pageLimit(r), r.query("nextToken"))))));
    }

    private ApiResponse log(ApiRequest r) {
        JsonNode body = r.jsonObject();
        BodyReader reader = new BodyReader();
        reader.allowOnly(body, "", HOURS_FIELDS);
        BigDecimal hours = reader.decimal(body, "", "hours");
        String theme = reader.text(body, "", "theme");
        String date = reader.text(body, "", "date");
        String note = reader.text(body, "", "note");
        reader.finish();
        var balance = advisory.log(r.actor(), r.requestId(), r.path("id"), hours, theme, date, note);
        return ApiResponse.json(201, Views.balance(balance));
    }
}
