package nl.spuk.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import nl.spuk.adapter.in.lambda.AdvisoryHandler;
import nl.spuk.adapter.in.lambda.ApiHandler;
import nl.spuk.adapter.in.lambda.ApplicationCommandsHandler;
import nl.spuk.adapter.in.lambda.ApplicationQueriesHandler;
import nl.spuk.adapter.in.lambda.DecisionsHandler;
import nl.spuk.adapter.in.lambda.DraftsHandler;
import nl.spuk.adapter.in.lambda.MonitoringHandler;
import nl.spuk.adapter.in.lambda.MunicipalitiesHandler;
import nl.spuk.adapter.in.lambda.ReportsHandler;
import nl.spuk.adapter.in.lambda.http.Json;
import nl.spuk.adapter.in.lambda.http.Views;
import nl.spuk.application.AllocationExceededException;
import nl.spuk.application.ApplicationQueries;
import nl.spuk.application.ConflictException;
import nl.spuk.application.ForbiddenException;
import nl.spuk.application.HoursCapExceededException;
import nl.spuk.application.NotFoundException;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.VersionMismatchException;
import nl.spuk.application.decision.DecisionService;
import nl.spuk.application.documents.DocumentService;
import nl.spuk.application.documents.UploadTicket;
import nl.spuk.application.drafting.DraftService;
import nl.spuk.application.drafting.LifecycleService;
import nl.spuk.application.monitoring.MonitoringService;
import nl.spuk.application.monitoring.MunicipalityService;
import nl.spuk.application.monitoring.MunicipalityView;
import nl.spuk.application.port.IdempotencyStore;
import nl.spuk.application.port.Page;
import nl.spuk.application.port.PresignedUrl;
import nl.spuk.application.reporting.ReportService;
import nl.spuk.application.review.AdvisoryService;
import nl.spuk.application.review.ReviewService;
import nl.spuk.application.settlement.SettlementService;
import nl.spuk.domain.Activity;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Advice;
import nl.spuk.domain.AdviceOutcome;
import nl.spuk.domain.AdvisoryTheme;
import nl.spuk.domain.Application;
import nl.spuk.domain.AttentionPoint;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Contact;
import nl.spuk.domain.Decision;
import nl.spuk.domain.DecisionOutcome;
import nl.spuk.domain.Document;
import nl.spuk.domain.DocumentKind;
import nl.spuk.domain.DocumentStatus;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.Figures;
import nl.spuk.domain.HoursBalance;
import nl.spuk.domain.HoursEntry;
import nl.spuk.domain.Municipality;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Plan;
import nl.spuk.domain.Report;
import nl.spuk.domain.ReportStatus;
import nl.spuk.domain.Role;
import nl.spuk.domain.Settlement;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import nl.spuk.domain.YearAmounts;
import org.junit.jupiter.api.Test;

/**
 * What the handlers really answer is what the document says: each answer's status is documented for its route,
 * its body matches the documented schema for that status and media type, and every header it sends is declared.
 * The use cases behind the handlers are mocked: this checks the HTTP layer (views, problems, headers) only.
 */
class HandlerAnswersMatchDocumentTest {
    private static final OpenApiDocument DOCUMENT = OpenApiDocument.load();
    private static final Instant NOW = Instant.parse("2026-03-01T09:30:00Z");
    private static final Municipality GRONINGEN = new Municipality(new MunicipalityCode("GM0014"), "Groningen");
    private static final Actor OFFICIAL = new Actor("user-1", "A. de Vries", Role.MUNICIPALITY, GRONINGEN.code());
    private static final Map<String, String> OFFICIAL_CLAIMS = Map.of("sub", "user-1", "token_use", "id", "name", "A. de Vries",
            "cognito:groups", "[municipality]", "custom:municipality", "GM0014");
    private static final Map<String, String> MINISTRY_CLAIMS = Map.of("sub", "user-9", "token_use", "id", "cognito:groups", "[ministry]");
    private static final Map<String, String> ADVISOR_CLAIMS = Map.of("sub", "user-5", "token_use", "id", "name", "J. Bakker",
            "cognito:groups", "[advisor]");
    private static final Plan PLAN = new Plan("Mantelzorg in Groningen", List.of(2025, 2026),
            List.of(new Activity(AttentionPoint.VERLICHTEN, "Respijtzorg", null, YearAmounts.of(Map.of(2025, 1_250_000L)))),
            null);
    private static final Application DRAFT = Application.draft("app-1", GRONINGEN, PLAN, OFFICIAL, NOW);
    private static final Application IN_REVIEW = DRAFT
            .withPlan(new Plan(PLAN.title(), PLAN.years(), PLAN.activities(), new Contact("A. de Vries", "a@example.nl")), NOW)
            .moveTo(Status.IN_REVIEW, NOW.plusSeconds(90));
    private static final Actor PROPOSER = new Actor("user-9", "M. Jansen", Role.MINISTRY, null);
    private static final Actor SECOND = new Actor("user-8", "P. de Boer", Role.MINISTRY, null);
    private static final Application ADVISED = IN_REVIEW.escalated(NOW.plusSeconds(3600)).advised(
            new Advice(AdviceOutcome.POSITIVE, "Een samenhangend plan.", "doc-9", "user-5", "J. Bakker", NOW.plusSeconds(7200)),
            Status.ADVISED, NOW.plusSeconds(7200));
    private static final Decision PROPOSAL = new Decision(DecisionOutcome.AWARD, YearAmounts.of(Map.of(2025, 1_000_000L)),
            null, "Positief geadviseerd.", PROPOSER.id(), PROPOSER.name(), NOW.plusSeconds(9000), null, null, null);
    private static final Application PROPOSED = ADVISED.decided(PROPOSAL, Status.DECISION_PROPOSED, NOW.plusSeconds(9000));
    private static final Application AWARDED = PROPOSED.decided(PROPOSAL.approved(SECOND, NOW.plusSeconds(9900)),
            Status.AWARDED, NOW.plusSeconds(9900));
    private static final Report REPORT = new Report("app-1", 2025, Map.of(AttentionPoint.VERLICHTEN, 900_000L,
            AttentionPoint.VINDEN, 150_000L), 312, 5922, "Het respijtaanbod is gestart.", null, ReportStatus.SUBMITTED,
            NOW.plusSeconds(20_000), "user-1", null, null, null);
    private static final Application REPORTING = AWARDED.moveTo(Status.REPORTING, NOW.plusSeconds(20_000));
    private static final Settlement SETTLEMENT = Settlement.calculate(AWARDED.awardedCents(), Map.of(2025, 1_050_000L),
            PROPOSER, NOW.plusSeconds(30_000));
    private static final Application SETTLING = REPORTING.settling(SETTLEMENT, Status.REPORTING, NOW.plusSeconds(30_000));
    private static final Document PENDING = new Document("app-1", "doc-1", DocumentKind.PLAN, "plan.pdf",
            "application/pdf", 1000, DocumentStatus.PENDING_UPLOAD, null, NOW, null, "user-1", "MUNICIPALITY", null, null, null);

