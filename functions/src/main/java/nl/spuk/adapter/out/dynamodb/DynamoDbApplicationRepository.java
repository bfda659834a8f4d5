package nl.spuk.adapter.out.dynamodb;

import static nl.spuk.adapter.out.dynamodb.Attr.n;
import static nl.spuk.adapter.out.dynamodb.Attr.s;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Applications, their audit trail and open tasks in the single table (docs/dynamodb.md). Every change is one
 * transaction, conditional on the stored version, so a lost race is detected and a repeated change is harmless;
 * an award's commitments take their allocation's headroom in the same transaction, so no allocation is ever
 * over-committed; and the monitoring aggregates ({@link FiguresItem}) receive the change's
 * {@link Monitoring#delta} in that transaction too, so they are exact after any crash, retry or race. The notifications
 * a change sends are outbox items of the same transaction ({@link OutboxItem}): a change that rolls back notifies
 * nobody, an applied one cannot forget to, and a repeat of an applied change (cancelled by the version condition)
 * writes none again.
 */
public final class DynamoDbApplicationRepository implements ApplicationRepository {
    /** TransactWriteItems takes at most this many actions. */
    private static final int MAX_ACTIONS = 100;
    /** Rounds of a filtered list read this many items at least, so few rounds fill a page. */
    private static final int FILTERED_ROUND_SIZE = 100;

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbApplicationRepository(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client);
        this.tableName = Objects.requireNonNull(tableName);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The application's {@link Monitoring#contribution} is added to its municipality's aggregates.
     *
     * @throws ConcurrentChangeException when concurrent writes on the aggregates kept conflicting
     */
    @Override
    public boolean create(Application application, Task firstTask, AuditEvent event) {
        List<TransactWriteItem> actions = new ArrayList<>(List.of(
                TransactWriteItem.builder().put(p -> p.tableName(tableName)
                        .item(ApplicationItem.toItem(application, null))
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", DynamoDbTable.PK))).build(),
                putTask(firstTask),
                putEvent(application.id(), event)));
        actions.addAll(addToAggregates(application.municipalityCode(), Monitoring.contribution(application, List.of())));
        try {
            Transactions.write(client, actions, index -> index != 0);
            return true;
        } catch (TransactionCanceledException e) {
            if (Transactions.conditionFailed(e, 0)) {
                return false;
            }
            if (e.hasCancellationReasons() && e.cancellationReasons().stream()
                    .anyMatch(r -> Transactions.CONFLICT.equals(r.code()))) {
                throw new ConcurrentChangeException("application " + application.id()
                        + " could not be created: concurrent writes kept conflicting; try again");
            }
            throw e;
        }
    }

    @Override
    public Optional<Application> find(String id) {
        return readItem(id).map(ApplicationItem::fromItem);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The documents live in the application's partition right after its item ({@code SK=APP}, then
     * {@code DOC#…}), so one strongly consistent query of that range returns both: {@code SK BETWEEN APP AND DOC$}.
     */
    @Override
    public Optional<Dossier> findWithDocuments(String id) {
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :app AND :docsEnd")
                .expressionAttributeNames(Map.of("#pk", DynamoDbTable.PK, "#sk", DynamoDbTable.SK))
                .expressionAttributeValues(Map.of(":pk", s(Keys.appPk(id)), ":app", s(Keys.APP_SK),
                        ":docsEnd", s(Keys.DOCS_END)))
                .consistentRead(true)
                .build();
        Application application = null;
        List<Document> documents = new ArrayList<>();
        for (Map<String, AttributeValue> item : client.queryPaginator(request).items()) {
            String sk = Attr.str(item, DynamoDbTable.SK);
            if (Keys.APP_SK.equals(sk)) {
                application = ApplicationItem.fromItem(item);
            } else if (sk != null && sk.startsWith(Keys.DOC_PREFIX)) {
                documents.add(DocumentItem.fromItem(item));
            }
        }
        if (application == null) {
            return Optional.empty();
        }
        documents.sort(DocumentItem.OLDEST_FIRST);
        return Optional.of(new Dossier(application, documents));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Commitments for the same municipality and year are taken together; requirements on an allocation are
     * condition checks of the same transaction. The change's {@link Monitoring#delta}
     * is added to its municipality's aggregates, one update per year it changes; a conflict on an aggregate with
     * a transaction of another application is retried. A change that gives the award its reference moves the year's
     * {@link ReferenceCounterItem} in the same transaction (a conflict there, another approval in flight, is retried).
     *
     * @throws ConcurrentChangeException when the application changed meanwhile (or is being changed right now)
     * @throws ReferenceTakenException when the reference the change gives is no longer its year's next
     * @throws AllocationExceededException when a commitment does not fit in its year's headroom (or there is no
     *         allocation for that year); nothing is written then
     * @throws AllocationShortfallException when an allocation the change requires is missing or smaller (checked
     *         in the same transaction, without reading it); nothing is written then
     * @throws ConflictException when one of the documents exists already
     * @throws IllegalArgumentException when the change needs more than {@value #MAX_ACTIONS} writes
     */
    @Override
    public Application apply(ApplicationChange change) {
        Application after = change.after();
        if (!after.id().equals(change.before().id())) {
            throw new IllegalArgumentException("a change keeps the application id");
        }
        if (!after.municipalityCode().equals(change.before().municipalityCode())) {
            throw new IllegalArgumentException("a change keeps the municipality");
        }
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(TransactWriteItem.builder().put(p -> p.tableName(tableName)
                .item(ApplicationItem.toItem(after, change.changeId()))
                .conditionExpression("#version = :expected")
                .expressionAttributeNames(Map.of("#version", ApplicationItem.VERSION))
                .expressionAttributeValues(Map.of(":expected", n(change.before().version())))).build());
        actions.add(TransactWriteItem.builder().put(p -> p.tableName(tableName)
                .item(EventItem.toItem(after.id(), change.event(), change.changeId(), after.version()))).build());
        Set<String> opened = new HashSet<>();
        for (Task task : change.openTasks()) {
            actions.add(putTask(task));
            opened.add(task.taskId());
        }
        for (String taskId : change.closeTaskIds()) {
            // One transaction may touch an item once; a task both closed and opened ends up open.
            if (!opened.contains(taskId)) {
                actions.add(TransactWriteItem.builder().delete(d -> d.tableName(tableName)
                        .key(TaskItem.key(after.id(), taskId))).build());
            }
        }
        int firstCommitment = actions.size();
        List<AllocationCommitment> commitments = mergedPerYear(change.commitments());
        for (AllocationCommitment commitment : commitments) {
            actions.add(TransactWriteItem.builder().update(AllocationItem.commit(tableName, commitment)).build());
        }
        int firstRequirement = actions.size();
        List<AllocationRequirement> requirements = mergedRequirements(change.requirements(), commitments);
        for (AllocationRequirement requirement : requirements) {
            actions.add(TransactWriteItem.builder().conditionCheck(AllocationItem.covers(tableName, requirement)).build());
        }
        int firstDocument = actions.size();
        for (Document document : change.documents()) {
            actions.add(TransactWriteItem.builder().put(p -> p.tableName(tableName)
                    .item(DocumentItem.toItem(document))
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", DynamoDbTable.PK))).build());
        }
        for (Report report : change.reports()) {
            actions.add(TransactWriteItem.builder().put(p -> p.tableName(tableName).item(ReportItem.toItem(report))).build());
        }
        int referenceAt = -1;
        AwardReference reference = change.takesReference();
        if (reference != null) {
            referenceAt = actions.size();
            actions.add(TransactWriteItem.builder().update(ReferenceCounterItem.take(tableName, reference)).build());
        }
        int firstNotification = actions.size();
        change.notifications().forEach(n -> actions.add(putOutbox(n)));
        actions.addAll(addToAggregates(after.municipalityCode(), monitoringDelta(change)));
        if (actions.size() > MAX_ACTIONS) {
            throw new IllegalArgumentException("a change writes at most " + MAX_ACTIONS + " items, this one "
                    + actions.size());
        }
        try {
            // Only a conflict on another item is retried: one on the application means it is being changed.
            Transactions.write(client, actions, index -> index != 0);
            return after;
        } catch (TransactionCanceledException e) {
            if (Transactions.conditionFailed(e, 0)) {
                Optional<Map<String, AttributeValue>> stored = readItem(after.id());
                if (stored.isPresent() && change.changeId().equals(ApplicationItem.lastChangeId(stored.get()))) {
                    return ApplicationItem.fromItem(stored.get());
                }
                throw new ConcurrentChangeException("application " + after.id() + " changed meanwhile");
            }
            if (Transactions.CONFLICT.equals(Transactions.reason(e, 0))) {
                throw new ConcurrentChangeException("application " + after.id() + " is being changed concurrently");
            }
            for (int i = 0; i < commitments.size(); i++) {
                if (Transactions.conditionFailed(e, firstCommitment + i)) {
                    throw exceeded(commitments.get(i));
                }
            }
            for (int i = 0; i < requirements.size(); i++) {
                if (Transactions.conditionFailed(e, firstRequirement + i)) {
                    AllocationRequirement r = requirements.get(i);
                    throw new AllocationShortfallException("the change needs an allocation of at least "
                            + r.atLeastCents() + " cents for " + r.year() + ", which " + r.municipality().value()
                            + " does not have");
                }
            }
            if (referenceAt >= 0 && Transactions.conditionFailed(e, referenceAt)) {
                throw new ReferenceTakenException(reference + " was taken by another award");
            }
            for (int i = 0; i < change.documents().size(); i++) {
                if (Transactions.conditionFailed(e, firstDocument + i)) {
                    throw new ConflictException("document " + change.documents().get(i).documentId() + " exists already");
                }
            }
            for (int i = 0; i < change.notifications().size(); i++) {
                if (Transactions.conditionFailed(e, firstNotification + i)) {
                    // the id derives from the change id: another change under this change's id, never a retry
                    throw new IllegalStateException("notification " + change.notifications().get(i).id() + " of change "
                            + change.changeId() + " exists already: change ids must be unique");
                }
            }
            if (e.hasCancellationReasons() && e.cancellationReasons().stream()
                    .anyMatch(r -> Transactions.CONFLICT.equals(r.code()))) {
                throw new ConcurrentChangeException("application " + after.id()
                        + " could not be changed: concurrent writes kept conflicting; try again");
            }
            throw e;
        }
    }

    @Override
    public AwardReference nextReference(int year) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(tableName)
                .key(ReferenceCounterItem.key(year)).consistentRead(true)).item();
        return AwardReference.after(year, ReferenceCounterItem.last(item));
    }

    /**
     * What the change does to the monitoring figures. The reports come from the table (strongly consistent), the
     * change's own reports replacing those of their year afterwards. Reports are only ever written by a change,
     * which raises the version: if they changed after this read, the version condition cancels the transaction,
     * so the delta written is always computed from the state it replaces. Before the award an application holds
     * no reports ({@link Status#holdsReports}, which {@link ApplicationChange} enforces), so the read is left out.
     */
    private Map<Integer, Figures> monitoringDelta(ApplicationChange change) {
        List<Report> stored = change.before().status().holdsReports() ? reports(change.after().id()) : List.of();
        Map<Integer, Report> afterReports = new LinkedHashMap<>();
        stored.forEach(r -> afterReports.put(r.year(), r));
        change.reports().forEach(r -> afterReports.put(r.year(), r));
        return Monitoring.delta(Monitoring.contribution(change.before(), stored),
                Monitoring.contribution(change.after(), afterReports.values()));
    }

    /** One atomic {@code ADD} per year with a non-zero delta; distinct items, as a transaction needs. */
    private List<TransactWriteItem> addToAggregates(MunicipalityCode municipality, Map<Integer, Figures> perYear) {
        List<TransactWriteItem> updates = new ArrayList<>();
        perYear.forEach((year, delta) -> {
            if (!delta.isZero()) {
                updates.add(TransactWriteItem.builder().update(FiguresItem.add(tableName, municipality, year, delta)).build());
            }
        });
        return updates;
    }

    /** One commitment per municipality and year (a transaction may touch an item once); zero ones take nothing. */
    private static List<AllocationCommitment> mergedPerYear(List<AllocationCommitment> commitments) {
        Map<String, AllocationCommitment> merged = new LinkedHashMap<>();
        for (AllocationCommitment c : commitments) {
            if (c.cents() < 0) {
                throw new IllegalArgumentException("a commitment cannot be negative");
            }
            merged.merge(c.municipality().value() + "#" + c.year(), c, (a, b) ->
                    new AllocationCommitment(a.municipality(), a.year(), Math.addExact(a.cents(), b.cents())));
        }
        return merged.values().stream().filter(c -> c.cents() > 0).toList();
    }

    /**
     * One requirement per municipality and year, the largest (a transaction may touch an item once); an item a
     * commitment of the same change updates cannot be checked besides.
     */
    private static List<AllocationRequirement> mergedRequirements(List<AllocationRequirement> requirements,
                                                                  List<AllocationCommitment> commitments) {
        Map<String, AllocationRequirement> merged = new LinkedHashMap<>();
        for (AllocationRequirement r : requirements) {
            merged.merge(r.municipality().value() + "#" + r.year(), r,
                    (a, b) -> a.atLeastCents() >= b.atLeastCents() ? a : b);
        }
        for (AllocationCommitment c : commitments) {
            if (merged.containsKey(c.municipality().value() + "#" + c.year())) {
                throw new IllegalArgumentException("a change cannot both commit and require the allocation of "
                        + c.municipality().value() + " for " + c.year());
            }
        }
        return List.copyOf(merged.values());
    }

    private AllocationExceededException exceeded(AllocationCommitment commitment) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(tableName)
                .key(AllocationItem.key(commitment.municipality(), commitment.year())).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return new AllocationExceededException("there is no allocation for " + commitment.year()
                    + "; the award needs " + commitment.cents() + " cents");
        }
        return new AllocationExceededException("the allocation for " + commitment.year() + " has "
                + AllocationItem.headroom(item) + " cents left; the award needs " + commitment.cents());
    }

    @Override
    public List<Report> reports(String applicationId) {
        return queryPartition(applicationId, ReportItem.SK_PREFIX).stream().map(ReportItem::fromItem)
                .sorted(java.util.Comparator.comparingInt(Report::year)).toList();
    }

    @Override
    public List<Task> openTasks(String applicationId) {
        return queryPartition(applicationId, Keys.TASK_PREFIX).stream().map(TaskItem::fromItem).toList();
    }

    /** {@inheritDoc} The change ids are on the event items (strongly consistent read, filtered). */
    @Override
    public boolean applied(String applicationId, String changeIdPrefix) {
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .filterExpression("begins_with(#change, :change)")
                .expressionAttributeNames(Map.of("#pk", DynamoDbTable.PK, "#sk", DynamoDbTable.SK,
                        "#change", EventItem.CHANGE_ID))
                .expressionAttributeValues(Map.of(":pk", s(Keys.appPk(applicationId)), ":prefix", s(Keys.EVENT_PREFIX),
                        ":change", s(changeIdPrefix)))
                .consistentRead(true)
                .build();
        return client.queryPaginator(request).items().stream().findAny().isPresent();
    }

    @Override
    public void record(String applicationId, AuditEvent event) {
        client.putItem(b -> b.tableName(tableName).item(EventItem.toItem(applicationId, event)));
    }

    /**
     * {@inheritDoc}
     *
     * <p>One transaction: the event and an outbox item per notification, each conditional on its absence. A repeat
     * finds its notifications (their ids are the same) and is cancelled whole.
     */
    @Override
    public boolean record(String applicationId, AuditEvent event, List<Notification> notifications) {
        if (notifications.isEmpty()) {
            record(applicationId, event);
            return true;
        }
        if (notifications.stream().anyMatch(n -> !n.applicationId().equals(applicationId))) {
            throw new IllegalArgumentException("the notifications are about another application");
        }
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(putEvent(applicationId, event));
        notifications.forEach(n -> actions.add(putOutbox(n)));
        if (actions.size() > MAX_ACTIONS) {
            throw new IllegalArgumentException("an event writes at most " + MAX_ACTIONS + " items, this one " + actions.size());
        }
        try {
            Transactions.write(client, actions, index -> true);
            return true;
        } catch (TransactionCanceledException e) {
            for (int i = 1; i < actions.size(); i++) {
                if (Transactions.conditionFailed(e, i)) {
                    return false;
                }
            }
            throw e;
        }
    }

    /** A notification's outbox item, written once: its id is the change's, so nothing can overwrite a claimed one. */
    private TransactWriteItem putOutbox(Notification notification) {
        return TransactWriteItem.builder().put(p -> p.tableName(tableName)
                .item(OutboxItem.toItem(notification))
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", DynamoDbTable.PK))).build();
    }

    @Override
    public Page<Application> list(ApplicationQuery query) {
        if (query.limit() < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        Optional<ApplicationListQuery> planned = ApplicationListQuery.plan(query);
        if (planned.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        ApplicationListQuery plan = planned.get();
        Map<String, AttributeValue> startKey = plan.startKey(query.nextToken());
        List<Application> items = new ArrayList<>();
        do {
            int wanted = query.limit() - items.size();
            int roundSize = plan.hasFilter() ? Math.max(wanted, FILTERED_ROUND_SIZE) : wanted;
            QueryResponse round = client.query(plan.request(tableName, roundSize, startKey));
            List<Map<String, AttributeValue>> found = round.items();
            int take = Math.min(wanted, found.size());
            found.subList(0, take).forEach(item -> items.add(ApplicationItem.fromItem(item)));
            // Stopping inside a round: the next page starts right after the last item taken.
            startKey = take < found.size() ? plan.startKeyAt(found.get(take - 1))
                    : round.hasLastEvaluatedKey() && !round.lastEvaluatedKey().isEmpty() ? round.lastEvaluatedKey()
                    : null;
        } while (startKey != null && items.size() < query.limit());
        return new Page<>(items, plan.token(startKey));
    }

    @Override
    public List<AuditEvent> history(String applicationId) {
        return queryPartition(applicationId, Keys.EVENT_PREFIX).stream().map(EventItem::fromItem).toList();
    }

    /** {@inheritDoc} The events of changes carry the version they made (strongly consistent read, filtered). */
    @Override
    public List<AuditEvent> changesSince(String applicationId, long version) {
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .filterExpression("#version > :version")
                .expressionAttributeNames(Map.of("#pk", DynamoDbTable.PK, "#sk", DynamoDbTable.SK,
                        "#version", EventItem.VERSION))
                .expressionAttributeValues(Map.of(":pk", s(Keys.appPk(applicationId)), ":prefix", s(Keys.EVENT_PREFIX),
                        ":version", n(version)))
                .consistentRead(true)
                .build();
        return client.queryPaginator(request).items().stream().map(EventItem::fromItem).toList();
    }

    @Override
    public Page<AuditEvent> history(String applicationId, int limit, String nextToken) {
        return PrefixPage.query(client, tableName, Keys.appPk(applicationId), Keys.EVENT_PREFIX, limit, nextToken,
                EventItem::fromItem);
    }

    @Override
    public Page<Task> tasks(TaskQuery query) {
        if (query.limit() < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        Actor actor = query.actor();
        String group = Keys.taskGroupPk(actor);
        String scope = PageToken.scope(actor.id(), actor.role(), actor.municipality(), new TreeSet<>(query.types()),
                query.search(), query.newestFirst());
        Set<String> keyAttributes = Set.of(DynamoDbTable.PK, DynamoDbTable.SK, DynamoDbTable.GSI1_PK, DynamoDbTable.GSI1_SK);
        Map<String, AttributeValue> startKey = PageToken.decode(query.nextToken(), keyAttributes, scope);
        if (startKey != null && (!group.equals(startKey.get(DynamoDbTable.GSI1_PK).s())
                || Keys.applicationIdIn(startKey.get(DynamoDbTable.PK).s()) == null
                || !startKey.get(DynamoDbTable.SK).s().startsWith(Keys.TASK_PREFIX))) {
            throw new IllegalArgumentException("nextToken does not belong to this query");
        }
        Map<String, String> names = new HashMap<>(Map.of("#pk", DynamoDbTable.GSI1_PK));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":group", s(group)));
        List<String> filters = new ArrayList<>();
        if (!query.types().isEmpty()) {
            names.put("#taskType", TaskItem.TASK_TYPE);
            List<String> placeholders = new ArrayList<>();
            for (TaskType type : new TreeSet<>(query.types())) {
                placeholders.add(":type" + placeholders.size());
                values.put(placeholders.get(placeholders.size() - 1), s(type.name()));
            }
            filters.add("#taskType IN (" + String.join(", ", placeholders) + ")");
        }
        if (query.search() != null) {
            names.put("#search", TaskItem.SEARCH);
            values.put(":search", s(query.search()));
            filters.add("contains(#search, :search)");
        }
        List<Task> items = new ArrayList<>();
        do {
            int wanted = query.limit() - items.size();
            QueryRequest.Builder request = QueryRequest.builder()
                    .tableName(tableName)
                    .indexName(DynamoDbTable.GSI1)
                    .keyConditionExpression("#pk = :group")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .scanIndexForward(!query.newestFirst())
                    .limit(filters.isEmpty() ? wanted : Math.max(wanted, FILTERED_ROUND_SIZE))
                    .exclusiveStartKey(startKey);
            if (!filters.isEmpty()) {
                request.filterExpression(String.join(" AND ", filters));
            }
            QueryResponse round = client.query(request.build());
            List<Map<String, AttributeValue>> found = round.items();
            int take = Math.min(wanted, found.size());
            found.subList(0, take).forEach(item -> items.add(TaskItem.fromItem(item)));
            // stopping inside a round: the next page starts right after the last task taken
            startKey = take < found.size() ? taskKey(found.get(take - 1))
                    : round.hasLastEvaluatedKey() && !round.lastEvaluatedKey().isEmpty() ? round.lastEvaluatedKey()
                    : null;
        } while (startKey != null && items.size() < query.limit());
        return new Page<>(items, PageToken.encode(startKey, scope));
    }

    private static Map<String, AttributeValue> taskKey(Map<String, AttributeValue> item) {
        return Map.of(DynamoDbTable.PK, item.get(DynamoDbTable.PK), DynamoDbTable.SK, item.get(DynamoDbTable.SK),
                DynamoDbTable.GSI1_PK, item.get(DynamoDbTable.GSI1_PK), DynamoDbTable.GSI1_SK, item.get(DynamoDbTable.GSI1_SK));
    }

    private List<Map<String, AttributeValue>> queryPartition(String applicationId, String sortPrefix) {
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", DynamoDbTable.PK, "#sk", DynamoDbTable.SK))
                .expressionAttributeValues(Map.of(":pk", s(Keys.appPk(applicationId)), ":prefix", s(sortPrefix)))
                .consistentRead(true)
                .build();
        return client.queryPaginator(request).items().stream().toList();
    }

    private Optional<Map<String, AttributeValue>> readItem(String id) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(tableName)
                .key(Keys.key(Keys.appPk(id), Keys.APP_SK)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private TransactWriteItem putTask(Task task) {
        return TransactWriteItem.builder().put(p -> p.tableName(tableName).item(TaskItem.toItem(task))).build();
    }

    private TransactWriteItem putEvent(String applicationId, AuditEvent event) {
        return TransactWriteItem.builder()
                .put(p -> p.tableName(tableName).item(EventItem.toItem(applicationId, event))).build();
    }
}
