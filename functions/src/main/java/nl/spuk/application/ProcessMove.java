package nl.spuk.application;

import java.time.Duration;
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
 *
 * <p>A move that loses a race to a change no other person made (a timer of the application fell due meanwhile) is made
 * again, see {@link #retryingRacesNoOtherPersonWon}.
 */
public final class ProcessMove {
    /** Attempts at a move whose races were lost only to changes that no other person made. */
    private static final int ATTEMPTS = 3;
    /** The pause before another attempt, times the attempts made so far: the racing change finishes meanwhile. */
    private static final Duration BACKOFF = Duration.ofMillis(50);

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
            retryingRacesNoOtherPersonWon(command, call);
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
     * Makes the call and, when it loses a race to a change that no other person made, has the command read the
     * application again and makes the call once more, up to {@value #ATTEMPTS} times. Such a change is the workflow's
     * own (a timer's step touched the application, or moved its process while the call ran) or one made by the
     * command's own actor. A timer leaves what the command checked as it was (it opens or chases a task, marks an
     * escalation), and the steps check again what they guarantee, on the application as it is now. The attempts are
     * one request: the steps' change ids stay the request's, so a step whose change an earlier attempt made recognises
     * it. When another person's change won, the command is refused as a concurrent change: that person may have
     * changed what this one decided on.
     */
    private void retryingRacesNoOtherPersonWon(ProcessCommand command, Runnable call) {
        for (int attempt = 1; ; attempt++) {
            try {
                call.run();
                return;
            } catch (ConcurrentChangeException lost) {
                if (attempt == ATTEMPTS || !noOtherPersonChanged(command)) {
                    throw lost;
                }
                pause(attempt, lost);
                command.readAgain(applications.find(command.applicationId()).orElseThrow());
            }
        }
    }

    /**
     * Whether only the workflow or the command's actor changed the application since the command's copy of it (the
     * version the lost write expected); nobody did when the race was lost on the engine's rows alone.
     */
    private boolean noOtherPersonChanged(ProcessCommand command) {
        return command.application()
                .map(copy -> applications.changesSince(copy.id(), copy.version()).stream()
                        .allMatch(change -> StepContext.SYSTEM.id().equals(change.actorId())
                                || command.actor().id().equals(change.actorId())))
                .orElse(false);
    }

    private static void pause(int attempt, ConcurrentChangeException lost) {
        try {
            Thread.sleep(BACKOFF.toMillis() * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw lost;
        }
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
