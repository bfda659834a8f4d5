package nl.spuk.adapter.dynamodb;

import static nl.spuk.adapter.dynamodb.Fixtures.ADVISOR;
import static nl.spuk.adapter.dynamodb.Fixtures.ALMERE;
import static nl.spuk.adapter.dynamodb.Fixtures.GRONINGEN;
import static nl.spuk.adapter.dynamodb.Fixtures.T0;
import static nl.spuk.adapter.dynamodb.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.spuk.adapter.out.dynamodb.DynamoDbAdvisoryHoursLedger;
import nl.spuk.adapter.out.dynamodb.DynamoDbApplicationRepository;
import nl.spuk.application.ConflictException;
import nl.spuk.application.HoursCapExceededException;
import nl.spuk.application.port.Page;
import nl.spuk.domain.AdvisoryTheme;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.HoursBalance;
import nl.spuk.domain.HoursEntry;
import nl.spuk.domain.Municipality;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The advisory hours ledger in DynamoDB Local: the 25-hour cap holds, also under concurrent bookings. */
public class DynamoDbAdvisoryHoursLedgerTest extends LocalDynamoDbTestBase {
    /** 25 hours. */
    private static final int CAP = 100;

    private DynamoDbAdvisoryHoursLedger ledger;
    private DynamoDbApplicationRepository applications;

    @BeforeEach
    void setUp() {
        ledger = new DynamoDbAdvisoryHoursLedger(client, table);
        applications = new DynamoDbApplicationRepository(client, table);
    }

    @Test
    void booksEntriesWithTheirEventsAndKeepsTheBalance() {
        stored("a-1", GRONINGEN, Status.IN_REVIEW);
        HoursEntry later = entry("e-2", "a-1", 10, T0.plusSeconds(120));
        HoursEntry earlier = entry("e-1", "a-1", 6, T0.plusSeconds(60));

        assertThat(ledger.book(later, CAP, hoursEvent(later))).isEqualTo(new HoursBalance(10, CAP));
        assertThat(ledger.book(earlier, CAP, hoursEvent(earlier))).isEqualTo(new HoursBalance(16, CAP));

        assertThat(ledger.balance(GRONINGEN.code(), CAP)).isEqualTo(new HoursBalance(16, CAP));
        assertThat(ledger.entries(GRONINGEN.code(), 100, null).items()).containsExactly(earlier, later);
        assertThat(applications.history("a-1")).extracting(AuditEvent::action)
                .containsExactly("CREATED", "HOURS_LOGGED", "HOURS_LOGGED");
        assertThat(ledger.balance(ALMERE.code(), CAP)).isEqualTo(new HoursBalance(0, CAP));
        assertThat(ledger.entries(ALMERE.code(), 100, null).items()).isEmpty();
    }

    @Test
    void pagesTheEntriesAndTheHistoryOldestFirstWithoutAnEmptyLastPage() {
        stored("a-1", GRONINGEN, Status.IN_REVIEW);
        List<HoursEntry> booked = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HoursEntry entry = entry("e-" + i, "a-1", 1, T0.plusSeconds(60L * (5 - i)));
            ledger.book(entry, CAP, hoursEvent(entry));
            booked.add(0, entry);
        }

        Page<HoursEntry> first = ledger.entries(GRONINGEN.code(), 2, null);
        Page<HoursEntry> second = ledger.entries(GRONINGEN.code(), 2, first.nextToken());
        Page<HoursEntry> last = ledger.entries(GRONINGEN.code(), 2, second.nextToken());

        assertThat(first.items()).containsExactlyElementsOf(booked.subList(0, 2));
        assertThat(second.items()).containsExactlyElementsOf(booked.subList(2, 4));
        assertThat(last.items()).containsExactlyElementsOf(booked.subList(4, 5));
        assertThat(last.nextToken()).isNull();
        assertThat(ledger.entries(GRONINGEN.code(), 5, null).nextToken()).isNull();
        assertThatThrownBy(() -> ledger.entries(ALMERE.code(), 2, first.nextToken())).isInstanceOf(IllegalArgumentException.class);

