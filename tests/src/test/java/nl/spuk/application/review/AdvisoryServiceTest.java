package nl.spuk.application.review;

import static nl.spuk.application.fakes.Scenario.ADVISOR;
import static nl.spuk.application.fakes.Scenario.GRONINGEN;
import static nl.spuk.application.fakes.Scenario.OFFICIAL;
import static nl.spuk.application.fakes.Scenario.PROPOSER;
import static nl.spuk.application.fakes.Scenario.T0;
import static nl.spuk.application.fakes.Scenario.UTRECHT;
import static nl.spuk.application.fakes.Scenario.UTRECHT_OFFICIAL;
import static nl.spuk.application.fakes.Scenario.once;
import static nl.spuk.application.fakes.Scenario.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.spuk.application.ConflictException;
import nl.spuk.application.ForbiddenException;
import nl.spuk.application.HoursCapExceededException;
import nl.spuk.application.NotFoundException;
import nl.spuk.application.RequestId;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.fakes.DelegatingApplicationRepository;
import nl.spuk.application.fakes.Scenario;
import nl.spuk.domain.AdvisoryTheme;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.HoursBalance;
import nl.spuk.domain.HoursEntry;
import nl.spuk.domain.Transition;
import org.junit.jupiter.api.Test;

class AdvisoryServiceTest {
    private final Scenario s = new Scenario();

    private HoursBalance log(String applicationId, String hours) {
        return s.advisory.log(ADVISOR, once(), applicationId, new BigDecimal(hours), "RESPIJTZORG", "2025-03-01", "gesprek");
    }

    @Test
    void hoursLoggedOnAnApplicationInReviewAreBookedInQuarterHoursWithTheirEvent() {
        Application inReview = s.inReview();

        HoursBalance balance = s.advisory.log(ADVISOR, once(), inReview.id(), new BigDecimal("1.75"), "LOKALE_SAMENWERKING",
                "2025-03-03", "overleg met de wijkteams");

        assertThat(balance).isEqualTo(new HoursBalance(7, 100));
        assertThat(s.ledger.entries(GRONINGEN.code())).singleElement().satisfies(e -> {
            assertThat(e.quarterHours()).isEqualTo(7);
            assertThat(e.theme()).isEqualTo(AdvisoryTheme.LOKALE_SAMENWERKING);
            assertThat(e.date()).isEqualTo(LocalDate.of(2025, 3, 3));
            assertThat(e.applicationId()).isEqualTo(inReview.id());
            assertThat(e.advisorId()).isEqualTo(ADVISOR.id());
            assertThat(e.at()).isEqualTo(T0);
        });
        AuditEvent logged = s.applications.history(inReview.id()).get(s.applications.history(inReview.id()).size() - 1);
        assertThat(logged.action()).isEqualTo("HOURS_LOGGED");
        assertThat(logged.details()).containsEntry("hours", new java.math.BigDecimal("1.75")).containsEntry("theme", "LOKALE_SAMENWERKING");
        assertThat(s.stored(inReview.id())).isEqualTo(inReview); // hours change nothing of the application itself
    }

    @Test
    void anEntryThatWouldPassTheTwentyFiveHoursIsRefusedWholeNamingWhatRemains() {
        Application inReview = s.inReview();
        log(inReview.id(), "8");
        log(inReview.id(), "8");
        log(inReview.id(), "8");

        assertThatThrownBy(() -> log(inReview.id(), "1.25"))
                .isInstanceOfSatisfying(HoursCapExceededException.class, e ->
                        assertThat(e.members()).containsEntry("remainingHours", 1.0));
        assertThat(s.ledger.balance(GRONINGEN.code(), 100).usedQuarterHours()).isEqualTo(96);

        assertThat(log(inReview.id(), "1")).isEqualTo(new HoursBalance(100, 100));
        assertThatThrownBy(() -> log(inReview.id(), "0.25"))
                .isInstanceOfSatisfying(HoursCapExceededException.class, e ->
                        assertThat(e.members()).containsEntry("remainingHours", 0.0));
        assertThat(s.ledger.entries(GRONINGEN.code())).hasSize(4);
    }

    @Test
    void theCapIsPerMunicipalityAcrossItsApplications() {
        Application first = s.inReview();
        Application second = s.inReview(OFFICIAL, plan("Tweede plan", Map.of(2026, 10_000L)));
        Application utrecht = s.inReview(UTRECHT_OFFICIAL, plan("Utrecht", Map.of(2025, 10_000L)));
        for (int i = 0; i < 3; i++) {
            log(first.id(), "8");
        }

        assertThatThrownBy(() -> log(second.id(), "2")).isInstanceOf(HoursCapExceededException.class);
        assertThat(log(utrecht.id(), "8")).isEqualTo(new HoursBalance(32, 100));
    }

