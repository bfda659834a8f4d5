package nl.spuk.application.monitoring;

import static nl.spuk.application.fakes.Scenario.ADVISOR;
import static nl.spuk.application.fakes.Scenario.GRONINGEN;
import static nl.spuk.application.fakes.Scenario.OFFICIAL;
import static nl.spuk.application.fakes.Scenario.PROPOSER;
import static nl.spuk.application.fakes.Scenario.UTRECHT;
import static nl.spuk.application.fakes.Scenario.YEAR;
import static nl.spuk.application.fakes.Scenario.ZWOLLE;
import static nl.spuk.application.fakes.Scenario.amounts;
import static nl.spuk.application.fakes.Scenario.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.spuk.application.ConflictException;
import nl.spuk.application.ForbiddenException;
import nl.spuk.application.NotFoundException;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.fakes.Scenario;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.SchemeRules;
import nl.spuk.domain.YearAmounts;
import org.junit.jupiter.api.Test;

class MunicipalityServiceTest {
    private final Scenario s = new Scenario();

    private static List<FieldError> errors(Throwable e) {
        return ((RuleViolationException) e).errors();
    }

    @Test
    void everyoneSeesTheMunicipalitiesButOnlyTheMinistryTheirAllocations() {
        s.allocate(GRONINGEN, 2025, 1_000_000);
        s.allocate(GRONINGEN, 2026, 2_000_000);

        List<MunicipalityView> ministry = s.municipalityService.list(PROPOSER);
        List<MunicipalityView> official = s.municipalityService.list(OFFICIAL);

        assertThat(ministry).extracting(MunicipalityView::municipality).containsExactly(GRONINGEN, UTRECHT, ZWOLLE);
        assertThat(ministry.get(0).allocationsCents()).isEqualTo(YearAmounts.of(Map.of(2025, 1_000_000L, 2026, 2_000_000L)));
        assertThat(ministry.get(1).allocationsCents()).isEqualTo(YearAmounts.EMPTY);
        assertThat(official).extracting(MunicipalityView::allocationsCents).containsOnlyNulls();
        assertThat(s.municipalityService.list(ADVISOR)).extracting(MunicipalityView::allocationsCents).containsOnlyNulls();
    }

    @Test
    void theMinistrySetsAnAllocationAndSeesAllOfTheMunicipalitys() {
        s.allocate(GRONINGEN, 2025, 1_000_000);

        MunicipalityView view = s.municipalityService.setAllocation(PROPOSER, "GM0014", 2026, 750_000);

        assertThat(view.municipality()).isEqualTo(GRONINGEN);
        assertThat(view.allocationsCents()).isEqualTo(YearAmounts.of(Map.of(2025, 1_000_000L, 2026, 750_000L)));
        assertThat(s.allocations.stateOf(GRONINGEN.code()).allocated().get(2026)).isEqualTo(750_000);
    }

    @Test
    void onlyTheMinistrySetsAllocationsOfKnownMunicipalitiesForTheSchemesYears() {
        assertThatThrownBy(() -> s.municipalityService.setAllocation(OFFICIAL, "GM0014", 2025, 1)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> s.municipalityService.setAllocation(PROPOSER, "GM9999", 2025, 1)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> s.municipalityService.setAllocation(PROPOSER, "GM0014", 2027, -1))
                .satisfies(e -> assertThat(errors(e)).containsExactly(
                        new FieldError("year", "must be a year from 2023 to 2026"),
                        new FieldError("amountCents", "must not be negative")));
        assertThatThrownBy(() -> s.municipalityService.setAllocation(PROPOSER, "GM0014", 2025, SchemeRules.MAX_CENTS + 1))
                .satisfies(e -> assertThat(errors(e)).extracting(FieldError::field).containsExactly("amountCents"));
        assertThat(s.allocations.all()).isEmpty();
    }

    @Test
    void aMunicipalitySeesItsAllocationWhatAwardsCommittedOfItAndTheHeadroomLeft() {
        s.allocate(GRONINGEN, YEAR, 2_000_000);
        s.allocate(GRONINGEN, 2026, 800_000);
        s.awarded(OFFICIAL, plan(), amounts(YEAR, 750_000));
        s.decisionProposed(OFFICIAL, plan(), amounts(YEAR, 100_000)); // proposed, not approved: commits nothing yet

        AllocationOverview own = s.municipalityService.overview(OFFICIAL, "GM0014");
        AllocationOverview ministry = s.municipalityService.overview(PROPOSER, "GM0014");

        assertThat(own.municipality()).isEqualTo(GRONINGEN);
        assertThat(own.allocations().asMap()).containsExactly(Map.entry(YEAR, 2_000_000L), Map.entry(2026, 800_000L));
        assertThat(own.committed().asMap()).containsExactly(Map.entry(YEAR, 750_000L));
        assertThat(own.headroom().asMap()).containsExactly(Map.entry(YEAR, 1_250_000L), Map.entry(2026, 800_000L));
        // the same ceiling the award is checked against
        assertThat(own.headroom().get(YEAR)).isEqualTo(s.allocations.stateOf(GRONINGEN.code()).left(YEAR));
        assertThat(ministry).isEqualTo(own);
    }

