package nl.spuk.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nl.spuk.adapter.out.dynamodb.DynamoDbTable;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/** The table {@code template.yaml} deploys is the table the adapter creates locally and queries. */
class TableDefinitionMatchesTemplateTest {

    @Test
    @SuppressWarnings("unchecked")
    void templateDeclaresTheAdaptersTable() throws IOException {
        Map<String, Object> table = (Map<String, Object>) tableResource().get("Properties");
        CreateTableRequest expected = DynamoDbTable.definition("spuk");

        assertThat(table.get("BillingMode")).isEqualTo(expected.billingModeAsString());
        assertThat((List<Map<String, Object>>) table.get("AttributeDefinitions"))
                .containsExactlyInAnyOrderElementsOf(expected.attributeDefinitions().stream()
                        .map(a -> Map.<String, Object>of("AttributeName", a.attributeName(),
                                "AttributeType", a.attributeTypeAsString()))
                        .toList());
        assertThat(table.get("KeySchema")).isEqualTo(keySchema(expected.keySchema()));
        assertThat((List<Map<String, Object>>) table.get("GlobalSecondaryIndexes"))
                .containsExactlyInAnyOrderElementsOf(expected.globalSecondaryIndexes().stream()
                        .map(i -> Map.of("IndexName", i.indexName(), "KeySchema", keySchema(i.keySchema()),
                                "Projection", Map.of("ProjectionType", i.projection().projectionTypeAsString())))
                        .toList());
        assertThat(table.get("TimeToLiveSpecification"))
                .isEqualTo(Map.of("AttributeName", DynamoDbTable.TTL_ATTRIBUTE, "Enabled", true));
    }

    private static List<Map<String, Object>> keySchema(List<KeySchemaElement> keys) {
        return keys.stream()
                .map(k -> Map.<String, Object>of("AttributeName", k.attributeName(), "KeyType", k.keyTypeAsString()))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tableResource() throws IOException {
        try (Reader in = Files.newBufferedReader(Path.of("..", "template.yaml"))) {
            Map<String, Object> template = new Yaml(new IgnoringIntrinsics()).load(in);
            Map<String, Object> resources = (Map<String, Object>) template.get("Resources");
            List<Object> tables = resources.values().stream()
                    .filter(r -> "AWS::DynamoDB::Table".equals(((Map<String, Object>) r).get("Type")))
                    .toList();
            assertThat(tables).hasSize(1);
            return (Map<String, Object>) tables.get(0);
        }
    }

    /** Reads CloudFormation's short-form functions ({@code !Ref}, {@code !Sub}, ...) as null: the table needs none. */
    private static final class IgnoringIntrinsics extends SafeConstructor {
        IgnoringIntrinsics() {
            super(new LoaderOptions());
            AbstractConstruct asNull = new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    return null;
                }
            };
            this.yamlMultiConstructors.put("!", asNull);
        }
    }
}