    @Test
    void concurrentEntriesNeverTogetherPassTheCap() throws Exception {
        Application inReview = s.inReview();
        int advisors = 12;
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> refused = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(advisors);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < advisors; i++) {
                done.add(pool.submit(() -> {
                    start.await();
                    try {
                        log(inReview.id(), "4");
                    } catch (HoursCapExceededException e) {
                        refused.add(e);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(s.ledger.balance(GRONINGEN.code(), 100).usedQuarterHours()).isEqualTo(96);
        assertThat(s.ledger.entries(GRONINGEN.code())).hasSize(6);
        assertThat(refused).hasSize(6);
        assertThat(s.applications.count(inReview.id(), "HOURS_LOGGED")).isEqualTo(6);
    }

    @Test
    void theRetryOfAnEntryBooksItOnce() {
        Application inReview = s.inReview();
        RequestId request = RequestId.repeatable("hours-1");

        s.advisory.log(ADVISOR, request, inReview.id(), new BigDecimal("2"), "RESPIJTZORG", "2025-03-01", null);
        HoursBalance retry = s.advisory.log(ADVISOR, request, inReview.id(), new BigDecimal("2"), "RESPIJTZORG", "2025-03-01", null);

        assertThat(retry.usedQuarterHours()).isEqualTo(8);
        assertThat(s.ledger.entries(GRONINGEN.code())).hasSize(1);
        assertThat(s.applications.count(inReview.id(), "HOURS_LOGGED")).isEqualTo(1);
    }

    @Test
    void aBadEntryIsRefusedNamingEveryField() {
        Application inReview = s.inReview();

        assertThatThrownBy(() -> s.advisory.log(ADVISOR, once(), inReview.id(), new BigDecimal("0.3"), "KOFFIE",
                "2025-03-04", "x".repeat(AdvisoryService.MAX_NOTE + 1)))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactlyInAnyOrder("hours", "theme", "date", "note"));
        assertThatThrownBy(() -> s.advisory.log(ADVISOR, once(), inReview.id(), new BigDecimal("8.25"), "RESPIJTZORG",
                "2022-12-31", null)).isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.errors())
                .containsExactly(new FieldError("hours", "one entry is at most 8.0 hours"),
                        new FieldError("date", "must lie in the programme period, from 2023")));
        assertThatThrownBy(() -> s.advisory.log(ADVISOR, once(), inReview.id(), BigDecimal.ZERO, null, "3 maart", null))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("hours", "theme", "date"));
        assertThatThrownBy(() -> s.advisory.log(ADVISOR, once(), inReview.id(), null, "RESPIJTZORG", "2025-03-01", null))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.errors())
                        .containsExactly(new FieldError("hours", "is required")));
        assertThat(s.ledger.entries(GRONINGEN.code())).isEmpty();
    }

    @Test
    void todayInTheNetherlandsIsNotInTheFuture() {
        Application inReview = s.inReview();
        s.clock.set(Instant.parse("2025-03-03T23:30:00Z")); // already 4 March in Amsterdam

        assertThat(s.advisory.log(ADVISOR, once(), inReview.id(), BigDecimal.ONE, "RESPIJTZORG", "2025-03-04", null)
                .usedQuarterHours()).isEqualTo(4);
    }

    @Test
    void onlyAdvisorsLogHoursAndOnlyOnAnApplicationInReview() {
        Application inReview = s.inReview();
        Application advised = s.advised();
        Application draft = s.draft();

        assertThatThrownBy(() -> s.advisory.log(OFFICIAL, once(), inReview.id(), BigDecimal.ONE, "RESPIJTZORG", "2025-03-01", null))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> s.advisory.log(PROPOSER, once(), inReview.id(), BigDecimal.ONE, "RESPIJTZORG", "2025-03-01", null))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> log(advised.id(), "1")).isInstanceOf(Transition.NotAllowed.class);
        assertThatThrownBy(() -> log(draft.id(), "1")).isInstanceOf(NotFoundException.class);
        assertThat(s.ledger.entries(GRONINGEN.code())).isEmpty();
    }

    @Test
    void theLedgerRefusesAnEntryWhenTheApplicationLeftReviewAfterItWasRead() {
        Application inReview = s.inReview();
        AdvisoryService advisory = new AdvisoryService(new DelegatingApplicationRepository(s.applications) {
            @Override
            public Optional<Application> find(String id) {
                Optional<Application> read = super.find(id);
                s.lifecycle.withdraw(OFFICIAL, once(), id, "weg"); // right after the read
                return read;
            }
        }, s.ledger, s.municipalities, s.scheme, s.clock);

        assertThatThrownBy(() -> advisory.log(ADVISOR, once(), inReview.id(), BigDecimal.ONE, "RESPIJTZORG", "2025-03-01", null))
                .isInstanceOf(ConflictException.class).hasMessageContaining("in review");
        assertThat(s.ledger.entries(GRONINGEN.code())).isEmpty();
    }

    @Test
    void aMunicipalitySeesItsOwnHoursAndAdvisorsAndTheMinistrySeeAny() {
        Application inReview = s.inReview();
        log(inReview.id(), "2.5");

        AdvisoryService.Overview own = s.advisory.overview(OFFICIAL, "GM0014", 100, null);

        assertThat(own.balance()).isEqualTo(new HoursBalance(10, 100));
        assertThat(own.balance().remainingQuarterHours()).isEqualTo(90);
        assertThat(own.entries().items()).extracting(HoursEntry::quarterHours).containsExactly(10);
        assertThat(s.advisory.overview(PROPOSER, "GM0014", 100, null).balance().usedQuarterHours()).isEqualTo(10);
        assertThat(s.advisory.overview(ADVISOR, UTRECHT.code().value(), 100, null).entries().items()).isEmpty();
        assertThatThrownBy(() -> s.advisory.overview(UTRECHT_OFFICIAL, "GM0014", 100, null)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> s.advisory.overview(ADVISOR, "GM9999", 100, null)).isInstanceOf(NotFoundException.class);
    }
}
