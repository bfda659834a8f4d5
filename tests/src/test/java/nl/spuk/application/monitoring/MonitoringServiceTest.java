package nl.spuk.application.monitoring;

import static nl.spuk.application.fakes.Scenario.ADVISOR;
import static nl.spuk.application.fakes.Scenario.GRONINGEN;
import static nl.spuk.application.fakes.Scenario.OFFICIAL;
import static nl.spuk.application.fakes.Scenario.PROPOSER;
import static nl.spuk.application.fakes.Scenario.UTRECHT;
import static nl.spuk.application.fakes.Scenario.UTRECHT_OFFICIAL;
import static nl.spuk.application.fakes.Scenario.YEAR;
import static nl.spuk.application.fakes.Scenario.ZWOLLE;
import static nl.spuk.application.fakes.Scenario.once;
import static nl.spuk.application.fakes.Scenario.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.spuk.application.ForbiddenException;
import nl.spuk.application.NotFoundException;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.fakes.Scenario;
import nl.spuk.domain.Application;
import nl.spuk.domain.AttentionPoint;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.Figures;
import nl.spuk.domain.Status;
import org.junit.jupiter.api.Test;

class MonitoringServiceTest {
    private final Scenario s = new Scenario();

    private void logHours(Application inReview, String... hours) {
        for (String h : hours) {
            s.advisory.log(ADVISOR, once(), inReview.id(), new BigDecimal(h), "RESPIJTZORG", "2025-03-01", null);
        }
    }

    /**
     * Groningen: one application settled (awarded 1 000 000, 800 000 spent, 200 000 reclaimed), one in review asking
     * 300 000 with 2 advisory hours, one draft and one withdrawn after submission; Utrecht: one in review asking
     * 500 000 with all 25 advisory hours used; Zwolle: nothing.
     */
    private void nationalPicture() {
        s.allocate(UTRECHT, YEAR, 3_000_000);
        s.settled(800_000);
        Application second = s.inReview(OFFICIAL, plan("Tweede", Map.of(YEAR, 300_000L)));
        logHours(second, "2");
        s.draft(OFFICIAL, plan("Concept", Map.of(YEAR, 999L)));
        Application withdrawn = s.inReview(OFFICIAL, plan("Ingetrokken", Map.of(YEAR, 77_000L)));
        s.lifecycle.withdraw(OFFICIAL, once(), withdrawn.id(), "weg");
        Application utrecht = s.inReview(UTRECHT_OFFICIAL, plan("Utrecht", Map.of(YEAR, 500_000L)));
        logHours(utrecht, "8", "8", "8", "1");
    }

    @Test
    void theNationalPictureAddsUpTheMunicipalities() {
        nationalPicture();

        MonitoringService.Spending spending = s.monitoring.spending(PROPOSER, YEAR);

        assertThat(spending.byMunicipality()).containsExactly(
                new MonitoringService.Row(GRONINGEN, 5_000_000, 1_300_000, 1_000_000, 800_000, 200_000, 8),
                new MonitoringService.Row(UTRECHT, 3_000_000, 500_000, 0, 0, 0, 100),
                new MonitoringService.Row(ZWOLLE, 0, 0, 0, 0, 0, 0));
        assertThat(spending.totals()).isEqualTo(new MonitoringService.Row(null, 8_000_000, 1_800_000, 1_000_000, 800_000,
                200_000, 108));
        assertThat(spending.byTheme()).containsEntry(AttentionPoint.VINDEN, 80_000L)
                .containsEntry(AttentionPoint.VERLICHTEN, 720_000L).containsEntry(AttentionPoint.VERBINDEN, 0L);
        assertThat(spending.applicationsByStatus()).containsEntry(Status.SETTLED, 1L).containsEntry(Status.IN_REVIEW, 2L)
                .containsEntry(Status.DRAFT, 1L).containsEntry(Status.WITHDRAWN, 1L).containsEntry(Status.AWARDED, 0L);
        assertThat(spending.advisoryQuarterHoursUsed()).isEqualTo(108);
        assertThat(spending.municipalitiesAtCap()).isEqualTo(1);
        assertThat(spending.overdueReports()).isZero();
        assertThat(s.monitoring.spending(PROPOSER, 2026).totals().requestedCents()).isZero();
    }