    private final MunicipalityService municipalities = mock(MunicipalityService.class);
    private final ApplicationQueries queries = mock(ApplicationQueries.class);
    private final DocumentService documents = mock(DocumentService.class);
    private final DraftService drafts = mock(DraftService.class);
    private final LifecycleService lifecycle = mock(LifecycleService.class);
    private final AdvisoryService advisory = mock(AdvisoryService.class);
    private final ReviewService review = mock(ReviewService.class);
    private final DecisionService decisions = mock(DecisionService.class);
    private final ReportService reports = mock(ReportService.class);
    private final SettlementService settlements = mock(SettlementService.class);
    private final MonitoringService monitoring = mock(MonitoringService.class);
    private final IdempotencyStore idempotency = mock(IdempotencyStore.class);
    private final nl.spuk.application.notifications.NotificationService notifications =
            mock(nl.spuk.application.notifications.NotificationService.class);

    private final ApiHandler municipalitiesHandler = new MunicipalitiesHandler(municipalities, idempotency, Clock.systemUTC());
    private final ApiHandler queriesHandler = new ApplicationQueriesHandler(queries, documents, reports, idempotency,
            Clock.systemUTC());
    private final ApiHandler draftsHandler = new DraftsHandler(drafts, documents, idempotency, Clock.systemUTC());
    private final ApiHandler commandsHandler = new ApplicationCommandsHandler(drafts, lifecycle, idempotency, Clock.systemUTC());
    private final ApiHandler advisoryHandler = new AdvisoryHandler(advisory, idempotency, Clock.systemUTC());
    private final ApiHandler decisionsHandler = new DecisionsHandler(review, decisions, idempotency, Clock.systemUTC());
    private final ApiHandler reportsHandler = new ReportsHandler(reports, settlements, idempotency, Clock.systemUTC());
    private final ApiHandler monitoringHandler = new MonitoringHandler(monitoring, idempotency, Clock.systemUTC());
    private final ApiHandler notificationsHandler = new nl.spuk.adapter.in.lambda.NotificationsHandler(notifications,
            idempotency, Clock.systemUTC());

    @Test
    void municipalitiesAndAllocations() {
        when(municipalities.list(any())).thenReturn(List.of(
                new MunicipalityView(GRONINGEN, YearAmounts.of(Map.of(2025, 1_250_000L))),
                new MunicipalityView(new Municipality(new MunicipalityCode("GM0034"), "Almere"), null)));
        when(municipalities.setAllocation(any(), eq("GM0014"), eq(2025), eq(1_250_000L)))
                .thenReturn(new MunicipalityView(GRONINGEN, YearAmounts.of(Map.of(2025, 1_250_000L))));
        when(municipalities.setAllocation(any(), eq("GM9999"), eq(2025), anyLong()))
                .thenThrow(new NotFoundException("no municipality GM9999"));
        when(municipalities.importAllocations(any(), any())).thenReturn(2);

        answer(municipalitiesHandler, request("GET /v1/municipalities"), 200);
        answer(municipalitiesHandler, request("PUT /v1/municipalities/{code}/allocations/{year}").path("code", "GM0014")
                .path("year", "2025").json("{\"amountCents\":1250000}").as(MINISTRY_CLAIMS), 200);
        answer(municipalitiesHandler, request("PUT /v1/municipalities/{code}/allocations/{year}").path("code", "GM9999")
                .path("year", "2025").json("{\"amountCents\":1}").as(MINISTRY_CLAIMS), 404);
        answer(municipalitiesHandler, request("PUT /v1/municipalities/{code}/allocations/{year}").path("code", "GM0014")
                .path("year", "20x5").json("{\"amountCents\":1}").as(MINISTRY_CLAIMS), 400);
        answer(municipalitiesHandler, request("PUT /v1/municipalities/{code}/allocations/{year}").path("code", "GM0014")
                .path("year", "2025").json("{\"amount\":\"1\"}").as(MINISTRY_CLAIMS), 400);
        answer(municipalitiesHandler, request("POST /v1/allocations/import").body("text/csv",
                "code,year,amountCents\nGM0014,2025,1\nGM0014,2026,2\n").as(MINISTRY_CLAIMS), 200);
        answer(municipalitiesHandler, request("POST /v1/allocations/import").body("text/csv", "code,jaar\nGM0014,2025\n")
                .as(MINISTRY_CLAIMS), 422);
        answer(municipalitiesHandler, request("POST /v1/allocations/import").json("{}").as(MINISTRY_CLAIMS), 415);
    }

