package nl.spuk.domain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A piece of open work. Municipality tasks are seen by that municipality's users only; advisor and
 * ministry tasks by every user of the role.
 *
 * @param dueDate the deadline the task serves, or null
 */
public record Task(String taskId, TaskType type, String applicationId, MunicipalityCode municipalityCode,
                   Instant createdAt, LocalDate dueDate) {

    /** Task ids are stable per application and type (and year), so opening one twice is one task. */
    public static Task open(TaskType type, Application app, Instant now, LocalDate dueDate) {
        return new Task(app.id() + ":" + type, type, app.id(), app.municipalityCode(), now, dueDate);
    }

    public static String idOf(String applicationId, TaskType type) {
        return applicationId + ":" + type;
    }

    /** A task about one year (a report, its review, its chase): one per application, type and year. */
    public static Task openForYear(TaskType type, Application app, int year, Instant now, LocalDate dueDate) {
        return new Task(idOf(app.id(), type, year), type, app.id(), app.municipalityCode(), now, dueDate);
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
