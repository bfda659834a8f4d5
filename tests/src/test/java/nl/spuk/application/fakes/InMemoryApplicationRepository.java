package nl.spuk.application.fakes;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.spuk.application.AllocationExceededException;
import nl.spuk.application.AllocationShortfallException;
import nl.spuk.application.ConcurrentChangeException;
import nl.spuk.application.ConflictException;
import nl.spuk.application.ReferenceTakenException;
import nl.spuk.application.port.AllocationCommitment;
import nl.spuk.application.port.AllocationRequirement;
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
import nl.spuk.domain.Document;
import nl.spuk.domain.Figures;
import nl.spuk.domain.Monitoring;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Notification;
import nl.spuk.domain.Report;
import nl.spuk.domain.Role;
import nl.spuk.domain.SearchText;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;

/**
 * {@link ApplicationRepository} in memory, with the semantics of {@code DynamoDbApplicationRepository}: a change is
 * applied whole or not at all, conditional on the version it was made from; a repeat of the change that produced the
 * stored state returns that state; commitments take their allocation's headroom and requirements are checked in the
 * same step; an award's reference must be its year's next number, and is taken in the same step; documents must be new; the monitoring aggregates receive the change's {@link Monitoring#delta}; the
 * change's notifications become outbox items in the same step, each written once; the event of a change records the
 * version it made ({@link #changesSince}).
 *
 * <p>{@link #beforeNextApply} lets a test run a competing change just before the next change is applied: the race
 * that a version condition catches.
 */
public final class InMemoryApplicationRepository implements ApplicationRepository {
    /** DynamoDB's TransactWriteItems takes at most this many actions. */
    private static final int MAX_ACTIONS = 100;
    private static final Comparator<Application> NEWEST_FIRST =
            Comparator.comparing(Application::createdAt).thenComparing(Application::id).reversed();

    private final InMemoryTable table;
    private final Deque<Runnable> beforeApply = new ArrayDeque<>();

    public InMemoryApplicationRepository() {
        this(new InMemoryTable());
    }

    public InMemoryApplicationRepository(InMemoryTable table) {
        this.table = table;
    }

    /** Runs {@code interference} (another request's change, say) once, right before the next change is applied. */
    public void beforeNextApply(Runnable interference) {
        synchronized (beforeApply) {
            beforeApply.add(interference);
        }
    }

    @Override
    public boolean create(Application application, Task firstTask, AuditEvent event) {
        synchronized (table.lock) {
            InMemoryTable.Partition p = table.partition(application.id());
            if (p.application != null) {
                return false;
            }
            p.application = application;
            p.lastChangeId = null;
            p.tasks.put(firstTask.taskId(), firstTask);
            table.addEvent(application.id(), event, null);
            table.addToAggregates(application.municipalityCode(), Monitoring.contribution(application, List.of()));
            return true;
        }
    }

    @Override
    public Optional<Application> find(String id) {
        synchronized (table.lock) {
            InMemoryTable.Partition p = table.partitions.get(id);
            return Optional.ofNullable(p == null ? null : p.application);
        }
    }

    @Override
    public Optional<Dossier> findWithDocuments(String id) {
        synchronized (table.lock) {
            InMemoryTable.Partition p = table.partitions.get(id);
            if (p == null || p.application == null) {
                return Optional.empty();
            }
            return Optional.of(new Dossier(p.application, InMemoryDocumentRepository.oldestFirst(p.documents.values())));
        }
    }