    @Test
    void overdueReportsAreTheOpenChasesOfTheYear() {
        Application awarded = s.awarded();
        s.clock.setDay(LocalDate.of(2026, 7, 16));
        s.workflow.runDueJobs();

        assertThat(s.monitoring.spending(PROPOSER, YEAR).overdueReports()).isEqualTo(1);
        assertThat(s.monitoring.spending(PROPOSER, 2024).overdueReports()).isZero();

        s.reports.submit(OFFICIAL, once(), awarded.id(), YEAR, Scenario.report(100));
        assertThat(s.monitoring.spending(PROPOSER, YEAR).overdueReports()).isZero();
    }

    @Test
    void theNationalPictureIsTheMinistrysForTheSchemesYears() {
        assertThatThrownBy(() -> s.monitoring.spending(OFFICIAL, YEAR)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> s.monitoring.spending(ADVISOR, YEAR)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> s.monitoring.spending(PROPOSER, 2022))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.errors())
                        .containsExactly(new FieldError("year", "must be a year from 2023 to 2026")));
    }

    @Test
    void aMunicipalitySeesItsOwnRowOnly() {
        nationalPicture();

        MonitoringService.Row own = s.monitoring.municipalitySpending(OFFICIAL, "GM0014", YEAR);

        assertThat(own).isEqualTo(new MonitoringService.Row(GRONINGEN, 5_000_000, 1_300_000, 1_000_000, 800_000, 200_000, 8));
        assertThat(s.monitoring.municipalitySpending(PROPOSER, "GM0344", YEAR).advisoryQuarterHours()).isEqualTo(100);
        assertThatThrownBy(() -> s.monitoring.municipalitySpending(UTRECHT_OFFICIAL, "GM0014", YEAR))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> s.monitoring.municipalitySpending(PROPOSER, "GM9999", YEAR)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> s.monitoring.municipalitySpending(ADVISOR, "GM0014", YEAR)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> s.monitoring.municipalitySpending(OFFICIAL, "GM0014", 2027)).isInstanceOf(RuleViolationException.class);
    }

    @Test
    void theAggregatesEveryChangeWroteMatchARecomputationFromTheRecords() {
        nationalPicture();

        assertThat(s.monitoring.check(false)).isEmpty();
    }

    @Test
    void theCheckNamesADamagedAggregateAndRepairsIt() {
        nationalPicture();
        Figures right = s.figures.forMunicipality(UTRECHT.code(), YEAR);
        s.figures.replace(UTRECHT.code(), YEAR, right.plus(new Figures(1, 0, 0, 0, Map.of(), Map.of())));
        s.figures.replace(ZWOLLE.code(), 2024, new Figures(0, 5, 0, 0, Map.of(), Map.of()));

        List<MonitoringService.Difference> found = s.monitoring.check(false);

        assertThat(found).extracting(MonitoringService.Difference::municipality, MonitoringService.Difference::year)
                .containsExactlyInAnyOrder(tuple(UTRECHT.code(), YEAR),
                        tuple(ZWOLLE.code(), 2024));
        assertThat(found).filteredOn(d -> d.municipality().equals(UTRECHT.code())).singleElement()
                .satisfies(d -> assertThat(d.recomputed()).isEqualTo(right));
        assertThat(s.monitoring.check(false)).hasSize(2); // only looking repairs nothing

        assertThat(s.monitoring.check(true)).hasSize(2);
        assertThat(s.monitoring.check(false)).isEmpty();
        assertThat(s.figures.forMunicipality(UTRECHT.code(), YEAR)).isEqualTo(right);
    }

    @Test
    void theCheckReadsEveryPageOfApplications() {
        for (int i = 0; i < 230; i++) {
            s.clock.advance(Duration.ofSeconds(1));
            s.draft(i % 2 == 0 ? OFFICIAL : UTRECHT_OFFICIAL, plan("Concept " + i, Map.of(YEAR, 1L)));
        }

        assertThat(s.monitoring.check(false)).isEmpty();
        assertThat(s.figures.forMunicipality(GRONINGEN.code(), YEAR).applicationsByStatus()).containsEntry(Status.DRAFT, 115L);
    }
}
