package nl.spuk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The SAM template against the code: handlers, event types, routes and policies (the table: TableDefinitionMatchesTemplateTest). */
class TemplateTest {

    @Test
    void every_handler_exists_with_a_public_no_arg_constructor_and_handles_its_event_type() throws Exception {
        SamTemplate template = packagedTemplate();
        List<String> checked = new ArrayList<>();
        for (SamTemplate.HttpRoute route : template.httpRoutes()) {
            assertHandles(route.handlerClass(), APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class);
            checked.add(route.handlerClass());
        }
        for (SamTemplate.EventFunction f : template.functionsWithEvent("S3")) {
            assertHandles(f.handlerClass(), S3Event.class, Void.class);
            checked.add(f.handlerClass());
        }
        for (SamTemplate.EventFunction f : template.functionsWithEvent("DynamoDB")) {
            assertHandles(f.handlerClass(), DynamodbEvent.class, StreamsEventResponse.class);
            checked.add(f.handlerClass());
        }
        for (SamTemplate.EventFunction f : template.functionsWithEvent("Schedule")) {
            assertHandles(f.handlerClass(), ScheduledEvent.class, Integer.class);
            checked.add(f.handlerClass());
        }
        assertThat(Set.copyOf(checked)).contains(
                "nl.spuk.adapter.in.lambda.MunicipalitiesHandler",
                "nl.spuk.adapter.in.lambda.ApplicationQueriesHandler",
                "nl.spuk.adapter.in.lambda.DraftsHandler",
                "nl.spuk.adapter.in.lambda.ApplicationCommandsHandler",
                "nl.spuk.adapter.in.lambda.DocumentUploadedHandler",
                "nl.spuk.adapter.in.lambda.NotifierHandler",
                "nl.spuk.adapter.in.lambda.NotificationsHandler",
                "nl.spuk.adapter.in.lambda.WorkflowTickHandler");
    }

    @Test
    void the_packaged_template_is_the_repository_template_and_declares_each_route_once() throws Exception {
        SamTemplate packaged = packagedTemplate();
        List<String> keys = packaged.httpRoutes().stream().map(SamTemplate.HttpRoute::routeKey).toList();

        assertThat(keys).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(keys)).isEqualTo(TemplateFile.routeKeys(TemplateFile.load()));
        try (InputStream in = TemplateTest.class.getResourceAsStream("/template.yaml")) {
            assertThat(new String(in.readAllBytes())).isEqualTo(Files.readString(TemplateFile.path()));
        }
    }

    @Test
    void every_http_event_belongs_to_the_jwt_protected_api() throws Exception {
        Map<String, Object> template = TemplateFile.load();
        Map<String, Map<String, Object>> resources = TemplateFile.resources(template);
        Map<String, Object> api = resources.get("Api");
        assertThat(api.get("Type")).isEqualTo("AWS::Serverless::HttpApi");
        assertThat(TemplateFile.properties(api).toString()).contains("DefaultAuthorizer=CognitoJwt");

        List<Object> apiIds = new ArrayList<>();
        resources.values().forEach(r -> eventsOf(r).values().stream()
                .filter(e -> "HttpApi".equals(e.get("Type")))
                .forEach(e -> apiIds.add(TemplateFile.properties(e).get("ApiId"))));
        assertThat(apiIds).isNotEmpty().containsOnly("!Ref Api");
    }

    @Test
    void no_policy_grants_on_every_resource() throws Exception {
        String text = Files.readString(TemplateFile.path());

        assertThat(text).doesNotContainPattern("Resource:\\s*['\"]?\\*");
        assertThat(text).doesNotContainPattern("Action:\\s*['\"]?\\*['\"]?\\s");
    }

    private static SamTemplate packagedTemplate() {
        InputStream in = TemplateTest.class.getResourceAsStream("/template.yaml");
        assertThat(in).as("template.yaml packaged into the local module").isNotNull();
        return SamTemplate.read(in);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> eventsOf(Map<String, Object> resource) {
        return (Map<String, Map<String, Object>>) TemplateFile.properties(resource).getOrDefault("Events", Map.of());
    }

    private static void assertHandles(String className, Class<?> input, Class<?> output) throws Exception {
        Class<?> handler = Class.forName(className);
        assertThat(RequestHandler.class).as(className).isAssignableFrom(handler);
        assertThat(Modifier.isAbstract(handler.getModifiers())).as(className + " is abstract").isFalse();
        assertThat(Modifier.isPublic(handler.getConstructor().getModifiers())).as(className + " no-arg constructor").isTrue();
        assertThat(requestHandlerTypes(handler)).as(className + " type arguments").containsExactly(input, output);
    }

    /** The type arguments with which the class (or a superclass) implements RequestHandler. */
    private static List<Type> requestHandlerTypes(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Type i : c.getGenericInterfaces()) {
                if (i instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    return List.of(p.getActualTypeArguments());
                }
            }
        }
        return List.of();
    }
}