        Page<AuditEvent> history = applications.history("a-1", 4, null);
        assertThat(history.items()).extracting(AuditEvent::action).containsExactly("CREATED", "HOURS_LOGGED", "HOURS_LOGGED",
                "HOURS_LOGGED");
        assertThat(applications.history("a-1", 4, history.nextToken()).items()).hasSize(2);
        assertThat(applications.history("a-1", 4, history.nextToken()).nextToken()).isNull();
        assertThatThrownBy(() -> applications.history("a-2", 4, history.nextToken())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> applications.history("a-1", 4, first.nextToken())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAnEntryThatWouldCrossTheCapAndBooksNothingOfIt() {
        stored("a-1", GRONINGEN, Status.IN_REVIEW);
        HoursEntry first = entry("e-1", "a-1", 96, T0);
        ledger.book(first, CAP, hoursEvent(first));

        HoursEntry tooMuch = entry("e-2", "a-1", 8, T0.plusSeconds(60));
        assertThatThrownBy(() -> ledger.book(tooMuch, CAP, hoursEvent(tooMuch)))
                .isInstanceOf(HoursCapExceededException.class)
                .hasMessageContaining("1.0 remain")
                .extracting(e -> ((ConflictException) e).members())
                .isEqualTo(Map.of("remainingHours", 1.0));

        assertThat(ledger.balance(GRONINGEN.code(), CAP)).isEqualTo(new HoursBalance(96, CAP));
        assertThat(ledger.entries(GRONINGEN.code(), 100, null).items()).containsExactly(first);
        assertThat(applications.history("a-1")).hasSize(2);
    }

    @Test
    void booksExactlyUpToTheCapAndNotAQuarterMore() {
        stored("a-1", GRONINGEN, Status.IN_REVIEW);
        HoursEntry first = entry("e-1", "a-1", 96, T0);
        HoursEntry last = entry("e-2", "a-1", 4, T0.plusSeconds(60));
        ledger.book(first, CAP, hoursEvent(first));

        HoursBalance atCap = ledger.book(last, CAP, hoursEvent(last));

        assertThat(atCap).isEqualTo(new HoursBalance(100, CAP));
        assertThat(atCap.isAtCap()).isTrue();
        HoursEntry quarter = entry("e-3", "a-1", 1, T0.plusSeconds(120));
        assertThatThrownBy(() -> ledger.book(quarter, CAP, hoursEvent(quarter)))
                .isInstanceOf(HoursCapExceededException.class);
        assertThat(ledger.entries(GRONINGEN.code(), 100, null).items()).containsExactly(first, last);
    }

    @Test
    void refusesAnEntryLargerThanTheWholeCapWithoutWriting() {
        stored("a-1", GRONINGEN, Status.IN_REVIEW);
        HoursEntry huge = entry("e-1", "a-1", CAP + 1, T0);

        assertThatThrownBy(() -> ledger.book(huge, CAP, hoursEvent(huge)))
                .isInstanceOf(HoursCapExceededException.class)
                .extracting(e -> ((ConflictException) e).members())
                .isEqualTo(Map.of("remainingHours", 25.0));

        assertThat(ledger.entries(GRONINGEN.code(), 100, null).items()).isEmpty();
        assertThat(applications.history("a-1")).hasSize(1);
    }

    @Test
    void booksARepeatedEntryIdOnceAlsoWhenTheRepeatArrivesAtTheCap() {
        stored("a-1", GRONINGEN, Status.IN_REVIEW);
        HoursEntry entry = entry("e-1", "a-1", CAP, T0);
        ledger.book(entry, CAP, hoursEvent(entry));

        // A retry may carry a later logging time; the entry id alone makes it the same entry.
        HoursEntry retry = entry("e-1", "a-1", CAP, T0.plusSeconds(5));
        assertThat(ledger.book(retry, CAP, hoursEvent(retry))).isEqualTo(new HoursBalance(CAP, CAP));
        assertThat(ledger.book(entry, CAP, hoursEvent(entry))).isEqualTo(new HoursBalance(CAP, CAP));

        assertThat(ledger.entries(GRONINGEN.code(), 100, null).items()).containsExactly(entry);
        assertThat(applications.history("a-1")).hasSize(2);
    }

    @Test
    void refusesAnEntryWhenTheApplicationIsNotInReview() {
        stored("a-1", GRONINGEN, Status.ADVISED);
        HoursEntry entry = entry("e-1", "a-1", 4, T0);
        HoursEntry forMissing = entry("e-2", "a-missing", 4, T0);

        assertThatThrownBy(() -> ledger.book(entry, CAP, hoursEvent(entry)))
                .isExactlyInstanceOf(ConflictException.class)
                .hasMessage("advisory hours can be logged only while the application is in review");
        assertThatThrownBy(() -> ledger.book(forMissing, CAP, hoursEvent(forMissing)))
                .isExactlyInstanceOf(ConflictException.class);

        assertThat(ledger.balance(GRONINGEN.code(), CAP)).isEqualTo(new HoursBalance(0, CAP));
        assertThat(ledger.entries(GRONINGEN.code(), 100, null).items()).isEmpty();
        assertThat(applications.history("a-1")).hasSize(1);
    }

    @Test
    void neverPassesTheCapUnderFortyConcurrentBookings() throws Exception {
        stored("a-1", GRONINGEN, Status.IN_REVIEW);
        int racers = 40;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            HoursEntry hour = entry("e-" + i, "a-1", 4, T0.plusSeconds(i));
            outcomes.add(pool.submit(() -> {
                start.await();
                try {
                    ledger.book(hour, CAP, hoursEvent(hour));
                    return true;
                } catch (HoursCapExceededException refused) {
                    return false;
                }
            }));
        }
        start.countDown();
        int booked = 0;
        int refused = 0;
        for (Future<Boolean> outcome : outcomes) {
            if (outcome.get(60, TimeUnit.SECONDS)) {
                booked++;
            } else {
                refused++;
            }
        }
        pool.shutdown();

        assertThat(booked).isEqualTo(25);
        assertThat(refused).isEqualTo(15);
        assertThat(ledger.balance(GRONINGEN.code(), CAP)).isEqualTo(new HoursBalance(100, CAP));
        assertThat(ledger.entries(GRONINGEN.code(), 100, null).items()).hasSize(25)
                .allSatisfy(e -> assertThat(e.quarterHours()).isEqualTo(4));
        assertThat(applications.history("a-1")).hasSize(1 + 25);
    }

    private void stored(String id, Municipality municipality, Status status) {
        Application app = new Application(id, municipality, Fixtures.plan(List.of(2025, 2026)), status, 3, T0, T0,
                T0, "u-gron", null, null, null, null, null, Map.of());
        assertThat(applications.create(app, Task.open(TaskType.REVIEW, app, T0, null),
                event(ADVISOR, T0, "CREATED", null, status))).isTrue();
    }

    private static HoursEntry entry(String entryId, String applicationId, int quarterHours, Instant at) {
        return new HoursEntry(entryId, GRONINGEN.code(), applicationId, quarterHours, AdvisoryTheme.RESPIJTZORG,
                LocalDate.parse("2025-03-03"), "Gesprek over respijt", ADVISOR.id(), ADVISOR.name(), at);
    }

    private static AuditEvent hoursEvent(HoursEntry entry) {
        return AuditEvent.of(ADVISOR, entry.at(), "HOURS_LOGGED", null, null,
                Map.of("entryId", entry.entryId(), "quarterHours", Integer.toString(entry.quarterHours())));
    }
}
