package nl.spuk.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
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
import nl.spuk.adapter.in.lambda.ApiHandler;
import nl.spuk.adapter.in.lambda.ApplicationCommandsHandler;
import nl.spuk.adapter.in.lambda.ApplicationQueriesHandler;
import nl.spuk.adapter.in.lambda.DraftsHandler;
import nl.spuk.adapter.in.lambda.MunicipalitiesHandler;
import nl.spuk.adapter.in.lambda.http.Json;
import nl.spuk.adapter.in.lambda.http.Views;
import nl.spuk.application.ApplicationQueries;
import nl.spuk.application.ConflictException;
import nl.spuk.application.DocumentService;
import nl.spuk.application.DraftService;
import nl.spuk.application.LifecycleService;
import nl.spuk.application.MunicipalityService;
import nl.spuk.application.MunicipalityView;
import nl.spuk.application.NotFoundException;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.UploadTicket;
import nl.spuk.application.VersionMismatchException;
import nl.spuk.application.port.IdempotencyStore;
import nl.spuk.application.port.Page;
import nl.spuk.application.port.PresignedUrl;
import nl.spuk.domain.Activity;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Application;
import nl.spuk.domain.AttentionPoint;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Contact;
import nl.spuk.domain.Document;
import nl.spuk.domain.DocumentKind;
import nl.spuk.domain.DocumentStatus;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.Municipality;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Plan;
import nl.spuk.domain.Role;
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
    private static final Map<String, String> OFFICIAL_CLAIMS = Map.of("sub", "user-1", "name", "A. de Vries",
            "cognito:groups", "[municipality]", "custom:municipality", "GM0014");
    private static final Map<String, String> MINISTRY_CLAIMS = Map.of("sub", "user-9", "cognito:groups", "[ministry]");
    private static final Plan PLAN = new Plan("Mantelzorg in Groningen", List.of(2025, 2026),
            List.of(new Activity(AttentionPoint.VERLICHTEN, "Respijtzorg", null, YearAmounts.of(Map.of(2025, 1_250_000L)))),
            null);
    private static final Application DRAFT = Application.draft("app-1", GRONINGEN, PLAN, OFFICIAL, NOW);
    private static final Application IN_REVIEW = DRAFT
            .withPlan(new Plan(PLAN.title(), PLAN.years(), PLAN.activities(), new Contact("A. de Vries", "a@example.nl")), NOW)
            .moveTo(Status.IN_REVIEW, NOW.plusSeconds(90));
    private static final Document PENDING = new Document("app-1", "doc-1", DocumentKind.PLAN, "plan.pdf",
            "application/pdf", 1000, DocumentStatus.PENDING_UPLOAD, null, NOW, null, "user-1", "MUNICIPALITY");

    private final MunicipalityService municipalities = mock(MunicipalityService.class);
    private final ApplicationQueries queries = mock(ApplicationQueries.class);
    private final DocumentService documents = mock(DocumentService.class);
    private final DraftService drafts = mock(DraftService.class);
    private final LifecycleService lifecycle = mock(LifecycleService.class);
    private final IdempotencyStore idempotency = mock(IdempotencyStore.class);

    private final ApiHandler municipalitiesHandler = new MunicipalitiesHandler(municipalities, idempotency, Clock.systemUTC());
    private final ApiHandler queriesHandler = new ApplicationQueriesHandler(queries, documents, mock(nl.spuk.application.ReportService.class), idempotency, Clock.systemUTC());
    private final ApiHandler draftsHandler = new DraftsHandler(drafts, documents, idempotency, Clock.systemUTC());
    private final ApiHandler commandsHandler = new ApplicationCommandsHandler(drafts, lifecycle, idempotency, Clock.systemUTC());

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

        answer(municipalitiesHandler, request("GET /municipalities"), 200);
        answer(municipalitiesHandler, request("PUT /municipalities/{code}/allocations/{year}").path("code", "GM0014")
                .path("year", "2025").json("{\"amountCents\":1250000}").as(MINISTRY_CLAIMS), 200);
        answer(municipalitiesHandler, request("PUT /municipalities/{code}/allocations/{year}").path("code", "GM9999")
                .path("year", "2025").json("{\"amountCents\":1}").as(MINISTRY_CLAIMS), 404);
        answer(municipalitiesHandler, request("PUT /municipalities/{code}/allocations/{year}").path("code", "GM0014")
                .path("year", "20x5").json("{\"amountCents\":1}").as(MINISTRY_CLAIMS), 400);
        answer(municipalitiesHandler, request("PUT /municipalities/{code}/allocations/{year}").path("code", "GM0014")
                .path("year", "2025").json("{\"amount\":\"1\"}").as(MINISTRY_CLAIMS), 400);
        answer(municipalitiesHandler, request("POST /allocations/import").body("text/csv",
                "code,year,amountCents\nGM0014,2025,1\nGM0014,2026,2\n").as(MINISTRY_CLAIMS), 200);
        answer(municipalitiesHandler, request("POST /allocations/import").body("text/csv", "code,jaar\nGM0014,2025\n")
                .as(MINISTRY_CLAIMS), 422);
        answer(municipalitiesHandler, request("POST /allocations/import").json("{}").as(MINISTRY_CLAIMS), 415);
    }

    @Test
    void readingApplicationsDocumentsHistoryAndTasks() {
        when(queries.list(any())).thenReturn(new Page<>(List.of(IN_REVIEW, DRAFT), "next-page"));
        when(queries.get(any(), eq("app-1"))).thenReturn(DRAFT);
        when(queries.get(any(), eq("app-2"))).thenThrow(new NotFoundException("no such application"));
        when(queries.history(any(), eq("app-1"))).thenReturn(List.of(
                AuditEvent.of(OFFICIAL, NOW, "CREATED", null, Status.DRAFT, Map.of("title", PLAN.title())),
                new AuditEvent(NOW, "user-1", "A. de Vries", null, "DOCUMENT_UPLOADED", null, null, Map.of("documentId", "doc-1"))));
        when(documents.list(any(), eq("app-1"))).thenReturn(List.of(PENDING, PENDING.available("ab".repeat(32), NOW)));
        when(documents.download(any(), eq("app-1"), eq("doc-1")))
                .thenReturn(new PresignedUrl(URI.create("https://bucket.s3.amazonaws.com/applications/app-1/documents/doc-1?X-Amz-Signature=1"), NOW));
        when(documents.download(any(), eq("app-1"), eq("doc-2"))).thenThrow(new ConflictException("the document is PENDING_UPLOAD"));
        when(queries.tasks(any())).thenReturn(List.of(Task.open(TaskType.REVIEW, IN_REVIEW, NOW, LocalDate.of(2026, 4, 12)),
                Task.open(TaskType.PREPARE, DRAFT, NOW, null)));

        answer(queriesHandler, request("GET /applications").query("status", "DRAFT").query("limit", "5"), 200);
        answer(queriesHandler, request("GET /applications").query("limit", "0"), 400);
        answer(queriesHandler, request("GET /applications").query("municipality", "Groningen"), 400);
        APIGatewayV2HTTPResponse one = answer(queriesHandler, request("GET /applications/{id}").path("id", "app-1"), 200);
        assertThat(one.getHeaders()).containsEntry("ETag", "\"1\"");
        answer(queriesHandler, request("GET /applications/{id}").path("id", "app-2"), 404);
        answer(queriesHandler, request("GET /applications/{id}/history").path("id", "app-1"), 200);
        answer(queriesHandler, request("GET /applications/{id}/documents").path("id", "app-1"), 200);
        answer(queriesHandler, request("GET /applications/{id}/documents/{documentId}").path("id", "app-1")
                .path("documentId", "doc-1"), 200);
        answer(queriesHandler, request("GET /applications/{id}/documents/{documentId}").path("id", "app-1")
                .path("documentId", "doc-2"), 409);
        answer(queriesHandler, request("GET /tasks"), 200);
    }

    @Test
    void editingADraftAndAnnouncingADocument() {
        when(drafts.update(any(), eq("app-1"), any(), eq(1L))).thenReturn(DRAFT.withPlan(PLAN, NOW));
        when(drafts.update(any(), eq("app-1"), any(), eq(7L))).thenThrow(new VersionMismatchException("at 2"));
        when(documents.announce(any(), eq("app-1"), anyString(), anyString(), anyLong(), any())).thenReturn(
                new UploadTicket("doc-1", URI.create("https://bucket.s3.amazonaws.com/applications/app-1/documents/doc-1?X-Amz-Signature=1"), NOW));
        String plan = "{\"title\":\"Plan\",\"years\":[2025]}";

        answer(draftsHandler, request("PUT /applications/{id}").path("id", "app-1").header("If-Match", "\"1\"").json(plan), 200);
        answer(draftsHandler, request("PUT /applications/{id}").path("id", "app-1").header("If-Match", "\"7\"").json(plan), 412);
        answer(draftsHandler, request("PUT /applications/{id}").path("id", "app-1").header("If-Match", "1").json(plan), 412);
        answer(draftsHandler, request("PUT /applications/{id}").path("id", "app-1").json(plan), 428);
        answer(draftsHandler, request("PUT /applications/{id}").path("id", "app-1").header("If-Match", "\"1\"")
                .json("{\"title\":1,\"colour\":\"red\"}"), 400);
        answer(draftsHandler, request("PUT /applications/{id}").path("id", "app-1").header("If-Match", "\"1\"")
                .body("text/plain", plan), 415);
        answer(draftsHandler, request("PUT /applications/{id}").path("id", "app-1").header("If-Match", "\"1\"")
                .json("{\"title\":\"" + "x".repeat(ApiHandler.MAX_BODY_BYTES) + "\"}"), 413);
        answer(draftsHandler, request("POST /applications/{id}/documents").path("id", "app-1").json(
                "{\"fileName\":\"plan.pdf\",\"contentType\":\"application/pdf\",\"sizeBytes\":1000,\"kind\":\"PLAN\"}"), 201);
    }

    @Test
    void lifecycleCommands() {
        when(drafts.create(any(), any(), isNull())).thenReturn(DRAFT);
        when(lifecycle.submit(any(), eq("app-1"))).thenReturn(IN_REVIEW);
        when(lifecycle.submit(any(), eq("app-2"))).thenThrow(new RuleViolationException("the application is not complete",
                List.of(new FieldError("activities", "add at least one activity"), new FieldError("documents", "upload the plan"))));
        when(lifecycle.withdraw(any(), eq("app-1"), eq("no council decision"))).thenReturn(IN_REVIEW.moveTo(Status.WITHDRAWN, NOW));
        when(lifecycle.withdraw(any(), eq("app-2"), anyString())).thenThrow(new ConflictException("cannot be withdrawn"));
        when(lifecycle.withdraw(any(), eq("app-3"), anyString())).thenThrow(new IllegalStateException("the engine is down"));

        APIGatewayV2HTTPResponse created = answer(commandsHandler,
                request("POST /applications").json("{\"title\":\"Plan\",\"years\":[2025]}"), 201);
        assertThat(created.getHeaders()).containsEntry("Location", "/applications/app-1");
        answer(commandsHandler, request("POST /applications/{id}/submit").path("id", "app-1"), 200);
        answer(commandsHandler, request("POST /applications/{id}/submit").path("id", "app-2"), 422);
        answer(commandsHandler, request("POST /applications/{id}/withdraw").path("id", "app-1")
                .json("{\"reason\":\"no council decision\"}"), 200);
        answer(commandsHandler, request("POST /applications/{id}/withdraw").path("id", "app-2").json("{\"reason\":\"r\"}"), 409);
        answer(commandsHandler, request("POST /applications/{id}/withdraw").path("id", "app-3").json("{\"reason\":\"r\"}"), 500);
    }

    @Test
    void idempotencyAnswers() {
        when(idempotency.claim(anyString(), anyString(), any()))
                .thenReturn(new IdempotencyStore.Replay(new IdempotencyStore.StoredResponse(201,
                        Map.of("Content-Type", "application/json", "Location", "/applications/app-1", "ETag", "\"1\"",
                                "Cache-Control", "no-store", "X-Content-Type-Options", "nosniff"),
                        Json.write(Views.application(DRAFT)))))
                .thenReturn(new IdempotencyStore.InProgress())
                .thenReturn(new IdempotencyStore.Mismatch());
        Request create = request("POST /applications").header("Idempotency-Key", "7d1f3c52-93a4-4bb8-9a62-5f0e1c2d3b4a")
                .json("{\"title\":\"Plan\",\"years\":[2025]}");

        APIGatewayV2HTTPResponse replayed = answer(commandsHandler, create, 201);
        assertThat(replayed.getHeaders()).containsEntry("Idempotent-Replayed", "true");
        answer(commandsHandler, create, 409);
        answer(commandsHandler, create, 422);
        answer(commandsHandler, request("POST /applications").header("Idempotency-Key", "has spaces").json("{}"), 400);
    }

    @Test
    void refusedCallers() {
        answer(queriesHandler, request("GET /tasks").as(null), 401);
        answer(queriesHandler, request("GET /tasks").as(Map.of("sub", "user-1", "cognito:groups", "[advisor ministry]")), 403);
        answer(queriesHandler, request("GET /tasks").as(Map.of("sub", "user-1", "cognito:groups", "[municipality]")), 403);
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
        assertThat(DOCUMENT.validate(media.get("schema"), OpenApiDocument.json(response.getBody())))
                .as("body matches the documented schema: " + where).isEmpty();

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