    @Override
    public Application apply(ApplicationChange change) {
        Runnable interference;
        synchronized (beforeApply) {
            interference = beforeApply.poll();
        }
        if (interference != null) {
            interference.run();
        }
        Application after = change.after();
        if (!after.id().equals(change.before().id())) {
            throw new IllegalArgumentException("a change keeps the application id");
        }
        if (!after.municipalityCode().equals(change.before().municipalityCode())) {
            throw new IllegalArgumentException("a change keeps the municipality");
        }
        List<AllocationCommitment> commitments = mergedPerYear(change.commitments());
        List<AllocationRequirement> requirements = mergedRequirements(change.requirements(), commitments);
        Set<String> opened = new HashSet<>();
        change.openTasks().forEach(t -> opened.add(t.taskId()));
        long closed = change.closeTaskIds().stream().filter(id -> !opened.contains(id)).count();
        synchronized (table.lock) {
            InMemoryTable.Partition p = table.partitions.get(after.id());
            Application stored = p == null ? null : p.application;
            Map<Integer, Figures> delta = stored == null ? Map.of() : monitoringDelta(change, p);
            long actions = 2 + opened.size() + closed + commitments.size() + requirements.size()
                    + change.documents().size() + change.reports().size() + change.notifications().size()
                    + delta.values().stream().filter(f -> !f.isZero()).count();
            if (actions > MAX_ACTIONS) {
                throw new IllegalArgumentException("a change writes at most " + MAX_ACTIONS + " items, this one " + actions);
            }
            if (stored == null || stored.version() != change.before().version()) {
                if (stored != null && change.changeId().equals(p.lastChangeId)) {
                    return stored;
                }
                throw new ConcurrentChangeException("application " + after.id() + " changed meanwhile");
            }
            for (AllocationCommitment c : commitments) {
                InMemoryTable.AllocationRow row = table.allocations.get(InMemoryTable.key(c.municipality(), c.year()));
                if (row == null) {
                    throw new AllocationExceededException("there is no allocation for " + c.year()
                            + "; the award needs " + c.cents() + " cents");
                }
                if (row.headroom() < c.cents()) {
                    throw new AllocationExceededException("the allocation for " + c.year() + " has "
                            + row.headroom() + " cents left; the award needs " + c.cents());
                }
            }
            for (AllocationRequirement r : requirements) {
                InMemoryTable.AllocationRow row = table.allocations.get(InMemoryTable.key(r.municipality(), r.year()));
                if (row == null || row.amountCents < r.atLeastCents()) {
                    throw new AllocationShortfallException("the change needs an allocation of at least "
                            + r.atLeastCents() + " cents for " + r.year() + ", which " + r.municipality().value()
                            + " does not have");
                }
            }
            AwardReference reference = change.takesReference();
            if (reference != null
                    && table.lastReference.getOrDefault(reference.year(), 0) != reference.sequence() - 1) {
                throw new ReferenceTakenException(reference + " was taken by another award");
            }
            for (Document d : change.documents()) {
                if (p.documents.containsKey(d.documentId())) {
                    throw new ConflictException("document " + d.documentId() + " exists already");
                }
            }
            for (Notification n : change.notifications()) {
                if (p.outbox.containsKey(n.id())) {
                    // the id derives from the change id: another change under this change's id, never a retry
                    throw new IllegalStateException("notification " + n.id() + " of change " + change.changeId()
                            + " exists already: change ids must be unique");
                }
            }
            p.application = after;
            p.lastChangeId = change.changeId();
            if (reference != null) {
                table.lastReference.put(reference.year(), reference.sequence());
            }
            table.addEvent(after.id(), change.event(), change.changeId(), after.version());
            change.openTasks().forEach(t -> p.tasks.put(t.taskId(), t));
            change.closeTaskIds().stream().filter(id -> !opened.contains(id)).forEach(p.tasks::remove);
            for (AllocationCommitment c : commitments) {
                table.allocations.get(InMemoryTable.key(c.municipality(), c.year())).committedCents += c.cents();
            }
            change.documents().forEach(d -> p.documents.put(d.documentId(), d));
            change.reports().forEach(r -> p.reports.put(r.year(), r));
            change.notifications().forEach(n -> p.outbox.put(n.id(), n));
            table.addToAggregates(after.municipalityCode(), delta);
            return after;
        }
    }

    @Override
    public AwardReference nextReference(int year) {
        synchronized (table.lock) {
            return AwardReference.after(year, table.lastReference.getOrDefault(year, 0));
        }
    }

