package nl.spuk.adapter.in.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.spuk.adapter.in.lambda.http.ApiException;
import nl.spuk.adapter.in.lambda.http.ApiRequest;
import nl.spuk.adapter.in.lambda.http.ApiResponse;
import nl.spuk.adapter.in.lambda.http.BodyReader;
import nl.spuk.adapter.in.lambda.http.PlanReader;
import nl.spuk.adapter.in.lambda.http.Views;
import nl.spuk.application.documents.DocumentService;
import nl.spuk.application.documents.UploadTicket;
import nl.spuk.application.drafting.DraftService;
import nl.spuk.application.port.IdempotencyStore;
import nl.spuk.config.LambdaContainer;
import nl.spuk.domain.Application;
import nl.spuk.domain.DocumentKind;

/** Editing a plan and announcing documents: changes that need no engine. */
public final class DraftsHandler extends ApiHandler {
    private static final Pattern ETAG = Pattern.compile("(?:W/)?\"(\\d{1,18})\"");
    private static final Set<String> DOCUMENT_FIELDS = Set.of("fileName", "contentType", "sizeBytes", "kind");

    private final DraftService drafts;
    private final DocumentService documents;

    public DraftsHandler() {
        this(LambdaContainer.components().drafts(), LambdaContainer.components().documents(), LambdaContainer.components().idempotency(),
                LambdaContainer.components().realClock());
    }

    public DraftsHandler(DraftService drafts, DocumentService documents, IdempotencyStore idempotency, Clock realClock) {
        super(idempotency, realClock);
        this.drafts = drafts;
        this.documents = documents;
        route("PUT /v1/applications/{id}", this::update);
        route("POST /v1/applications/{id}/documents", this::announce);
        route("DELETE /v1/applications/{id}/documents/{documentId}", r -> {
            documents.delete(r.actor(), r.path("id"), r.path("documentId"));
            return new ApiResponse(204, Map.of(), null);
        });
    }

    private ApiResponse update(ApiRequest r) {
        String ifMatch = r.header("if-match");
        if (ifMatch == null) {
            throw new ApiException(428, "send If-Match with the ETag of the version you edited", List.of());
        }
        Matcher m = ETAG.matcher(ifMatch.strip());
        if (!m.matches()) {
            throw new nl.spuk.application.VersionMismatchException("If-Match must be an ETag such as \"3\"");
        }
        JsonNode body = r.jsonObject();
        Application app = drafts.update(r.actor(), r.path("id"), PlanReader.read(body), Long.parseLong(m.group(1)));
        return ApiResponse.json(200, Views.application(app, r.actor())).withHeader("ETag", "\"" + app.version() + "\"");
    }

    private ApiResponse announce(ApiRequest r) {
        JsonNode body = r.jsonObject();
        BodyReader reader = new BodyReader();
        reader.allowOnly(body, "", DOCUMENT_FIELDS);
        String fileName = reader.text(body, "", "fileName");
        String contentType = reader.text(body, "", "contentType");
        Long size = reader.whole(body, "", "sizeBytes");
        String kind = reader.text(body, "", "kind");
        reader.finish();
        UploadTicket ticket = documents.announce(r.actor(), r.requestId(), r.path("id"), fileName, contentType,
                size == null ? 0 : size, kindOrNull(kind));
        return ApiResponse.json(201, Map.of("documentId", ticket.documentId(), "uploadUrl", ticket.uploadUrl().toString(),
                "expiresAt", ticket.expiresAt().toString()));
    }

    private static DocumentKind kindOrNull(String kind) {
        try {
            return kind == null ? null : DocumentKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
