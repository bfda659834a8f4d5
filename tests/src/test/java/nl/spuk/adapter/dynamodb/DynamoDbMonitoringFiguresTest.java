package nl.spuk.adapter.dynamodb;

import static nl.spuk.adapter.dynamodb.Fixtures.ALMERE;
import static nl.spuk.adapter.dynamodb.Fixtures.GRONINGEN;
import static nl.spuk.adapter.dynamodb.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.spuk.adapter.out.dynamodb.DynamoDbAdvisoryHoursLedger;
import nl.spuk.adapter.out.dynamodb.DynamoDbAllocationRepository;
import nl.spuk.adapter.out.dynamodb.DynamoDbApplicationRepository;
import nl.spuk.adapter.out.dynamodb.DynamoDbMonitoringFigures;
import nl.spuk.adapter.out.reference.MunicipalityList;
import nl.spuk.application.AllocationExceededException;
import nl.spuk.application.ConcurrentChangeException;
import nl.spuk.application.port.Allocation;
import nl.spuk.application.port.ApplicationChange;
import nl.spuk.domain.Activity;
import nl.spuk.domain.AdviceOutcome;
import nl.spuk.domain.AdvisoryTheme;
import nl.spuk.domain.Application;
import nl.spuk.domain.AttentionPoint;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Contact;
import nl.spuk.domain.Figures;
import nl.spuk.domain.HoursEntry;
import nl.spuk.domain.Monitoring;
import nl.spuk.domain.Municipality;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Plan;
import nl.spuk.domain.ReportStatus;
import nl.spuk.domain.Status;
import nl.spuk.domain.YearAmounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The monitoring aggregates in DynamoDB Local: after every kind of change they equal the sum of
 * {@link Monitoring#contribution} over the stored applications, recomputed here from {@code find} and
 * {@code reports}; also under concurrent changes of one municipality, and after a retried change.
 */
class DynamoDbMonitoringFiguresTest extends LocalDynamoDbTestBase {
    private static final List<Integer> YEARS = List.of(2023, 2024, 2025, 2026);
    private static final Municipality UTRECHT = new Municipality(new MunicipalityCode("GM0344"), "Utrecht");
    /** Fixtures.plan: 2025 = 1,250,000 + 300,050; 2026 = 1,000,000. */
    private static final long REQUESTED_2025 = 1_550_050;
    private static final long REQUESTED_2026 = 1_000_000;

    private DynamoDbApplicationRepository applications;
    private DynamoDbMonitoringFigures figures;
    private final List<String> ids = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        applications = new DynamoDbApplicationRepository(client, table);
        figures = new DynamoDbMonitoringFigures(client, table);
        List<Allocation> allocations = new ArrayList<>();
        for (Municipality m : List.of(GRONINGEN, ALMERE, UTRECHT)) {
            allocations.add(new Allocation(m.code(), 2025, 100_000_000));
            allocations.add(new Allocation(m.code(), 2026, 100_000_000));
        }
        new DynamoDbAllocationRepository(client, table).setAll(allocations);
    }

    @Test
    void followsEveryTransitionOfAnAwardedApplicationUpToItsSettlement() {
        ApplicationLife life = create("a-1", GRONINGEN);
        assertMatchesTheRecords();
        assertThat(figures.forMunicipality(GRONINGEN.code(), 2025))
                .isEqualTo(new Figures(0, 0, 0, 0, Map.of(), Map.of(Status.DRAFT, 1L)));

        life.edit(new Plan("Alleen 2026", List.of(2026), List.of(new Activity(AttentionPoint.VERBINDEN, "Netwerk", null,
                YearAmounts.of(Map.of(2026, 700_000L)))), null));
        assertMatchesTheRecords();
        assertThat(figures.forYear(2025)).isEmpty();
        assertThat(figures.forMunicipality(GRONINGEN.code(), 2025)).isEqualTo(Figures.ZERO);

        life.edit(Fixtures.plan(List.of(2025, 2026)));
        assertMatchesTheRecords();
        life.submit();
        assertMatchesTheRecords();
        assertThat(figures.forMunicipality(GRONINGEN.code(), 2025))
                .isEqualTo(new Figures(REQUESTED_2025, 0, 0, 0, Map.of(), Map.of(Status.IN_REVIEW, 1L)));

        life.advise(AdviceOutcome.CHANGES_REQUESTED);
        assertMatchesTheRecords();
        Plan revised = new Plan("Herzien", List.of(2025, 2026), List.of(new Activity(AttentionPoint.VERLICHTEN,
                "Logeerhuis", null, YearAmounts.of(Map.of(2025, 900_000L, 2026, 800_000L)))), new Contact("G", "g@x.example"));
        life.edit(revised);
        assertMatchesTheRecords();
        assertThat(figures.forMunicipality(GRONINGEN.code(), 2025).requestedCents()).isEqualTo(900_000);
        life.submit().advise(AdviceOutcome.POSITIVE);
        assertMatchesTheRecords();
        life.proposeAward(Map.of(2025, 850_000L, 2026, 800_000L));
        assertMatchesTheRecords();
        assertThat(figures.forMunicipality(GRONINGEN.code(), 2025).awardedCents()).isZero();

        life.approveDecision();
        assertMatchesTheRecords();
        assertThat(figures.forMunicipality(GRONINGEN.code(), 2025))
                .isEqualTo(new Figures(900_000, 850_000, 0, 0, Map.of(), Map.of(Status.AWARDED, 1L)));

        life.submitReport(2025, Map.of(AttentionPoint.VERLICHTEN, 700_000L, AttentionPoint.VINDEN, 50_000L));
        assertMatchesTheRecords();
        assertThat(figures.forMunicipality(GRONINGEN.code(), 2025).reportedSpentCents()).isZero();
        life.reviewReport(2025, ReportStatus.REJECTED);
        assertMatchesTheRecords();
        life.submitReport(2025, Map.of(AttentionPoint.VERLICHTEN, 700_000L, AttentionPoint.VINDEN, 60_000L));
        life.reviewReport(2025, ReportStatus.ACCEPTED);
        assertMatchesTheRecords();
        assertThat(figures.forMunicipality(GRONINGEN.code(), 2025)).isEqualTo(new Figures(900_000, 850_000, 760_000, 0,
                Map.of(AttentionPoint.VERLICHTEN, 700_000L, AttentionPoint.VINDEN, 60_000L), Map.of(Status.REPORTING, 1L)));

        life.submitReport(2026, Map.of(AttentionPoint.VERBINDEN, 900_000L)).reviewReport(2026, ReportStatus.ACCEPTED);
        life.proposeSettlement();
        assertMatchesTheRecords();
        assertThat(figures.forMunicipality(GRONINGEN.code(), 2025).reclaimCents()).isZero();
        life.approveSettlement();
        assertMatchesTheRecords();
        // 2025: 850,000 awarded, 760,000 eligible; 2026: 900,000 spent is capped at the 800,000 awarded.
        assertThat(figures.forMunicipality(GRONINGEN.code(), 2025)).isEqualTo(new Figures(900_000, 850_000, 760_000, 90_000,
                Map.of(AttentionPoint.VERLICHTEN, 700_000L, AttentionPoint.VINDEN, 60_000L), Map.of(Status.SETTLED, 1L)));
        assertThat(figures.forMunicipality(GRONINGEN.code(), 2026)).isEqualTo(new Figures(800_000, 800_000, 900_000, 0,
                Map.of(AttentionPoint.VERBINDEN, 900_000L), Map.of(Status.SETTLED, 1L)));
    }

    @Test
    void takesAnAcceptedReportOutWhenAChangeReplacesIt() {
        ApplicationLife life = awarded("a-1", GRONINGEN).submitReport(2025, Map.of(AttentionPoint.VINDEN, 300_000L))
                .reviewReport(2025, ReportStatus.ACCEPTED);
        assertThat(figures.forMunicipality(GRONINGEN.code(), 2025).reportedSpentCents()).isEqualTo(300_000);

        // A corrected report on the same year: what the accepted one counted is in the stored report only.
        life.submitReport(2025, Map.of(AttentionPoint.VINDEN, 250_000L));
        assertMatchesTheRecords();
        assertThat(figures.forMunicipality(GRONINGEN.code(), 2025).reportedSpentCents()).isZero();
        assertThat(figures.forMunicipality(GRONINGEN.code(), 2025).spentByTheme()).containsEntry(AttentionPoint.VINDEN, 0L);
        life.reviewReport(2025, ReportStatus.ACCEPTED);
        assertMatchesTheRecords();
        assertThat(figures.forMunicipality(GRONINGEN.code(), 2025).reportedSpentCents()).isEqualTo(250_000);
    }

    @Test
    void countsWithdrawalsBeforeAndAfterSubmissionAndARejection() {
        create("a-draft", GRONINGEN).withdraw();
        assertMatchesTheRecords();
        ApplicationLife submitted = create("a-submitted", GRONINGEN).submit();
        assertThat(figures.forMunicipality(GRONINGEN.code(), 2026).requestedCents()).isEqualTo(REQUESTED_2026);
        submitted.withdraw();
        assertMatchesTheRecords();
        create("a-advised", GRONINGEN).submit().advise(AdviceOutcome.POSITIVE).withdraw();
        assertMatchesTheRecords();
        assertThat(figures.forMunicipality(GRONINGEN.code(), 2026))
                .isEqualTo(new Figures(0, 0, 0, 0, Map.of(), Map.of(Status.WITHDRAWN, 3L)));

        create("a-rejected", GRONINGEN).submit().advise(AdviceOutcome.NEGATIVE).proposeRejection().approveDecision();
        assertMatchesTheRecords();
        // A rejected request still counts as requested; nothing is awarded.
        assertThat(figures.forMunicipality(GRONINGEN.code(), 2025))
                .isEqualTo(new Figures(REQUESTED_2025, 0, 0, 0, Map.of(), Map.of(Status.WITHDRAWN, 3L, Status.REJECTED, 1L)));
    }

    @Test
    void addsNothingForARetriedChangeNorForARefusedOne() {
        ApplicationLife life = create("a-1", GRONINGEN).submit();
        ApplicationChange submit = life.lastChange();

        applications.apply(submit);
        assertMatchesTheRecords();
        assertThat(figures.forMunicipality(GRONINGEN.code(), 2025).requestedCents()).isEqualTo(REQUESTED_2025);

        Application stale = submit.before();
        assertThatThrownBy(() -> applications.apply(new ApplicationChange("c-stale", stale,
                stale.moveTo(Status.WITHDRAWN, T0.plusSeconds(5)), submit.event(), List.of(), List.of())))
                .isInstanceOf(ConcurrentChangeException.class);
        life.advise(AdviceOutcome.POSITIVE).proposeAward(Map.of(2025, 200_000_000L));
        Figures beforeRefusal = figures.forMunicipality(GRONINGEN.code(), 2025);
        assertThatThrownBy(life::approveDecision).isInstanceOf(AllocationExceededException.class);
        assertThat(figures.forMunicipality(GRONINGEN.code(), 2025)).isEqualTo(beforeRefusal);
        assertMatchesTheRecords();
    }

    @Test
    void staysExactWhileSixteenThreadsCreateAndSubmitApplicationsOfOneMunicipality() throws Exception {
        int threads = 16;
        int perThread = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    ApplicationLife life = create("a-" + thread + "-" + i, UTRECHT).submit();
                    if (i == 0) {
                        life.withdraw();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertMatchesTheRecords();
        assertThat(figures.forMunicipality(UTRECHT.code(), 2025)).isEqualTo(new Figures(48 * REQUESTED_2025, 0, 0, 0,
                Map.of(), Map.of(Status.IN_REVIEW, 48L, Status.WITHDRAWN, 16L)));
    }

    @Test
    void totalsOverTheMunicipalitiesEqualTheSumOfAllContributions() {
        create("a-1", GRONINGEN);
        create("a-2", GRONINGEN).submit();
        create("a-3", ALMERE).submit().advise(AdviceOutcome.POSITIVE).proposeAward(Map.of(2025, 1_000_000L)).approveDecision()
                .submitReport(2025, Map.of(AttentionPoint.VERSTERKEN, 400_000L)).reviewReport(2025, ReportStatus.ACCEPTED);
        create("a-4", UTRECHT).submit().withdraw();

        for (int year : YEARS) {
            Figures national = Figures.ZERO;
            for (Figures row : figures.forYear(year).values()) {
                national = national.plus(row);
            }
            Figures recomputed = Figures.ZERO;
            for (String id : ids) {
                recomputed = recomputed.plus(Monitoring.contribution(applications.find(id).orElseThrow(),
                        applications.reports(id)).getOrDefault(year, Figures.ZERO));
            }
            assertThat(national).as("national figures of %d", year).isEqualTo(recomputed);
        }
        assertThat(figures.forYear(2025).keySet()).containsExactlyInAnyOrder(GRONINGEN.code(), ALMERE.code(), UTRECHT.code());
        Figures national2025 = figures.forYear(2025).values().stream().reduce(Figures.ZERO, Figures::plus);
        assertThat(national2025.requestedCents()).isEqualTo(2 * REQUESTED_2025);
        assertThat(national2025.awardedCents()).isEqualTo(1_000_000);
        assertThat(national2025.reportedSpentCents()).isEqualTo(400_000);
        assertThat(national2025.applicationsByStatus()).containsEntry(Status.DRAFT, 1L).containsEntry(Status.IN_REVIEW, 1L)
                .containsEntry(Status.REPORTING, 1L).containsEntry(Status.WITHDRAWN, 1L);
    }

    @Test
    void countsTheOpenChasesOfOverdueReportsPerYear() {
        ApplicationLife first = awarded("a-1", GRONINGEN).chase(2025);
        awarded("a-2", ALMERE).chase(2025).chase(2026);
        // A chase opened twice is one task; a report task asked for again is no chase.
        awarded("a-3", UTRECHT).chase(2026).chase(2026);
        awarded("a-4", UTRECHT).submitReport(2025, Map.of(AttentionPoint.VINDEN, 1L)).reviewReport(2025, ReportStatus.REJECTED);

        assertThat(figures.overdueReports(2025)).isEqualTo(2);
        assertThat(figures.overdueReports(2026)).isEqualTo(2);
        assertThat(figures.overdueReports(2024)).isZero();

        first.submitReport(2025, Map.of(AttentionPoint.VINDEN, 1L));
        assertThat(figures.overdueReports(2025)).isEqualTo(1);
        assertThat(figures.overdueReports(2026)).isEqualTo(2);
    }

    @Test
    void readsTheHoursUsedOfAllMunicipalitiesInBatches() {
        DynamoDbAdvisoryHoursLedger ledger = new DynamoDbAdvisoryHoursLedger(client, table);
        Map<MunicipalityCode, Integer> booked = Map.of(GRONINGEN.code(), 6, ALMERE.code(), 100, UTRECHT.code(), 1);
        booked.forEach((code, quarterHours) -> {
            Municipality m = List.of(GRONINGEN, ALMERE, UTRECHT).stream().filter(x -> x.code().equals(code)).findFirst()
                    .orElseThrow();
            Application app = create("a-" + code.value(), m).submit().current();
            HoursEntry entry = new HoursEntry("e-" + code.value(), code, app.id(), quarterHours,
                    AdvisoryTheme.RESPIJTZORG, LocalDate.of(2025, 3, 3), null, "u-adv", "Anna", T0);
            ledger.book(entry, 100, AuditEvent.of(Fixtures.ADVISOR, T0, "HOURS_LOGGED", null, null, Map.of()));
        });
        List<MunicipalityCode> all = new ArrayList<>(MunicipalityList.load().all().stream().map(Municipality::code).toList());
        all.add(GRONINGEN.code()); // asked twice, read once

        assertThat(all).hasSizeGreaterThan(300);
        assertThat(figures.usedQuarterHours(all)).isEqualTo(booked);
        assertThat(figures.usedQuarterHours(List.of(ALMERE.code(), new MunicipalityCode("GM0363"))))
                .isEqualTo(Map.of(ALMERE.code(), 100));
        assertThat(figures.usedQuarterHours(List.of())).isEmpty();
    }

    @Test
    void replacesAnAggregateAndReadsItBack() {
        create("a-1", GRONINGEN).submit();
        Figures right = figures.forMunicipality(GRONINGEN.code(), 2025);
        Figures wrong = new Figures(1, 2, 3, 4, Map.of(AttentionPoint.VINDEN, 5L), Map.of(Status.SETTLED, 6L));

        figures.replace(GRONINGEN.code(), 2025, wrong);
        assertThat(figures.forMunicipality(GRONINGEN.code(), 2025)).isEqualTo(wrong);
        assertThat(figures.forYear(2025)).isEqualTo(Map.of(GRONINGEN.code(), wrong));

        figures.replace(GRONINGEN.code(), 2025, right);
        assertMatchesTheRecords();
        figures.replace(ALMERE.code(), 2024, Figures.ZERO);
        assertThat(figures.forYear(2024)).isEmpty();
        assertThat(figures.forMunicipality(ALMERE.code(), 2024)).isEqualTo(Figures.ZERO);
    }

    private ApplicationLife create(String id, Municipality municipality) {
        ApplicationLife life = ApplicationLife.create(applications, id, municipality, Fixtures.plan(List.of(2025, 2026)), T0);
        ids.add(id);
        return life;
    }

    private ApplicationLife awarded(String id, Municipality municipality) {
        return create(id, municipality).submit().advise(AdviceOutcome.POSITIVE)
                .proposeAward(Map.of(2025, 500_000L, 2026, 500_000L)).approveDecision();
    }

    /** Every year's aggregates, read both ways, equal the sum of the stored applications' contributions. */
    private void assertMatchesTheRecords() {
        Map<Integer, Map<MunicipalityCode, Figures>> recomputed = new HashMap<>();
        for (String id : ids) {
            Application app = applications.find(id).orElseThrow();
            Monitoring.contribution(app, applications.reports(id)).forEach((year, f) -> recomputed
                    .computeIfAbsent(year, y -> new HashMap<>()).merge(app.municipalityCode(), f, Figures::plus));
        }
        for (int year : YEARS) {
            Map<MunicipalityCode, Figures> expected = new HashMap<>(recomputed.getOrDefault(year, Map.of()));
            expected.values().removeIf(Figures::isZero);
            assertThat(figures.forYear(year)).as("aggregates of %d", year).isEqualTo(expected);
            for (Municipality m : List.of(GRONINGEN, ALMERE, UTRECHT)) {
                assertThat(figures.forMunicipality(m.code(), year)).as("%s in %d", m.code(), year)
                        .isEqualTo(expected.getOrDefault(m.code(), Figures.ZERO));
            }
        }
    }
}
