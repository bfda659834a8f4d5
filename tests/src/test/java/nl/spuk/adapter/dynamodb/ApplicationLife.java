package nl.spuk.adapter.dynamodb;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.spuk.application.port.AllocationCommitment;
import nl.spuk.application.port.ApplicationChange;
import nl.spuk.application.port.ApplicationRepository;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Advice;
import nl.spuk.domain.AdviceOutcome;
import nl.spuk.domain.Application;
import nl.spuk.domain.AttentionPoint;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Decision;
import nl.spuk.domain.DecisionOutcome;
import nl.spuk.domain.Municipality;
import nl.spuk.domain.Plan;
import nl.spuk.domain.Report;
import nl.spuk.domain.ReportStatus;
import nl.spuk.domain.Role;
import nl.spuk.domain.Settlement;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import nl.spuk.domain.YearAmounts;

/**
 * Walks one application through its life against a repository, one {@link ApplicationChange} per step, built from
 * domain objects the way the use cases build them (status, tasks opened and closed, commitments, reports). Each
 * step happens a minute after the previous one. Not thread-safe: one life per thread.
 */
public final class ApplicationLife {
    private static final Actor ADVISOR = new Actor("u-adv", "Anna Advisor", Role.ADVISOR, null);
    private static final Actor PROPOSER = new Actor("u-min", "Mark Ministry", Role.MINISTRY, null);
    private static final Actor APPROVER = new Actor("u-min2", "Mira Ministry", Role.MINISTRY, null);

    private final ApplicationRepository repository;
    private final Actor official;
    private Application current;
    private ApplicationChange lastChange;
    private int writes = 1;

    private ApplicationLife(ApplicationRepository repository, Application created) {
        this.repository = repository;
        this.official = new Actor("u-" + created.municipalityCode().value(), "Official", Role.MUNICIPALITY,
                created.municipalityCode());
        this.current = created;
    }

    /** Stores a new draft with its PREPARE task. */
    public static ApplicationLife create(ApplicationRepository repository, String id, Municipality municipality,
                                         Plan plan, Instant at) {
        ApplicationLife life = new ApplicationLife(repository,
                Application.draft(id, municipality, plan, new Actor("u-" + municipality.code().value(), "Official",
                        Role.MUNICIPALITY, municipality.code()), at));
        if (!repository.create(life.current, Task.open(TaskType.PREPARE, life.current, at, null),
                AuditEvent.of(life.official, at, "CREATED", null, Status.DRAFT, Map.of()))) {
            throw new IllegalStateException("application " + id + " exists already");
        }
        return life;
    }

    public Application current() {
        return current;
    }

    /** How many transactions this life wrote: its creation and every change. */
    public int writes() {
        return writes;
    }

    /** The change the last step applied, to apply once more (a retry). */
    public ApplicationChange lastChange() {
        return lastChange;
    }

    public ApplicationLife edit(Plan plan) {
        return step(current.withPlan(plan, next()), official, "EDITED", List.of(), List.of(), List.of(), List.of());
    }

    /** Submits a draft, or resubmits a plan that was sent back for changes. */
    public ApplicationLife submit() {
        Application after = current.moveTo(Status.IN_REVIEW, next());
        return step(after, official, "SUBMITTED", List.of(Task.open(TaskType.REVIEW, after, after.updatedAt(), null)),
                List.of(Task.idOf(current.id(), TaskType.PREPARE), Task.idOf(current.id(), TaskType.REVISE)),
                List.of(), List.of());
    }

    public ApplicationLife withdraw() {
        List<String> open = repository.openTasks(current.id()).stream().map(Task::taskId).toList();
        return step(current.moveTo(Status.WITHDRAWN, next()), official, "WITHDRAWN", List.of(), open, List.of(), List.of());
    }

    /** Advice on the plan under review: changes requested send it back, any other outcome moves it to ADVISED. */
    public ApplicationLife advise(AdviceOutcome outcome) {
        Instant at = next();
        Status target = outcome == AdviceOutcome.CHANGES_REQUESTED ? Status.CHANGES_REQUESTED : Status.ADVISED;
        Application after = current.advised(new Advice(outcome, "Advies", null, ADVISOR.id(), ADVISOR.name(), at), target, at);
        Task opened = Task.open(target == Status.ADVISED ? TaskType.DECIDE : TaskType.REVISE, after, at, null);
        return step(after, ADVISOR, "ADVISED", List.of(opened), List.of(Task.idOf(current.id(), TaskType.REVIEW)),
                List.of(), List.of());
    }

    public ApplicationLife proposeAward(Map<Integer, Long> cents) {
        return propose(DecisionOutcome.AWARD, YearAmounts.of(cents));
    }

    public ApplicationLife proposeRejection() {
        return propose(DecisionOutcome.REJECT, YearAmounts.EMPTY);
    }

