package nl.spuk.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import nl.spuk.adapter.out.dynamodb.DynamoDbTable;
import nl.spuk.local.LocalDynamoDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** DynamoDB Local in this JVM: the table definition, TTL, and persistence in a folder across restarts. */
class LocalDynamoDbTest {

    @Test
    void createsTheTableOnceWithItsIndexesAndTimeToLive() {
        try (LocalDynamoDb db = LocalDynamoDb.start(null)) {
            assertThat(db.endpoint().getHost()).isEqualTo("127.0.0.1");
            DynamoDbClient client = db.client();
            DynamoDbTable.createIfMissing(client, "spuk");
            DynamoDbTable.createIfMissing(client, "spuk"); // a second start finds it and leaves it be

            TableDescription table = client.describeTable(b -> b.tableName("spuk")).table();
            assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
            assertThat(table.globalSecondaryIndexes()).extracting(i -> i.indexName())
                    .containsExactlyInAnyOrder(DynamoDbTable.GSI1, DynamoDbTable.GSI2, DynamoDbTable.GSI3);
            var ttl = client.describeTimeToLive(b -> b.tableName("spuk")).timeToLiveDescription();
            assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
            assertThat(ttl.attributeName()).isEqualTo(DynamoDbTable.TTL_ATTRIBUTE);
        }
    }

    @Test
    void listensOnTheLoopbackInterfaceOnly() throws Exception {
        Optional<InetAddress> external = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .findFirst();
        assumeTrue(external.isPresent(), "this machine has no other interface to try");
        try (LocalDynamoDb db = LocalDynamoDb.start(null)) {
            int port = db.endpoint().getPort();
            try (Socket local = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertThat(local.isConnected()).isTrue();
            }
            assertThatThrownBy(() -> new Socket(external.get(), port).close()).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void servesOneDatabaseWhateverTheClientsCredentialsAndRegion() {
        try (LocalDynamoDb db = LocalDynamoDb.start(null);
             DynamoDbClient other = DynamoDbClient.builder()
                     .endpointOverride(db.endpoint())
                     .region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("other", "x")))
                     .httpClientBuilder(ApacheHttpClient.builder())
                     .build()) {
            DynamoDbTable.createIfMissing(db.client(), "spuk");
            assertThat(other.listTables().tableNames()).containsExactly("spuk");
        }
    }

    @Test
    void keepsItsDataInTheFolderAcrossRestarts(@TempDir Path dir) {
        Map<String, AttributeValue> key = Map.of(DynamoDbTable.PK, AttributeValue.fromS("A"),
                DynamoDbTable.SK, AttributeValue.fromS("B"));
        try (LocalDynamoDb db = LocalDynamoDb.start(dir)) {
            DynamoDbTable.createIfMissing(db.client(), "spuk");
            db.client().putItem(b -> b.tableName("spuk").item(key));
        }
        try (LocalDynamoDb db = LocalDynamoDb.start(dir)) {
            assertThat(db.client().getItem(b -> b.tableName("spuk").key(key)).item()).isEqualTo(key);
        }
    }
}
