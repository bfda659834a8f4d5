package nl.spuk.adapter.dynamodb;

import java.util.concurrent.atomic.AtomicInteger;
import nl.spuk.adapter.out.dynamodb.DynamoDbTable;
import nl.spuk.local.LocalDynamoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One in-memory DynamoDB Local per test class, reached over HTTP with the real SDK; every test gets a table of
 * its own so tests never see each other's items.
 */
abstract class LocalDynamoDbTestBase {
    private static final AtomicInteger TABLES = new AtomicInteger();

    static LocalDynamoDb dynamoDb;
    static DynamoDbClient client;

    String table;

    @BeforeAll
    static void startDynamoDb() {
        dynamoDb = LocalDynamoDb.start(null);
        client = dynamoDb.client();
    }

    @AfterAll
    static void stopDynamoDb() {
        dynamoDb.close();
    }

    @BeforeEach
    void createTable() {
        table = "spuk-test-" + TABLES.incrementAndGet();
        DynamoDbTable.createIfMissing(client, table);
    }
}
