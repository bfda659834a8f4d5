package nl.spuk.adapter.out.dynamodb;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * The single table that holds the business record, and its definition. {@code template.yaml} declares the
 * same table for AWS; the names below are what it must match (docs/dynamodb.md lists the definition).
 */
public final class DynamoDbTable {
    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String GSI1 = "GSI1";
    public static final String GSI1_PK = "GSI1PK";
    public static final String GSI1_SK = "GSI1SK";
    public static final String GSI2 = "GSI2";
    public static final String GSI2_PK = "GSI2PK";
    public static final String GSI2_SK = "GSI2SK";
    public static final String GSI3 = "GSI3";
    public static final String GSI3_PK = "GSI3PK";
    public static final String GSI3_SK = "GSI3SK";
    /** Epoch seconds after which DynamoDB's TTL may delete the item (idempotency records only). */
    public static final String TTL_ATTRIBUTE = "expiresAt";

    private DynamoDbTable() {
    }

    /** The table's stream: new images, which the notifier reads its outbox items from. */
    public static final StreamSpecification STREAM = StreamSpecification.builder().streamEnabled(true)
            .streamViewType(StreamViewType.NEW_IMAGE).build();

    /**
     * Creates the table when it does not exist yet, waits until it is active, and switches TTL and the stream on (a
     * table made before the stream existed gets it now).
     */
    public static void createIfMissing(DynamoDbClient client, String tableName) {
        if (!exists(client, tableName)) {
            try {
                client.createTable(definition(tableName));
            } catch (ResourceInUseException raced) {
                // Another process created it meanwhile: the wait below covers both cases.
            }
        }
        client.waiter().waitUntilTableExists(b -> b.tableName(tableName));
        enableTimeToLive(client, tableName);
        enableStream(client, tableName);
    }

    /** The ARN of the table's stream (for local mode's reader of it). */
    public static String streamArn(DynamoDbClient client, String tableName) {
        return client.describeTable(b -> b.tableName(tableName)).table().latestStreamArn();
    }

    private static void enableStream(DynamoDbClient client, String tableName) {
        TableDescription table = client.describeTable(b -> b.tableName(tableName)).table();
        StreamSpecification current = table.streamSpecification();
        if (current != null && Boolean.TRUE.equals(current.streamEnabled())) {
            if (current.streamViewType() != StreamViewType.NEW_IMAGE) {
                throw new IllegalStateException("the table " + tableName + " has a stream of " + current.streamViewType()
                        + "; the notifier needs NEW_IMAGE");
            }
            return;
        }
        client.updateTable(b -> b.tableName(tableName).streamSpecification(STREAM));
        client.waiter().waitUntilTableExists(b -> b.tableName(tableName));
    }

    /** The table definition: string keys, three overloaded GSIs projecting all attributes, on demand. */
    public static CreateTableRequest definition(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        stringAttribute(PK), stringAttribute(SK),
                        stringAttribute(GSI1_PK), stringAttribute(GSI1_SK),
                        stringAttribute(GSI2_PK), stringAttribute(GSI2_SK),
                        stringAttribute(GSI3_PK), stringAttribute(GSI3_SK))
                .keySchema(keySchema(PK, SK))
                .globalSecondaryIndexes(
                        index(GSI1, GSI1_PK, GSI1_SK),
                        index(GSI2, GSI2_PK, GSI2_SK),
                        index(GSI3, GSI3_PK, GSI3_SK))
                .streamSpecification(STREAM)
                .build();
    }

    private static boolean exists(DynamoDbClient client, String tableName) {
        try {
            client.describeTable(b -> b.tableName(tableName));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    private static void enableTimeToLive(DynamoDbClient client, String tableName) {
        TimeToLiveStatus status = client.describeTimeToLive(b -> b.tableName(tableName))
                .timeToLiveDescription().timeToLiveStatus();
        if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
            return;
        }
        client.updateTimeToLive(b -> b.tableName(tableName)
                .timeToLiveSpecification(t -> t.enabled(true).attributeName(TTL_ATTRIBUTE)));
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static List<KeySchemaElement> keySchema(String partitionKey, String sortKey) {
        return List.of(
                KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName(sortKey).keyType(KeyType.RANGE).build());
    }

    private static GlobalSecondaryIndex index(String name, String partitionKey, String sortKey) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(keySchema(partitionKey, sortKey))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }
}
