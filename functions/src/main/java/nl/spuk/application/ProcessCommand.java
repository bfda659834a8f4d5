package nl.spuk.application;

import java.util.Objects;
import java.util.Optional;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Application;

/**
 * A command on one application on its way through the process engine: who gives it, the request that carries it,
 * what it asks, and the application as the command read and checked it. The Workflow adapter hands it to the engine
 * as a transient process variable, where the steps the move runs receive it in their {@link StepContext}. They work
 * on the command's application instead of reading it again and hand back what they stored, so the command needs no
 * read either. A copy made stale by a racing change fails the version condition of the step's write and stores
 * nothing, as it would had the step read the record a moment before the race; when no other person made that change,
 * {@link ProcessMove} has the command read the application again and moves the process once more.
 */
public final class ProcessCommand {
    private final Actor actor;
    private final RequestId requestId;
    private final String applicationId;
    private final Object request;
    private Application current;
    private boolean stored;

    /**
     * @param read the application as the command read it, or null when the steps are to read it themselves
     * @param request what the command asks, in the type its step expects (null when the step needs nothing)
     */
    public ProcessCommand(Actor actor, RequestId requestId, String applicationId, Application read, Object request) {
        this.actor = Objects.requireNonNull(actor, "actor");
        this.requestId = Objects.requireNonNull(requestId, "requestId");
        this.applicationId = Objects.requireNonNull(applicationId, "applicationId");
        if (read != null && !read.id().equals(applicationId)) {
            throw new IllegalArgumentException("the command on " + applicationId + " read " + read.id());
        }
        this.current = read;
        this.request = request;
    }

    /** A command on the application as the command read and checked it. */
    public static ProcessCommand on(Application read, Actor actor, RequestId requestId, Object request) {
        return new ProcessCommand(actor, requestId, read.id(), read, request);
    }

    public Actor actor() {
        return actor;
    }

    public RequestId requestId() {
        return requestId;
    }

    public String applicationId() {
        return applicationId;
    }

    /** What the command asks, in the type the step expects. */
    public <R> R request(Class<R> type) {
        if (!type.isInstance(request)) {
            throw new IllegalStateException("a step expects a " + type.getSimpleName() + " but the command on "
                    + applicationId + " asks " + (request == null ? "nothing" : request.getClass().getSimpleName()));
        }
        return type.cast(request);
    }

    /** The application as the command read it, or as the last step stored it. */
    Optional<Application> application() {
        return Optional.ofNullable(current);
    }

    /** Takes the application as a step stored it. */
    void stored(Application application) {
        current = application;
        stored = true;
    }

    /** Takes the application as stored now, for another attempt at the move after a lost race. */
    void readAgain(Application application) {
        current = application;
        stored = false;
    }

    /** The application as the steps stored it, when one of them stored a change. */
    Optional<Application> storedApplication() {
        return stored ? Optional.of(current) : Optional.empty();
    }
}
