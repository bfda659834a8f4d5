package nl.spuk.application.settlement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.spuk.application.Access;
import nl.spuk.application.ConflictException;
import nl.spuk.application.ProcessCommand;
import nl.spuk.application.ProcessMove;
import nl.spuk.application.ProcessNames;
import nl.spuk.application.Reason;
import nl.spuk.application.RequestId;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.Texts;
import nl.spuk.application.port.ApplicationRepository;
import nl.spuk.application.port.Workflow;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Application;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.FourEyes;
import nl.spuk.domain.Role;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;

/** The final settlement, with four eyes: proposed once every report is accepted, approved by a second user. */
public final class SettlementService {
    private final ApplicationRepository applications;
    private final ProcessMove process;

    public SettlementService(ApplicationRepository applications, Workflow workflow) {
        this.applications = applications;
        this.process = new ProcessMove(applications, workflow);
    }

    public Application propose(Actor actor, RequestId requestId, String applicationId) {
        Access.requireRole(actor, Role.MINISTRY);
        Application app = Access.visible(actor, applications.find(applicationId).orElse(null));
        // this user's proposal recorded already: maybe this request's retry (see ProcessMove)
        boolean madeAlready = app.status() != Status.SETTLED && app.settlement() != null && app.settlement().isProposedBy(actor);
        String settle = Task.idOf(app.id(), TaskType.SETTLE);
        if (!madeAlready && applications.openTasks(app.id()).stream().noneMatch(t -> t.taskId().equals(settle))) {
            throw notProposable(app);
        }
        return process.complete(ProcessCommand.on(app, actor, requestId, null), TaskType.SETTLE, Map.of(), madeAlready,
                () -> notProposable(app));
    }

    private static ConflictException notProposable(Application app) {
        return new ConflictException("a settlement can be proposed once every awarded year's report is accepted"
                + (app.settlement() != null ? "; one is proposed already" : ""));
    }

    public Application approve(Actor actor, RequestId requestId, String applicationId) {
        Access.requireRole(actor, Role.MINISTRY);
        Application app = Access.visible(actor, applications.find(applicationId).orElse(null));
        // this user's approval recorded already: maybe this request's retry (see ProcessMove)
        boolean madeAlready = app.status() == Status.SETTLED && actor.id().equals(app.settlement().approvedBy());
        if (!madeAlready) {
            proposed(actor, app);
        }
        return process.complete(ProcessCommand.on(app, actor, requestId, null), TaskType.APPROVE_SETTLEMENT,
                Map.of(ProcessNames.SETTLEMENT_APPROVAL, "APPROVE"),
                madeAlready, Application::noProposedSettlement);
    }

    /** Returns the proposal; a settling application without a settlement may be this return's retry. */
    public Application returnToProposal(Actor actor, RequestId requestId, String applicationId, String reason) {
        Access.requireRole(actor, Role.MINISTRY);
        Application app = Access.visible(actor, applications.find(applicationId).orElse(null));
        boolean madeAlready = app.status() != Status.SETTLED && app.settlement() == null
                && process.lastEventIs(applicationId, "SETTLEMENT_RETURNED", actor);
        if (!madeAlready) {
            proposed(actor, app);
        }
        List<FieldError> errors = new ArrayList<>();
        Texts.required(errors, "reason", reason, Reason.MAX_LENGTH);
        if (!errors.isEmpty()) {
            throw new RuleViolationException("a reason is required to return a settlement", errors);
        }
        return process.complete(ProcessCommand.on(app, actor, requestId, new Reason(reason)), TaskType.APPROVE_SETTLEMENT,
                Map.of(ProcessNames.SETTLEMENT_APPROVAL, "RETURN"), madeAlready,
                Application::noProposedSettlement);
    }

    private static void proposed(Actor actor, Application app) {
        app.requireProposedSettlement();
        FourEyes.require(app.settlement().proposedBy(), actor, "settlement");
    }
}
