package nl.spuk.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One municipality's application for the caregiver funds: its plan, where it stands in the lifecycle,
 * and what was awarded. Every change produces a new instance with the version raised by one.
 *
 * @param submittedAt the first submission, or null while it has never been submitted
 */
public record Application(
        String id,
        Municipality municipality,
        Plan plan,
        Status status,
        YearAmounts awardedCents,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Instant submittedAt,
        String createdBy) {

    public Application {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(municipality, "municipality");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(status, "status");
        awardedCents = awardedCents == null ? YearAmounts.EMPTY : awardedCents;
    }

    public static Application draft(String id, Municipality municipality, Plan plan, Actor creator, Instant now) {
        return new Application(id, municipality, plan, Status.DRAFT, YearAmounts.EMPTY, 1, now, now, null, creator.id());
    }

    public MunicipalityCode municipalityCode() {
        return municipality.code();
    }

    public YearAmounts requestedCents() {
        return plan.requestedCents();
    }

    /** Whether this actor may see the application at all; a no here is answered as "not found". */
    public boolean isVisibleTo(Actor actor) {
        return switch (actor.role()) {
            case MUNICIPALITY -> actor.belongsTo(municipalityCode());
            case ADVISOR -> status.isVisibleToAdvisors() && submittedAt != null;
            case MINISTRY -> true;
        };
    }

    public Application withPlan(Plan newPlan, Instant now) {
        return new Application(id, municipality, newPlan, status, awardedCents, version + 1, createdAt, now,
                submittedAt, createdBy);
    }

    /** Moves along the lifecycle; refuses a move the status machine does not allow. */
    public Application moveTo(Status target, Instant now) {
        if (!status.canMoveTo(target)) {
            throw new IllegalStateException(status + " cannot move to " + target);
        }
        Instant firstSubmission = submittedAt == null && (target == Status.SUBMITTED || target == Status.IN_REVIEW)
                ? now : submittedAt;
        return new Application(id, municipality, plan, target, awardedCents, version + 1, createdAt, now,
                firstSubmission, createdBy);
    }

    public Application withAward(YearAmounts award, Instant now) {
        return new Application(id, municipality, plan, status, award, version + 1, createdAt, now, submittedAt,
                createdBy);
    }
}