    /** As the real adapter: the stored reports, the change's own replacing those of their year afterwards. */
    private static Map<Integer, Figures> monitoringDelta(ApplicationChange change, InMemoryTable.Partition p) {
        List<Report> stored = change.before().status().holdsReports() ? List.copyOf(p.reports.values()) : List.of();
        Map<Integer, Report> afterReports = new LinkedHashMap<>();
        stored.forEach(r -> afterReports.put(r.year(), r));
        change.reports().forEach(r -> afterReports.put(r.year(), r));
        return Monitoring.delta(Monitoring.contribution(change.before(), stored),
                Monitoring.contribution(change.after(), afterReports.values()));
    }

    private static List<AllocationCommitment> mergedPerYear(List<AllocationCommitment> commitments) {
        Map<String, AllocationCommitment> merged = new LinkedHashMap<>();
        for (AllocationCommitment c : commitments) {
            if (c.cents() < 0) {
                throw new IllegalArgumentException("a commitment cannot be negative");
            }
            merged.merge(InMemoryTable.key(c.municipality(), c.year()), c, (a, b) ->
                    new AllocationCommitment(a.municipality(), a.year(), Math.addExact(a.cents(), b.cents())));
        }
        return merged.values().stream().filter(c -> c.cents() > 0).toList();
    }

    private static List<AllocationRequirement> mergedRequirements(List<AllocationRequirement> requirements,
                                                                  List<AllocationCommitment> commitments) {
        Map<String, AllocationRequirement> merged = new LinkedHashMap<>();
        for (AllocationRequirement r : requirements) {
            merged.merge(InMemoryTable.key(r.municipality(), r.year()), r,
                    (a, b) -> a.atLeastCents() >= b.atLeastCents() ? a : b);
        }
        for (AllocationCommitment c : commitments) {
            if (merged.containsKey(InMemoryTable.key(c.municipality(), c.year()))) {
                throw new IllegalArgumentException("a change cannot both commit and require the allocation of "
                        + c.municipality().value() + " for " + c.year());
            }
        }
        return List.copyOf(merged.values());
    }

    @Override
    public boolean applied(String applicationId, String changeIdPrefix) {
        synchronized (table.lock) {
            InMemoryTable.Partition p = table.partitions.get(applicationId);
            return p != null && p.events.stream()
                    .anyMatch(e -> e.changeId() != null && e.changeId().startsWith(changeIdPrefix));
        }
    }

    @Override
    public void record(String applicationId, AuditEvent event) {
        synchronized (table.lock) {
            table.addEvent(applicationId, event, null);
        }
    }

    /** As the real adapter: the event and the outbox items together, or nothing when one of them exists already. */
    @Override
    public boolean record(String applicationId, AuditEvent event, List<Notification> notifications) {
        if (notifications.stream().anyMatch(n -> !n.applicationId().equals(applicationId))) {
            throw new IllegalArgumentException("the notifications are about another application");
        }
        if (1 + notifications.size() > MAX_ACTIONS) {
            throw new IllegalArgumentException("an event writes at most " + MAX_ACTIONS + " items, this one "
                    + (1 + notifications.size()));
        }
        synchronized (table.lock) {
            InMemoryTable.Partition p = table.partition(applicationId);
            if (notifications.stream().anyMatch(n -> p.outbox.containsKey(n.id()))) {
                return false;
            }
            table.addEvent(applicationId, event, null);
            notifications.forEach(n -> p.outbox.put(n.id(), n));
            return true;
        }
    }

    /** The outbox items the application's changes and events wrote, in the order written. */
    public List<Notification> notifications(String applicationId) {
        synchronized (table.lock) {
            InMemoryTable.Partition p = table.partitions.get(applicationId);
            return p == null ? List.of() : List.copyOf(p.outbox.values());
        }
    }