    @Test
    void readingApplicationsDocumentsHistoryAndTasks() {
        when(queries.list(any())).thenReturn(new Page<>(List.of(IN_REVIEW, DRAFT), "next-page"));
        when(queries.get(any(), eq("app-1"))).thenReturn(DRAFT);
        when(queries.get(any(), eq("app-2"))).thenThrow(new NotFoundException("no such application"));
        when(queries.history(any(), eq("app-1"), eq(20), isNull())).thenReturn(new Page<>(List.of(
                AuditEvent.of(OFFICIAL, NOW, "CREATED", null, Status.DRAFT, Map.of("title", PLAN.title())),
                new AuditEvent(NOW, "user-1", "A. de Vries", null, "DOCUMENT_UPLOADED", null, null, Map.of("documentId", "doc-1"))),
                "next-page"));
        when(queries.history(any(), eq("app-1"), eq(2), eq("forged"))).thenThrow(new IllegalArgumentException("not a token"));
        when(documents.list(any(), eq("app-1"), eq(20), isNull())).thenReturn(new Page<>(List.of(PENDING,
                PENDING.available("ab".repeat(32), PENDING.checkedKey("check-1"), NOW),
                PENDING.rejected("Het bestand is aangemeld als pdf-bestand, maar de inhoud is geen pdf-bestand.", NOW)), null));
        when(documents.list(any(), eq("app-1"), eq(1), eq("next-page"))).thenReturn(new Page<>(List.of(PENDING), "more"));
        when(documents.download(any(), eq("app-1"), eq("doc-1")))
                .thenReturn(new PresignedUrl(URI.create("https://bucket.s3.amazonaws.com/applications/app-1/documents/doc-1?X-Amz-Signature=1"), NOW));
        when(documents.download(any(), eq("app-1"), eq("doc-2"))).thenThrow(new ConflictException("the document is PENDING_UPLOAD"));
        when(queries.today()).thenReturn(LocalDate.of(2026, 3, 20));
        when(queries.tasks(any())).thenReturn(new Page<>(List.of(Task.open(TaskType.REVIEW, IN_REVIEW, NOW, LocalDate.of(2026, 4, 12)),
                Task.open(TaskType.PREPARE, DRAFT, NOW, null)), "more"));

        answer(queriesHandler, request("GET /v1/applications").query("status", "DRAFT").query("limit", "5"), 200);
        answer(queriesHandler, request("GET /v1/applications").query("limit", "0"), 400);
        answer(queriesHandler, request("GET /v1/applications").query("municipality", "Groningen"), 400);
        APIGatewayV2HTTPResponse one = answer(queriesHandler, request("GET /v1/applications/{id}").path("id", "app-1"), 200);
        assertThat(one.getHeaders()).containsEntry("ETag", "\"1\"");
        answer(queriesHandler, request("GET /v1/applications/{id}").path("id", "app-2"), 404);
        answer(queriesHandler, request("GET /v1/applications/{id}/history").path("id", "app-1"), 200);
        answer(queriesHandler, request("GET /v1/applications/{id}/history").path("id", "app-1").query("limit", "2")
                .query("nextToken", "forged"), 400);
        answer(queriesHandler, request("GET /v1/applications/{id}/history").path("id", "app-1").query("limit", "101"), 400);
        answer(queriesHandler, request("GET /v1/applications/{id}/documents").path("id", "app-1"), 200);
        answer(queriesHandler, request("GET /v1/applications/{id}/documents").path("id", "app-1").query("limit", "1")
                .query("nextToken", "next-page"), 200);
        answer(queriesHandler, request("GET /v1/applications/{id}/documents").path("id", "app-1").query("limit", "x"), 400);
        answer(queriesHandler, request("GET /v1/applications/{id}/documents/{documentId}").path("id", "app-1")
                .path("documentId", "doc-1"), 200);
        answer(queriesHandler, request("GET /v1/applications/{id}/documents/{documentId}").path("id", "app-1")
                .path("documentId", "doc-2"), 409);
        answer(queriesHandler, request("GET /v1/tasks"), 200);
        answer(queriesHandler, request("GET /v1/tasks").query("type", "SETTLE,APPROVE_SETTLEMENT").query("q", "assen")
                .query("sort", "-createdAt").query("limit", "10"), 200);
        answer(queriesHandler, request("GET /v1/tasks").query("type", "SLEEP"), 400);
        answer(queriesHandler, request("GET /v1/tasks").query("sort", "title"), 400);
        answer(queriesHandler, request("GET /v1/applications").query("q", "x".repeat(101)), 400);
        answer(queriesHandler, request("GET /v1/applications").query("q", "Súdwest").query("sort", "createdAt"), 200);
    }

