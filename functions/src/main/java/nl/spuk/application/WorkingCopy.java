package nl.spuk.application;

import java.util.Optional;
import nl.spuk.domain.Application;

/**
 * The application a command works on, handed to the process steps that the command's move runs on the same thread,
 * and the application as those steps stored it, handed back. The steps then need not read the record the command has
 * just read, nor the command read what the steps have just written. The copy can only be stale by a change that raced
 * the command; every change is conditional on the version it was made from, so a step that works on a stale copy
 * fails as a concurrent change and stores nothing, as it would had it read the record a moment before the race.
 * Steps run outside a command (timers) read the record themselves.
 */
final class WorkingCopy {
    private static final ThreadLocal<WorkingCopy> CURRENT = new ThreadLocal<>();

    private Application application;
    private boolean stored;

    private WorkingCopy(Application application) {
        this.application = application;
    }

    /** Runs the move with the command's application as the working copy; answers what the steps stored, if anything. */
    static Optional<Application> during(Application read, Runnable move) {
        WorkingCopy outer = CURRENT.get();
        WorkingCopy copy = new WorkingCopy(read);
        CURRENT.set(copy);
        try {
            move.run();
            return copy.stored ? Optional.of(copy.application) : Optional.empty();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** The working copy of this application, when a command on this thread holds one. */
    static Optional<Application> of(String applicationId) {
        WorkingCopy copy = CURRENT.get();
        return copy != null && copy.application.id().equals(applicationId) ? Optional.of(copy.application) : Optional.empty();
    }

    /** Takes the application as a step stored it, when it is the command's. */
    static void stored(Application application) {
        WorkingCopy copy = CURRENT.get();
        if (copy != null && copy.application.id().equals(application.id())) {
            copy.application = application;
            copy.stored = true;
        }
    }
}
