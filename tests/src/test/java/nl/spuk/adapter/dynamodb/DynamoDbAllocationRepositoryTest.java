package nl.spuk.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.spuk.adapter.out.dynamodb.DynamoDbAllocationRepository;
import nl.spuk.application.port.Allocation;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.YearAmounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Allocations in DynamoDB Local: many rows written side by side, read per municipality and all at once. */
public class DynamoDbAllocationRepositoryTest extends LocalDynamoDbTestBase {
    private DynamoDbAllocationRepository allocations;

    @BeforeEach
    void setUp() {
        allocations = new DynamoDbAllocationRepository(client, table);
    }

    @Test
    void writesAndReadsBackHundredsOfRows() {
        List<Allocation> rows = new ArrayList<>();
        for (int m = 1; m <= 60; m++) {
            for (int year = 2023; year <= 2026; year++) {
                rows.add(new Allocation(code(m), year, m * 100_000L + year));
            }
        }

        allocations.setAll(rows);

        Map<MunicipalityCode, YearAmounts> all = allocations.all();
        assertThat(all).hasSize(60);
        assertThat(all.values()).allSatisfy(amounts -> assertThat(amounts.asMap()).hasSize(4));
        assertThat(all.get(code(42))).isEqualTo(YearAmounts.of(Map.of(
                2023, 4_202_023L, 2024, 4_202_024L, 2025, 4_202_025L, 2026, 4_202_026L)));
        assertThat(allocations.stateOf(code(7)).allocated()).isEqualTo(YearAmounts.of(Map.of(
                2023, 702_023L, 2024, 702_024L, 2025, 702_025L, 2026, 702_026L)));
        assertThat(allocations.stateOf(code(999)).allocated()).isEqualTo(YearAmounts.EMPTY);
    }

    @Test
    void setsFourYearsForEveryMunicipality() {
        List<Allocation> rows = new ArrayList<>();
        for (int m = 1; m <= 342; m++) {
            for (int year = 2023; year <= 2026; year++) {
                rows.add(new Allocation(code(m), year, m * 1_000L + year));
            }
        }

        allocations.setAll(rows);

        Map<MunicipalityCode, YearAmounts> all = allocations.all();
        assertThat(all).hasSize(342);
        assertThat(all.values()).allSatisfy(amounts -> assertThat(amounts.asMap()).hasSize(4));
        assertThat(all.get(code(342))).isEqualTo(YearAmounts.of(Map.of(
                2023, 344_023L, 2024, 344_024L, 2025, 344_025L, 2026, 344_026L)));
        assertThat(allocations.stateOf(code(342)).committed()).isEqualTo(YearAmounts.EMPTY);
    }

    @Test
    void replacesRowsAndLetsTheLaterOfTwoEqualKeysWin() {
        allocations.setAll(List.of(new Allocation(code(14), 2025, 100), new Allocation(code(14), 2026, 200)));

        allocations.setAll(List.of(new Allocation(code(14), 2025, 150), new Allocation(code(14), 2025, 175),
                new Allocation(code(34), 2025, 300)));
        allocations.setAll(List.of(new Allocation(code(34), 2025, 300)));

        assertThat(allocations.stateOf(code(14)).allocated()).isEqualTo(YearAmounts.of(Map.of(2025, 175L, 2026, 200L)));
        assertThat(allocations.all()).isEqualTo(Map.of(
                code(14), YearAmounts.of(Map.of(2025, 175L, 2026, 200L)),
                code(34), YearAmounts.of(Map.of(2025, 300L))));
    }

    @Test
    void hasNothingBeforeAnythingIsSet() {
        allocations.setAll(List.of());

        assertThat(allocations.all()).isEmpty();
    }

    private static MunicipalityCode code(int n) {
        return new MunicipalityCode(String.format("GM%04d", n));
    }
}
