package nl.spuk.application;

import java.util.Optional;
import nl.spuk.application.port.ApplicationChange;
import nl.spuk.application.port.ApplicationRepository;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Application;

/**
 * What a process step receives from the engine.
 *
 * @param applicationId the process's business key
 * @param changeId identifies this step's change across retries of the same engine transaction
 * @param actor who caused the step: the command's actor, or the system for timers
 * @param year the year of a per-year step (reports), else null
 * @param command the command that moves the process, or null for a step a timer runs
 */
public record StepContext(String applicationId, String changeId, Actor actor, Integer year, ProcessCommand command) {
    /** The actor of the steps that timers trigger: the workflow itself, no person. */
    public static final Actor SYSTEM = Actor.WORKFLOW;

    /** A step that a user's command runs. */
    public static StepContext of(ProcessCommand command, String changeId, Integer year) {
        return new StepContext(command.applicationId(), changeId, command.actor(), year, command);
    }

    /** A step that a timer runs, as the {@link #SYSTEM}. */
    public static StepContext ofTimer(String applicationId, String changeId, Integer year) {
        return new StepContext(applicationId, changeId, SYSTEM, year, null);
    }

    /**
     * The application this step runs for: the command's when a command moves the process, else read; the process
     * only ever runs for applications that exist.
     */
    public Application load(ApplicationRepository applications) {
        return (command == null ? Optional.<Application>empty() : command.application())
                .or(() -> applications.find(applicationId))
                .orElseThrow(() -> new IllegalStateException("the process runs for an unknown application " + applicationId));
    }

    /** Stores the step's change and hands the application as stored back to the command (and to the step). */
    public Application apply(ApplicationRepository applications, ApplicationChange change) {
        Application stored = applications.apply(change);
        if (command != null) {
            command.stored(stored);
        }
        return stored;
    }

    /** What the command asks, in the type this step expects. */
    public <R> R request(Class<R> type) {
        if (command == null) {
            throw new IllegalStateException("the step " + changeId + " runs without a command");
        }
        return command.request(type);
    }

    /** The year of a per-year step. */
    public int requireYear() {
        if (year == null) {
            throw new IllegalStateException("the step " + changeId + " runs without a year");
        }
        return year;
    }
}
