package nl.spuk.application.drafting;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.spuk.application.Access;
import nl.spuk.application.ProcessCommand;
import nl.spuk.application.ProcessMove;
import nl.spuk.application.ProcessNames;
import nl.spuk.application.Reason;
import nl.spuk.application.RequestId;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.UploadCheck;
import nl.spuk.application.port.ApplicationRepository;
import nl.spuk.application.port.Dossier;
import nl.spuk.application.port.Workflow;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Application;
import nl.spuk.domain.DocumentKind;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.Role;
import nl.spuk.domain.Status;
import nl.spuk.domain.TaskType;
import nl.spuk.domain.Transition;

/**
 * The municipality's lifecycle commands. Each checks who asks and whether the state allows it, then hands
 * the step to the process, whose steps write the business record in the engine's transaction.
 */
public final class LifecycleService {

    private final ApplicationRepository applications;
    private final UploadCheck uploads;
    private final ProcessMove process;

    public LifecycleService(ApplicationRepository applications, UploadCheck uploads, Workflow workflow) {
        this.applications = applications;
        this.uploads = uploads;
        this.process = new ProcessMove(applications, workflow);
    }

    /**
     * Submits a draft, or a revised plan, for review; the completeness check runs in the process. A plan already in
     * review may be this submission's retry (see {@link ProcessMove}): a first submission has no advice yet.
     * The application is read with its documents, in one read, and the step checks the documents it hands on. A plan
     * still waiting for its upload is checked here first: an upload counts once its PUT has answered, whether or not
     * storage's notification has run (or will).
     */
    public Application submit(Actor actor, RequestId requestId, String id) {
        Access.requireRole(actor, Role.MUNICIPALITY);
        Optional<Dossier> dossier = applications.findWithDocuments(id);
        Application app = Access.visible(actor, dossier.map(Dossier::application).orElse(null));
        TaskType task = switch (app.status()) {
            case DRAFT -> TaskType.PREPARE;
            case CHANGES_REQUESTED -> TaskType.REVISE;
            case IN_REVIEW -> app.advice() == null ? TaskType.PREPARE : TaskType.REVISE;
            default -> throw Transition.SUBMIT.refused(app.status());
        };
        Submission submission = new Submission(dossier.get().documents());
        if (!submission.planUploaded()) {
            submission = new Submission(dossier.get().documents().stream()
                    .map(d -> d.kind() == DocumentKind.PLAN ? uploads.settle(d) : d).toList());
        }
        return process.complete(ProcessCommand.on(app, actor, requestId, submission), task,
                Map.of(), app.status() == Status.IN_REVIEW, () -> Transition.SUBMIT.refused(Status.IN_REVIEW));
    }

    /** Withdraws the application; possible up to and including ADVISED (and again as the retry of a withdrawal). */
    public Application withdraw(Actor actor, RequestId requestId, String id, String reason) {
        Access.requireRole(actor, Role.MUNICIPALITY);
        Application app = Access.visible(actor, applications.find(id).orElse(null));
        boolean madeAlready = app.status() == Status.WITHDRAWN;
        if (!madeAlready) {
            Transition.WITHDRAW.require(app.status());
        }
        if (reason == null || reason.isBlank()) {
            throw new RuleViolationException("a reason is required", List.of(new FieldError("reason", "is required")));
        }
        if (reason.length() > Reason.MAX_LENGTH) {
            throw new RuleViolationException("the reason is too long",
                    List.of(new FieldError("reason", "must be at most " + Reason.MAX_LENGTH + " characters")));
        }
        Application after = process.send(ProcessCommand.on(app, actor, requestId, new Reason(reason)), ProcessNames.WITHDRAW_MESSAGE, Map.of(), madeAlready,
                () -> Transition.WITHDRAW.refused(Status.WITHDRAWN));
        if (after.status() != Status.WITHDRAWN) {
            throw new IllegalStateException("withdrawal of " + id + " did not take effect");
        }
        return after;
    }
}
