package nl.spuk.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import nl.spuk.adapter.dynamodb.ApplicationLife;
import nl.spuk.adapter.out.dynamodb.DynamoDbAdvisoryHoursLedger;
import nl.spuk.adapter.out.dynamodb.DynamoDbAllocationRepository;
import nl.spuk.adapter.out.dynamodb.DynamoDbApplicationRepository;
import nl.spuk.adapter.out.dynamodb.DynamoDbMonitoringFigures;
import nl.spuk.adapter.out.dynamodb.DynamoDbTable;
import nl.spuk.adapter.out.reference.MunicipalityList;
import nl.spuk.application.port.Allocation;
import nl.spuk.domain.Activity;
import nl.spuk.domain.Actor;
import nl.spuk.domain.AdviceOutcome;
import nl.spuk.domain.AdvisoryTheme;
import nl.spuk.domain.AttentionPoint;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Contact;
import nl.spuk.domain.HoursEntry;
import nl.spuk.domain.Municipality;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Plan;
import nl.spuk.domain.ReportStatus;
import nl.spuk.domain.Role;
import nl.spuk.domain.YearAmounts;
import nl.spuk.local.LocalDynamoDb;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Measures the read side of national monitoring — {@code forYear(2025)}, {@code overdueReports(2025)} and
 * {@code usedQuarterHours} of all 342 municipalities — at 1,000 and at 10,000 applications, to show that its cost
 * does not grow with the number of applications. The applications are loaded through the repository (every
 * create and change in its own transaction, aggregates included) by several threads, in varied states, across
 * all municipalities, into DynamoDB Local in memory. Not a test: run it with
 * {@code mvn -B -q -o -pl tests test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=nl.spuk.bench.MonitoringBenchmark}.
 */
public final class MonitoringBenchmark {
    private static final String TABLE = "spuk-bench";
    private static final int YEAR = 2025;
    private static final int LOAD_THREADS = 8;
    private static final int WARM_UPS = 20;
    private static final int TIMED = 200;
    private static final Instant T0 = Instant.parse("2025-02-01T09:00:00Z");
    private static final Actor ADVISOR = new Actor("u-adv", "Anna Advisor", Role.ADVISOR, null);

    private final DynamoDbApplicationRepository applications;
    private final DynamoDbMonitoringFigures figures;
    private final DynamoDbAdvisoryHoursLedger ledger;
    private final List<Municipality> municipalities;
    private final List<MunicipalityCode> codes;

    private MonitoringBenchmark(DynamoDbClient client) {
        applications = new DynamoDbApplicationRepository(client, TABLE);
        figures = new DynamoDbMonitoringFigures(client, TABLE);
        ledger = new DynamoDbAdvisoryHoursLedger(client, TABLE);
        municipalities = List.copyOf(MunicipalityList.load().all());
        codes = municipalities.stream().map(Municipality::code).toList();
        List<Allocation> allocations = new ArrayList<>();
        for (MunicipalityCode code : codes) {
            allocations.add(new Allocation(code, 2025, 10_000_000_000L));
            allocations.add(new Allocation(code, 2026, 10_000_000_000L));
        }
        new DynamoDbAllocationRepository(client, TABLE).setAll(allocations);
    }

    public static void main(String[] args) throws Exception {
        try (LocalDynamoDb dynamoDb = LocalDynamoDb.start(null)) {
            DynamoDbClient client = dynamoDb.client();
            DynamoDbTable.createIfMissing(client, TABLE);
            MonitoringBenchmark bench = new MonitoringBenchmark(client);

            Load small = bench.load(0, 1_000);
            Reads atSmall = bench.measureReads();
            Load large = bench.load(1_000, 10_000);
            Reads atLarge = bench.measureReads();
            ChangeCost changeCost = bench.measureChangeCost();

            print(small, atSmall, large, atLarge, changeCost);
        }
    }

