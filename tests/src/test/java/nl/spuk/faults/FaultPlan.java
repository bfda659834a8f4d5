package nl.spuk.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The switchboard the fault hooks ({@link SdkFaults}, {@link FaultyDriver}) consult on every call the product makes
 * to DynamoDB, S3 and its engine database. Outside a window it lets everything pass and counts nothing. Inside one it
 * numbers the calls of the threads the window watches and, when armed, fails exactly one of them: the N-th call,
 * before it reaches the service or after the service applied it (its answer lost).
 */
final class FaultPlan {

    /** What kind of call. */
    enum Kind { DYNAMODB, S3, SQL, COMMIT }

    /** When the armed call fails. */
    enum Phase {
        /** The call never reaches the service. */
        BEFORE,
        /** The service applies the call, but its answer is lost: the caller sees a failure. */
        AFTER
    }

    /** One call seen in a window, numbered from 1. */
    record Call(int window, int number, Kind kind, String name) {
        @Override
        public String toString() {
            return "#" + number + " " + name;
        }
    }

    /** The fault to inject: the call with this number, in this phase. */
    record Fault(int number, Phase phase) {
    }

    private final List<Call> calls = new ArrayList<>();
    private int window;
    private Predicate<Thread> watched;
    private Fault fault;
    private Call failed;

    /**
     * Opens a window: from now on the calls of the watched threads are numbered, and the given fault (null for none)
     * is injected when its call comes.
     */
    synchronized void open(Predicate<Thread> threads, Fault armed) {
        calls.clear();
        window++;
        watched = threads;
        fault = armed;
        failed = null;
    }

    /** Closes the window and answers the calls it saw. */
    synchronized List<Call> close() {
        watched = null;
        fault = null;
        return List.copyOf(calls);
    }

    /** The calls seen so far in the open window. */
    synchronized int callCount() {
        return calls.size();
    }

    /** The call that was made to fail in this window, or null. */
    synchronized Call failed() {
        return failed;
    }

    /** Numbers a call of the current thread; null when no window watches it. */
    synchronized Call enter(Kind kind, String name) {
        if (watched == null || !watched.test(Thread.currentThread())) {
            return null;
        }
        Call call = new Call(window, calls.size() + 1, kind, name);
        calls.add(call);
        return call;
    }

    /** Whether this call fails in this phase (and again when the client retries the same call). */
    synchronized boolean fails(Call call, Phase phase) {
        if (call == null || call.window() != window || fault == null || fault.number() != call.number()
                || fault.phase() != phase) {
            return false;
        }
        failed = call;
        return true;
    }
}
