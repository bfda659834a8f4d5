package nl.spuk.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import nl.spuk.adapter.in.lambda.http.ApiException;
import nl.spuk.adapter.in.lambda.http.Json;
import nl.spuk.adapter.in.lambda.http.PlanReader;
import nl.spuk.domain.DocumentKind;
import nl.spuk.domain.DocumentRules;
import nl.spuk.domain.PlanRules;
import nl.spuk.domain.SchemeRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The document's schemas are sound: every example matches its schema, request bodies are strict, and on the
 * cases below the request schemas accept exactly what the handlers and domain rules accept.
 */
class OpenApiSchemaTest {
    private static final OpenApiDocument DOCUMENT = OpenApiDocument.load();
    private static final PlanRules PLAN_RULES = new PlanRules(SchemeRules.DEFAULT);

    @Test
    void everySchemaCompilesWithKnownKeywordsOnly() {
        List<String> compiled = new ArrayList<>();
        DOCUMENT.root().path("components").path("schemas").fields().forEachRemaining(e -> {
            DOCUMENT.compile(e.getValue());
            compiled.add(e.getKey());
        });
        walk(DOCUMENT.root().path("paths"), "/paths", (pointer, node) -> {
            if (node.has("schema")) {
                DOCUMENT.compile(node.get("schema"));
                compiled.add(pointer);
            }
        });
        assertThat(compiled).hasSizeGreaterThan(30);
    }

    @Test
    void everyExampleMatchesItsSchema() {
        List<String> checked = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        walk(DOCUMENT.root(), "", (pointer, node) -> {
            if (node.has("schema") && node.has("example")) {
                check(pointer + "/example", node.get("schema"), node.get("example"), checked, failures);
            }
            if (node.has("schema") && node.path("examples").isObject()) {
                node.get("examples").fields().forEachRemaining(e -> check(pointer + "/examples/" + e.getKey(),
                        node.get("schema"), DOCUMENT.resolve(e.getValue()).get("value"), checked, failures));
            }
            if (node.path("examples").isArray() && !node.has("schema")) {
                // a JSON Schema "examples" keyword: the examples of the schema it sits in
                for (int i = 0; i < node.get("examples").size(); i++) {
                    check(pointer + "/examples/" + i, node, node.get("examples").get(i), checked, failures);
                }
            }
        });

        assertThat(failures).isEmpty();
        // the request bodies, most answers and the reusable problems all carry examples
        assertThat(checked).hasSizeGreaterThan(40);
    }

    @Test
    void everyRequestBodyHasAnExampleAndEveryObjectInItIsClosed() {
        int bodies = 0;
        for (String key : DOCUMENT.routeKeys()) {
            JsonNode body = DOCUMENT.operation(key).path("requestBody");
            if (body.isMissingNode()) {
                continue;
            }
            assertThat(body.path("required").asBoolean()).as(key + " body required").isTrue();
            for (Iterator<Map.Entry<String, JsonNode>> it = DOCUMENT.resolve(body).path("content").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> media = it.next();
                bodies++;
                assertThat(media.getValue().has("example") || media.getValue().has("examples"))
                        .as(key + " " + media.getKey() + " has an example").isTrue();
                assertClosed(key, media.getValue().get("schema"), new HashSet<>());
            }
        }
        assertThat(bodies).isGreaterThanOrEqualTo(6);
    }

