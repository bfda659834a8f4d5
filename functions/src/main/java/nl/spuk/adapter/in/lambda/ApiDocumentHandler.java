package nl.spuk.adapter.in.lambda;

import java.time.Clock;
import java.util.Map;
import nl.spuk.adapter.in.lambda.http.ApiDocument;
import nl.spuk.adapter.in.lambda.http.ApiResponse;

/** The OpenAPI document, for anyone: it needs no token and builds no AWS client. */
public final class ApiDocumentHandler extends ApiHandler {

    public ApiDocumentHandler() {
        // no POST route, so no idempotency store
        super(null, Clock.systemUTC());
        publicRoute("GET /v1/openapi.json", r -> new ApiResponse(200, Map.of("Content-Type", ApiResponse.JSON), ApiDocument.json()));
    }
}