    @Test
    void editingADraftAndAnnouncingADocument() {
        when(drafts.update(any(), eq("app-1"), any(), eq(1L))).thenReturn(DRAFT.withPlan(PLAN, NOW));
        when(drafts.update(any(), eq("app-1"), any(), eq(7L))).thenThrow(new VersionMismatchException("at 2"));
        when(documents.announce(any(), any(), eq("app-1"), anyString(), anyString(), anyLong(), any())).thenReturn(
                new UploadTicket("doc-1", URI.create("https://bucket.s3.amazonaws.com/applications/app-1/documents/doc-1?X-Amz-Signature=1"), NOW));
        String plan = "{\"title\":\"Plan\",\"years\":[2025]}";

        answer(draftsHandler, request("PUT /v1/applications/{id}").path("id", "app-1").header("If-Match", "\"1\"").json(plan), 200);
        answer(draftsHandler, request("PUT /v1/applications/{id}").path("id", "app-1").header("If-Match", "\"7\"").json(plan), 412);
        answer(draftsHandler, request("PUT /v1/applications/{id}").path("id", "app-1").header("If-Match", "1").json(plan), 412);
        answer(draftsHandler, request("PUT /v1/applications/{id}").path("id", "app-1").json(plan), 428);
        answer(draftsHandler, request("PUT /v1/applications/{id}").path("id", "app-1").header("If-Match", "\"1\"")
                .json("{\"title\":1,\"colour\":\"red\"}"), 400);
        answer(draftsHandler, request("PUT /v1/applications/{id}").path("id", "app-1").header("If-Match", "\"1\"")
                .body("text/plain", plan), 415);
        answer(draftsHandler, request("PUT /v1/applications/{id}").path("id", "app-1").header("If-Match", "\"1\"")
                .json("{\"title\":\"" + "x".repeat(ApiHandler.MAX_BODY_BYTES) + "\"}"), 413);
        answer(draftsHandler, request("POST /v1/applications/{id}/documents").path("id", "app-1").json(
                "{\"fileName\":\"plan.pdf\",\"contentType\":\"application/pdf\",\"sizeBytes\":1000,\"kind\":\"PLAN\"}"), 201);
    }

    @Test
    void lifecycleCommands() {
        when(drafts.create(any(), any(), any())).thenReturn(DRAFT);
        when(lifecycle.submit(any(), any(), eq("app-1"))).thenReturn(IN_REVIEW);
        when(lifecycle.submit(any(), any(), eq("app-2"))).thenThrow(new RuleViolationException("the application is not complete",
                List.of(new FieldError("activities", "add at least one activity"), new FieldError("documents", "upload the plan"))));
        when(lifecycle.withdraw(any(), any(), eq("app-1"), eq("no council decision"))).thenReturn(IN_REVIEW.moveTo(Status.WITHDRAWN, NOW));
        when(lifecycle.withdraw(any(), any(), eq("app-2"), anyString())).thenThrow(new ConflictException("cannot be withdrawn"));
        when(lifecycle.withdraw(any(), any(), eq("app-3"), anyString())).thenThrow(new IllegalStateException("the engine is down"));

        APIGatewayV2HTTPResponse created = answer(commandsHandler,
                request("POST /v1/applications").json("{\"title\":\"Plan\",\"years\":[2025]}"), 201);
        assertThat(created.getHeaders()).containsEntry("Location", "/v1/applications/app-1");
        answer(commandsHandler, request("POST /v1/applications/{id}/submit").path("id", "app-1"), 200);
        answer(commandsHandler, request("POST /v1/applications/{id}/submit").path("id", "app-2"), 422);
        answer(commandsHandler, request("POST /v1/applications/{id}/withdraw").path("id", "app-1")
                .json("{\"reason\":\"no council decision\"}"), 200);
        answer(commandsHandler, request("POST /v1/applications/{id}/withdraw").path("id", "app-2").json("{\"reason\":\"r\"}"), 409);
        answer(commandsHandler, request("POST /v1/applications/{id}/withdraw").path("id", "app-3").json("{\"reason\":\"r\"}"), 500);
    }

    @Test
    void advisoryHours() {
        when(advisory.log(any(), any(), eq("app-1"), eq(new BigDecimal("2.5")), eq("RESPIJTZORG"), eq("2026-03-10"), anyString()))
                .thenReturn(new HoursBalance(51, 100));
        when(advisory.log(any(), any(), eq("app-2"), any(), any(), any(), any()))
                .thenThrow(new HoursCapExceededException(new HoursBalance(94, 100)));
        when(advisory.log(any(), any(), eq("app-3"), any(), any(), any(), any()))
                .thenThrow(new ConflictException("advisory hours can be logged only while the application is in review"));
        when(advisory.overview(any(), eq("GM0014"), eq(20), isNull())).thenReturn(new AdvisoryService.Overview(
                new HoursBalance(10, 100), new Page<>(List.of(new HoursEntry("entry-1", GRONINGEN.code(), "app-1", 10,
                AdvisoryTheme.RESPIJTZORG, LocalDate.of(2026, 3, 10), null, "user-5", "J. Bakker", NOW)), "next-page")));
        when(advisory.overview(any(), eq("GM0014"), eq(1), eq("forged"))).thenThrow(new IllegalArgumentException("not a token"));
        when(advisory.overview(any(), eq("GM0034"), anyInt(), any())).thenThrow(new NotFoundException("no such municipality"));
        String hours = example("POST /v1/applications/{id}/advisory/hours");

        APIGatewayV2HTTPResponse logged = answer(advisoryHandler, request("POST /v1/applications/{id}/advisory/hours")
                .path("id", "app-1").json(hours).as(ADVISOR_CLAIMS), 201);
        assertThat(OpenApiDocument.json(logged.getBody()).path("remainingHours").asDouble()).isEqualTo(12.25);
        APIGatewayV2HTTPResponse capped = answer(advisoryHandler, request("POST /v1/applications/{id}/advisory/hours")
                .path("id", "app-2").json(hours).as(ADVISOR_CLAIMS), 409);
        assertThat(OpenApiDocument.json(capped.getBody()).path("remainingHours").asDouble()).isEqualTo(1.5);
        answer(advisoryHandler, request("POST /v1/applications/{id}/advisory/hours").path("id", "app-3").json(hours)
                .as(ADVISOR_CLAIMS), 409);
        answer(advisoryHandler, request("POST /v1/applications/{id}/advisory/hours").path("id", "app-1")
                .json("{\"hours\":\"2,5\",\"theme\":\"RESPIJTZORG\",\"date\":\"2026-03-10\"}").as(ADVISOR_CLAIMS), 400);
        answer(advisoryHandler, request("GET /v1/municipalities/{code}/advisory-hours").path("code", "GM0014"), 200);
        answer(advisoryHandler, request("GET /v1/municipalities/{code}/advisory-hours").path("code", "GM0014")
                .query("limit", "1").query("nextToken", "forged"), 400);
        answer(advisoryHandler, request("GET /v1/municipalities/{code}/advisory-hours").path("code", "GM0034"), 404);
    }

