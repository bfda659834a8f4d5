package nl.spuk.adapter.in.lambda;

import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import nl.spuk.adapter.in.lambda.http.ApiException;
import nl.spuk.adapter.in.lambda.http.ApiRequest;
import nl.spuk.adapter.in.lambda.http.ApiResponse;
import nl.spuk.adapter.in.lambda.http.Views;
import nl.spuk.application.ApplicationQueries;
import nl.spuk.application.documents.DocumentService;
import nl.spuk.application.port.ApplicationQuery;
import nl.spuk.application.port.IdempotencyStore;
import nl.spuk.application.port.Page;
import nl.spuk.application.port.TaskQuery;
import nl.spuk.application.port.PresignedUrl;
import nl.spuk.application.reporting.ReportService;
import nl.spuk.config.LambdaContainer;
import nl.spuk.domain.Application;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.SearchText;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;

/** The read routes: applications, their history and documents, and the caller's tasks. Never boots the engine. */
public final class ApplicationQueriesHandler extends ApiHandler {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private final ApplicationQueries queries;
    private final DocumentService documents;
    private final ReportService reports;

    public ApplicationQueriesHandler() {
        this(LambdaContainer.components().applicationQueries(), LambdaContainer.components().documents(), LambdaContainer.components().reports(),
                LambdaContainer.components().idempotency(), LambdaContainer.components().realClock());
    }

    public ApplicationQueriesHandler(ApplicationQueries queries, DocumentService documents, ReportService reports,
                                     IdempotencyStore idempotency, Clock realClock) {
        super(idempotency, realClock);
        this.queries = queries;
        this.documents = documents;
        this.reports = reports;
        route("GET /v1/applications", this::list);
        route("GET /v1/applications/{id}", this::get);
        route("GET /v1/applications/{id}/history", r -> ApiResponse.json(200, Views.page(
                readPage(() -> queries.history(r.actor(), r.path("id"), pageLimit(r), r.query("nextToken"))),
                e -> Views.event(e, r.actor()))));
        route("GET /v1/applications/{id}/documents", r -> ApiResponse.json(200, Views.page(
                readPage(() -> documents.list(r.actor(), r.path("id"), pageLimit(r), r.query("nextToken"))), Views::document)));
        route("GET /v1/applications/{id}/documents/{documentId}", this::download);
        route("GET /v1/applications/{id}/reports", r -> ApiResponse.json(200,
                Views.items(reports.list(r.actor(), r.path("id")).stream().map(Views::report).toList())));
        route("GET /v1/tasks", this::tasks);
    }

    private ApiResponse get(ApiRequest r) {
        Application app = queries.get(r.actor(), r.path("id"));
        return ApiResponse.json(200, Views.application(app, r.actor())).withHeader("ETag", "\"" + app.version() + "\"");
    }

    private ApiResponse list(ApiRequest r) {
        Status status = r.query("status") == null ? null : enumValue(r.query("status"));
        String code = r.query("municipality");
        if (code != null && !MunicipalityCode.isWellFormed(code)) {
            throw ApiException.badRequest("municipality must be a code such as GM0014");
        }
        Integer year = r.query("year") == null ? null : number(r.query("year"), "year", 1000, 9999);
        boolean oldestFirst = order(r, "-createdAt");
        Page<Application> page = readPage(() -> queries.list(new ApplicationQuery(r.actor(), status,
                code == null ? null : new MunicipalityCode(code), year, pageLimit(r), r.query("nextToken"), search(r),
                oldestFirst)));
        return ApiResponse.json(200, Views.page(page, a -> Views.application(a, r.actor())));
    }

    private ApiResponse tasks(ApiRequest r) {
        Set<TaskType> types = new TreeSet<>();
        if (r.query("type") != null) {
            for (String type : r.query("type").split(",", -1)) {
                try {
                    types.add(TaskType.valueOf(type.strip()));
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("type moet een of meer van " + Arrays.toString(TaskType.values())
                            + " zijn, gescheiden door komma's");
                }
            }
        }
        boolean newestFirst = !order(r, "createdAt");
        Page<Task> page = readPage(() -> queries.tasks(new TaskQuery(r.actor(), types, search(r), newestFirst,
                pageLimit(r), r.query("nextToken"))));
        Map<String, Object> answer = new LinkedHashMap<>(Views.page(page, t -> Views.task(t, r.actor())));
        // the workflow's date, so that clients judge "overdue" as the process does (local mode moves its clock)
        answer.put("today", queries.today().toString());
        return ApiResponse.json(200, answer);
    }

    /** The search term of {@code q}, at most {@value SearchText#MAX_TERM} characters. */
    private static String search(ApiRequest r) {
        String q = r.query("q");
        if (q != null && q.length() > SearchText.MAX_TERM) {
            throw ApiException.badRequest("de zoekterm (q) is te lang: hooguit " + SearchText.MAX_TERM + " tekens");
        }
        return q;
    }

    /**
     * Whether {@code sort} asks for the oldest first: {@code createdAt} (oldest first) or {@code -createdAt} (newest
     * first); without it the list's own order, {@code byDefault}.
     */
    private static boolean order(ApiRequest r, String byDefault) {
        String sort = r.query("sort") == null ? byDefault : r.query("sort");
        return switch (sort) {
            case "createdAt" -> true;
            case "-createdAt" -> false;
            default -> throw ApiException.badRequest(
                    "sort moet createdAt (oudste eerst) of -createdAt (nieuwste eerst) zijn");
        };
    }

    /** The page size a list request asks for with {@code limit} (400 outside 1 to {@value #MAX_LIMIT}). */
    static int pageLimit(ApiRequest r) {
        return r.query("limit") == null ? DEFAULT_LIMIT : number(r.query("limit"), "limit", 1, MAX_LIMIT);
    }

    /** Reads a page; a {@code nextToken} this API did not give out for that list is a bad request. */
    static <T> T readPage(Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("nextToken is not a token this API gave out");
        }
    }

    private ApiResponse download(ApiRequest r) {
        PresignedUrl url = documents.download(r.actor(), r.path("id"), r.path("documentId"));
        return ApiResponse.json(200, Map.of("downloadUrl", url.url().toString(), "expiresAt", url.expiresAt().toString()));
    }

    private static Status enumValue(String s) {
        try {
            return Status.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("status must be one of " + java.util.Arrays.toString(Status.values()));
        }
    }

    static int number(String s, String name, int min, int max) {
        try {
            // ASCII digits only: Integer.parseInt also reads other scripts' digits (٢٠٢٥ as 2025)
            if (!s.matches("-?[0-9]{1,9}")) {
                throw new NumberFormatException(s);
            }
            int v = Integer.parseInt(s);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest(name + " must be a whole number from " + min + " to " + max);
    }
}
