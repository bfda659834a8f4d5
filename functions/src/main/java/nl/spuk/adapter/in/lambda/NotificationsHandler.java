package nl.spuk.adapter.in.lambda;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.spuk.adapter.in.lambda.http.ApiException;
import nl.spuk.adapter.in.lambda.http.ApiRequest;
import nl.spuk.adapter.in.lambda.http.ApiResponse;
import nl.spuk.application.notifications.NotificationService;
import nl.spuk.application.port.IdempotencyStore;
import nl.spuk.application.port.NotificationInbox;
import nl.spuk.application.port.Page;
import nl.spuk.config.LambdaContainer;

/**
 * The caller's notifications in the app: the list (newest first, paged) and marking one read. Never boots the engine.
 */
public final class NotificationsHandler extends ApiHandler {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private final NotificationService notifications;

    public NotificationsHandler() {
        this(LambdaContainer.components().notifications(), LambdaContainer.components().idempotency(),
                LambdaContainer.components().realClock());
    }

    public NotificationsHandler(NotificationService notifications, IdempotencyStore idempotency, Clock realClock) {
        super(idempotency, realClock);
        this.notifications = notifications;
        route("GET /v1/notifications", this::list);
        route("POST /v1/notifications/{id}/read", r -> ApiResponse.json(200,
                view(notifications.markRead(r.actor(), r.path("id")))));
    }

    private ApiResponse list(ApiRequest r) {
        int limit = r.query("limit") == null ? DEFAULT_LIMIT
                : ApplicationQueriesHandler.number(r.query("limit"), "limit", 1, MAX_LIMIT);
        Page<NotificationInbox.Entry> page;
        try {
            page = notifications.list(r.actor(), limit, r.query("nextToken"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("nextToken is not a token this API gave out");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items().stream().map(NotificationsHandler::view).toList());
        if (page.nextToken() != null) {
            body.put("nextToken", page.nextToken());
        }
        return ApiResponse.json(200, body);
    }

    /** {@code {"id","type","applicationId","municipalityCode","message","createdAt","read"}} (api.md). */
    static Map<String, Object> view(NotificationInbox.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("type", e.type().name());
        m.put("applicationId", e.applicationId());
        m.put("municipalityCode", e.municipalityCode().value());
        m.put("message", e.message());
        m.put("createdAt", e.createdAt().toString());
        m.put("read", e.read());
        return m;
    }
}
