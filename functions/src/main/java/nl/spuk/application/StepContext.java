package nl.spuk.application;

import java.util.Map;
import nl.spuk.application.port.ApplicationChange;
import nl.spuk.application.port.ApplicationRepository;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Application;

/**
 * What a process step receives from the engine.
 *
 * @param applicationId the process's business key
 * @param changeId identifies this step's change across retries of the same engine transaction
 * @param actor who caused the step (the user who completed the task, or the system for timers)
 * @param variables the process variables the step reads (the inputs the use case passed along)
 */
public record StepContext(String applicationId, String changeId, Actor actor, Map<String, Object> variables) {
    public StepContext {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    /**
     * The application this step runs for: the command's {@link WorkingCopy} when a command moves the process, else
     * read; the process only ever runs for applications that exist.
     */
    Application load(ApplicationRepository applications) {
        return WorkingCopy.of(applicationId).or(() -> applications.find(applicationId))
                .orElseThrow(() -> new IllegalStateException("the process runs for an unknown application " + applicationId));
    }

    /** Stores the step's change and keeps the application as stored as the command's working copy. */
    void apply(ApplicationRepository applications, ApplicationChange change) {
        WorkingCopy.stored(applications.apply(change));
    }

    public String string(String name) {
        Object v = variables.get(name);
        return v == null ? null : v.toString();
    }
}
