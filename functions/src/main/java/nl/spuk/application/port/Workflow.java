package nl.spuk.application.port;

import java.util.Map;
import nl.spuk.domain.Actor;
import nl.spuk.domain.TaskType;

/**
 * The process engine that orchestrates each application. A call runs the process up to its next wait
 * state in one engine transaction; the steps on the way write the business record through the use cases,
 * so a failing step rolls the whole call back and its exception reaches the caller unchanged.
 */
public interface Workflow {

    /** Starts the application's process, unless one already runs for it (so a retry starts one, not two). */
    void start(String applicationId);

    /**
     * Completes the application's open user task of this type as the actor.
     *
     * @throws nl.spuk.application.ConflictException when the process waits in no such task
     */
    void complete(String applicationId, TaskType type, Actor actor, Map<String, Object> variables);

    /**
     * Delivers a message to the application's process (withdrawal, say).
     *
     * @throws nl.spuk.application.ConflictException when the process does not wait for that message
     */
    void send(String applicationId, String message, Actor actor, Map<String, Object> variables);

    /** Executes the timers and jobs that are due now; returns how many ran. */
    int runDueJobs();
}
