package nl.spuk.bench.child;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Baseline (c): the least a read route can do, one DynamoDB GetItem of the application's item, with the product's
 * SDK setup (url-connection HTTP client, the same settings from the environment, the Lambda jar's classes).
 */
public final class MinimalGetItemHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final DynamoDbClient dynamo;
    private final String table;

    public MinimalGetItemHandler() {
        var builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(System.getenv("AWS_REGION")));
        String endpoint = System.getenv("SPUK_DYNAMODB_ENDPOINT");
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        this.dynamo = builder.build();
        this.table = System.getenv("SPUK_TABLE");
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String id = event.getPathParameters().get("id");
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("PK", AttributeValue.fromS("APP#" + id), "SK", AttributeValue.fromS("APP")))).item();
        boolean found = item != null && !item.isEmpty();
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(found ? 200 : 404)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(found ? "{\"id\":\"" + id + "\",\"attributes\":" + item.size() + "}" : "{}")
                .build();
    }
}
