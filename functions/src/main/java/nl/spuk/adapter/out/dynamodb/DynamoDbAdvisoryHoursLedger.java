package nl.spuk.adapter.out.dynamodb;

import static nl.spuk.adapter.out.dynamodb.Attr.s;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import nl.spuk.application.ConcurrentChangeException;
import nl.spuk.application.ConflictException;
import nl.spuk.application.HoursCapExceededException;
import nl.spuk.application.port.AdvisoryHoursLedger;
import nl.spuk.application.port.Page;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.HoursBalance;
import nl.spuk.domain.HoursEntry;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Status;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The advisory hours ledger in the single table, in each municipality's partition: the running total
 * ({@code SK=HOURS}), one item per entry ({@code SK=HOURS#at#entryId}) and one per booked entry id
 * ({@code SK=HOURSENTRY#entryId}). A booking is one transaction whose conditions hold the cap, book each entry id
 * once and require the application to be IN_REVIEW — so the cap holds also under concurrent bookings.
 */
public final class DynamoDbAdvisoryHoursLedger implements AdvisoryHoursLedger {
    // The order of the actions in a booking; cancellation reasons come in this order.
    private static final int LEDGER = 0;
    private static final int GUARD = 1;
    private static final int APPLICATION = 3;

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbAdvisoryHoursLedger(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client);
        this.tableName = Objects.requireNonNull(tableName);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A transaction that keeps losing conflicts with concurrent bookings is given up with
     * {@link ConcurrentChangeException}; nothing is booked then.
     *
     * @throws IllegalArgumentException when the entry has no positive number of quarter hours
     */
    @Override
    public HoursBalance book(HoursEntry entry, int capQuarterHours, AuditEvent event) {
        if (entry.quarterHours() <= 0) {
            throw new IllegalArgumentException("an entry books at least one quarter hour");
        }
        MunicipalityCode municipality = entry.municipality();
        if (entry.quarterHours() > capQuarterHours) {
            throw new HoursCapExceededException(balance(municipality, capQuarterHours));
        }
        List<TransactWriteItem> actions = List.of(
                TransactWriteItem.builder().update(
                        HoursLedgerItem.book(tableName, municipality, entry.quarterHours(), capQuarterHours)).build(),
                putIfAbsent(HoursEntryItem.guardItem(entry)),
                putIfAbsent(HoursEntryItem.toItem(entry)),
                TransactWriteItem.builder().conditionCheck(c -> c.tableName(tableName)
                        .key(Keys.key(Keys.appPk(entry.applicationId()), Keys.APP_SK))
                        .conditionExpression("#status = :inReview")
                        .expressionAttributeNames(Map.of("#status", ApplicationItem.STATUS))
                        .expressionAttributeValues(Map.of(":inReview", s(Status.IN_REVIEW.name())))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(tableName)
                        .item(EventItem.toItem(entry.applicationId(), event))).build());
        try {
            Transactions.write(client, actions, index -> true);
        } catch (TransactionCanceledException e) {
            // DynamoDB names every failed condition; a repeat is success whatever else failed with it (its first
            // booking may have reached the cap, or moved on from review).
            if (Transactions.conditionFailed(e, GUARD)) {
                return balance(municipality, capQuarterHours);
            }
            if (Transactions.conditionFailed(e, APPLICATION)) {
                throw new ConflictException("advisory hours can be logged only while the application is in review");
            }
            if (Transactions.conditionFailed(e, LEDGER)) {
                throw new HoursCapExceededException(balance(municipality, capQuarterHours));
            }
            if (e.hasCancellationReasons() && e.cancellationReasons().stream()
                    .anyMatch(r -> Transactions.CONFLICT.equals(r.code()))) {
                throw new ConcurrentChangeException("the advisory hours of " + municipality.value()
                        + " could not be booked: concurrent writes kept conflicting; try again");
            }
            throw e;
        }
        return balance(municipality, capQuarterHours);
    }

    /** {@inheritDoc} Read strongly consistent; a municipality that never booked has used nothing. */
    @Override
    public HoursBalance balance(MunicipalityCode municipality, int capQuarterHours) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(tableName)
                .key(HoursLedgerItem.key(municipality)).consistentRead(true)).item();
        return new HoursBalance(HoursLedgerItem.used(item), capQuarterHours);
    }

    @Override
    public Page<HoursEntry> entries(MunicipalityCode municipality, int limit, String nextToken) {
        return PrefixPage.query(client, tableName, Keys.municipalityPk(municipality), Keys.HOURS_ENTRY_PREFIX, limit,
                nextToken, HoursEntryItem::fromItem);
    }

    private TransactWriteItem putIfAbsent(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName(tableName).item(item)
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", DynamoDbTable.PK))).build();
    }
}
