package nl.spuk.adapter.in.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.spuk.adapter.in.lambda.http.ApiRequest;
import nl.spuk.adapter.in.lambda.http.ApiResponse;
import nl.spuk.adapter.in.lambda.http.BodyReader;
import nl.spuk.adapter.in.lambda.http.Views;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.port.IdempotencyStore;
import nl.spuk.application.reporting.ReportService;
import nl.spuk.application.settlement.SettlementService;
import nl.spuk.config.LambdaContainer;
import nl.spuk.domain.Application;
import nl.spuk.domain.FieldError;

/** Yearly reports and the final settlement; these move the per-year and settlement parts of the process. */
public final class ReportsHandler extends ApiHandler {
    private static final Set<String> REPORT_FIELDS = Set.of("spentCents", "caregiversReached", "respiteHours", "narrative", "documentId");

    private final ReportService reports;
    private final SettlementService settlements;

    public ReportsHandler() {
        this(LambdaContainer.components().reports(), LambdaContainer.components().settlements(), LambdaContainer.components().idempotency(),
                LambdaContainer.components().realClock());
    }

    public ReportsHandler(ReportService reports, SettlementService settlements, IdempotencyStore idempotency, Clock realClock) {
        super(idempotency, realClock);
        this.reports = reports;
        this.settlements = settlements;
        route("POST /v1/applications/{id}/reports/{year}", this::submit);
        route("POST /v1/applications/{id}/reports/{year}/review", this::review);
        route("POST /v1/applications/{id}/reports/{year}/extension", this::extend);
        route("POST /v1/applications/{id}/reports/{year}/reminder", r -> answer(r, reports.remind(r.actor(), r.requestId(),
                r.path("id"), ApplicationQueriesHandler.number(r.path("year"), "year", 1000, 9999))));
        route("POST /v1/reports/reminders", this::remindAll);
        route("POST /v1/applications/{id}/settlement", r -> answer(r, settlements.propose(r.actor(), r.requestId(), r.path("id"))));
        route("POST /v1/applications/{id}/settlement/approve", r -> answer(r, settlements.approve(r.actor(), r.requestId(), r.path("id"))));
        route("POST /v1/applications/{id}/settlement/return", this::returnSettlement);
    }

    private ApiResponse submit(ApiRequest r) {
        int year = ApplicationQueriesHandler.number(r.path("year"), "year", 1000, 9999);
        JsonNode body = r.jsonObject();
        BodyReader reader = new BodyReader();
        reader.allowOnly(body, "", REPORT_FIELDS);
        Map<String, Long> spent = null;
        JsonNode spentNode = reader.object(body, "", "spentCents");
        if (spentNode != null) {
            spent = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = spentNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Long cents = reader.whole(e.getValue(), "spentCents." + e.getKey());
                if (cents != null) {
                    spent.put(e.getKey(), cents);
                }
            }
        }
        Long caregivers = reader.whole(body, "", "caregiversReached");
        BigDecimal respite = reader.decimal(body, "", "respiteHours");
        String narrative = reader.text(body, "", "narrative");
        String documentId = reader.text(body, "", "documentId");
        reader.finish();
        var report = reports.submit(r.actor(), r.requestId(), r.path("id"), year,
                new ReportService.Submission(spent, caregivers, respite, narrative, documentId));
        return ApiResponse.json(200, Views.report(report));
    }

    private ApiResponse review(ApiRequest r) {
        int year = ApplicationQueriesHandler.number(r.path("year"), "year", 1000, 9999);
        JsonNode body = r.jsonObject();
        BodyReader reader = new BodyReader();
        reader.allowOnly(body, "", Set.of("outcome", "reason"));
        String outcome = reader.text(body, "", "outcome");
        String reason = reader.text(body, "", "reason");
        reader.finish();
        return ApiResponse.json(200, Views.report(reports.review(r.actor(), r.requestId(), r.path("id"), year, outcome, reason)));
    }

    private ApiResponse extend(ApiRequest r) {
        int year = ApplicationQueriesHandler.number(r.path("year"), "year", 1000, 9999);
        JsonNode body = r.jsonObject();
        BodyReader reader = new BodyReader();
        reader.allowOnly(body, "", Set.of("dueDate", "reason"));
        String dueDate = reader.text(body, "", "dueDate");
        String reason = reader.text(body, "", "reason");
        reader.finish();
        return answer(r, reports.extend(r.actor(), r.requestId(), r.path("id"), year, dueDate, reason));
    }

    private ApiResponse remindAll(ApiRequest r) {
        JsonNode body = r.jsonObject();
        BodyReader reader = new BodyReader();
        reader.allowOnly(body, "", Set.of("year"));
        Long year = reader.whole(body, "", "year");
        reader.finish();
        // a value of the right type that is no year is refused as the rules refuse values: 422
        if (year == null || year < 1000 || year > 9999) {
            throw new RuleViolationException("er zijn geen herinneringen verstuurd",
                    List.of(new FieldError("year", "is verplicht: een jaartal van vier cijfers")));
        }
        return ApiResponse.json(200, Map.of("sent", reports.remindAll(r.actor(), r.requestId(), year.intValue())));
    }

    private ApiResponse returnSettlement(ApiRequest r) {
        JsonNode body = r.jsonObject();
        BodyReader reader = new BodyReader();
        reader.allowOnly(body, "", Set.of("reason"));
        String reason = reader.text(body, "", "reason");
        reader.finish();
        return answer(r, settlements.returnToProposal(r.actor(), r.requestId(), r.path("id"), reason));
    }

    private static ApiResponse answer(ApiRequest r, Application app) {
        return ApiResponse.json(200, Views.application(app, r.actor())).withHeader("ETag", "\"" + app.version() + "\"");
    }
}
