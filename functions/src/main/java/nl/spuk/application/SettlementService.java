package nl.spuk.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.spuk.application.port.ApplicationRepository;
import nl.spuk.application.port.Workflow;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Application;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.Role;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;

/** The final settlement, with four eyes: proposed once every report is accepted, approved by a second user. */
public final class SettlementService {
    private final ApplicationRepository applications;
    private final Workflow workflow;

    public SettlementService(ApplicationRepository applications, Workflow workflow) {
        this.applications = applications;
        this.workflow = workflow;
    }

    public Application propose(Actor actor, String applicationId) {
        Access.requireRole(actor, Role.MINISTRY);
        Application app = Access.visible(actor, applications.find(applicationId).orElse(null));
        String settle = Task.idOf(app.id(), TaskType.SETTLE);
        if (applications.openTasks(app.id()).stream().noneMatch(t -> t.taskId().equals(settle))) {
            throw new ConflictException("a settlement can be proposed once every awarded year's report is accepted"
                    + (app.settlement() != null ? "; one is proposed already" : ""));
        }
        workflow.complete(applicationId, TaskType.SETTLE, actor, Map.of());
        return applications.find(applicationId).orElseThrow();
    }

    public Application approve(Actor actor, String applicationId) {
        proposed(actor, applicationId);
        workflow.complete(applicationId, TaskType.APPROVE_SETTLEMENT, actor, Map.of("settlementApproval", "APPROVE"));
        return applications.find(applicationId).orElseThrow();
    }

    public Application returnToProposal(Actor actor, String applicationId, String reason) {
        proposed(actor, applicationId);
        List<FieldError> errors = new ArrayList<>();
        Texts.required(errors, "reason", reason, LifecycleService.MAX_REASON);
        if (!errors.isEmpty()) {
            throw new RuleViolationException("a reason is required to return a settlement", errors);
        }
        workflow.complete(applicationId, TaskType.APPROVE_SETTLEMENT, actor,
                Map.of("settlementApproval", "RETURN", ApplicationProcess.REASON, reason));
        return applications.find(applicationId).orElseThrow();
    }

    private void proposed(Actor actor, String applicationId) {
        Access.requireRole(actor, Role.MINISTRY);
        Application app = Access.visible(actor, applications.find(applicationId).orElse(null));
        if (app.status() == Status.SETTLED || app.settlement() == null) {
            throw new ConflictException("there is no proposed settlement to act on");
        }
        if (app.settlement().isProposedBy(actor)) {
            throw new ForbiddenException("four eyes: the settlement must be approved or returned by another ministry user than its proposer");
        }
    }
}
