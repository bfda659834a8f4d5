package nl.spuk.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import nl.spuk.adapter.in.lambda.AdvisoryHandler;
import nl.spuk.adapter.in.lambda.ApiHandler;
import nl.spuk.adapter.in.lambda.DecisionsHandler;
import nl.spuk.adapter.in.lambda.ReportsHandler;
import nl.spuk.adapter.in.lambda.http.Json;
import nl.spuk.application.decision.DecisionService;
import nl.spuk.application.port.AdvisoryHoursLedger;
import nl.spuk.application.port.AllocationRepository;
import nl.spuk.application.port.AllocationState;
import nl.spuk.application.port.ApplicationRepository;
import nl.spuk.application.port.DocumentRepository;
import nl.spuk.application.port.IdempotencyStore;
import nl.spuk.application.port.Workflow;
import nl.spuk.application.reporting.ReportService;
import nl.spuk.application.review.AdvisoryService;
import nl.spuk.application.review.ReviewService;
import nl.spuk.application.settlement.SettlementService;
import nl.spuk.domain.Activity;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Advice;
import nl.spuk.domain.AdviceOutcome;
import nl.spuk.domain.Application;
import nl.spuk.domain.AttentionPoint;
import nl.spuk.domain.Contact;
import nl.spuk.domain.Decision;
import nl.spuk.domain.DecisionOutcome;
import nl.spuk.domain.Document;
import nl.spuk.domain.DocumentKind;
import nl.spuk.domain.DocumentStatus;
import nl.spuk.domain.HoursBalance;
import nl.spuk.domain.Municipalities;
import nl.spuk.domain.Municipality;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Plan;
import nl.spuk.domain.Report;
import nl.spuk.domain.ReportStatus;
import nl.spuk.domain.Role;
import nl.spuk.domain.SchemeRules;
import nl.spuk.domain.Status;
import nl.spuk.domain.YearAmounts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The request schemas of the advisory, decision and reporting routes accept exactly what the server accepts, on the
 * cases below. The server here is the real handler over the real use case, with only the ports mocked, asked about an
 * application in the state the route needs; it accepts when it answers 2xx. Rules that depend on stored state or on
 * the clock (the hour cap, a date in the future, the application's years, the amounts requested and allocated, whether
 * a named document exists) are beyond a schema and so left out of these cases.
 */
