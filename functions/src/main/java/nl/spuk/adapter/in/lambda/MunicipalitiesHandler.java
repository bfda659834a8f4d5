package nl.spuk.adapter.in.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.spuk.adapter.in.lambda.http.ApiException;
import nl.spuk.adapter.in.lambda.http.ApiRequest;
import nl.spuk.adapter.in.lambda.http.ApiResponse;
import nl.spuk.adapter.in.lambda.http.BodyReader;
import nl.spuk.adapter.in.lambda.http.Views;
import nl.spuk.application.Access;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.monitoring.AllocationRow;
import nl.spuk.application.monitoring.MunicipalityService;
import nl.spuk.application.port.IdempotencyStore;
import nl.spuk.config.LambdaContainer;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.Role;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** The municipalities and their allocations. */
public final class MunicipalitiesHandler extends ApiHandler {
    private static final List<String> IMPORT_HEADER = List.of("code", "year", "amountCents");

    private final MunicipalityService municipalities;

    public MunicipalitiesHandler() {
        this(LambdaContainer.components().municipalities(), LambdaContainer.components().idempotency(), LambdaContainer.components().realClock());
    }

    public MunicipalitiesHandler(MunicipalityService municipalities, IdempotencyStore idempotency, Clock realClock) {
        super(idempotency, realClock);
        this.municipalities = municipalities;
        route("GET /v1/municipalities", r -> ApiResponse.json(200,
                Views.items(municipalities.list(r.actor()).stream().map(Views::municipality).toList())));
        route("GET /v1/municipalities/{code}", r -> ApiResponse.json(200,
                Views.allocationOverview(municipalities.overview(r.actor(), r.path("code")))));
        route("PUT /v1/municipalities/{code}/allocations/{year}", this::setAllocation);
        route("POST /v1/allocations/import", this::importAllocations);
    }

    private ApiResponse setAllocation(ApiRequest r) {
        int year = ApplicationQueriesHandler.number(r.path("year"), "year", 1000, 9999);
        JsonNode body = r.jsonObject();
        BodyReader reader = new BodyReader();
        reader.allowOnly(body, "", Set.of("amountCents"));
        Long amount = reader.whole(body, "", "amountCents");
        JsonNode given = body.get("amountCents");
        if (given == null || given.isNull()) {
            reader.error("amountCents", "is required");
        }
        reader.finish();
        return ApiResponse.json(200, Views.municipality(
                municipalities.setAllocation(r.actor(), r.path("code"), year, amount)));
    }

    /** A CSV file, or an Excel workbook with Dutch headers ({@link AllocationWorkbook}): all rows or none. */
    private ApiResponse importAllocations(ApiRequest r) {
        Access.requireRole(r.actor(), Role.MINISTRY); // before reading the file: others learn nothing of it
        String type = r.header("content-type");
        String base = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        List<AllocationRow> rows = switch (base) {
            case "text/csv" -> csvRows(r);
            case AllocationWorkbook.MEDIA_TYPE -> AllocationWorkbook.rows(r.bytes());
            default -> throw new ApiException(415, "stuur een CSV-bestand (text/csv) of een Excel-werkmap ("
                    + AllocationWorkbook.MEDIA_TYPE + ")" + (type == null ? "" : ", niet " + type), List.of());
        };
        return ApiResponse.json(200, Map.of("imported", municipalities.importAllocations(r.actor(), rows)));
    }

    private static List<AllocationRow> csvRows(ApiRequest r) {
        List<AllocationRow> rows = new ArrayList<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(r.body() == null ? "" : r.body()), format)) {
            if (!parser.getHeaderNames().equals(IMPORT_HEADER)) {
                throw new RuleViolationException("the header must be code,year,amountCents",
                        List.of(new FieldError("line 1", "found " + String.join(",", parser.getHeaderNames()))));
            }
            for (CSVRecord rec : parser) {
                int line = (int) rec.getRecordNumber() + 1;
                if (!rec.isConsistent()) {
                    throw new RuleViolationException("line " + line + " does not have three columns",
                            List.of(new FieldError("line " + line, "expected code,year,amountCents")));
                }
                rows.add(new AllocationRow(line, rec.get("code"), rec.get("year"), rec.get("amountCents")));
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException e) {
            // the parser wraps its own message in "IOException reading next record: java.io.IOException: ..."
            Throwable cause = e instanceof java.io.UncheckedIOException && e.getCause() != null ? e.getCause() : e;
            throw ApiException.badRequest("the body is not valid CSV: " + cause.getMessage());
        }
        return rows;
    }
}
