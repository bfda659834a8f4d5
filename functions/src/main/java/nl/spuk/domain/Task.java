package nl.spuk.domain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A piece of open work. Municipality tasks are seen by that municipality's users only; advisor and
 * ministry tasks by every user of the role.
 *
 * @param dueDate the deadline the task serves, or null
 * @param applicationTitle the application's title when the task opened (lists show and search it); null on tasks
 *     stored before it was kept
 * @param municipalityName the municipality's name, likewise
 * @param proposedBy for an approval (four eyes): the user id of who proposed what awaits approval, who may not
 *     approve it; null for other tasks
 */
public record Task(String taskId, TaskType type, String applicationId, MunicipalityCode municipalityCode,
                   Instant createdAt, LocalDate dueDate, String applicationTitle, String municipalityName,
                   String proposedBy) {

    /** Task ids are stable per application and type (and year), so opening one twice is one task. */
    public static Task open(TaskType type, Application app, Instant now, LocalDate dueDate) {
        return of(app.id() + ":" + type, type, app, now, dueDate);
    }

    private static Task of(String taskId, TaskType type, Application app, Instant now, LocalDate dueDate) {
        String proposedBy = switch (type) {
            case APPROVE_DECISION -> app.decision() == null ? null : app.decision().proposedBy();
            case APPROVE_SETTLEMENT -> app.settlement() == null ? null : app.settlement().proposedBy();
            default -> null;
        };
        return new Task(taskId, type, app.id(), app.municipalityCode(), now, dueDate, app.plan().title(),
                app.municipality().name(), proposedBy);
    }

    /** Whether four eyes keep the actor from this task: they proposed what it approves. */
    public boolean awaitsSomeoneElse(Actor actor) {
        return proposedBy != null && proposedBy.equals(actor.id());
    }

    public static String idOf(String applicationId, TaskType type) {
        return applicationId + ":" + type;
    }

    /** A task about one year (a report, its review, its chase): one per application, type and year. */
    public static Task openForYear(TaskType type, Application app, int year, Instant now, LocalDate dueDate) {
        return of(idOf(app.id(), type, year), type, app, now, dueDate);
    }

    public static String idOf(String applicationId, TaskType type, int year) {
        return applicationId + ":" + type + ":" + year;
    }

    public boolean isVisibleTo(Actor actor) {
        if (actor.role() != type.role()) {
            return false;
        }
        return actor.role() != Role.MUNICIPALITY || actor.belongsTo(municipalityCode);
    }
}
