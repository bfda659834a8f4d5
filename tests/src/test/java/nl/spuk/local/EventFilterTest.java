package nl.spuk.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Local mode filters the table's stream as Lambda's event source mapping does, with the template's own pattern: new
 * and re-driven outbox items waiting to be sent pass; the notifier's own updates and every other item do not.
 */
class EventFilterTest {

    @Test
    void the_templates_filter_passes_outbox_items_waiting_to_be_sent_only() throws Exception {
        SamTemplate template = SamTemplate.read(TemplateFile.path().toUri().toURL().openStream());
        SamTemplate.EventFunction notifier = template.functionsWithEvent("DynamoDB").get(0);
        assertThat(notifier.functionName()).isEqualTo("NotifierFunction");
        EventFilter filter = EventFilter.of(notifier.properties().get("FilterCriteria"));

        assertThat(filter.matches(LocalStreams.filterView(record(OperationType.INSERT, "OUTBOX", "PENDING")))).isTrue();
        assertThat(filter.matches(LocalStreams.filterView(record(OperationType.MODIFY, "OUTBOX", "PENDING")))).as("re-driven").isTrue();
        for (String state : new String[] {"SENDING", "SENT", "FAILED"}) {
            assertThat(filter.matches(LocalStreams.filterView(record(OperationType.MODIFY, "OUTBOX", state)))).as(state).isFalse();
        }
        assertThat(filter.matches(LocalStreams.filterView(record(OperationType.INSERT, "APPLICATION", "PENDING")))).isFalse();
        assertThat(filter.matches(LocalStreams.filterView(record(OperationType.REMOVE, "OUTBOX", "PENDING")))).isFalse();
    }

    @Test
    void the_matchers_local_mode_knows_and_refuses_the_others() {
        EventFilter prefix = EventFilter.ofPatterns("{\"dynamodb\":{\"Keys\":{\"SK\":{\"S\":[{\"prefix\":\"OUTBOX#\"}]}}}}");
        assertThat(prefix.matches(LocalStreams.filterView(record(OperationType.INSERT, "OUTBOX", "PENDING")))).isTrue();
        EventFilter exists = EventFilter.ofPatterns("{\"dynamodb\":{\"NewImage\":{\"lastError\":[{\"exists\":false}]}}}");
        assertThat(exists.matches(LocalStreams.filterView(record(OperationType.INSERT, "OUTBOX", "PENDING")))).isTrue();
        EventFilter anythingBut = EventFilter.ofPatterns("{\"eventName\":[{\"anything-but\":[\"REMOVE\"]}]}");
        assertThat(anythingBut.matches(LocalStreams.filterView(record(OperationType.REMOVE, "OUTBOX", "PENDING")))).isFalse();
        assertThatThrownBy(() -> EventFilter.ofPatterns("{\"eventName\":[{\"numeric\":[\">\",0]}]}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Record record(OperationType operation, String type, String state) {
        Map<String, AttributeValue> keys = Map.of("PK", AttributeValue.fromS("APP#a-1"), "SK", AttributeValue.fromS("OUTBOX#n-1"));
        Map<String, AttributeValue> image = Map.of("PK", keys.get("PK"), "SK", keys.get("SK"),
                "type", AttributeValue.fromS(type), "state", AttributeValue.fromS(state));
        return Record.builder().eventID("e-1").eventName(operation)
                .dynamodb(d -> d.keys(keys).newImage(operation == OperationType.REMOVE ? null : image).sequenceNumber("1"))
                .build();
    }
}