    @Test
    void adviceAndDecision() {
        when(review.advise(any(), any(), eq("app-1"), eq("POSITIVE"), anyString(), eq("7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")))
                .thenReturn(ADVISED);
        when(review.advise(any(), any(), eq("app-2"), any(), any(), any())).thenThrow(new RuleViolationException(
                "the advice cannot be recorded", List.of(new FieldError("summary", "is required"))));
        when(decisions.propose(any(), any(), eq("app-1"), eq("AWARD"), any(), anyString(), anyString())).thenReturn(PROPOSED);
        when(decisions.propose(any(), any(), eq("app-2"), any(), any(), any(), any()))
                .thenThrow(new ConflictException("a decision can be proposed once the application is advised, not in IN_REVIEW"));
        when(decisions.approve(any(), any(), eq("app-1"))).thenReturn(AWARDED);
        when(decisions.approve(any(), any(), eq("app-2"))).thenThrow(new ForbiddenException(
                "four eyes: the decision must be approved or returned by another ministry user than its proposer"));
        when(decisions.approve(any(), any(), eq("app-3"))).thenThrow(new AllocationExceededException("the allocation for 2025 has 0 cents left"));
        when(decisions.returnToAdvised(any(), any(), eq("app-1"), anyString()))
                .thenReturn(PROPOSED.decided(null, Status.ADVISED, NOW.plusSeconds(9900)));
        when(decisions.returnToAdvised(any(), any(), eq("app-2"), any())).thenThrow(new RuleViolationException(
                "a reason is required to return a decision", List.of(new FieldError("reason", "is required"))));

        APIGatewayV2HTTPResponse advised = answer(decisionsHandler, request("POST /v1/applications/{id}/advice").path("id", "app-1")
                .json(example("POST /v1/applications/{id}/advice")).as(ADVISOR_CLAIMS), 200);
        assertThat(advised.getHeaders()).containsEntry("ETag", "\"" + ADVISED.version() + "\"");
        answer(decisionsHandler, request("POST /v1/applications/{id}/advice").path("id", "app-2")
                .json("{\"outcome\":\"POSITIVE\",\"summary\":\" \"}").as(ADVISOR_CLAIMS), 422);
        answer(decisionsHandler, request("POST /v1/applications/{id}/decision").path("id", "app-1")
                .json(example("POST /v1/applications/{id}/decision")).as(MINISTRY_CLAIMS), 200);
        answer(decisionsHandler, request("POST /v1/applications/{id}/decision").path("id", "app-1")
                .json("{\"outcome\":\"AWARD\",\"awardedCents\":{\"25\":1},\"motivation\":\"m\"}").as(MINISTRY_CLAIMS), 400);
        answer(decisionsHandler, request("POST /v1/applications/{id}/decision").path("id", "app-2")
                .json(example("POST /v1/applications/{id}/decision")).as(MINISTRY_CLAIMS), 409);
        APIGatewayV2HTTPResponse approved = answer(decisionsHandler, request("POST /v1/applications/{id}/decision/approve")
                .path("id", "app-1").as(MINISTRY_CLAIMS), 200);
        assertThat(OpenApiDocument.json(approved.getBody()).at("/decision/approvedBy").asText()).isEqualTo("P. de Boer");
        answer(decisionsHandler, request("POST /v1/applications/{id}/decision/approve").path("id", "app-2").as(MINISTRY_CLAIMS), 403);
        answer(decisionsHandler, request("POST /v1/applications/{id}/decision/approve").path("id", "app-3").as(MINISTRY_CLAIMS), 409);
        answer(decisionsHandler, request("POST /v1/applications/{id}/decision/return").path("id", "app-1")
                .json(example("POST /v1/applications/{id}/decision/return")).as(MINISTRY_CLAIMS), 200);
        answer(decisionsHandler, request("POST /v1/applications/{id}/decision/return").path("id", "app-2")
                .json("{}").as(MINISTRY_CLAIMS), 422);
        answer(decisionsHandler, request("POST /v1/applications/{id}/decision/return").path("id", "app-1")
                .body("text/plain", "reason").as(MINISTRY_CLAIMS), 415);
    }