    /**
     * As the real adapter plans it: a municipality user sees their own municipality only, an advisor never a draft nor
     * an application that was never submitted; newest first; the token is where the previous page ended.
     */
    @Override
    public Page<Application> list(ApplicationQuery query) {
        if (query.limit() < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        Actor actor = query.actor();
        MunicipalityCode municipality = query.municipality();
        // until its first submission an application is its municipality's own; a query without actor sees all
        boolean submittedOnly = actor != null && actor.role() != Role.MUNICIPALITY;
        if (actor != null && actor.role() == Role.MUNICIPALITY) {
            if (municipality != null && !actor.belongsTo(municipality)) {
                return new Page<>(List.of(), null);
            }
            municipality = actor.municipality();
        }
        if (submittedOnly && query.status() == Status.DRAFT) {
            return new Page<>(List.of(), null);
        }
        MunicipalityCode scope = municipality;
        List<Application> all;
        synchronized (table.lock) {
            all = table.partitions.values().stream().map(p -> p.application).filter(a -> a != null)
                    .filter(a -> scope == null || a.municipalityCode().equals(scope))
                    .filter(a -> query.status() == null || a.status() == query.status())
                    .filter(a -> query.year() == null || a.plan().years().contains(query.year()))
                    .filter(a -> !submittedOnly || (a.submittedAt() != null && a.status() != Status.DRAFT))
                    .filter(a -> query.search() == null || SearchText.matches(query.search(), a.plan().title(),
                            a.municipality().name(), a.municipalityCode().value()))
                    .sorted(query.oldestFirst() ? NEWEST_FIRST.reversed() : NEWEST_FIRST)
                    .toList();
        }
        // the token: who asked and what, then the last application's sort key (another caller's token is refused)
        String tokenScope = (actor == null ? "" : actor.id()) + "|" + query.status() + "|" + query.municipality() + "|"
                + query.year() + "|" + query.search() + "|" + query.oldestFirst() + "|";
        List<Application> rest = all;
        if (query.nextToken() != null) {
            String token = query.nextToken().startsWith(tokenScope) ? query.nextToken().substring(tokenScope.length()) : "";
            int cut = token.indexOf('#');
            if (cut < 0) {
                throw new IllegalArgumentException("nextToken does not belong to this caller and query");
            }
            Instant createdAt = Instant.parse(token.substring(0, cut));
            String id = token.substring(cut + 1);
            // the next page starts right after where the previous one ended, as a start key does
            rest = all.stream().filter(a -> {
                int c = a.createdAt().compareTo(createdAt) != 0 ? a.createdAt().compareTo(createdAt) : a.id().compareTo(id);
                return query.oldestFirst() ? c > 0 : c < 0;
            }).toList();
        }
        List<Application> items = rest.subList(0, Math.min(query.limit(), rest.size()));
        String next = rest.size() > query.limit() ? tokenScope + sortKey(items.get(items.size() - 1)) : null;
        return new Page<>(items, next);
    }

    private static String sortKey(Application app) {
        return app.createdAt() + "#" + app.id();
    }

    @Override
    public List<AuditEvent> history(String applicationId) {
        return events(applicationId).stream().map(InMemoryTable.Event::event).toList();
    }

    /**
     * As the real adapter: oldest first (as the sort key {@code EVT#time#sequence} orders them); the token is where
     * the previous page ended, and a page is the last when nothing follows it.
     */
    @Override
    public Page<AuditEvent> history(String applicationId, int limit, String nextToken) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        List<InMemoryTable.Event> rest = events(applicationId);
        if (nextToken != null) {
            String[] after = InMemoryTable.parts(nextToken, "EVT#" + applicationId, 3);
            Instant at = Instant.parse(after[1]);
            long sequence = Long.parseLong(after[2]);
            rest = rest.stream().filter(e -> e.event().at().isAfter(at)
                    || (e.event().at().equals(at) && e.sequence() > sequence)).toList();
        }
        if (rest.size() <= limit) {
            return new Page<>(rest.stream().map(InMemoryTable.Event::event).toList(), null);
        }
        InMemoryTable.Event last = rest.get(limit - 1);
        return new Page<>(rest.subList(0, limit).stream().map(InMemoryTable.Event::event).toList(),
                InMemoryTable.token("EVT#" + applicationId, last.event().at().toString(), Long.toString(last.sequence())));
    }