    @Test
    void theRequestExamplesAreAcceptedByTheHandlersAndTheDomainRules() {
        for (String key : List.of("POST /v1/applications", "PUT /v1/applications/{id}")) {
            JsonNode example = DOCUMENT.operation(key).at("/requestBody/content/application~1json/example");
            assertThat(serverAcceptsPlan(example)).as(key + " example").isTrue();
        }
        JsonNode doc = DOCUMENT.operation("POST /v1/applications/{id}/documents")
                .at("/requestBody/content/application~1json/example");
        assertThat(serverAcceptsDocument(doc)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void thePlanSchemaAcceptsWhatTheServerAccepts(String why, String body, boolean valid) {
        JsonNode json = Json.parse(body);

        assertThat(serverAcceptsPlan(json)).as("server").isEqualTo(valid);
        assertThat(DOCUMENT.validate("Plan", json)).as("schema").matches(errors -> errors.isEmpty() == valid);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void theDocumentAnnouncementSchemaAcceptsWhatTheServerAccepts(String why, String body, boolean valid) {
        JsonNode json = Json.parse(body);

        assertThat(serverAcceptsDocument(json)).as("server").isEqualTo(valid);
        assertThat(DOCUMENT.validate("DocumentAnnouncement", json)).as("schema").matches(errors -> errors.isEmpty() == valid);
    }

    static Stream<Arguments> plans() {
        String ok = "{\"theme\":\"VINDEN\",\"title\":\"Vinden\",\"budgetCents\":{\"2025\":100}}";
        return Stream.of(
                Arguments.of("minimal draft", "{\"title\":\"Plan\",\"years\":[2025]}", true),
                Arguments.of("full draft", "{\"title\":\"Plan\",\"years\":[2025,2026],\"activities\":[" + ok
                        + "],\"contact\":{\"name\":\"A\",\"email\":\"a@example.nl\"}}", true),
                Arguments.of("a year written as 2025.0", "{\"title\":\"Plan\",\"years\":[2025.0]}", true),
                Arguments.of("no contact", "{\"title\":\"Plan\",\"years\":[2025],\"contact\":null}", true),
                Arguments.of("empty e-mail", "{\"title\":\"Plan\",\"years\":[2025],\"contact\":{\"email\":\"\"}}", true),
                Arguments.of("a tab in the title", "{\"title\":\"Plan\\t2025\",\"years\":[2025]}", true),
                Arguments.of("title of 200", "{\"title\":\"" + "x".repeat(200) + "\",\"years\":[2025]}", true),
                Arguments.of("description null", "{\"title\":\"P\",\"years\":[2025],\"activities\":[{\"theme\":\"VINDEN\","
                        + "\"title\":\"t\",\"description\":null}]}", true),
                Arguments.of("unknown field", "{\"title\":\"Plan\",\"years\":[2025],\"budget\":1}", false),
                Arguments.of("unknown activity field", "{\"title\":\"P\",\"years\":[2025],\"activities\":[{\"theme\":\"VINDEN\","
                        + "\"title\":\"t\",\"cost\":1}]}", false),
                Arguments.of("no title", "{\"years\":[2025]}", false),
                Arguments.of("blank title", "{\"title\":\"   \",\"years\":[2025]}", false),
                Arguments.of("title of 201", "{\"title\":\"" + "x".repeat(201) + "\",\"years\":[2025]}", false),
                Arguments.of("control character in title", "{\"title\":\"a\\u0001b\",\"years\":[2025]}", false),
                Arguments.of("title not a string", "{\"title\":5,\"years\":[2025]}", false),
                Arguments.of("no years", "{\"title\":\"Plan\"}", false),
                Arguments.of("year before the funds", "{\"title\":\"Plan\",\"years\":[2022]}", false),
                Arguments.of("year after the funds", "{\"title\":\"Plan\",\"years\":[2027]}", false),
                Arguments.of("a year twice", "{\"title\":\"Plan\",\"years\":[2025,2025]}", false),
                Arguments.of("a year as a string", "{\"title\":\"Plan\",\"years\":[\"2025\"]}", false),
                Arguments.of("a fractional year", "{\"title\":\"Plan\",\"years\":[2025.5]}", false),
                Arguments.of("unknown theme", "{\"title\":\"P\",\"years\":[2025],\"activities\":[{\"theme\":\"X\",\"title\":\"t\"}]}", false),
                Arguments.of("activity without title", "{\"title\":\"P\",\"years\":[2025],\"activities\":[{\"theme\":\"VINDEN\"}]}", false),
                Arguments.of("description of 5001", "{\"title\":\"P\",\"years\":[2025],\"activities\":[{\"theme\":\"VINDEN\","
                        + "\"title\":\"t\",\"description\":\"" + "d".repeat(5001) + "\"}]}", false),
                Arguments.of("budget key not a year", "{\"title\":\"P\",\"years\":[2025],\"activities\":[{\"theme\":\"VINDEN\","
                        + "\"title\":\"t\",\"budgetCents\":{\"25\":1}}]}", false),
                Arguments.of("budget for a year outside the funds", "{\"title\":\"P\",\"years\":[2025],\"activities\":[{\"theme\":"
                        + "\"VINDEN\",\"title\":\"t\",\"budgetCents\":{\"2027\":1}}]}", false),
                Arguments.of("negative budget", "{\"title\":\"P\",\"years\":[2025],\"activities\":[{\"theme\":\"VINDEN\","
                        + "\"title\":\"t\",\"budgetCents\":{\"2025\":-1}}]}", false),
                Arguments.of("budget above the maximum", "{\"title\":\"P\",\"years\":[2025],\"activities\":[{\"theme\":\"VINDEN\","
                        + "\"title\":\"t\",\"budgetCents\":{\"2025\":100000000001}}]}", false),
                Arguments.of("fractional cents", "{\"title\":\"P\",\"years\":[2025],\"activities\":[{\"theme\":\"VINDEN\","
                        + "\"title\":\"t\",\"budgetCents\":{\"2025\":1.5}}]}", false),
                Arguments.of("101 activities", "{\"title\":\"P\",\"years\":[2025],\"activities\":["
                        + String.join(",", Collections.nCopies(101, ok)) + "]}", false),
                Arguments.of("bad e-mail", "{\"title\":\"Plan\",\"years\":[2025],\"contact\":{\"email\":\"nope\"}}", false),
                Arguments.of("unknown contact field", "{\"title\":\"Plan\",\"years\":[2025],\"contact\":{\"phone\":\"1\"}}", false));
    }

    static Stream<Arguments> documents() {
        return Stream.of(
                Arguments.of("a pdf plan", doc("plan.pdf", "application/pdf", 1000, "PLAN"), true),
                Arguments.of("upper-case extension", doc("foto.JPG", "image/jpeg", 1000, "OTHER"), true),
                Arguments.of("jpeg extension", doc("foto.jpeg", "image/jpeg", 1000, "OTHER"), true),
                Arguments.of("a path before the name", doc("C:\\\\stukken\\\\begroting.xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 1000, "BUDGET"), true),
                Arguments.of("exactly 20 MiB", doc("raad.odt", "application/vnd.oasis.opendocument.text", 20971520, "COUNCIL_DECISION"), true),
                Arguments.of("extension of another type", doc("plan.docx", "application/pdf", 1000, "PLAN"), false),
                Arguments.of("no extension", doc("plan", "application/pdf", 1000, "PLAN"), false),
                Arguments.of("type not allowed", doc("plan.exe", "application/octet-stream", 1000, "PLAN"), false),
                Arguments.of("empty", doc("plan.pdf", "application/pdf", 0, "PLAN"), false),
                Arguments.of("above 20 MiB", doc("plan.pdf", "application/pdf", 20971521, "PLAN"), false),
                Arguments.of("a generated kind", doc("besluit.pdf", "application/pdf", 1000, "DECISION"), false),
                Arguments.of("unknown kind", doc("plan.pdf", "application/pdf", 1000, "NOTE"), false),
                Arguments.of("name of 201", doc("x".repeat(197) + ".pdf", "application/pdf", 1000, "PLAN"), false),
                Arguments.of("a name that is only a folder", doc("stukken/", "application/pdf", 1000, "PLAN"), false),
                Arguments.of("unknown field", "{\"fileName\":\"plan.pdf\",\"contentType\":\"application/pdf\",\"sizeBytes\":1,"
                        + "\"kind\":\"PLAN\",\"sha256\":\"00\"}", false),
                Arguments.of("missing size", "{\"fileName\":\"plan.pdf\",\"contentType\":\"application/pdf\",\"kind\":\"PLAN\"}", false));
    }

    private static String doc(String fileName, String contentType, long size, String kind) {
        return "{\"fileName\":\"" + fileName + "\",\"contentType\":\"" + contentType + "\",\"sizeBytes\":" + size
                + ",\"kind\":\"" + kind + "\"}";
    }

    /** What POST and PUT of a plan accept: PlanReader's types (else 400), then the draft rules (else 422). */
    private static boolean serverAcceptsPlan(JsonNode body) {
        try {
            return PLAN_RULES.checkDraft(PlanReader.read(body)).isEmpty();
        } catch (ApiException e) {
            return false;
        }
    }

    /**
     * What announcing a document accepts, short of the caller's role and the application's state: only the four
     * fields, as strings and a whole number (else 400), then the document rules (else 422).
     */
    private static boolean serverAcceptsDocument(JsonNode body) {
        Set<String> fields = new HashSet<>();
        body.fieldNames().forEachRemaining(fields::add);
        if (!Set.of("fileName", "contentType", "sizeBytes", "kind").containsAll(fields)
                || !body.path("fileName").isTextual() || !body.path("contentType").isTextual()
                || !body.path("kind").isTextual() || !body.path("sizeBytes").isIntegralNumber()) {
            return false;
        }
        DocumentKind kind = Stream.of(DocumentKind.values()).filter(k -> k.name().equals(body.get("kind").asText()))
                .findFirst().orElse(null);
        return DocumentRules.check(body.get("fileName").asText(), body.get("contentType").asText(),
                body.get("sizeBytes").asLong(), kind).isEmpty();
    }

    private static void check(String where, JsonNode schema, JsonNode example, List<String> checked, List<String> failures) {
        checked.add(where);
        var errors = DOCUMENT.validate(schema, example);
        if (!errors.isEmpty()) {
            failures.add(where + ": " + errors);
        }
    }

    /** Every object schema reachable from a request body forbids properties it does not name. */
    private static void assertClosed(String where, JsonNode schema, Set<String> seen) {
        if (schema == null) {
            return;
        }
        if (schema.has("$ref") && !seen.add(schema.get("$ref").asText())) {
            return;
        }
        JsonNode s = DOCUMENT.resolve(schema);
        boolean object = s.path("type").asText().equals("object")
                || (s.path("type").isArray() && s.get("type").toString().contains("\"object\""));
        if (object && s.has("properties")) {
            assertThat(s.path("additionalProperties").isBoolean() && !s.get("additionalProperties").asBoolean())
                    .as(where + ": additionalProperties false on " + s.path("properties").fieldNames().next() + "...")
                    .isTrue();
        }
        s.path("properties").forEach(p -> assertClosed(where, p, seen));
        assertClosed(where, s.get("items"), seen);
        for (String combinator : List.of("anyOf", "oneOf", "allOf")) {
            s.path(combinator).forEach(c -> assertClosed(where, c, seen));
        }
    }

    /** Visits every object node of the tree, with its JSON pointer. */
    private static void walk(JsonNode node, String pointer, BiConsumer<String, JsonNode> visitor) {
        if (node.isObject()) {
            visitor.accept(pointer, node);
            node.fields().forEachRemaining(e -> {
                // examples are data, not document structure: do not look for schemas inside them
                if (!e.getKey().equals("example") && !e.getKey().equals("examples") && !e.getKey().equals("value")) {
                    walk(e.getValue(), pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), visitor);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, visitor);
            }
        }
    }
}