    @Test
    void reportsAndSettlement() {
        Report accepted = REPORT.reviewed(ReportStatus.ACCEPTED, SECOND, NOW.plusSeconds(25_000), null);
        when(reports.submit(any(), any(), eq("app-1"), eq(2025), any())).thenReturn(REPORT);
        when(reports.submit(any(), any(), eq("app-1"), eq(2027), any())).thenThrow(new RuleViolationException(
                "the report cannot be accepted", List.of(new FieldError("year", "2027 is not an awarded year of this application"))));
        when(reports.review(any(), any(), eq("app-1"), eq(2025), eq("ACCEPT"), any())).thenReturn(accepted);
        when(reports.review(any(), any(), eq("app-1"), eq(2024), any(), any())).thenThrow(new NotFoundException("no report on 2024"));
        when(reports.list(any(), eq("app-1"))).thenReturn(List.of(accepted,
                new Report("app-1", 2026, Map.of(), 0, 0, "Niets besteed.", "doc-3", ReportStatus.REJECTED,
                        NOW.plusSeconds(40_000), "user-1", NOW.plusSeconds(41_000), "user-8", "De bedragen ontbreken.")));
        when(settlements.propose(any(), any(), eq("app-1"))).thenReturn(SETTLING);
        when(settlements.propose(any(), any(), eq("app-2"))).thenThrow(new ConflictException(
                "a settlement can be proposed once every awarded year's report is accepted"));
        when(settlements.approve(any(), any(), eq("app-1"))).thenReturn(
                SETTLING.settling(SETTLEMENT.approved(SECOND, NOW.plusSeconds(31_000)), Status.SETTLED, NOW.plusSeconds(31_000)));
        when(settlements.approve(any(), any(), eq("app-2"))).thenThrow(new ForbiddenException(
                "four eyes: the settlement must be approved or returned by another ministry user than its proposer"));
        when(settlements.returnToProposal(any(), any(), eq("app-1"), anyString()))
                .thenReturn(SETTLING.settling(null, Status.REPORTING, NOW.plusSeconds(31_000)));
        when(settlements.returnToProposal(any(), any(), eq("app-2"), any()))
                .thenThrow(new ConflictException("there is no proposed settlement to act on"));
        String report = example("POST /v1/applications/{id}/reports/{year}");

        APIGatewayV2HTTPResponse submitted = answer(reportsHandler, request("POST /v1/applications/{id}/reports/{year}")
                .path("id", "app-1").path("year", "2025").json(report), 200);
        assertThat(OpenApiDocument.json(submitted.getBody()).path("respiteHours").asDouble()).isEqualTo(1480.5);
        answer(reportsHandler, request("POST /v1/applications/{id}/reports/{year}").path("id", "app-1").path("year", "2027")
                .json(report), 422);
        answer(reportsHandler, request("POST /v1/applications/{id}/reports/{year}").path("id", "app-1").path("year", "twee")
                .json(report), 400);
        answer(reportsHandler, request("POST /v1/applications/{id}/reports/{year}").path("id", "app-1").path("year", "2025")
                .json("{\"spentCents\":{\"VINDEN\":1.5},\"caregiversReached\":\"veel\"}"), 400);
        answer(reportsHandler, request("POST /v1/applications/{id}/reports/{year}/review").path("id", "app-1").path("year", "2025")
                .json(example("POST /v1/applications/{id}/reports/{year}/review")).as(MINISTRY_CLAIMS), 200);
        answer(reportsHandler, request("POST /v1/applications/{id}/reports/{year}/review").path("id", "app-1").path("year", "2024")
                .json(example("POST /v1/applications/{id}/reports/{year}/review")).as(MINISTRY_CLAIMS), 404);
        answer(queriesHandler, request("GET /v1/applications/{id}/reports").path("id", "app-1"), 200);

        APIGatewayV2HTTPResponse proposed = answer(reportsHandler, request("POST /v1/applications/{id}/settlement")
                .path("id", "app-1").as(MINISTRY_CLAIMS), 200);
        assertThat(OpenApiDocument.json(proposed.getBody()).at("/settlement/reclaimCents").asLong()).isZero();
        answer(reportsHandler, request("POST /v1/applications/{id}/settlement").path("id", "app-2").as(MINISTRY_CLAIMS), 409);
        APIGatewayV2HTTPResponse settled = answer(reportsHandler, request("POST /v1/applications/{id}/settlement/approve")
                .path("id", "app-1").as(MINISTRY_CLAIMS), 200);
        assertThat(OpenApiDocument.json(settled.getBody()).path("status").asText()).isEqualTo("SETTLED");
        answer(reportsHandler, request("POST /v1/applications/{id}/settlement/approve").path("id", "app-2").as(MINISTRY_CLAIMS), 403);
        answer(reportsHandler, request("POST /v1/applications/{id}/settlement/return").path("id", "app-1")
                .json(example("POST /v1/applications/{id}/settlement/return")).as(MINISTRY_CLAIMS), 200);
        answer(reportsHandler, request("POST /v1/applications/{id}/settlement/return").path("id", "app-2")
                .json(example("POST /v1/applications/{id}/settlement/return")).as(MINISTRY_CLAIMS), 409);
    }