class ProcessRequestSchemaTest {
    private static final OpenApiDocument DOCUMENT = OpenApiDocument.load();
    private static final Instant NOW = Instant.parse("2026-03-15T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Municipality GRONINGEN = new Municipality(new MunicipalityCode("GM0014"), "Groningen");
    private static final Actor OFFICIAL = new Actor("user-1", "A. de Vries", Role.MUNICIPALITY, GRONINGEN.code());
    private static final Actor PROPOSER = new Actor("user-7", "M. Jansen", Role.MINISTRY, null);
    private static final Actor SECOND = new Actor("user-8", "P. de Boer", Role.MINISTRY, null);
    private static final Map<String, String> OFFICIAL_CLAIMS = Map.of("sub", "user-1", "token_use", "id", "cognito:groups", "[municipality]",
            "custom:municipality", "GM0014");
    private static final Map<String, String> ADVISOR_CLAIMS = Map.of("sub", "user-5", "token_use", "id", "cognito:groups", "[advisor]");
    private static final Map<String, String> MINISTRY_CLAIMS = Map.of("sub", "user-9", "token_use", "id", "cognito:groups", "[ministry]");

    private static final Plan PLAN = new Plan("Mantelzorg in Groningen", List.of(2025, 2026),
            List.of(new Activity(AttentionPoint.VERLICHTEN, "Respijtzorg", null,
                    YearAmounts.of(Map.of(2025, 1_250_000L, 2026, 1_000_000L)))),
            new Contact("A. de Vries", "a@example.nl"));
    private static final Application IN_REVIEW = Application.draft("app-1", GRONINGEN, PLAN, OFFICIAL, NOW.minusSeconds(90_000))
            .moveTo(Status.IN_REVIEW, NOW.minusSeconds(80_000));
    private static final Application ADVISED = IN_REVIEW.advised(new Advice(AdviceOutcome.POSITIVE, "Goed plan.", null,
            "user-5", "J. Bakker", NOW.minusSeconds(70_000)), Status.ADVISED, NOW.minusSeconds(70_000));
    private static final Decision PROPOSAL = new Decision(DecisionOutcome.AWARD, YearAmounts.of(Map.of(2025, 1_000_000L)),
            null, "Positief geadviseerd.", PROPOSER.id(), PROPOSER.name(), NOW.minusSeconds(60_000), null, null, null);
    private static final Application PROPOSED = ADVISED.decided(PROPOSAL, Status.DECISION_PROPOSED, NOW.minusSeconds(60_000));
    private static final Application AWARDED = PROPOSED.decided(PROPOSAL.approved(SECOND, NOW.minusSeconds(50_000)),
            Status.AWARDED, NOW.minusSeconds(50_000));
    private static final Report SUBMITTED = new Report("app-1", 2025, Map.of(AttentionPoint.VERLICHTEN, 900_000L), 10, 8,
            "Gedaan.", null, ReportStatus.SUBMITTED, NOW.minusSeconds(40_000), OFFICIAL.id(), null, null, null);

    private final ApplicationRepository applications = mock(ApplicationRepository.class);
    private final DocumentRepository documents = mock(DocumentRepository.class);
    private final Workflow workflow = mock(Workflow.class);
    private final IdempotencyStore idempotency = mock(IdempotencyStore.class);

    @ParameterizedTest(name = "{0}")
    @MethodSource("hours")
    void theHoursSchemaAcceptsWhatTheServerAccepts(String why, String body, boolean valid) {
        when(applications.find("app-1")).thenReturn(Optional.of(IN_REVIEW));
        AdvisoryHoursLedger ledger = mock(AdvisoryHoursLedger.class);
        when(ledger.book(any(), anyInt(), any())).thenReturn(new HoursBalance(10, 100));
        ApiHandler handler = new AdvisoryHandler(new AdvisoryService(applications, ledger,
                new Municipalities(List.of(GRONINGEN)), SchemeRules.DEFAULT, CLOCK), idempotency, CLOCK);

        assertAgree("POST /v1/applications/{id}/advisory/hours", handler, ADVISOR_CLAIMS, Map.of(), "HoursEntryInput", body, valid);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("advice")
    void theAdviceSchemaAcceptsWhatTheServerAccepts(String why, String body, boolean valid) {
        when(applications.find("app-1")).thenReturn(Optional.of(IN_REVIEW));
        when(documents.find("app-1", "doc-a")).thenReturn(Optional.of(document("doc-a", DocumentKind.ADVICE)));
        ApiHandler handler = decisionsHandler();

        assertAgree("POST /v1/applications/{id}/advice", handler, ADVISOR_CLAIMS, Map.of(), "AdviceInput", body, valid);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void theDecisionSchemaAcceptsWhatTheServerAccepts(String why, String body, boolean valid) {
        when(applications.find("app-1")).thenReturn(Optional.of(ADVISED));

        assertAgree("POST /v1/applications/{id}/decision", decisionsHandler(), MINISTRY_CLAIMS, Map.of(), "DecisionInput",
                body, valid);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reasons")
    void theReasonSchemaAcceptsWhatTheServerAcceptsOnReturningADecision(String why, String body, boolean valid) {
        when(applications.find("app-1")).thenReturn(Optional.of(PROPOSED));

        assertAgree("POST /v1/applications/{id}/decision/return", decisionsHandler(), MINISTRY_CLAIMS, Map.of(), "ReasonInput",
                body, valid);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reports")
    void theReportSchemaAcceptsWhatTheServerAccepts(String why, String body, boolean valid) {
        when(applications.find("app-1")).thenReturn(Optional.of(AWARDED));
        // none before the submission, the submitted one after it
        when(applications.reports("app-1")).thenReturn(List.of(), List.of(SUBMITTED));
        when(documents.find("app-1", "3e8d1c4a-7b2f-4a6e-9c0d-5f1e2a3b4c6d"))
                .thenReturn(Optional.of(document("3e8d1c4a-7b2f-4a6e-9c0d-5f1e2a3b4c6d", DocumentKind.REPORT)));

        assertAgree("POST /v1/applications/{id}/reports/{year}", reportsHandler(), OFFICIAL_CLAIMS, Map.of("year", "2025"),
                "ReportInput", body, valid);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reviews")
    void theReportReviewSchemaAcceptsWhatTheServerAccepts(String why, String body, boolean valid) {
        when(applications.find("app-1")).thenReturn(Optional.of(AWARDED.moveTo(Status.REPORTING, NOW.minusSeconds(40_000))));
        when(applications.reports("app-1")).thenReturn(List.of(SUBMITTED));

        assertAgree("POST /v1/applications/{id}/reports/{year}/review", reportsHandler(), MINISTRY_CLAIMS,
                Map.of("year", "2025"), "ReportReviewInput", body, valid);
    }

    static Stream<Arguments> hours() {
        return Stream.of(
                Arguments.of("the document's example", example("POST /v1/applications/{id}/advisory/hours"), true),
                Arguments.of("a quarter", hours("0.25", "\"2026-03-10\"", null), true),
                Arguments.of("eight", hours("8", "\"2026-03-10\"", null), true),
                Arguments.of("eight written as 8.00", hours("8.00", "\"2026-03-10\"", null), true),
                Arguments.of("the first day of the programme", hours("1", "\"2023-01-01\"", null), true),
                Arguments.of("a note of 2000", hours("1", "\"2026-03-10\"", "\"" + "n".repeat(2000) + "\""), true),
                Arguments.of("note null", hours("1", "\"2026-03-10\"", "null"), true),
                Arguments.of("zero hours", hours("0", "\"2026-03-10\"", null), false),
                Arguments.of("negative hours", hours("-1", "\"2026-03-10\"", null), false),
                Arguments.of("not a quarter", hours("0.3", "\"2026-03-10\"", null), false),
                Arguments.of("above eight", hours("8.25", "\"2026-03-10\"", null), false),
                Arguments.of("hours as a string", hours("\"2\"", "\"2026-03-10\"", null), false),
                Arguments.of("hours null", hours("null", "\"2026-03-10\"", null), false),
                Arguments.of("no such day", hours("1", "\"2026-02-30\"", null), false),
                Arguments.of("a Dutch date", hours("1", "\"10-03-2026\"", null), false),
                Arguments.of("before the programme", hours("1", "\"2022-12-31\"", null), false),
                Arguments.of("a note of 2001", hours("1", "\"2026-03-10\"", "\"" + "n".repeat(2001) + "\""), false),
                Arguments.of("unknown theme", "{\"hours\":1,\"theme\":\"OVERIG\",\"date\":\"2026-03-10\"}", false),
                Arguments.of("no theme", "{\"hours\":1,\"date\":\"2026-03-10\"}", false),
                Arguments.of("unknown field", "{\"hours\":1,\"theme\":\"RESPIJTZORG\",\"date\":\"2026-03-10\",\"minutes\":5}", false));
    }

    static Stream<Arguments> advice() {
        return Stream.of(
                Arguments.of("without a document", "{\"outcome\":\"NEGATIVE\",\"summary\":\"Te vaag.\"}", true),
                Arguments.of("with the written advice", "{\"outcome\":\"CHANGES_REQUESTED\",\"summary\":\"Aanvullen.\","
                        + "\"documentId\":\"doc-a\"}", true),
                Arguments.of("document null", "{\"outcome\":\"POSITIVE\",\"summary\":\"Goed.\",\"documentId\":null}", true),
                Arguments.of("summary of 5000", "{\"outcome\":\"POSITIVE\",\"summary\":\"" + "s".repeat(5000) + "\"}", true),
                Arguments.of("unknown outcome", "{\"outcome\":\"NEUTRAL\",\"summary\":\"Goed.\"}", false),
                Arguments.of("no summary", "{\"outcome\":\"POSITIVE\"}", false),
                Arguments.of("blank summary", "{\"outcome\":\"POSITIVE\",\"summary\":\" \\n \"}", false),
                Arguments.of("summary of 5001", "{\"outcome\":\"POSITIVE\",\"summary\":\"" + "s".repeat(5001) + "\"}", false),
                Arguments.of("empty document id", "{\"outcome\":\"POSITIVE\",\"summary\":\"Goed.\",\"documentId\":\"\"}", false),
                Arguments.of("unknown field", "{\"outcome\":\"POSITIVE\",\"summary\":\"Goed.\",\"score\":8}", false));
    }

    static Stream<Arguments> decisions() {
        return Stream.of(
                Arguments.of("the document's example", example("POST /v1/applications/{id}/decision"), true),
                Arguments.of("an award for one year", decision("AWARD", "{\"2025\":1000}"), true),
                Arguments.of("an award with a zero year", decision("AWARD", "{\"2025\":0,\"2026\":5}"), true),
                Arguments.of("an award in cents written as 1000.0", decision("AWARD", "{\"2025\":1000.0}"), true),
                Arguments.of("a rejection", "{\"outcome\":\"REJECT\",\"motivation\":\"Past niet.\"}", true),
                Arguments.of("a rejection with null", decision("REJECT", "null"), true),
                Arguments.of("a rejection with nothing", decision("REJECT", "{}"), true),
                Arguments.of("a rejection with zeros", decision("REJECT", "{\"2025\":0,\"2031\":0}"), true),
                Arguments.of("conditions null", "{\"outcome\":\"REJECT\",\"conditions\":null,\"motivation\":\"m\"}", true),
                Arguments.of("an award without amounts", "{\"outcome\":\"AWARD\",\"motivation\":\"m\"}", false),
                Arguments.of("an award of null", decision("AWARD", "null"), false),
                Arguments.of("an award of nothing", decision("AWARD", "{}"), false),
                Arguments.of("an award of zero", decision("AWARD", "{\"2025\":0}"), false),
                Arguments.of("a negative award", decision("AWARD", "{\"2025\":-1,\"2026\":5}"), false),
                Arguments.of("fractional cents", decision("AWARD", "{\"2025\":1.5}"), false),
                Arguments.of("a year that is no year", decision("AWARD", "{\"25\":100}"), false),
                Arguments.of("amounts as a string", decision("AWARD", "\"1000\""), false),
                Arguments.of("a rejection that gives", decision("REJECT", "{\"2025\":1}"), false),
                Arguments.of("unknown outcome", decision("MAYBE", "{}"), false),
                Arguments.of("no motivation", "{\"outcome\":\"REJECT\"}", false),
                Arguments.of("blank motivation", "{\"outcome\":\"REJECT\",\"motivation\":\"  \"}", false),
                Arguments.of("motivation of 10001", "{\"outcome\":\"REJECT\",\"motivation\":\"" + "m".repeat(10_001) + "\"}", false),
                Arguments.of("conditions of 10001", "{\"outcome\":\"REJECT\",\"motivation\":\"m\",\"conditions\":\""
                        + "c".repeat(10_001) + "\"}", false),
                Arguments.of("unknown field", "{\"outcome\":\"REJECT\",\"motivation\":\"m\",\"approver\":\"x\"}", false));
    }

    static Stream<Arguments> reasons() {
        return Stream.of(
                Arguments.of("the document's example", example("POST /v1/applications/{id}/decision/return"), true),
                Arguments.of("a reason of 2000", "{\"reason\":\"" + "r".repeat(2000) + "\"}", true),
                Arguments.of("no reason", "{}", false),
                Arguments.of("reason null", "{\"reason\":null}", false),
                Arguments.of("blank reason", "{\"reason\":\"\\t\"}", false),
                Arguments.of("a reason of 2001", "{\"reason\":\"" + "r".repeat(2001) + "\"}", false),
                Arguments.of("reason not a string", "{\"reason\":42}", false),
                Arguments.of("unknown field", "{\"reason\":\"r\",\"to\":\"DECIDE\"}", false));
    }

    static Stream<Arguments> reports() {
        return Stream.of(
                Arguments.of("the document's example", example("POST /v1/applications/{id}/reports/{year}"), true),
                Arguments.of("nothing spent", report("{}", "0", "0"), true),
                Arguments.of("two attention points", report("{\"VINDEN\":100,\"VERBINDEN\":0}", "5", "2.75"), true),
                Arguments.of("cents written as 100.0", report("{\"VINDEN\":100.0}", "5.0", "1"), true),
                Arguments.of("the largest amount", report("{\"VINDEN\":100000000000}", "1", "1"), true),
                Arguments.of("the most respite hours", report("{}", "1", "10000000"), true),
                Arguments.of("document null", "{\"spentCents\":{},\"caregiversReached\":1,\"respiteHours\":1,"
                        + "\"narrative\":\"n\",\"documentId\":null}", true),
                Arguments.of("no spending", "{\"caregiversReached\":1,\"respiteHours\":1,\"narrative\":\"n\"}", false),
                Arguments.of("spending null", report("null", "1", "1"), false),
                Arguments.of("unknown attention point", report("{\"OVERIG\":1}", "1", "1"), false),
                Arguments.of("negative spending", report("{\"VINDEN\":-1}", "1", "1"), false),
                Arguments.of("spending above the maximum", report("{\"VINDEN\":100000000001}", "1", "1"), false),
                Arguments.of("fractional cents", report("{\"VINDEN\":1.5}", "1", "1"), false),
                Arguments.of("negative caregivers", report("{}", "-1", "1"), false),
                Arguments.of("fractional caregivers", report("{}", "2.5", "1"), false),
                Arguments.of("no caregivers", "{\"spentCents\":{},\"respiteHours\":1,\"narrative\":\"n\"}", false),
                Arguments.of("respite not in quarters", report("{}", "1", "0.3"), false),
                Arguments.of("negative respite", report("{}", "1", "-0.25"), false),
                Arguments.of("too much respite", report("{}", "1", "10000000.25"), false),
                Arguments.of("respite as a string", report("{}", "1", "\"1\""), false),
                Arguments.of("no narrative", "{\"spentCents\":{},\"caregiversReached\":1,\"respiteHours\":1}", false),
                Arguments.of("blank narrative", "{\"spentCents\":{},\"caregiversReached\":1,\"respiteHours\":1,"
                        + "\"narrative\":\" \"}", false),
                Arguments.of("narrative of 20001", "{\"spentCents\":{},\"caregiversReached\":1,\"respiteHours\":1,"
                        + "\"narrative\":\"" + "n".repeat(20_001) + "\"}", false),
                Arguments.of("empty document id", "{\"spentCents\":{},\"caregiversReached\":1,\"respiteHours\":1,"
                        + "\"narrative\":\"n\",\"documentId\":\"\"}", false),
                Arguments.of("unknown field", "{\"spentCents\":{},\"caregiversReached\":1,\"respiteHours\":1,"
                        + "\"narrative\":\"n\",\"late\":true}", false));
    }

    static Stream<Arguments> reviews() {
        return Stream.of(
                Arguments.of("accept", "{\"outcome\":\"ACCEPT\"}", true),
                Arguments.of("accept with a note", "{\"outcome\":\"ACCEPT\",\"reason\":\"Netjes.\"}", true),
                Arguments.of("accept with a blank note", "{\"outcome\":\"ACCEPT\",\"reason\":\" \"}", true),
                Arguments.of("accept with null", "{\"outcome\":\"ACCEPT\",\"reason\":null}", true),
                Arguments.of("reject with a reason", "{\"outcome\":\"REJECT\",\"reason\":\"Onvolledig.\"}", true),
                Arguments.of("reject without a reason", "{\"outcome\":\"REJECT\"}", false),
                Arguments.of("reject with null", "{\"outcome\":\"REJECT\",\"reason\":null}", false),
                Arguments.of("reject with a blank reason", "{\"outcome\":\"REJECT\",\"reason\":\"  \"}", false),
                Arguments.of("a reason of 2001", "{\"outcome\":\"ACCEPT\",\"reason\":\"" + "r".repeat(2001) + "\"}", false),
                Arguments.of("unknown outcome", "{\"outcome\":\"APPROVE\"}", false),
                Arguments.of("no outcome", "{\"reason\":\"r\"}", false),
                Arguments.of("unknown field", "{\"outcome\":\"ACCEPT\",\"year\":2025}", false));
    }

    private static String hours(String hours, String date, String note) {
        return "{\"hours\":" + hours + ",\"theme\":\"RESPIJTZORG\",\"date\":" + date
                + (note == null ? "" : ",\"note\":" + note) + "}";
    }

    private static String decision(String outcome, String awardedCents) {
        return "{\"outcome\":\"" + outcome + "\",\"awardedCents\":" + awardedCents + ",\"motivation\":\"Zo besloten.\"}";
    }

    private static String report(String spentCents, String caregivers, String respiteHours) {
        return "{\"spentCents\":" + spentCents + ",\"caregiversReached\":" + caregivers + ",\"respiteHours\":" + respiteHours
                + ",\"narrative\":\"Het aanbod is gestart.\"}";
    }

    private static String example(String routeKey) {
        return Json.write(DOCUMENT.operation(routeKey).at("/requestBody/content/application~1json/example"));
    }

    private ApiHandler decisionsHandler() {
        AllocationRepository allocations = mock(AllocationRepository.class);
        when(allocations.stateOf(GRONINGEN.code())).thenReturn(new AllocationState(
                YearAmounts.of(Map.of(2025, 5_000_000L, 2026, 5_000_000L)), YearAmounts.EMPTY));
        return new DecisionsHandler(new ReviewService(applications, documents, workflow),
                new DecisionService(applications, allocations, workflow), idempotency, CLOCK);
    }

    private ApiHandler reportsHandler() {
        return new ReportsHandler(new ReportService(applications, documents, workflow, SchemeRules.DEFAULT, CLOCK),
                new SettlementService(applications, workflow), idempotency, CLOCK);
    }

    private static Document document(String id, DocumentKind kind) {
        Document pending = new Document("app-1", id, kind, "stuk.pdf", "application/pdf", 1000,
                DocumentStatus.PENDING_UPLOAD, null, NOW, null, "user-1", "MUNICIPALITY", null, null, null);
        return pending.available("ab".repeat(32), pending.checkedKey("check-1"), NOW);
    }

    /** Sends the body to the route and checks it against the component schema: both accept it, or both refuse it. */
    private static void assertAgree(String routeKey, ApiHandler handler, Map<String, String> claims,
                                    Map<String, String> path, String schema, String body, boolean valid) {
        JsonNode json = Json.parse(body);
        JsonNode documented = DOCUMENT.operation(routeKey).at("/requestBody/content/application~1json/schema/$ref");
        assertThat(documented.asText()).as("the route's body schema").isEqualTo("#/components/schemas/" + schema);

        int status = handler.handleRequest(event(routeKey, claims, path, body), null).getStatusCode();
        assertThat(status).as("server").matches(s -> (s >= 200 && s < 300) == valid, valid ? "2xx" : "a refusal")
                .isNotEqualTo(500);
        assertThat(DOCUMENT.validate(schema, json)).as("schema").matches(errors -> errors.isEmpty() == valid);
    }

    private static APIGatewayV2HTTPEvent event(String routeKey, Map<String, String> claims, Map<String, String> path,
                                               String body) {
        Map<String, String> parameters = new java.util.HashMap<>(path);
        parameters.put("id", "app-1");
        String rawPath = routeKey.split(" ", 2)[1];
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            rawPath = rawPath.replace("{" + p.getKey() + "}", p.getValue());
        }
        return APIGatewayV2HTTPEvent.builder()
                .withRouteKey(routeKey)
                .withRawPath(rawPath)
                .withPathParameters(parameters)
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(RequestContext.builder().withRequestId("req-1").withAuthorizer(RequestContext.Authorizer
                        .builder().withJwt(RequestContext.Authorizer.JWT.builder().withClaims(claims).build()).build()).build())
                .build();
    }
}
