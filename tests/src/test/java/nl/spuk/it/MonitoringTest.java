package nl.spuk.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.spuk.adapter.in.lambda.MonitoringCheckHandler;
import nl.spuk.local.ApiClient.Response;
import nl.spuk.local.ApiClient;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;

/** The national figures: exact, consistent with the records, the same in CSV, and for ministry staff only. */
class MonitoringTest extends ApiTest {

    @Test
    void figuresFollowTheApplicationsAndAddUp() throws Exception {
        ApiClient ministry = ministry();
        JsonNode before = row(ministry.get("/v1/monitoring/spending?year=2025").json(), "GM0171");

        ApiClient official = municipality("GM0171");
        createDraft(official, "Draft only: not requested yet");
        String reviewed = inReview(official, "GM0171", "In review: requested");
        String awarded = inReview(official, "GM0171", "Awarded");
        String withdrawn = inReview(official, "GM0171", "Withdrawn after submission");
        assertThat(official.post("/v1/applications/" + withdrawn + "/withdraw", Map.of("reason", "dubbel")).status()).isEqualTo(200);
        advise(advisor(), awarded, "POSITIVE");
        ApiClient proposer = ministry();
        proposer.post("/v1/applications/" + awarded + "/decision", Map.of("outcome", "AWARD",
                "awardedCents", Map.of("2025", 1_000_000L, "2026", 50_000L), "motivation", "goed"));
        assertThat(ministry.post("/v1/applications/" + awarded + "/decision/approve", null).json().get("status").asText())
                .isEqualTo("AWARDED");

        JsonNode spending = ministry.get("/v1/monitoring/spending?year=2025").json();
        JsonNode after = row(spending, "GM0171");
        assertThat(after.get("allocatedCents").asLong()).isEqualTo(2_000_000L);
        assertThat(after.get("requestedCents").asLong() - before.get("requestedCents").asLong())
                .as("the two submitted, not withdrawn plans of 12,500.00 each").isEqualTo(2 * 1_250_000L);
        assertThat(after.get("awardedCents").asLong() - before.get("awardedCents").asLong()).isEqualTo(1_000_000L);
        assertThat(spending.get("byMunicipality").size()).isEqualTo(342);
        assertThat(reviewed).isNotNull();

        for (String figure : new String[] {"allocatedCents", "requestedCents", "awardedCents", "reportedSpentCents", "reclaimCents"}) {
            long sum = 0;
            for (JsonNode row : spending.get("byMunicipality")) {
                sum += row.get(figure).asLong();
            }
            assertThat(spending.get("totals").get(figure).asLong()).as(figure).isEqualTo(sum);
        }
        assertThat(spending.get("applicationsByStatus").get("WITHDRAWN").asLong()).isPositive();
        assertThat(spending.get("advisoryHours").has("municipalitiesAtCap")).isTrue();

        Map<String, Object> check = new MonitoringCheckHandler().handleRequest(Map.of(), null);
        assertThat(check.get("differences")).as(String.valueOf(check.get("items"))).isEqualTo(0);
    }

    @Test
    void theCsvHasTheSameNumbers() throws Exception {
        ApiClient ministry = ministry();
        JsonNode json = ministry.get("/v1/monitoring/spending?year=2025").json();
        Response csv = ministry.get("/v1/monitoring/spending.csv?year=2025");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).isEqualTo("attachment; filename=\"spuk-spending-2025.csv\"");
        Map<String, CSVRecord> byCode = new HashMap<>();
        for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.body()))) {
            byCode.put(rec.get("code"), rec);
        }
        assertThat(byCode).hasSize(342);
        for (JsonNode row : json.get("byMunicipality")) {
            CSVRecord rec = byCode.get(row.get("code").asText());
            assertThat(rec.get("name")).isEqualTo(row.get("name").asText());
            for (String figure : new String[] {"allocatedCents", "requestedCents", "awardedCents", "reportedSpentCents", "reclaimCents"}) {
                assertThat(Long.parseLong(rec.get(figure))).isEqualTo(row.get(figure).asLong());
            }
            assertThat(Double.parseDouble(rec.get("advisoryHoursUsed"))).isEqualTo(row.get("advisoryHoursUsed").asDouble());
        }
    }

    @Test
    void theWorkbookHasTheSameNumbersInEurosUnderDutchHeaders() throws Exception {
        ApiClient ministry = ministry();
        JsonNode json = ministry.get("/v1/monitoring/spending?year=2025").json();
        Response xlsx = ministry.get("/v1/monitoring/spending.xlsx?year=2025");
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.header("Content-Type")).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(xlsx.header("Content-Disposition")).isEqualTo("attachment; filename=\"spuk-besteding-2025.xlsx\"");
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx.bytes()),
                new ReadingOptions(true, false))) {
            Sheet sheet = workbook.getFirstSheet();
            assertThat(sheet.getName()).isEqualTo("Besteding 2025");
            List<org.dhatim.fastexcel.reader.Row> rows = sheet.read();
            assertThat(rows.get(0).stream().map(Cell::getText).toList()).containsExactly("Gemeente", "CBS-code",
                    "Toegewezen", "Aangevraagd", "Toegekend", "Verantwoord besteed", "Terug te vorderen", "Adviesuren");
            Map<String, org.dhatim.fastexcel.reader.Row> byCode = new HashMap<>();
            rows.subList(1, rows.size()).forEach(r -> byCode.put(r.getCellText(1), r));
            assertThat(byCode).hasSize(342);
            for (JsonNode row : json.get("byMunicipality")) {
                org.dhatim.fastexcel.reader.Row r = byCode.get(row.get("code").asText());
                assertThat(r.getCellText(0)).isEqualTo(row.get("name").asText());
                String[] figures = {"allocatedCents", "requestedCents", "awardedCents", "reportedSpentCents", "reclaimCents"};
                for (int i = 0; i < figures.length; i++) {
                    Cell euros = r.getCell(2 + i);
                    assertThat(euros.asNumber().movePointRight(2).longValueExact()).as(figures[i]).isEqualTo(row.get(figures[i]).asLong());
                    assertThat(euros.getDataFormatString()).as("a currency format").contains("\u20ac");
                }
            }
        }
    }

    @Test
    void onlyMinistryStaffSeeTheNationAndAMunicipalityOnlyItsOwnRow() {
        assertProblem(municipality("GM0173").get("/v1/monitoring/spending?year=2025"), 403);
        assertProblem(advisor().get("/v1/monitoring/spending.csv?year=2025"), 403);
        assertProblem(ministry().get("/v1/monitoring/spending"), 400);
        assertProblem(ministry().get("/v1/monitoring/spending?year=2031"), 422);
        assertThat(municipality("GM0173").get("/v1/municipalities/GM0173/spending?year=2025").status()).isEqualTo(200);
        assertProblem(municipality("GM0173").get("/v1/municipalities/GM0175/spending?year=2025"), 404);
        assertProblem(advisor().get("/v1/municipalities/GM0175/spending?year=2025"), 403);
    }

    private static JsonNode row(JsonNode spending, String code) {
        for (JsonNode row : spending.get("byMunicipality")) {
            if (row.get("code").asText().equals(code)) {
                return row;
            }
        }
        throw new AssertionError(code + " missing");
    }
}