    @Test
    void monitoring() {
        MonitoringService.Row groningen = new MonitoringService.Row(GRONINGEN, 1_250_000, 1_250_000, 1_000_000, 900_000, 0, 10);
        MonitoringService.Row almere = new MonitoringService.Row(new Municipality(new MunicipalityCode("GM0034"), "Almere, stad"),
                0, 0, 0, 0, 0, 0);
        // the service takes both maps from Figures, which names every attention point and status
        Figures national = new Figures(1_250_000, 1_000_000, 900_000, 0, Map.of(AttentionPoint.VERLICHTEN, 900_000L),
                Map.of(Status.REPORTING, 1L));
        when(monitoring.spending(any(), eq(2025))).thenReturn(new MonitoringService.Spending(2025,
                new MonitoringService.Row(null, 1_250_000, 1_250_000, 1_000_000, 900_000, 0, 10), List.of(groningen, almere),
                national.spentByTheme(), national.applicationsByStatus(), 10, 0, 1));
        when(monitoring.spending(any(), eq(2027))).thenThrow(new RuleViolationException("no such year",
                List.of(new FieldError("year", "must be a year from 2023 to 2026"))));
        when(monitoring.municipalitySpending(any(), eq("GM0014"), eq(2025))).thenReturn(groningen);
        when(monitoring.municipalitySpending(any(), eq("GM0034"), eq(2025))).thenThrow(new NotFoundException("no such municipality"));

        answer(monitoringHandler, request("GET /v1/monitoring/spending").query("year", "2025").as(MINISTRY_CLAIMS), 200);
        answer(monitoringHandler, request("GET /v1/monitoring/spending").query("year", "2027").as(MINISTRY_CLAIMS), 422);
        answer(monitoringHandler, request("GET /v1/monitoring/spending").as(MINISTRY_CLAIMS), 400);
        APIGatewayV2HTTPResponse csv = answer(monitoringHandler, request("GET /v1/monitoring/spending.csv").query("year", "2025")
                .as(MINISTRY_CLAIMS), 200);
        assertThat(csv.getBody()).contains("\r\nGM0034,\"Almere, stad\",0,0,0,0,0,0.0\r\n");
        answer(monitoringHandler, request("GET /v1/monitoring/spending.csv").query("year", "twee").as(MINISTRY_CLAIMS), 400);
        APIGatewayV2HTTPResponse xlsx = answer(monitoringHandler, request("GET /v1/monitoring/spending.xlsx").query("year", "2025")
                .as(MINISTRY_CLAIMS), 200);
        assertThat(xlsx.getIsBase64Encoded()).as("a binary body, base64 for API Gateway").isTrue();
        answer(monitoringHandler, request("GET /v1/monitoring/spending.xlsx").query("year", "2027").as(MINISTRY_CLAIMS), 422);
        answer(monitoringHandler, request("GET /v1/municipalities/{code}/spending").path("code", "GM0014").query("year", "2025"), 200);
        answer(monitoringHandler, request("GET /v1/municipalities/{code}/spending").path("code", "GM0034").query("year", "2025"), 404);
    }

    @Test
    void idempotencyAnswers() {
        when(idempotency.claim(anyString(), anyString(), any()))
                .thenReturn(new IdempotencyStore.Replay(new IdempotencyStore.StoredResponse(201,
                        Map.of("Content-Type", "application/json", "Location", "/v1/applications/app-1", "ETag", "\"1\"",
                                "Cache-Control", "no-store", "X-Content-Type-Options", "nosniff"),
                        Json.write(Views.application(DRAFT, OFFICIAL)))))
                .thenReturn(new IdempotencyStore.InProgress())
                .thenReturn(new IdempotencyStore.Mismatch());
        Request create = request("POST /v1/applications").header("Idempotency-Key", "7d1f3c52-93a4-4bb8-9a62-5f0e1c2d3b4a")
                .json("{\"title\":\"Plan\",\"years\":[2025]}");

        APIGatewayV2HTTPResponse replayed = answer(commandsHandler, create, 201);
        assertThat(replayed.getHeaders()).containsEntry("Idempotent-Replayed", "true");
        answer(commandsHandler, create, 409);
        answer(commandsHandler, create, 422);
        answer(commandsHandler, request("POST /v1/applications").header("Idempotency-Key", "has spaces").json("{}"), 400);
    }

    @Test
    void notificationsInTheApp() {
        var entry = new nl.spuk.application.port.NotificationInbox.Entry("0123456789abcdef0123456789abcdef",
                nl.spuk.domain.NotificationType.AWARDED, "app-1", GRONINGEN.code(),
                "Het ministerie heeft de aanvraag 'Mantelzorg in Groningen' toegekend.", NOW, false);
        when(notifications.list(any(), eq(20), eq(null))).thenReturn(new Page<>(List.of(entry), "next-page"));
        when(notifications.list(any(), eq(5), eq("forged"))).thenThrow(new IllegalArgumentException("not ours"));
        when(notifications.markRead(any(), eq(entry.id()))).thenReturn(new nl.spuk.application.port.NotificationInbox.Entry(
                entry.id(), entry.type(), entry.applicationId(), entry.municipalityCode(), entry.message(), NOW, true));
        when(notifications.markRead(any(), eq("someone-elses"))).thenThrow(new NotFoundException("notification not found"));

        APIGatewayV2HTTPResponse list = answer(notificationsHandler, request("GET /v1/notifications"), 200);
        assertThat(list.getBody()).contains("\"nextToken\":\"next-page\"", "\"read\":false");
        answer(notificationsHandler, request("GET /v1/notifications").query("limit", "0"), 400);
        answer(notificationsHandler, request("GET /v1/notifications").query("limit", "5").query("nextToken", "forged"), 400);
        APIGatewayV2HTTPResponse read = answer(notificationsHandler, request("POST /v1/notifications/{id}/read")
                .path("id", entry.id()), 200);
        assertThat(read.getBody()).contains("\"read\":true");
        answer(notificationsHandler, request("POST /v1/notifications/{id}/read").path("id", "someone-elses"), 404);
        answer(notificationsHandler, request("GET /v1/notifications").as(null), 401);
    }

