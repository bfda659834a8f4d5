package nl.spuk.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import nl.spuk.local.ApiClient;
import nl.spuk.local.ApiClient.Response;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

/** The allocation import reads real Excel workbooks (written by fastexcel): euros to cents exactly, all or nothing. */
class AllocationWorkbookTest extends ApiTest {
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Test
    void importsAWorkbookWithDutchHeadersInEurosExactly() throws Exception {
        ApiClient ministry = ministry();
        byte[] workbook = workbook("Toewijzingen", List.of("Jaar", "CBS-code", "Opmerking", "Toegewezen"),
                List.of(List.of(2025, "GM0183", "eerste", new BigDecimal("12500.5")),
                        List.of(2026, "GM0183", "", new BigDecimal("0.07")),
                        List.of("2025", "GM0184", "", 100)));

        Response imported = ministry.send("POST", "/v1/allocations/import", XLSX, workbook);

        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("imported").asInt()).isEqualTo(3);
        assertThat(allocation(ministry, "GM0183").toString()).isEqualTo("{\"2025\":1250050,\"2026\":7}");
        assertThat(allocation(ministry, "GM0184").toString()).isEqualTo("{\"2025\":10000}");
    }

    @Test
    void readsTheExportsLayoutWithTheYearInTheSheetName() throws Exception {
        ApiClient ministry = ministry();
        byte[] workbook = workbook("Besteding 2026", List.of("Gemeente", "CBS-code", "Toegewezen", "Aangevraagd", "Toegekend"),
                List.of(List.of("Oldenzaal", "GM0189", new BigDecimal("25000"), 0, 0)));

        Response imported = ministry.send("POST", "/v1/allocations/import", XLSX, workbook);

        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(allocation(ministry, "GM0189").toString()).isEqualTo("{\"2026\":2500000}");
    }

    @Test
    void refusesFractionsOfCentsAndTextInDutchAndChangesNothing() throws Exception {
        ApiClient ministry = ministry();
        byte[] workbook = workbook("Toewijzingen", List.of("CBS-code", "Jaar", "Toegewezen"),
                List.of(List.of("GM0197", 2025, new BigDecimal("100")),
                        List.of("GM0197", 2026, new BigDecimal("1.005")),
                        List.of("GM0202", 2025, "twaalf euro")));

        Response refused = ministry.send("POST", "/v1/allocations/import", XLSX, workbook);

        assertProblem(refused, 422);
        assertThat(DraftToReviewTest.fields(refused)).containsExactly("line 3.amountCents", "line 4.amountCents");
        assertThat(refused.body()).contains("deel van een cent").contains("niets ingelezen");
        assertThat(allocation(ministry, "GM0197")).isNull();

        Response noYear = ministry.send("POST", "/v1/allocations/import", XLSX,
                workbook("Blad1", List.of("CBS-code", "Toegewezen"), List.of(List.of("GM0197", 5))));
        assertProblem(noYear, 422);
        assertThat(noYear.body()).contains("Jaar");
        Response unknown = ministry.send("POST", "/v1/allocations/import", XLSX,
                workbook("Blad1", List.of("CBS-code", "Jaar", "Toegewezen"), List.of(List.of("GM9999", 2025, 5))));
        assertProblem(unknown, 422);
        assertThat(DraftToReviewTest.fields(unknown)).containsExactly("line 2.code");
        assertProblem(ministry.send("POST", "/v1/allocations/import", XLSX, "geen werkmap".getBytes()), 400);
        assertProblem(advisor().send("POST", "/v1/allocations/import", XLSX, workbook), 403);
        assertThat(allocation(ministry, "GM0197")).isNull();
    }

    private static byte[] workbook(String sheetName, List<String> header, List<List<Object>> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook wb = new Workbook(out, "SPUK-test", "1.0");
        Worksheet sheet = wb.newWorksheet(sheetName);
        for (int c = 0; c < header.size(); c++) {
            sheet.value(0, c, header.get(c));
        }
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                Object v = rows.get(r).get(c);
                if (v instanceof Number n) {
                    sheet.value(r + 1, c, n);
                } else {
                    sheet.value(r + 1, c, v.toString());
                }
            }
        }
        wb.finish();
        return out.toByteArray();
    }

    private static JsonNode allocation(ApiClient ministry, String code) {
        for (var m : ministry.get("/v1/municipalities").json().get("items")) {
            if (m.get("code").asText().equals(code)) {
                return m.get("allocationsCents").isEmpty() ? null : m.get("allocationsCents");
            }
        }
        throw new AssertionError(code + " not listed");
    }
}