    private ApplicationLife propose(DecisionOutcome outcome, YearAmounts cents) {
        Instant at = next();
        Decision proposal = new Decision(outcome, cents, "Rapporteer jaarlijks", "Beoordeeld", PROPOSER.id(),
                PROPOSER.name(), at, null, null, null);
        Application after = current.decided(proposal, Status.DECISION_PROPOSED, at);
        return step(after, PROPOSER, "DECISION_PROPOSED", List.of(Task.open(TaskType.APPROVE_DECISION, after, at, null)),
                List.of(Task.idOf(current.id(), TaskType.DECIDE)), List.of(), List.of());
    }

    /** Approves the proposed decision; an award commits its amounts to the municipality's allocations. */
    public ApplicationLife approveDecision() {
        Instant at = next();
        Decision approved = current.decision().approved(APPROVER, at);
        boolean award = approved.outcome() == DecisionOutcome.AWARD;
        Application after = current.decided(approved, award ? Status.AWARDED : Status.REJECTED, at);
        List<AllocationCommitment> commitments = approved.awardedCents().asMap().entrySet().stream()
                .map(e -> new AllocationCommitment(current.municipalityCode(), e.getKey(), e.getValue()))
                .toList();
        return step(after, APPROVER, "DECISION_APPROVED", List.of(),
                List.of(Task.idOf(current.id(), TaskType.APPROVE_DECISION)), commitments, List.of());
    }

    /** The chase of an overdue report on the year (a ministry task); the status stays. */
    public ApplicationLife chase(int year) {
        Application after = current.touched(next());
        return step(after, APPROVER, "REPORT_OVERDUE", List.of(Task.openForYear(TaskType.CHASE_OVERDUE_REPORT, after,
                year, after.updatedAt(), LocalDate.of(year + 1, 7, 15))), List.of(), List.of(), List.of());
    }

    /** The municipality's report on the year; the first one moves an award to REPORTING. */
    public ApplicationLife submitReport(int year, Map<AttentionPoint, Long> spent) {
        Instant at = next();
        Application after = current.status() == Status.AWARDED ? current.moveTo(Status.REPORTING, at) : current.touched(at);
        Report report = new Report(current.id(), year, new EnumMap<>(spent), 40, 120, "Verslag", null,
                ReportStatus.SUBMITTED, at, official.id(), null, null, null);
        return step(after, official, "REPORT_SUBMITTED", List.of(Task.openForYear(TaskType.REVIEW_REPORT, after, year, at, null)),
                List.of(Task.idOf(current.id(), TaskType.REPORT, year), Task.idOf(current.id(), TaskType.CHASE_OVERDUE_REPORT, year)),
                List.of(), List.of(report));
    }

    /** The ministry accepts or rejects the submitted report on the year; a rejection asks for it again. */
    public ApplicationLife reviewReport(int year, ReportStatus outcome) {
        Instant at = next();
        Report submitted = repository.reports(current.id()).stream().filter(r -> r.year() == year).findFirst()
                .orElseThrow(() -> new IllegalStateException("no report on " + year));
        Application after = current.touched(at);
        List<Task> reopened = outcome == ReportStatus.REJECTED
                ? List.of(Task.openForYear(TaskType.REPORT, after, year, at, LocalDate.of(year + 1, 7, 15)))
                : List.of();
        return step(after, APPROVER, "REPORT_" + outcome, reopened,
                List.of(Task.idOf(current.id(), TaskType.REVIEW_REPORT, year)), List.of(),
                List.of(submitted.reviewed(outcome, APPROVER, at, outcome == ReportStatus.REJECTED ? "Onvolledig" : null)));
    }

    /** Proposes the settlement from the award and the accepted reports; the status stays. */
    public ApplicationLife proposeSettlement() {
        Instant at = next();
        Map<Integer, Long> spent = new TreeMap<>();
        repository.reports(current.id()).stream().filter(r -> r.status() == ReportStatus.ACCEPTED)
                .forEach(r -> spent.put(r.year(), r.totalSpentCents()));
        Settlement proposal = Settlement.calculate(current.awardedCents(), spent, PROPOSER, at);
        Application after = current.settling(proposal, current.status(), at);
        return step(after, PROPOSER, "SETTLEMENT_PROPOSED", List.of(Task.open(TaskType.APPROVE_SETTLEMENT, after, at, null)),
                List.of(), List.of(), List.of());
    }

    public ApplicationLife approveSettlement() {
        Instant at = next();
        Application after = current.settling(current.settlement().approved(APPROVER, at), Status.SETTLED, at);
        return step(after, APPROVER, "SETTLED", List.of(), List.of(Task.idOf(current.id(), TaskType.APPROVE_SETTLEMENT)),
                List.of(), List.of());
    }

    private Instant next() {
        return current.updatedAt().plusSeconds(60);
    }

    private ApplicationLife step(Application after, Actor actor, String action, List<Task> open, List<String> close,
                                 List<AllocationCommitment> commitments, List<Report> reports) {
        Status to = after.status() == current.status() ? null : after.status();
        Status from = to == null ? null : current.status();
        ApplicationChange change = new ApplicationChange(current.id() + "-v" + after.version(), current, after,
                AuditEvent.of(actor, after.updatedAt(), action, from, to, Map.of()), open, close, commitments,
                List.of(), reports);
        repository.apply(change);
        lastChange = change;
        current = after;
        writes++;
        return this;
    }
}