    @Test
    void refusedCallers() {
        answer(queriesHandler, request("GET /v1/tasks").as(null), 401);
        answer(queriesHandler, request("GET /v1/tasks").as(Map.of("sub", "user-1", "token_use", "id", "cognito:groups", "[advisor ministry]")), 403);
        answer(queriesHandler, request("GET /v1/tasks").as(Map.of("sub", "user-1", "token_use", "id", "cognito:groups", "[municipality]")), 403);
    }

    /** Calls the handler and checks the answer against the document; returns it for further assertions. */
    private static APIGatewayV2HTTPResponse answer(ApiHandler handler, Request request, int expectedStatus) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(request.event(), null);
        String where = request.routeKey + " → " + response.getStatusCode() + " " + response.getBody();
        assertThat(response.getStatusCode()).as(where).isEqualTo(expectedStatus);

        JsonNode responses = DOCUMENT.operation(request.routeKey).path("responses");
        String status = Integer.toString(response.getStatusCode());
        assertThat(responses.has(status)).as("documented status: " + where).isTrue();
        JsonNode documented = DOCUMENT.resolve(responses.get(status));

        String contentType = response.getHeaders().get("Content-Type");
        JsonNode media = documented.path("content").path(contentType);
        assertThat(media.isMissingNode()).as("documented media type " + contentType + ": " + where).isFalse();
        // a JSON answer is checked as the value it is; any other (CSV) as the string it is
        boolean json = contentType.split(";", 2)[0].strip().matches("application/(.+\\+)?json");
        assertThat(DOCUMENT.validate(media.get("schema"), OpenApiDocument.json(json ? response.getBody()
                : jsonString(response.getBody())))).as("body matches the documented schema: " + where).isEmpty();

        Set<String> declared = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        documented.path("headers").fieldNames().forEachRemaining(declared::add);
        for (Map.Entry<String, String> header : response.getHeaders().entrySet()) {
            if (header.getKey().equalsIgnoreCase("Content-Type")) {
                continue;
            }
            assertThat(declared).as("declared header " + header.getKey() + ": " + where).contains(header.getKey());
            JsonNode schema = DOCUMENT.resolve(documented.get("headers").get(header.getKey())).get("schema");
            assertThat(DOCUMENT.validate(schema, OpenApiDocument.json(jsonString(header.getValue()))))
                    .as("header " + header.getKey() + " matches its schema: " + where).isEmpty();
        }
        return response;
    }

    /** The document's request example of a route (the first, where it gives several), as JSON text. */
    private static String example(String routeKey) {
        JsonNode media = DOCUMENT.operation(routeKey).at("/requestBody/content/application~1json");
        JsonNode example = media.has("example") ? media.get("example")
                : DOCUMENT.resolve(media.get("examples").elements().next()).get("value");
        return Json.write(example);
    }

    private static String jsonString(String s) {
        return Json.write(s);
    }

    private static Request request(String routeKey) {
        return new Request(routeKey);
    }

    /** An API Gateway v2 event under construction, as a municipality official by default. */
    private static final class Request {
        private final String routeKey;
        private final Map<String, String> pathParameters = new HashMap<>();
        private final Map<String, String> query = new HashMap<>();
        private final Map<String, String> headers = new HashMap<>();
        private String body;
        private Map<String, String> claims = OFFICIAL_CLAIMS;

        Request(String routeKey) {
            this.routeKey = routeKey;
        }

        Request path(String name, String value) {
            pathParameters.put(name, value);
            return this;
        }

        Request query(String name, String value) {
            query.put(name, value);
            return this;
        }

        Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Request json(String json) {
            return body("application/json", json);
        }

        Request body(String contentType, String text) {
            headers.put("content-type", contentType);
            body = text;
            return this;
        }

        Request as(Map<String, String> claims) {
            this.claims = claims;
            return this;
        }

        APIGatewayV2HTTPEvent event() {
            String rawPath = routeKey.split(" ", 2)[1];
            for (Map.Entry<String, String> p : pathParameters.entrySet()) {
                rawPath = rawPath.replace("{" + p.getKey() + "}", p.getValue());
            }
            RequestContext.Authorizer authorizer = claims == null ? null : RequestContext.Authorizer.builder()
                    .withJwt(RequestContext.Authorizer.JWT.builder().withClaims(claims).build()).build();
            Map<String, String> lowerCased = new HashMap<>();
            headers.forEach((k, v) -> lowerCased.put(k.toLowerCase(Locale.ROOT), v));
            return APIGatewayV2HTTPEvent.builder()
                    .withRouteKey(routeKey)
                    .withRawPath(rawPath)
                    .withPathParameters(pathParameters)
                    .withQueryStringParameters(query)
                    .withHeaders(lowerCased)
                    .withBody(body)
                    .withIsBase64Encoded(false)
                    .withRequestContext(RequestContext.builder().withRequestId("req-1").withAuthorizer(authorizer).build())
                    .build();
        }
    }
}
