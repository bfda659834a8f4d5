package nl.spuk.application.drafting;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.spuk.application.Access;
import nl.spuk.application.ConcurrentChangeException;
import nl.spuk.application.ConflictException;
import nl.spuk.application.ForbiddenException;
import nl.spuk.application.RequestId;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.VersionMismatchException;
import nl.spuk.application.port.ApplicationChange;
import nl.spuk.application.port.ApplicationRepository;
import nl.spuk.application.port.Workflow;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.Municipalities;
import nl.spuk.domain.Municipality;
import nl.spuk.domain.Plan;
import nl.spuk.domain.PlanRules;
import nl.spuk.domain.Role;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import nl.spuk.domain.Transition;

/** Creating and editing a municipality's plan while it is a draft or back for changes. */
public final class DraftService {
    private final ApplicationRepository applications;
    private final Workflow workflow;
    private final Municipalities municipalities;
    private final PlanRules rules;
    private final Clock clock;

    public DraftService(ApplicationRepository applications, Workflow workflow, Municipalities municipalities,
                        PlanRules rules, Clock clock) {
        this.applications = applications;
        this.workflow = workflow;
        this.municipalities = municipalities;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * Creates a draft for the caller's municipality and starts its process. A repeatable request names its draft
     * ({@link RequestId#newId}), so a retry after a failure part-way converges on the same draft.
     */
    public Application create(Actor actor, RequestId requestId, Plan plan) {
        Access.requireRole(actor, Role.MUNICIPALITY);
        requireValid(plan);
        Municipality municipality = municipalities.find(actor.municipality().value())
                .orElseThrow(() -> new ForbiddenException("unknown municipality " + actor.municipality()));
        String id = requestId.newId("application");
        var now = clock.instant();
        Application draft = Application.draft(id, municipality, plan, actor, now);
        AuditEvent created = AuditEvent.of(actor, now, "CREATED", null, draft.status(), Map.of("title", plan.title()));
        if (!applications.create(draft, Task.open(TaskType.PREPARE, draft, now, null), created)) {
            draft = applications.find(id).filter(a -> a.createdBy().equals(actor.id()))
                    .orElseThrow(() -> new ConflictException("an application with this id exists"));
        }
        workflow.start(id);
        return draft;
    }

    /** Replaces the plan; only in DRAFT or CHANGES_REQUESTED, and only from the version the caller last saw. */
    public Application update(Actor actor, String id, Plan plan, long expectedVersion) {
        Access.requireRole(actor, Role.MUNICIPALITY);
        Application current = Access.visible(actor, applications.find(id).orElse(null));
        if (current.version() != expectedVersion) {
            throw new VersionMismatchException("the application is at version " + current.version()
                    + ", not " + expectedVersion + "; reload it and apply your change again");
        }
        Transition.EDIT.require(current.status());
        requireValid(plan);
        var now = clock.instant();
        Application edited = current.withPlan(plan, now);
        AuditEvent event = AuditEvent.of(actor, now, "UPDATED", null, null, Map.of("version", edited.version()));
        try {
            applications.apply(new ApplicationChange(UUID.randomUUID().toString(), current, edited, event, List.of(), List.of()));
        } catch (ConcurrentChangeException e) {
            throw new VersionMismatchException("the application was changed meanwhile; reload it and apply your change again");
        }
        return edited;
    }

    private void requireValid(Plan plan) {
        List<FieldError> errors = rules.checkDraft(plan);
        if (!errors.isEmpty()) {
            throw new RuleViolationException("the plan is not valid", errors);
        }
    }
}
