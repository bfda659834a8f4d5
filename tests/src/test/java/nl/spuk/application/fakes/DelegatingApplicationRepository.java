package nl.spuk.application.fakes;

import java.util.List;
import java.util.Optional;
import nl.spuk.application.port.ApplicationChange;
import nl.spuk.application.port.ApplicationQuery;
import nl.spuk.application.port.ApplicationRepository;
import nl.spuk.application.port.Dossier;
import nl.spuk.application.port.Page;
import nl.spuk.application.port.TaskQuery;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.AwardReference;
import nl.spuk.domain.Notification;
import nl.spuk.domain.Report;
import nl.spuk.domain.Task;

/** An {@link ApplicationRepository} that forwards every call: a test overrides one to interleave another request. */
public class DelegatingApplicationRepository implements ApplicationRepository {
    private final ApplicationRepository delegate;

    public DelegatingApplicationRepository(ApplicationRepository delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean create(Application application, Task firstTask, AuditEvent event) {
        return delegate.create(application, firstTask, event);
    }

    @Override
    public Optional<Application> find(String id) {
        return delegate.find(id);
    }

    @Override
    public Optional<Dossier> findWithDocuments(String id) {
        return delegate.findWithDocuments(id);
    }

    @Override
    public Application apply(ApplicationChange change) {
        return delegate.apply(change);
    }

    @Override
    public AwardReference nextReference(int year) {
        return delegate.nextReference(year);
    }

    @Override
    public boolean applied(String applicationId, String changeIdPrefix) {
        return delegate.applied(applicationId, changeIdPrefix);
    }

    @Override
    public void record(String applicationId, AuditEvent event) {
        delegate.record(applicationId, event);
    }

    @Override
    public boolean record(String applicationId, AuditEvent event, List<Notification> notifications) {
        return delegate.record(applicationId, event, notifications);
    }

    @Override
    public Page<Application> list(ApplicationQuery query) {
        return delegate.list(query);
    }

    @Override
    public List<AuditEvent> history(String applicationId) {
        return delegate.history(applicationId);
    }

    @Override
    public Page<AuditEvent> history(String applicationId, int limit, String nextToken) {
        return delegate.history(applicationId, limit, nextToken);
    }

    @Override
    public List<AuditEvent> changesSince(String applicationId, long version) {
        return delegate.changesSince(applicationId, version);
    }

    @Override
    public List<Report> reports(String applicationId) {
        return delegate.reports(applicationId);
    }

    @Override
    public List<Task> openTasks(String applicationId) {
        return delegate.openTasks(applicationId);
    }

    @Override
    public Page<Task> tasks(TaskQuery query) {
        return delegate.tasks(query);
    }
}
