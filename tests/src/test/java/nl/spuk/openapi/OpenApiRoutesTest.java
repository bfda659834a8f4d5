package nl.spuk.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.spuk.adapter.in.lambda.ApiHandler;
import nl.spuk.adapter.in.lambda.http.ApiDocument;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document describes exactly the routes of the HTTP API: those the SAM template declares and the
 * handlers serve, no more and no fewer.
 */
class OpenApiRoutesTest {
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");

    private final OpenApiDocument document = OpenApiDocument.load();

    @Test
    void theDocumentParsesWithoutErrorsOrWarnings() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser()
                .readLocation(OpenApiDocument.PATH.toAbsolutePath().toUri().toString(), null, options);

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.1");
        assertThat(result.getOpenAPI().getPaths()).isNotEmpty();
        assertThat(result.getOpenAPI().getComponents().getSecuritySchemes()).containsKey("bearerJwt");
    }

    @Test
    void theDocumentHasExactlyTheRoutesOfTheTemplate() {
        Set<String> templateRoutes = SamTemplateRoutes.read().keySet();

        assertThat(templateRoutes).isNotEmpty();
        assertThat(document.routeKeys()).containsExactlyInAnyOrderElementsOf(templateRoutes);
    }

    @Test
    void everyRouteOfTheDocumentIsServedByExactlyOneHandlerTheOneTheTemplateNames() throws Exception {
        Map<String, List<String>> servedBy = new TreeMap<>();
        for (ApiHandler handler : allApiHandlers()) {
            for (String key : handler.routeKeys()) {
                servedBy.computeIfAbsent(key, k -> new ArrayList<>()).add(handler.getClass().getName());
            }
        }
        Map<String, String> template = SamTemplateRoutes.read();

        assertThat(servedBy.keySet()).as("routes the handlers serve").containsExactlyInAnyOrderElementsOf(document.routeKeys());
        for (String key : document.routeKeys()) {
            assertThat(servedBy.get(key)).as("handlers of " + key).hasSize(1);
            assertThat(servedBy.get(key).get(0)).as("the template's handler for " + key).isEqualTo(template.get(key));
        }
    }

    @Test
    void everyOperationDeclaresItsPathParametersAndAnswersWithDocumentedStatuses() {
        for (String key : document.routeKeys()) {
            String path = key.split(" ", 2)[1];
            Set<String> variables = new TreeSet<>();
            Matcher m = PATH_VARIABLE.matcher(path);
            while (m.find()) {
                variables.add(m.group(1));
            }
            Set<String> declared = new TreeSet<>();
            List<JsonNode> parameters = new ArrayList<>();
            document.root().path("paths").path(document.documentPath(key)).path("parameters").forEach(parameters::add);
            document.operation(key).path("parameters").forEach(parameters::add);
            for (JsonNode p : parameters) {
                JsonNode parameter = document.resolve(p);
                if (parameter.path("in").asText().equals("path")) {
                    assertThat(parameter.path("required").asBoolean()).as(key + " path parameter required").isTrue();
                    declared.add(parameter.path("name").asText());
                }
            }
            assertThat(declared).as("path parameters of " + key).isEqualTo(variables);

            Set<String> statuses = new HashSet<>();
            document.operation(key).path("responses").fieldNames().forEachRemaining(statuses::add);
            // every handler can fail, and every one behind the authorizer can refuse an unauthenticated caller
            assertThat(statuses).as("statuses of " + key).contains("500");
            if (!isOpen(key)) {
                assertThat(statuses).as("statuses of " + key).contains("401", "403");
            }
            assertThat(statuses.stream().filter(s -> s.startsWith("2"))).as("success status of " + key).hasSize(1);
            if (key.startsWith("POST ")) {
                assertThat(statuses).as("idempotency answers of " + key).contains("400", "409", "422");
                assertThat(parameters.stream().map(document::resolve).map(p -> p.path("name").asText()))
                        .as("parameters of " + key).contains("Idempotency-Key");
            }
        }
    }

    @Test
    void theDocumentShipsOnTheClasspathOfTheFunctionsAsJsonWithItsVersion() {
        assertThat(OpenApiDocument.json(ApiDocument.json())).isEqualTo(document.root());
        assertThat(ApiDocument.VERSION).isEqualTo(document.root().path("info").path("version").asText()).isNotBlank();
    }

    @Test
    void onlyTheDocumentItselfIsOpenToAnyoneInTheDocumentAndTheTemplate() {
        assertThat(document.routeKeys().stream().filter(this::isOpen)).containsExactly("GET /v1/openapi.json");
        assertThat(SamTemplateRoutes.openRouteKeys()).containsExactly("GET /v1/openapi.json");
    }

    /** An operation that overrides the document's security with none: open to anyone. */
    private boolean isOpen(String routeKey) {
        JsonNode security = document.operation(routeKey).path("security");
        return security.isArray() && security.isEmpty();
    }

    /** Every concrete API handler, built with its test constructor: those constructors only register routes. */
    private static List<ApiHandler> allApiHandlers() throws ReflectiveOperationException {
        List<ApiHandler> handlers = new ArrayList<>();
        for (JavaClass c : new ClassFileImporter().importPackages(ApiHandler.class.getPackageName())) {
            if (!c.isAssignableTo(ApiHandler.class) || c.getModifiers().contains(JavaModifier.ABSTRACT)) {
                continue;
            }
            Constructor<?> ports = Arrays.stream(c.reflect().getConstructors())
                    .max(Comparator.comparingInt(Constructor::getParameterCount))
                    .orElseThrow();
            handlers.add((ApiHandler) ports.newInstance(new Object[ports.getParameterCount()]));
        }
        assertThat(handlers).as("API handlers found").isNotEmpty();
        return handlers;
    }
}
