package nl.spuk.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import nl.spuk.bench.child.Events;

/**
 * One application's way through the handlers: create, upload the plan (presigned PUT to S3Proxy, then the S3
 * notification), submit, advice, decision, approval (with the award letter). Each municipality needs an allocation
 * first ({@link #allocate}).
 */
final class Lifecycle {
    static final int YEAR = 2025;
    static final long REQUESTED_CENTS = 100_000;
    /** The most an allocation may be (500 million euro): far above what a run awards. */
    static final long ALLOCATION_CENTS = 50_000_000_000L;
    static final byte[] PLAN = "%PDF-1.7\n% a plan for caregiver support\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    static final Map<String, String> ADVISOR = Events.claims("bench-advisor", "advisor", null);
    static final Map<String, String> PROPOSER = Events.claims("bench-ministry-1", "ministry", null);
    static final Map<String, String> APPROVER = Events.claims("bench-ministry-2", "ministry", null);

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The route under which the client's upload of the plan (no handler) is counted. */
    static final String CLIENT_UPLOAD = "client: plan upload (presigned PUT)";

    private final Handlers handlers;
    private final SdkTimer sdkTimer;

    Lifecycle(Handlers handlers, SdkTimer sdkTimer) {
        this.handlers = handlers;
        this.sdkTimer = sdkTimer;
    }

    static Map<String, String> official(String municipality) {
        return Events.claims("bench-" + municipality, "municipality", municipality);
    }

    /** Gives the municipality an allocation far above what the run awards. */
    void allocate(String municipality) {
        handlers.call("PUT /v1/municipalities/{code}/allocations/{year}", Map.of("code", municipality, "year", String.valueOf(YEAR)),
                PROPOSER, Map.of("amountCents", ALLOCATION_CENTS)).expect(200);
    }

    /** A draft with its plan uploaded and available: ready to submit. */
    String draft(String municipality, int n) {
        Map<String, String> official = official(municipality);
        String id = handlers.call("POST /v1/applications", Map.of(), official, Map.of(
                "title", "Mantelzorg " + municipality + " " + n, "years", List.of(YEAR),
                "activities", List.of(Map.of("theme", "VERLICHTEN", "title", "Respijtzorg",
                        "budgetCents", Map.of(String.valueOf(YEAR), REQUESTED_CENTS))))).expect(201).json().get("id").asText();
        var ticket = handlers.call("POST /v1/applications/{id}/documents", Map.of("id", id), official, Map.of(
                "fileName", "plan.pdf", "contentType", "application/pdf", "sizeBytes", PLAN.length, "kind", "PLAN"))
                .expect(201).json();
        String key = "applications/" + id + "/documents/" + ticket.get("documentId").asText();
        SdkTimer.route(CLIENT_UPLOAD);
        put(URI.create(ticket.get("uploadUrl").asText()));
        sdkTimer.clientPut(BenchStack.BUCKET, key, PLAN.length, "application/pdf");
        handlers.objectCreated(key, PLAN.length);
        return id;
    }

    /** Create, submit, advice, decision and approval: one complete application. */
    void complete(String municipality, int n) {
        String id = draft(municipality, n);
        Map<String, String> path = Map.of("id", id);
        handlers.call("POST /v1/applications/{id}/submit", path, official(municipality), null).expect(200);
        handlers.call("POST /v1/applications/{id}/advice", path, ADVISOR, Map.of("outcome", "POSITIVE", "summary", "goed plan")).expect(200);
        handlers.call("POST /v1/applications/{id}/decision", path, PROPOSER, Map.of("outcome", "AWARD",
                "awardedCents", Map.of(String.valueOf(YEAR), REQUESTED_CENTS), "motivation", "past in de regeling")).expect(200);
        String status = handlers.call("POST /v1/applications/{id}/decision/approve", path, APPROVER, null).expect(200)
                .json().get("status").asText();
        if (!status.equals("AWARDED")) {
            throw new IllegalStateException("application " + id + " ended " + status);
        }
    }

    static void put(URI uploadUrl) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uploadUrl).header("Content-Type", "application/pdf")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(PLAN)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("upload answered " + r.statusCode() + ": " + r.body());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
