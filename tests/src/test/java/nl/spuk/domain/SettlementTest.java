package nl.spuk.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettlementTest {
    private static final Actor MINISTRY = new Actor("m1", "Min One", Role.MINISTRY, null);
    private static final Instant NOW = Instant.parse("2027-08-01T10:00:00Z");

    @Test
    void underAndOverSpendingYearsAreSettledPerYear() {
        Settlement s = Settlement.calculate(YearAmounts.of(Map.of(2025, 4_000_000L, 2026, 3_500_000L)),
                Map.of(2025, 3_500_000L, 2026, 4_000_000L), MINISTRY, NOW);
        assertThat(s.rows()).extracting(Settlement.Row::eligibleCents).containsExactly(3_500_000L, 3_500_000L);
        assertThat(s.totalAwardedCents()).isEqualTo(7_500_000L);
        assertThat(s.totalEligibleCents()).isEqualTo(7_000_000L);
        assertThat(s.reclaimCents()).isEqualTo(500_000L);
    }

    @Test
    void overspendingEverywhereReclaimsNothingAndAMissingReportReclaimsTheYear() {
        assertThat(Settlement.calculate(YearAmounts.of(Map.of(2025, 100L)), Map.of(2025, 900L), MINISTRY, NOW).reclaimCents())
                .isZero();
        Settlement missing = Settlement.calculate(YearAmounts.of(Map.of(2025, 100L, 2026, 50L)), Map.of(2025, 100L), MINISTRY, NOW);
        assertThat(missing.reclaimCents()).isEqualTo(50L);
        assertThat(missing.rows().get(1).reclaimCents()).isEqualTo(50L);
    }

    @Test
    void fourEyesKnowsTheProposer() {
        Settlement s = Settlement.calculate(YearAmounts.of(Map.of(2025, 1L)), Map.of(), MINISTRY, NOW);
        assertThat(s.isProposedBy(MINISTRY)).isTrue();
        Actor other = new Actor("m2", "Min Two", Role.MINISTRY, null);
        assertThat(s.isProposedBy(other)).isFalse();
        assertThat(s.approved(other, NOW).approvedByName()).isEqualTo("Min Two");
    }
}
