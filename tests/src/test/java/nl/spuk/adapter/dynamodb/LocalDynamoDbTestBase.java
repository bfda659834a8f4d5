package nl.spuk.adapter.dynamodb;

import java.util.concurrent.atomic.AtomicInteger;
import nl.spuk.adapter.out.dynamodb.DynamoDbTable;
import nl.spuk.local.LocalDynamoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One in-memory DynamoDB Local per test class, reached over HTTP with the real SDK; every test gets a table of
 * its own so tests never see each other's items. Public with an overridable {@link #dynamoDbClient()} so the
 * LocalStack suite runs the same tests against LocalStack.
 */
public abstract class LocalDynamoDbTestBase {
    private static final AtomicInteger TABLES = new AtomicInteger();

    private static LocalDynamoDb dynamoDb;
    private static DynamoDbClient dynamoDbLocalClient;

    DynamoDbClient client;
    String table;

    /** The database the tests talk to: DynamoDB Local in this JVM, started on the class's first test. */
    protected DynamoDbClient dynamoDbClient() {
        if (dynamoDb == null) {
            dynamoDb = LocalDynamoDb.start(null);
            dynamoDbLocalClient = dynamoDb.client();
        }
        return dynamoDbLocalClient;
    }

    @AfterAll
    static void stopDynamoDb() {
        if (dynamoDb != null) {
            dynamoDb.close(); // closes its client too
            dynamoDb = null;
            dynamoDbLocalClient = null;
        }
    }

    @BeforeEach
    void createTable() {
        client = dynamoDbClient();
        table = "spuk-test-" + TABLES.incrementAndGet();
        DynamoDbTable.createIfMissing(client, table);
    }
}
