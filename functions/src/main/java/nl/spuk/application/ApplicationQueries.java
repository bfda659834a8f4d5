package nl.spuk.application;

import java.time.Clock;
import java.time.LocalDate;
import nl.spuk.application.port.ApplicationQuery;
import nl.spuk.application.port.ApplicationRepository;
import nl.spuk.application.port.Page;
import nl.spuk.application.port.TaskQuery;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.SchemeRules;
import nl.spuk.domain.Task;

/** Reading applications, their history and the caller's open work. Never touches the engine. */
public final class ApplicationQueries {
    private final ApplicationRepository applications;
    private final Clock workflowClock;

    /** @param workflowClock the clock of the process, which decides what is overdue */
    public ApplicationQueries(ApplicationRepository applications, Clock workflowClock) {
        this.applications = applications;
        this.workflowClock = workflowClock;
    }

    /** Today by the workflow's clock, in the scheme's time zone: against it a deadline has passed or not. */
    public LocalDate today() {
        return LocalDate.ofInstant(workflowClock.instant(), SchemeRules.ZONE);
    }

    public Application get(Actor actor, String id) {
        return Access.visible(actor, applications.find(id).orElse(null));
    }

    public Page<Application> list(ApplicationQuery query) {
        return applications.list(query);
    }

    /**
     * A page of the application's history, oldest first.
     *
     * @throws IllegalArgumentException when the token is not one this list gave out
     */
    public Page<AuditEvent> history(Actor actor, String id, int limit, String nextToken) {
        get(actor, id);
        return applications.history(id, limit, nextToken);
    }

    /**
     * A page of the caller's open work.
     *
     * @throws IllegalArgumentException when the token is not one this list gave out to this caller for this query
     */
    public Page<Task> tasks(TaskQuery query) {
        return applications.tasks(query);
    }
}
