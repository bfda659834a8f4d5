package nl.spuk.adapter.in.lambda;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.spuk.adapter.in.lambda.http.ApiException;
import nl.spuk.adapter.in.lambda.http.ApiRequest;
import nl.spuk.adapter.in.lambda.http.ApiResponse;
import nl.spuk.application.monitoring.MonitoringService.Row;
import nl.spuk.application.monitoring.MonitoringService.Spending;
import nl.spuk.application.monitoring.MonitoringService;
import nl.spuk.application.port.IdempotencyStore;
import nl.spuk.config.LambdaContainer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** National monitoring of spending, as JSON and CSV, and a municipality's own row. Reads aggregates only. */
public final class MonitoringHandler extends ApiHandler {
    static final String[] CSV_HEADER = {"code", "name", "allocatedCents", "requestedCents", "awardedCents",
            "reportedSpentCents", "reclaimCents", "advisoryHoursUsed"};

    private final MonitoringService monitoring;

    public MonitoringHandler() {
        this(LambdaContainer.components().monitoring(), LambdaContainer.components().idempotency(), LambdaContainer.components().realClock());
    }

    public MonitoringHandler(MonitoringService monitoring, IdempotencyStore idempotency, Clock realClock) {
        super(idempotency, realClock);
        this.monitoring = monitoring;
        route("GET /v1/monitoring/spending", r -> ApiResponse.json(200, view(monitoring.spending(r.actor(), year(r)))));
        route("GET /v1/monitoring/spending.csv", this::csv);
        route("GET /v1/municipalities/{code}/spending", r -> ApiResponse.json(200,
                row(monitoring.municipalitySpending(r.actor(), r.path("code"), year(r)))));
    }

    private ApiResponse csv(ApiRequest r) {
        Spending spending = monitoring.spending(r.actor(), year(r));
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(CSV_HEADER).get())) {
            for (Row row : spending.byMunicipality()) {
                csv.printRecord(text(row.municipality().code().value()), text(row.municipality().name()), row.allocatedCents(),
                        row.requestedCents(), row.awardedCents(), row.reportedSpentCents(), row.reclaimCents(),
                        MonitoringService.hours(row.advisoryQuarterHours()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ApiResponse(200, Map.of("Content-Type", "text/csv; charset=utf-8",
                "Content-Disposition", "attachment; filename=\"spuk-spending-" + spending.year() + ".csv\""), out.toString());
    }

    /**
     * A text cell as a spreadsheet may safely open it: a cell starting with =, +, -, @ (or a tab or carriage return,
     * which some spreadsheets skip first) would be run as a formula, so it gets a leading single quote.
     */
    static String text(String cell) {
        return !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    private static int year(ApiRequest r) {
        if (r.query("year") == null) {
            throw ApiException.badRequest("the query parameter year is required, e.g. ?year=2025");
        }
        return ApplicationQueriesHandler.number(r.query("year"), "year", 1000, 9999);
    }

    private static Map<String, Object> view(Spending s) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("year", s.year());
        Map<String, Object> totals = row(s.totals());
        totals.remove("code");
        totals.remove("name");
        v.put("totals", totals);
        v.put("byMunicipality", s.byMunicipality().stream().map(MonitoringHandler::row).toList());
        Map<String, Long> themes = new LinkedHashMap<>();
        s.byTheme().forEach((k, c) -> themes.put(k.name(), c));
        v.put("byTheme", themes);
        Map<String, Long> statuses = new LinkedHashMap<>();
        s.applicationsByStatus().forEach((k, c) -> statuses.put(k.name(), c));
        v.put("applicationsByStatus", statuses);
        v.put("advisoryHours", Map.of("usedHours", MonitoringService.hours(s.advisoryQuarterHoursUsed()),
                "municipalitiesAtCap", s.municipalitiesAtCap()));
        v.put("overdueReports", s.overdueReports());
        return v;
    }

    private static Map<String, Object> row(Row row) {
        Map<String, Object> v = new LinkedHashMap<>();
        if (row.municipality() != null) {
            v.put("code", row.municipality().code().value());
            v.put("name", row.municipality().name());
        }
        v.put("allocatedCents", row.allocatedCents());
        v.put("requestedCents", row.requestedCents());
        v.put("awardedCents", row.awardedCents());
        v.put("reportedSpentCents", row.reportedSpentCents());
        v.put("reclaimCents", row.reclaimCents());
        v.put("advisoryHoursUsed", MonitoringService.hours(row.advisoryQuarterHours()));
        return v;
    }
}
