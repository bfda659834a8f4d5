package nl.spuk.application;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import nl.spuk.application.port.ApplicationRepository;
import nl.spuk.application.port.Workflow;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.TaskType;
import nl.spuk.domain.Transition;

/**
 * Moves an application's process on for a command, also when the business record already shows the command's change
 * ({@code madeAlready}). The steps write the record inside the engine's transaction, so after a failure the record
 * can be ahead of the engine; the commands' checks on the record must then not refuse the retry. Instead the engine
 * decides: while it still waits in the command's task, completing the task converges (the steps find their change
 * made and skip it); when it has moved on, the change is this very request's when its first attempt made it (its
 * answer lost; see {@link RequestId}) and the command succeeds, else the command is refused as it would have been
 * on the record alone.
 */
public final class ProcessMove {
    private final ApplicationRepository applications;
    private final Workflow workflow;

    public ProcessMove(ApplicationRepository applications, Workflow workflow) {
        this.applications = applications;
        this.workflow = workflow;
    }

    /**
     * Completes the task, or, where the change is made already and the engine has moved on, accepts it as this
     * request's own or throws {@code refusal}. The steps work on the application the command read and checked.
     *
     * @param processVariables what the process's gateways decide on ({@link ProcessNames})
     * @return the application as stored after the move
     */
    public Application complete(ProcessCommand command, TaskType type, Map<String, Object> processVariables,
                         boolean madeAlready, Supplier<? extends RuntimeException> refusal) {
        return move(command, madeAlready, refusal, () -> workflow.complete(command, type, processVariables));
    }

    /** As {@link #complete}, for a message to the process. */
    public Application send(ProcessCommand command, String message, Map<String, Object> processVariables,
                     boolean madeAlready, Supplier<? extends RuntimeException> refusal) {
        return move(command, madeAlready, refusal, () -> workflow.send(command, message, processVariables));
    }

    private Application move(ProcessCommand command, boolean madeAlready, Supplier<? extends RuntimeException> refusal, Runnable call) {
        try {
            call.run();
            Optional<Application> stored = command.storedApplication();
            if (stored.isPresent()) {
                return stored.get();
            }
        } catch (ConflictException | Transition.NotAllowed e) {
            recognise(command, madeAlready, refusal, e);
        }
        return applications.find(command.applicationId()).orElseThrow();
    }

    /**
     * Whether the application's latest audit event is this action by this actor: for a command whose change leaves
     * no mark on the application itself (a return, which clears the proposal), the sign that it is made already.
     */
    public boolean lastEventIs(String applicationId, String action, Actor actor) {
        List<AuditEvent> history = applications.history(applicationId);
        AuditEvent last = history.isEmpty() ? null : history.get(history.size() - 1);
        return last != null && last.action().equals(action) && actor.id().equals(last.actorId());
    }

    private void recognise(ProcessCommand command, boolean madeAlready, Supplier<? extends RuntimeException> refusal,
                           RuntimeException engineAnswer) {
        if (!madeAlready) {
            throw engineAnswer;
        }
        boolean mine = command.requestId().changeBase()
                .filter(base -> applications.applied(command.applicationId(), base + "/")).isPresent();
        if (!mine) {
            throw refusal.get();
        }
    }
}
