package nl.spuk.application.port;

import java.util.Map;
import nl.spuk.application.ProcessCommand;
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
     * Completes the command's application's open user task of this type as the command's actor. The command reaches
     * the steps the move runs; they store their changes and hand the application back to it.
     *
     * @param processVariables what the process's gateways decide on, and the {@code year} of a per-year task
     *     ({@link nl.spuk.application.ProcessNames}); transient
     * @throws nl.spuk.application.ConflictException when the process waits in no such task
     */
    void complete(ProcessCommand command, TaskType type, Map<String, Object> processVariables);

    /**
     * Delivers a message to the command's application's process (withdrawal, say), as {@link #complete} does a task.
     *
     * @param processVariables as for {@link #complete}; with a {@code year}, the message goes to that year's wait only
     *     (a report's extension)
     * @throws nl.spuk.application.ConflictException when the process does not wait for that message (for that year)
     */
    void send(ProcessCommand command, String message, Map<String, Object> processVariables);

    /** Executes the timers and jobs that are due now; returns how many ran. */
    int runDueJobs();
}