    /** As the real adapter: the events of changes whose version is above the given one, oldest first. */
    @Override
    public List<AuditEvent> changesSince(String applicationId, long version) {
        return events(applicationId).stream().filter(e -> e.version() != null && e.version() > version)
                .map(InMemoryTable.Event::event).toList();
    }

    private List<InMemoryTable.Event> events(String applicationId) {
        synchronized (table.lock) {
            InMemoryTable.Partition p = table.partitions.get(applicationId);
            return p == null ? List.of() : p.events.stream()
                    .sorted(Comparator.comparing((InMemoryTable.Event e) -> e.event().at())
                            .thenComparingLong(InMemoryTable.Event::sequence))
                    .toList();
        }
    }

    /** The change ids the application's events record, oldest first (null for events without a change). */
    public List<String> changeIds(String applicationId) {
        synchronized (table.lock) {
            InMemoryTable.Partition p = table.partitions.get(applicationId);
            return p == null ? List.of() : p.events.stream().map(InMemoryTable.Event::changeId).toList();
        }
    }

    @Override
    public List<Report> reports(String applicationId) {
        synchronized (table.lock) {
            InMemoryTable.Partition p = table.partitions.get(applicationId);
            return p == null ? List.of() : List.copyOf(p.reports.values());
        }
    }

    @Override
    public List<Task> openTasks(String applicationId) {
        synchronized (table.lock) {
            InMemoryTable.Partition p = table.partitions.get(applicationId);
            return p == null ? List.of() : List.copyOf(p.tasks.values());
        }
    }

    /** As the real adapter's task index: a municipality's tasks for its users, a role's for the others; oldest first. */
    @Override
    public Page<Task> tasks(TaskQuery query) {
        if (query.limit() < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        Actor actor = query.actor();
        Comparator<Task> order = Comparator.comparing(Task::createdAt).thenComparing(Task::taskId);
        List<Task> all;
        synchronized (table.lock) {
            all = table.partitions.values().stream().flatMap(p -> p.tasks.values().stream())
                    .filter(t -> t.type().role() == actor.role())
                    .filter(t -> actor.role() != Role.MUNICIPALITY || t.municipalityCode().equals(actor.municipality()))
                    .filter(t -> query.types().isEmpty() || query.types().contains(t.type()))
                    .filter(t -> query.search() == null || SearchText.matches(query.search(), t.applicationTitle(),
                            t.municipalityName(), t.municipalityCode().value()))
                    .sorted(query.newestFirst() ? order.reversed() : order)
                    .toList();
        }
        // the token: who asked and what, then the last task's id (another caller's or query's token is refused)
        String scope = actor.id() + "|" + query.types() + "|" + query.search() + "|" + query.newestFirst() + "|";
        int from = 0;
        if (query.nextToken() != null) {
            if (!query.nextToken().startsWith(scope)) {
                throw new IllegalArgumentException("nextToken was given out to another caller or for another query");
            }
            String last = query.nextToken().substring(scope.length());
            from = all.stream().map(Task::taskId).toList().indexOf(last) + 1;
        }
        List<Task> items = all.subList(Math.min(from, all.size()), Math.min(from + query.limit(), all.size()));
        String next = from + query.limit() < all.size() ? scope + items.get(items.size() - 1).taskId() : null;
        return new Page<>(items, next);
    }

    /** The actions of the application's events, oldest first: a compact view for assertions. */
    public List<String> actions(String applicationId) {
        return history(applicationId).stream().map(AuditEvent::action).toList();
    }

    /** How many events with this action the application's trail holds. */
    public long count(String applicationId, String action) {
        return history(applicationId).stream().filter(e -> e.action().equals(action)).count();
    }
}