    @Test
    void anotherMunicipalitysOrAnUnknownOneIsNotFoundAndAdvisorsAreRefused() {
        s.allocate(UTRECHT, YEAR, 2_000_000);

        assertThatThrownBy(() -> s.municipalityService.overview(OFFICIAL, "GM0344")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> s.municipalityService.overview(OFFICIAL, "GM9999")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> s.municipalityService.overview(PROPOSER, "GM9999")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> s.municipalityService.overview(ADVISOR, "GM0344")).isInstanceOf(ForbiddenException.class);
        assertThat(s.municipalityService.overview(PROPOSER, "GM0193").allocations().isEmpty()).isTrue();
    }

    @Test
    void anAllocationCannotFallBelowWhatIsAwardedOfIt() {
        s.allocate(GRONINGEN, YEAR, 2_000_000);
        s.awarded(OFFICIAL, plan(), amounts(YEAR, 1_000_000));

        assertThatThrownBy(() -> s.municipalityService.setAllocation(PROPOSER, "GM0014", YEAR, 999_999))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already 1000000 cents awarded");
        assertThat(s.municipalityService.setAllocation(PROPOSER, "GM0014", YEAR, 1_000_000).allocationsCents().get(YEAR))
                .isEqualTo(1_000_000);
        assertThat(s.allocations.stateOf(GRONINGEN.code()).left(YEAR)).isZero();
    }

    @Test
    void anImportSetsEveryRow() {
        int imported = s.municipalityService.importAllocations(PROPOSER, List.of(
                new AllocationRow(2, "GM0014", "2025", "1000000"),
                new AllocationRow(3, "GM0344", " 2026 ", "250000"),
                new AllocationRow(4, "GM0193", "2023", "0")));

        assertThat(imported).isEqualTo(3);
        assertThat(s.allocations.all()).containsOnlyKeys(GRONINGEN.code(), UTRECHT.code(), ZWOLLE.code());
        assertThat(s.allocations.stateOf(UTRECHT.code()).allocated()).isEqualTo(YearAmounts.of(Map.of(2026, 250_000L)));
    }

    @Test
    void anImportWithAnyBadRowImportsNothingAndNamesEveryProblemByLine() {
        assertThatThrownBy(() -> s.municipalityService.importAllocations(PROPOSER, List.of(
                new AllocationRow(2, "GM0014", "2025", "1000000"),
                new AllocationRow(3, "GM9999", "2025", "1"),
                new AllocationRow(4, "GM0344", "２０２５", "1"),
                new AllocationRow(5, "GM0193", "2025", "12,50"),
                new AllocationRow(6, "GM0193", "2026", "-5"),
                new AllocationRow(7, "GM0014", "2025", "3"))))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("nothing was imported: 5 problem(s) in the file");
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("line 3.code", "line 4.year",
                            "line 5.amountCents", "line 6.amountCents", "line 7");
                    assertThat(e.errors().get(4).message()).isEqualTo("GM0014 2025 appears more than once");
                });
        assertThat(s.allocations.all()).isEmpty();
    }

    @Test
    void anEmptyOrOversizedImportAndOtherRolesAreRefused() {
        assertThatThrownBy(() -> s.municipalityService.importAllocations(PROPOSER, List.of()))
                .satisfies(e -> assertThat(errors(e)).containsExactly(new FieldError("body", "the file has no rows")));
        List<AllocationRow> many = new ArrayList<>();
        for (int i = 0; i <= MunicipalityService.MAX_IMPORT_ROWS; i++) {
            many.add(new AllocationRow(i + 2, "GM0014", "2025", "1"));
        }
        assertThatThrownBy(() -> s.municipalityService.importAllocations(PROPOSER, many))
                .satisfies(e -> assertThat(errors(e)).containsExactly(new FieldError("body", "at most 10000 rows")));
        assertThatThrownBy(() -> s.municipalityService.importAllocations(ADVISOR, List.of(new AllocationRow(2, "GM0014", "2025", "1"))))
                .isInstanceOf(ForbiddenException.class);
        assertThat(s.allocations.all()).isEmpty();
    }

    @Test
    void anImportThatWouldTakeAnAllocationBelowItsAwardsIsRefusedWhole() {
        s.allocate(GRONINGEN, YEAR, 2_000_000);
        s.awarded(OFFICIAL, plan(), amounts(YEAR, 1_000_000));

        assertThatThrownBy(() -> s.municipalityService.importAllocations(PROPOSER, List.of(
                new AllocationRow(2, "GM0344", "2025", "700000"),
                new AllocationRow(3, "GM0014", "2025", "500000")))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("GM0014 for 2025 cannot be set to 500000");
        assertThat(s.allocations.all()).containsOnlyKeys(GRONINGEN.code());
        assertThat(s.allocations.stateOf(GRONINGEN.code()).allocated().get(YEAR)).isEqualTo(2_000_000);
    }
}
