package nl.spuk.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitoringTest {
    private static final Instant NOW = Instant.parse("2025-03-01T09:00:00Z");
    private static final Municipality ASSEN = new Municipality(new MunicipalityCode("GM0106"), "Assen");
    private static final Actor OFFICIAL = new Actor("u1", "U", Role.MUNICIPALITY, ASSEN.code());
    private static final Actor MINISTRY = new Actor("m1", "M", Role.MINISTRY, null);

    private static Application draft() {
        Plan plan = new Plan("t", List.of(2025, 2026), List.of(new Activity(AttentionPoint.VINDEN, "a", null,
                YearAmounts.of(Map.of(2025, 700L, 2026, 300L)))), null);
        return Application.draft("a1", ASSEN, plan, OFFICIAL, NOW);
    }

    @Test
    void aDraftCountsOnlyAsADraft() {
        Map<Integer, Figures> f = Monitoring.contribution(draft(), List.of());
        assertThat(f.get(2025).requestedCents()).isZero();
        assertThat(f.get(2025).applicationsByStatus().get(Status.DRAFT)).isEqualTo(1L);
        assertThat(f.get(2026).applicationsByStatus().get(Status.DRAFT)).isEqualTo(1L);
    }

    @Test
    void submittingMovesTheCountAndAddsTheRequest() {
        Application draft = draft();
        Application submitted = draft.moveTo(Status.IN_REVIEW, NOW);
        Map<Integer, Figures> delta = Monitoring.delta(Monitoring.contribution(draft, List.of()),
                Monitoring.contribution(submitted, List.of()));
        assertThat(delta.get(2025).requestedCents()).isEqualTo(700L);
        assertThat(delta.get(2025).applicationsByStatus().get(Status.DRAFT)).isEqualTo(-1L);
        assertThat(delta.get(2025).applicationsByStatus().get(Status.IN_REVIEW)).isEqualTo(1L);
        Application withdrawn = submitted.moveTo(Status.WITHDRAWN, NOW);
        assertThat(Monitoring.contribution(withdrawn, List.of()).get(2025).requestedCents()).isZero();
    }

    @Test
    void awardsAcceptedReportsAndTheSettlementAddUpPerYear() {
        Application app = draft().moveTo(Status.IN_REVIEW, NOW).moveTo(Status.ADVISED, NOW);
        Decision d = new Decision(DecisionOutcome.AWARD, YearAmounts.of(Map.of(2025, 600L, 2026, 300L)), null, "m",
                "m1", "M", NOW, null, null, null);
        Application awarded = app.decided(d, Status.DECISION_PROPOSED, NOW).decided(d.approved(
                new Actor("m2", "N", Role.MINISTRY, null), NOW), Status.AWARDED, NOW);
        Report accepted = new Report("a1", 2025, Map.of(AttentionPoint.VINDEN, 500L), 1, 0, "n", null,
                ReportStatus.ACCEPTED, NOW, "u1", NOW, "m1", null);
        Report rejected = new Report("a1", 2026, Map.of(AttentionPoint.VINDEN, 999L), 1, 0, "n", null,
                ReportStatus.REJECTED, NOW, "u1", NOW, "m1", "x");
        Map<Integer, Figures> f = Monitoring.contribution(awarded, List.of(accepted, rejected));
        assertThat(f.get(2025).awardedCents()).isEqualTo(600L);
        assertThat(f.get(2025).reportedSpentCents()).isEqualTo(500L);
        assertThat(f.get(2025).spentByTheme().get(AttentionPoint.VINDEN)).isEqualTo(500L);
        assertThat(f.get(2026).reportedSpentCents()).isZero();

        Settlement s = Settlement.calculate(awarded.awardedCents(), Map.of(2025, 500L, 2026, 300L), MINISTRY, NOW);
        Application settled = awarded.moveTo(Status.REPORTING, NOW).settling(s.approved(OFFICIAL, NOW), Status.SETTLED, NOW);
        Map<Integer, Figures> after = Monitoring.contribution(settled, List.of(accepted));
        assertThat(after.get(2025).reclaimCents()).isEqualTo(100L);
        assertThat(after.get(2026).reclaimCents()).isZero();
        assertThat(after.get(2025).applicationsByStatus().get(Status.SETTLED)).isEqualTo(1L);
    }
}
