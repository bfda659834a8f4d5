package nl.spuk.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.StringReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.spuk.adapter.in.lambda.MonitoringHandler;
import nl.spuk.application.monitoring.MonitoringService;
import nl.spuk.application.port.AllocationRepository;
import nl.spuk.application.port.ApplicationRepository;
import nl.spuk.application.port.IdempotencyStore;
import nl.spuk.application.port.MonitoringFigures;
import nl.spuk.domain.Municipalities;
import nl.spuk.domain.Municipality;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.SchemeRules;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The monitoring CSV opened in a spreadsheet: a text cell that starts like a formula is neutralised with a leading
 * single quote, quotes and separators inside a name stay inside their cell. Municipality names are reference data, so
 * hostile ones are put in through the handler's own constructor (the figures' stores are mocks: empty).
 */
class MonitoringCsvInjectionTest {
    private static final List<String> HOSTILE = List.of("=HYPERLINK(\"http://evil.example\",\"klik\")", "+31 Gemeente",
            "-2+3", "@SUM(A1:A9)", "\tTab", "\rReturn");

    @Test
    void text_cells_that_start_like_a_formula_get_a_leading_quote_and_figures_stay_numbers() throws Exception {
        List<Municipality> all = new ArrayList<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            all.add(new Municipality(new MunicipalityCode(String.format("GM%04d", 9000 + i)), HOSTILE.get(i)));
        }
        all.add(new Municipality(new MunicipalityCode("GM9100"), "Súdwest-Fryslân, \"de\" gemeente"));
        MonitoringService monitoring = new MonitoringService(new Municipalities(all), mock(AllocationRepository.class),
                mock(MonitoringFigures.class), mock(ApplicationRepository.class), SchemeRules.DEFAULT);
        MonitoringHandler handler = new MonitoringHandler(monitoring, mock(IdempotencyStore.class), Clock.systemUTC());

        APIGatewayV2HTTPResponse response = handler.handleRequest(csvRequest(), null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "text/csv; charset=utf-8")
                .containsEntry("X-Content-Type-Options", "nosniff").containsEntry("Cache-Control", "no-store");
        List<CSVRecord> rows;
        try (CSVParser csv = CSVParser.parse(new StringReader(response.getBody()),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            rows = csv.getRecords();
        }
        assertThat(rows).extracting(r -> r.get("name")).containsExactly("'" + HOSTILE.get(0), "'" + HOSTILE.get(1),
                "'" + HOSTILE.get(2), "'" + HOSTILE.get(3), "'" + HOSTILE.get(4), "'" + HOSTILE.get(5),
                "Súdwest-Fryslân, \"de\" gemeente");
        for (CSVRecord row : rows) {
            for (String cell : row) {
                assertThat(cell).as("a cell of " + row).doesNotStartWith("=").doesNotStartWith("+")
                        .doesNotStartWith("-").doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r");
            }
            assertThat(row.get("allocatedCents")).isEqualTo("0");
            assertThat(row.get("code")).matches("GM\\d{4}");
        }
    }

    private static APIGatewayV2HTTPEvent csvRequest() {
        return APIGatewayV2HTTPEvent.builder()
                .withRouteKey("GET /v1/monitoring/spending.csv")
                .withRawPath("/v1/monitoring/spending.csv")
                .withQueryStringParameters(Map.of("year", "2025"))
                .withHeaders(Map.of())
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId("csv-injection")
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(Map.of("sub", "ministry-1", "token_use", "id", "name", "M. Inister", "cognito:groups", "[ministry]"))
                                        .build())
                                .build())
                        .build())
                .build();
    }
}
