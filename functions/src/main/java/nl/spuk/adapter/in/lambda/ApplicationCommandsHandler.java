package nl.spuk.adapter.in.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Set;
import nl.spuk.adapter.in.lambda.http.ApiRequest;
import nl.spuk.adapter.in.lambda.http.ApiResponse;
import nl.spuk.adapter.in.lambda.http.BodyReader;
import nl.spuk.adapter.in.lambda.http.PlanReader;
import nl.spuk.adapter.in.lambda.http.Views;
import nl.spuk.application.drafting.DraftService;
import nl.spuk.application.drafting.LifecycleService;
import nl.spuk.application.port.IdempotencyStore;
import nl.spuk.config.LambdaContainer;
import nl.spuk.domain.Application;

/** The municipality's commands that move an application through its process; these boot the engine (lazily). */
public final class ApplicationCommandsHandler extends ApiHandler {
    private final DraftService drafts;
    private final LifecycleService lifecycle;

    public ApplicationCommandsHandler() {
        this(LambdaContainer.components().drafts(), LambdaContainer.components().lifecycle(), LambdaContainer.components().idempotency(),
                LambdaContainer.components().realClock());
    }

    public ApplicationCommandsHandler(DraftService drafts, LifecycleService lifecycle, IdempotencyStore idempotency,
                                      Clock realClock) {
        super(idempotency, realClock);
        this.drafts = drafts;
        this.lifecycle = lifecycle;
        route("POST /v1/applications", this::create);
        route("POST /v1/applications/{id}/submit", r -> withVersion(200, r, lifecycle.submit(r.actor(), r.requestId(), r.path("id"))));
        route("POST /v1/applications/{id}/withdraw", this::withdraw);
    }

    private ApiResponse create(ApiRequest r) {
        JsonNode body = r.jsonObject();
        Application app = drafts.create(r.actor(), r.requestId(), PlanReader.read(body));
        return withVersion(201, r, app).withHeader("Location", "/v1/applications/" + app.id());
    }

    private ApiResponse withdraw(ApiRequest r) {
        JsonNode body = r.jsonObject();
        BodyReader reader = new BodyReader();
        reader.allowOnly(body, "", Set.of("reason"));
        String reason = reader.text(body, "", "reason");
        reader.finish();
        return withVersion(200, r, lifecycle.withdraw(r.actor(), r.requestId(), r.path("id"), reason));
    }

    private static ApiResponse withVersion(int status, ApiRequest r, Application app) {
        return ApiResponse.json(status, Views.application(app, r.actor())).withHeader("ETag", "\"" + app.version() + "\"");
    }
}
