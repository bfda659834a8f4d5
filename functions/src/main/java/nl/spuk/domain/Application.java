package nl.spuk.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One municipality's application for the caregiver funds: its plan, where it stands in the lifecycle, the
 * advice on it and the decision. Every change produces a new instance with the version raised by one.
 *
 * @param submittedAt the first submission, or null while it has never been submitted
 * @param advice the latest advice, or null
 * @param decision the decision as proposed (and approved), or null
 * @param reviewEscalatedAt when an overlong review was escalated, or null
 * @param settlement the final settlement as proposed (and approved), or null
 * @param reviewDueDate the last day of the review ({@link SchemeRules#REVIEW_PERIOD} from submission, moved later by
 *     the days spent in CHANGES_REQUESTED), or null before the first submission
 * @param reportDueDates the due dates of reports the ministry extended, by year; the other years are due on the
 *     scheme's deadline ({@link #reportDueDate})
 */
public record Application(
        String id,
        Municipality municipality,
        Plan plan,
        Status status,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Instant submittedAt,
        String createdBy,
        Advice advice,
        Decision decision,
        Instant reviewEscalatedAt,
        Settlement settlement,
        LocalDate reviewDueDate,
        Map<Integer, LocalDate> reportDueDates) {

    public Application {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(municipality, "municipality");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(status, "status");
        reportDueDates = reportDueDates == null ? Map.of() : Map.copyOf(reportDueDates);
    }

    public static Application draft(String id, Municipality municipality, Plan plan, Actor creator, Instant now) {
        return new Application(id, municipality, plan, Status.DRAFT, 1, now, now, null, creator.id(), null, null, null, null, null, Map.of());
    }

    public MunicipalityCode municipalityCode() {
        return municipality.code();
    }

    public YearAmounts requestedCents() {
        return plan.requestedCents();
    }

    /** What was awarded: the approved award, or nothing. */
    public YearAmounts awardedCents() {
        boolean awarded = decision != null && decision.isApproved() && decision.outcome() == DecisionOutcome.AWARD;
        return awarded ? decision.awardedCents() : YearAmounts.EMPTY;
    }

    /** The approved award's reference, or null (no award, or not yet approved). */
    public AwardReference reference() {
        return decision == null ? null : decision.reference();
    }

    /**
     * Whether this actor may see the application at all; a no here is answered as "not found". Until its first
     * submission an application is its municipality's own: advisors and the ministry never see a draft, nor a draft
     * withdrawn before it was submitted.
     */
    public boolean isVisibleTo(Actor actor) {
        return switch (actor.role()) {
            case MUNICIPALITY -> actor.belongsTo(municipalityCode());
            case ADVISOR, MINISTRY -> submittedAt != null;
        };
    }

    /**
     * The application as this actor may read it. A decision or settlement that awaits its second ministry user is
     * internal to the ministry (four eyes): everyone else sees only the status until it is approved.
     */
    public Application asSeenBy(Actor actor) {
        Decision shownDecision = decision == null || decision.isApproved() || actor.is(Role.MINISTRY) ? decision : null;
        Settlement shownSettlement = settlement == null || settlement.isApproved() || actor.is(Role.MINISTRY) ? settlement : null;
        if (shownDecision == decision && shownSettlement == settlement) {
            return this;
        }
        return new Application(id, municipality, plan, status, version, createdAt, updatedAt, submittedAt, createdBy,
                advice, shownDecision, reviewEscalatedAt, shownSettlement, reviewDueDate, reportDueDates);
    }

    public Application withPlan(Plan newPlan, Instant now) {
        return new Application(id, municipality, newPlan, status, version + 1, createdAt, now, submittedAt, createdBy,
                advice, decision, reviewEscalatedAt, settlement, reviewDueDate, reportDueDates);
    }

    /** Moves along the lifecycle; refuses a move the status machine does not allow. */
    public Application moveTo(Status target, Instant now) {
        if (!status.canMoveTo(target)) {
            throw new IllegalStateException(status + " cannot move to " + target);
        }
        Instant firstSubmission = submittedAt == null && (target == Status.SUBMITTED || target == Status.IN_REVIEW)
                ? now : submittedAt;
        LocalDate dueDate = target == Status.IN_REVIEW ? reviewDueOnEntering(now) : reviewDueDate;
        return new Application(id, municipality, plan, target, version + 1, createdAt, now, firstSubmission, createdBy,
                advice, decision, reviewEscalatedAt, settlement, dueDate, reportDueDates);
    }

    /**
     * The review's last day as the review (re)starts: {@link SchemeRules#REVIEW_PERIOD} from the first submission; a
     * resubmission moves it later by the days the plan was back with the municipality, which do not count.
     */
    private LocalDate reviewDueOnEntering(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, SchemeRules.ZONE);
        if (status != Status.CHANGES_REQUESTED || reviewDueDate == null || advice == null) {
            return today.plus(SchemeRules.REVIEW_PERIOD);
        }
        long daysWithMunicipality = ChronoUnit.DAYS.between(LocalDate.ofInstant(advice.at(), SchemeRules.ZONE), today);
        return reviewDueDate.plusDays(daysWithMunicipality);
    }

    /** The day this year's report is due: as the ministry extended it, else the scheme's deadline. */
    public LocalDate reportDueDate(int year, SchemeRules rules) {
        return reportDueDates.getOrDefault(year, rules.reportDeadline(year));
    }

    /** The report on the year is due later, on {@code dueDate}. */
    public Application withReportDueDate(int year, LocalDate dueDate, Instant now) {
        Map<Integer, LocalDate> dates = new TreeMap<>(reportDueDates);
        dates.put(year, dueDate);
        return new Application(id, municipality, plan, status, version + 1, createdAt, now, submittedAt, createdBy,
                advice, decision, reviewEscalatedAt, settlement, reviewDueDate, dates);
    }

    /** Records advice and moves to where the advice leads. */
    public Application advised(Advice newAdvice, Status target, Instant now) {
        Application moved = moveTo(target, now);
        return new Application(id, municipality, plan, target, moved.version(), createdAt, now, moved.submittedAt(),
                createdBy, newAdvice, decision, reviewEscalatedAt, settlement, reviewDueDate, reportDueDates);
    }

    /** Records the decision (proposed, approved, or withdrawn by a return: null) and moves to the given status. */
    public Application decided(Decision newDecision, Status target, Instant now) {
        Application moved = moveTo(target, now);
        return new Application(id, municipality, plan, target, moved.version(), createdAt, now, submittedAt, createdBy,
                advice, newDecision, reviewEscalatedAt, settlement, reviewDueDate, reportDueDates);
    }

    public Application escalated(Instant now) {
        return new Application(id, municipality, plan, status, version + 1, createdAt, now, submittedAt, createdBy,
                advice, decision, now, settlement, reviewDueDate, reportDueDates);
    }

    /** A change that leaves the status as it is (a report received, a task opened), raising the version. */
    public Application touched(Instant now) {
        return new Application(id, municipality, plan, status, version + 1, createdAt, now, submittedAt, createdBy,
                advice, decision, reviewEscalatedAt, settlement, reviewDueDate, reportDueDates);
    }

    /** Records the settlement (proposed, approved, or withdrawn by a return: null) and moves to the given status. */
    /** @throws Transition.NotAllowed unless a settlement is proposed and not yet approved */
    public void requireProposedSettlement() {
        if (status == Status.SETTLED || settlement == null) {
            throw noProposedSettlement();
        }
    }

    /** The refusal of an approval or return of a settlement, once none is proposed. */
    public static Transition.NotAllowed noProposedSettlement() {
        return new Transition.NotAllowed("there is no proposed settlement to act on");
    }

    public Application settling(Settlement newSettlement, Status target, Instant now) {
        Application moved = target == status ? touched(now) : moveTo(target, now);
        return new Application(id, municipality, plan, target, moved.version(), createdAt, now, submittedAt, createdBy,
                advice, decision, reviewEscalatedAt, newSettlement, reviewDueDate, reportDueDates);
    }
}
