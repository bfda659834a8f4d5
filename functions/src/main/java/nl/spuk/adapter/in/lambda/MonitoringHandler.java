package nl.spuk.adapter.in.lambda;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
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
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** National monitoring of spending, as JSON, CSV and an Excel workbook, and a municipality's own row. Reads aggregates only. */
public final class MonitoringHandler extends ApiHandler {
    static final String[] CSV_HEADER = {"code", "name", "allocatedCents", "requestedCents", "awardedCents",
            "reportedSpentCents", "reclaimCents", "advisoryHoursUsed"};

    static final String[] WORKBOOK_HEADER = {"Gemeente", "CBS-code", "Toegewezen", "Aangevraagd", "Toegekend",
            "Verantwoord besteed", "Terug te vorderen", "Adviesuren"};
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** Euros with the sign before the amount, thousands grouped: Excel shows them in the reader's own separators. */
    private static final String EURO = "[$\u20ac-413] #,##0.00;[$\u20ac-413] -#,##0.00";

    private final MonitoringService monitoring;

    public MonitoringHandler() {
        this(LambdaContainer.components().monitoring(), LambdaContainer.components().idempotency(), LambdaContainer.components().realClock());
    }

    public MonitoringHandler(MonitoringService monitoring, IdempotencyStore idempotency, Clock realClock) {
        super(idempotency, realClock);
        this.monitoring = monitoring;
        route("GET /v1/monitoring/spending", r -> ApiResponse.json(200, view(monitoring.spending(r.actor(), year(r)))));
        route("GET /v1/monitoring/spending.csv", this::csv);
        route("GET /v1/monitoring/spending.xlsx", this::workbook);
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
     * The table by municipality as people open it in Excel: Dutch headers, amounts in euros in a currency format, the
     * header row frozen and filterable.
     */
    private ApiResponse workbook(ApiRequest r) {
        Spending spending = monitoring.spending(r.actor(), year(r));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, "SPUK", "1.0");
            Worksheet sheet = workbook.newWorksheet("Besteding " + spending.year());
            for (int c = 0; c < WORKBOOK_HEADER.length; c++) {
                sheet.value(0, c, WORKBOOK_HEADER[c]);
                sheet.width(c, c == 0 ? 28 : 16);
            }
            sheet.range(0, 0, 0, WORKBOOK_HEADER.length - 1).style().bold().set();
            sheet.freezePane(0, 1);
            int row = 1;
            for (Row figures : spending.byMunicipality()) {
                sheet.value(row, 0, figures.municipality().name());
                sheet.value(row, 1, figures.municipality().code().value());
                long[] cents = {figures.allocatedCents(), figures.requestedCents(), figures.awardedCents(),
                        figures.reportedSpentCents(), figures.reclaimCents()};
                for (int i = 0; i < cents.length; i++) {
                    sheet.value(row, 2 + i, BigDecimal.valueOf(cents[i], 2));
                }
                sheet.value(row, 7, MonitoringService.hours(figures.advisoryQuarterHours()));
                row++;
            }
            if (row > 1) {
                sheet.range(1, 2, row - 1, 6).style().format(EURO).set();
                sheet.range(1, 7, row - 1, 7).style().format("0.00").set();
            }
            sheet.setAutoFilter(0, 0, WORKBOOK_HEADER.length - 1);
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ApiResponse.binary(200, Map.of("Content-Type", XLSX,
                "Content-Disposition", "attachment; filename=\"spuk-besteding-" + spending.year() + ".xlsx\""), out.toByteArray());
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
