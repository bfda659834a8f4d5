package nl.spuk.adapter.in.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.spuk.application.notifications.NotificationDelivery;
import nl.spuk.config.LambdaContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table's stream, filtered to new outbox items ({@code type = OUTBOX}, {@code state = PENDING}; template.yaml's
 * {@code FilterCriteria}): delivers each one's notification. Records are handled in order; the first that fails is
 * reported ({@code ReportBatchItemFailures}), so Lambda retries from it (a record delivered before is claimed already
 * and sends nothing again) and, once its attempts are used up, sends the batch's description to the dead-letter queue.
 */
public final class NotifierHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(NotifierHandler.class);
    /** The outbox item's attributes the handler reads: which notification of which application. */
    static final String APPLICATION_ID = "applicationId";
    static final String NOTIFICATION_ID = "notificationId";
    static final String TYPE = "type";
    static final String OUTBOX = "OUTBOX";

    private final NotificationDelivery delivery;

    public NotifierHandler() {
        this(LambdaContainer.components().notificationDelivery());
    }

    public NotifierHandler(NotificationDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        try (LogContext logContext = LogContext.open(context, this)) {
            for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords() == null
                    ? List.<DynamodbEvent.DynamodbStreamRecord>of() : event.getRecords()) {
                String sequenceNumber = record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
                try {
                    deliver(record, logContext);
                } catch (RuntimeException e) {
                    LOG.error("delivering the notification of stream record {} failed; Lambda retries from it",
                            sequenceNumber, e);
                    failures.add(new StreamsEventResponse.BatchItemFailure(sequenceNumber));
                    break; // a stream's records are retried from the first failure on, in order
                }
            }
        }
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }

    private void deliver(DynamodbEvent.DynamodbStreamRecord record, LogContext logContext) {
        Map<String, AttributeValue> image = record.getDynamodb() == null ? null : record.getDynamodb().getNewImage();
        if (image == null || !OUTBOX.equals(string(image, TYPE))) {
            LOG.warn("skipped stream record {}: not an outbox item (check the event source's filter)", record.getEventID());
            return;
        }
        String applicationId = string(image, APPLICATION_ID);
        String notificationId = string(image, NOTIFICATION_ID);
        if (applicationId == null || notificationId == null) {
            LOG.warn("skipped outbox record {}: no application or notification id", record.getEventID());
            return;
        }
        // this record's lines name its application and notification (the next record's replace them)
        logContext.with(LogContext.APPLICATION_ID, applicationId).with(LogContext.NOTIFICATION_ID, notificationId);
        // the record's event id: the same in every retry of this record, another in a record that re-drives the item
        String deliveryId = record.getEventID() != null ? record.getEventID()
                : String.valueOf(record.getDynamodb().getSequenceNumber());
        NotificationDelivery.Outcome outcome = delivery.deliver(applicationId, notificationId, deliveryId);
        LOG.info("notification {} of application {}: {}", notificationId, applicationId, outcome);
    }

    private static String string(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image.get(name);
        return value == null ? null : value.getS();
    }
}