    /** Applications {@code from} (inclusive) to {@code to} (exclusive), by {@value #LOAD_THREADS} threads. */
    private Load load(int from, int to) throws Exception {
        AtomicInteger nextIndex = new AtomicInteger(from);
        AtomicLong writes = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(LOAD_THREADS);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < LOAD_THREADS; t++) {
            workers.add(pool.submit(() -> {
                for (int i = nextIndex.getAndIncrement(); i < to; i = nextIndex.getAndIncrement()) {
                    writes.addAndGet(live(i));
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        return new Load(to - from, writes.get() + hoursBooked(from, to), (System.nanoTime() - start) / 1e9);
    }

    /**
     * One application, brought to the state its index picks: 15% draft, 15% in review (with advisory hours),
     * 5% withdrawn before and 5% after submission, 5% rejected, 15% awarded (a third of them with their 2025
     * report overdue), 20% reporting with 2025 accepted, 20% settled.
     *
     * @return the transactions written
     */
    private int live(int i) {
        Municipality municipality = municipalities.get(i % municipalities.size());
        ApplicationLife life = ApplicationLife.create(applications, "app-" + i, municipality, plan(i), T0.plusSeconds(i));
        int state = i % 20;
        if (state <= 2) {
            return life.writes();
        }
        if (state == 6) {
            return life.withdraw().writes();
        }
        life.submit();
        if (state <= 5) {
            ledger.book(new HoursEntry("e-" + i, municipality.code(), life.current().id(), 2, AdvisoryTheme.RESPIJTZORG,
                    LocalDate.of(2025, 3, 1), null, ADVISOR.id(), ADVISOR.name(), T0.plusSeconds(i)),
                    100, AuditEvent.of(ADVISOR, T0.plusSeconds(i), "HOURS_LOGGED", null, null, Map.of()));
            return life.writes();
        }
        if (state == 7) {
            return life.withdraw().writes();
        }
        if (state == 8) {
            return life.advise(AdviceOutcome.NEGATIVE).proposeRejection().approveDecision().writes();
        }
        long requested2025 = life.current().requestedCents().get(2025);
        long requested2026 = life.current().requestedCents().get(2026);
        life.advise(AdviceOutcome.POSITIVE)
                .proposeAward(Map.of(2025, requested2025 * 9 / 10, 2026, requested2026))
                .approveDecision();
        if (state <= 11) {
            return (state == 9 ? life.chase(2025) : life).writes();
        }
        life.submitReport(2025, spent(i, requested2025)).reviewReport(2025, ReportStatus.ACCEPTED);
        if (state <= 15) {
            return life.writes();
        }
        return life.submitReport(2026, spent(i + 1, requested2026)).reviewReport(2026, ReportStatus.ACCEPTED)
                .proposeSettlement().approveSettlement().writes();
    }

    /** The hours bookings among applications {@code from} to {@code to}: one per application in review. */
    private static long hoursBooked(int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            n += i % 20 >= 3 && i % 20 <= 5 ? 1 : 0;
        }
        return n;
    }

    private static Plan plan(int i) {
        long base = 100_000L + (i % 97) * 10_000L;
        return new Plan("Plan " + i, List.of(2025, 2026), List.of(
                new Activity(AttentionPoint.values()[i % 4], "Activiteit", null,
                        YearAmounts.of(Map.of(2025, base, 2026, base / 2))),
                new Activity(AttentionPoint.values()[(i + 1) % 4], "Activiteit", null,
                        YearAmounts.of(Map.of(2025, base / 4)))),
                new Contact("Contact", "contact@example.org"));
    }

    private static Map<AttentionPoint, Long> spent(int i, long budget) {
        return Map.of(AttentionPoint.values()[i % 4], budget / 2, AttentionPoint.values()[(i + 2) % 4], budget / 3);
    }

    /** {@value #WARM_UPS} rounds of warming up, then {@value #TIMED} timed rounds of the three reads. */
    private Reads measureReads() {
        for (int i = 0; i < WARM_UPS; i++) {
            readOnce(new long[4]);
        }
        long[][] samples = new long[4][TIMED];
        long[] one = new long[4];
        long rows = 0;
        long overdue = 0;
        for (int i = 0; i < TIMED; i++) {
            long[] result = readOnce(one);
            rows = result[0];
            overdue = result[1];
            for (int k = 0; k < 4; k++) {
                samples[k][i] = one[k];
            }
        }
        return new Reads(samples, rows, overdue);
    }

    /** Times the three reads (and their sum) into {@code nanos}; answers the rows read and the overdue count. */
    private long[] readOnce(long[] nanos) {
        long t0 = System.nanoTime();
        int rows = figures.forYear(YEAR).size();
        long t1 = System.nanoTime();
        long overdue = figures.overdueReports(YEAR);
        long t2 = System.nanoTime();
        int withHours = figures.usedQuarterHours(codes).size();
        long t3 = System.nanoTime();
        if (withHours == 0) {
            throw new IllegalStateException("no advisory hours read back");
        }
        nanos[0] = t1 - t0;
        nanos[1] = t2 - t1;
        nanos[2] = t3 - t2;
        nanos[3] = t3 - t0;
        return new long[] {rows, overdue};
    }

    /**
     * What reading the stored reports adds to a change: {@value #TIMED} submissions of fresh applications timed
     * whole (the reports query included), against {@value #TIMED} reports queries on their own.
     */
    private ChangeCost measureChangeCost() {
        long[] change = new long[TIMED];
        long[] reportsRead = new long[TIMED];
        for (int i = 0; i < TIMED + WARM_UPS; i++) {
            int index = 1_000_000 + i;
            ApplicationLife life = ApplicationLife.create(applications, "probe-" + i,
                    municipalities.get(i % municipalities.size()), plan(index), T0);
            long t0 = System.nanoTime();
            life.submit();
            long t1 = System.nanoTime();
            applications.reports("app-" + (i * 37 % 10_000));
            long t2 = System.nanoTime();
            if (i >= WARM_UPS) {
                change[i - WARM_UPS] = t1 - t0;
                reportsRead[i - WARM_UPS] = t2 - t1;
            }
        }
        return new ChangeCost(change, reportsRead);
    }

    private static void print(Load small, Reads atSmall, Load large, Reads atLarge, ChangeCost cost) {
        System.out.println();
        System.out.println("Monitoring read side, DynamoDB Local in memory, " + Runtime.getRuntime().availableProcessors()
                + " cores; " + TIMED + " timed rounds after " + WARM_UPS + " warm-ups; times in ms");
        System.out.printf(Locale.ROOT, "%-34s %14s %14s %8s%n", "", "1,000 apps", "10,000 apps", "ratio");
        String[] names = {"forYear(2025) p50", "overdueReports(2025) p50", "usedQuarterHours(342) p50", "all three p50"};
        for (int k = 0; k < 4; k++) {
            row(names[k], percentile(atSmall.samples[k], 50), percentile(atLarge.samples[k], 50));
            row(names[k].replace("p50", "p95"), percentile(atSmall.samples[k], 95), percentile(atLarge.samples[k], 95));
        }
        System.out.printf(Locale.ROOT, "%-34s %14d %14d%n", "aggregate rows read (2025)", atSmall.rows, atLarge.rows);
        System.out.printf(Locale.ROOT, "%-34s %14d %14d%n", "overdue reports counted (2025)", atSmall.overdue, atLarge.overdue);
        System.out.printf(Locale.ROOT, "%-34s %14s %14s%n", "load: applications loaded",
                String.format(Locale.ROOT, "%,d", small.applications), String.format(Locale.ROOT, "%,d", large.applications));
        System.out.printf(Locale.ROOT, "%-34s %14.1f %14.1f%n", "load: seconds (" + LOAD_THREADS + " threads)",
                small.seconds, large.seconds);
        System.out.printf(Locale.ROOT, "%-34s %14.0f %14.0f%n", "load: applications/s", small.applications / small.seconds,
                large.applications / large.seconds);
        System.out.printf(Locale.ROOT, "%-34s %14.0f %14.0f%n", "load: transactions/s", small.writes / small.seconds,
                large.writes / large.seconds);
        System.out.printf(Locale.ROOT, "%-34s %14s %14.2f%n", "a change (submit) p50, at 10,000", "",
                percentile(cost.change, 50));
        System.out.printf(Locale.ROOT, "%-34s %14s %14.2f%n", "a reports query alone p50", "",
                percentile(cost.reportsRead, 50));
    }

    private static void row(String name, double small, double large) {
        System.out.printf(Locale.ROOT, "%-34s %14.2f %14.2f %8.2f%n", name, small, large, large / small);
    }

    /** The nearest-rank percentile, in milliseconds. */
    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    /** A load step: the applications loaded, the transactions written, the time taken. */
    private record Load(int applications, long writes, double seconds) {
    }

    private record Reads(long[][] samples, long rows, long overdue) {
    }

    private record ChangeCost(long[] change, long[] reportsRead) {
    }
}
