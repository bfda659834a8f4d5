package nl.spuk.local;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the engine's due jobs one caller at a time, and moves the workflow clock only between runs, so no job sees the
 * clock jump while it runs. Runners that overlap all the same take no job twice: each runs only the jobs it locked
 * ({@code CamundaWorkflow.runDueJobs}).
 */
final class DueJobs {
    private static final Logger LOG = LoggerFactory.getLogger(DueJobs.class);
    /** A job that keeps making new due jobs must not hold a clock move forever. */
    private static final int MAX_ROUNDS = 1000;

    private final ReentrantLock lock = new ReentrantLock();
    private final IntSupplier runDueJobsOnce;

    /**
     * @param runDueJobsOnce runs the jobs due now and answers how many ran
     */
    DueJobs(IntSupplier runDueJobsOnce) {
        this.runDueJobsOnce = runDueJobsOnce;
    }

    /** Runs due jobs until none is due (jobs may make new due jobs); answers how many ran. */
    int runUntilNoneDue() {
        return exclusively(() -> {
            int total = 0;
            for (int round = 0; round < MAX_ROUNDS; round++) {
                int ran = runDueJobsOnce.getAsInt();
                if (ran == 0) {
                    return total;
                }
                total += ran;
            }
            LOG.warn("jobs were still due after {} rounds ({} jobs); the rest runs on the next tick", MAX_ROUNDS, total);
            return total;
        });
    }

    /** Runs the work while no other due-jobs work runs. */
    <T> T exclusively(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
