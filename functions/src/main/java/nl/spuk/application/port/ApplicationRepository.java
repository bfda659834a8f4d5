package nl.spuk.application.port;

import java.util.List;
import java.util.Optional;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.AwardReference;
import nl.spuk.domain.Notification;
import nl.spuk.domain.Report;
import nl.spuk.domain.Task;

/** The business record of applications: their state, audit trail and open tasks. */
public interface ApplicationRepository {

    /**
     * Stores a new application with its first task and audit event in one transaction.
     *
     * @return false, writing nothing, when an application with that id exists already
     */
    boolean create(Application application, Task firstTask, AuditEvent event);

    Optional<Application> find(String id);

    /**
     * The application with its documents, from one strongly consistent read: for a command that checks the
     * application against its documents (a submission's completeness check), so it reads its record once.
     */
    Optional<Dossier> findWithDocuments(String id);

    /**
     * Applies a change as one conditional transaction.
     *
     * @return the application as stored: the change's {@code after}, or the stored state when this change was
     *     applied already
     * @throws nl.spuk.application.ConcurrentChangeException when the stored version is no longer the one the
     *     change was made from, unless the stored state is this very change already applied (then success)
     * @throws nl.spuk.application.AllocationShortfallException when an allocation the change requires
     *     ({@link ApplicationChange#requirements}) is missing or smaller; nothing is written then
     * @throws nl.spuk.application.ReferenceTakenException when the change gives a reference
     *     ({@link ApplicationChange#takesReference}) that is no longer its year's next; nothing is written then
     */
    Application apply(ApplicationChange change);

    /**
     * The reference the next award approved in this year gets, from a strongly consistent read of the year's counter:
     * a change that gives it ({@link ApplicationChange#takesReference}) takes the number only if no other award took
     * it first, so numbers are unique and without gaps.
     */
    AwardReference nextReference(int year);

    /**
     * Whether a change whose id starts with this prefix was applied to the application, as its audit trail records:
     * how the retry of a request recognises the change its first attempt made (see {@link nl.spuk.application.RequestId}).
     */
    boolean applied(String applicationId, String changeIdPrefix);

    /** Records an event that changes no state of the application itself (a document uploaded, say). */
    void record(String applicationId, AuditEvent event);

    /**
     * Records an event that changes no state of the application, with the notifications it sends, in one
     * transaction (a reminder, say): both or neither.
     *
     * @return false, writing nothing, when these notifications were recorded already (a repeat: their ids derive from
     *     the change id, see {@link Notification#idFor})
     */
    boolean record(String applicationId, AuditEvent event, List<Notification> notifications);

    /** The applications the query's actor may see, filtered and newest first. */
    Page<Application> list(ApplicationQuery query);

    /** The whole audit trail, oldest first (for the process's own checks; people read it by pages). */
    List<AuditEvent> history(String applicationId);

    /**
     * A page of the audit trail, oldest first.
     *
     * @param nextToken where the previous page ended, as it answered; null for the first page
     * @throws IllegalArgumentException when the token is not one this method gave out for this application
     */
    Page<AuditEvent> history(String applicationId, int limit, String nextToken);

    /**
     * The audit events of the changes that raised the application's version above this one, oldest first: who changed
     * the application since a command read it at that version.
     */
    List<AuditEvent> changesSince(String applicationId, long version);

    /** The application's yearly reports, by year. */
    List<Report> reports(String applicationId);

    /** The application's open tasks (strongly consistent, unlike {@link #tasksFor}). */
    List<Task> openTasks(String applicationId);

    /** Every open task the actor may see, oldest first: all pages of {@link #tasks}. */
    default List<Task> tasksFor(Actor actor) {
        List<Task> all = new java.util.ArrayList<>();
        String token = null;
        do {
            Page<Task> page = tasks(TaskQuery.all(actor, 100, token));
            all.addAll(page.items());
            token = page.nextToken();
        } while (token != null);
        return all;
    }

    /**
     * A page of the open tasks the query's actor may see.
     *
     * @throws IllegalArgumentException when the token is not one this list gave out for this caller and query
     */
    Page<Task> tasks(TaskQuery query);
}
