package nl.spuk.hardening;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import nl.spuk.local.ApiClient;

/**
 * Generates requests no route may accept, from the OpenAPI document and the route table: for every route, bad path
 * parameters, bad query parameters, bad headers, malformed bodies, and for every field of a documented body its
 * wrong types, missing and null values, values past its bounds, outside its enum, against its pattern or format,
 * unknown fields beside it, and the same one level down (array items, nested objects, keyed maps). Each case knows
 * the statuses it may get: 400 for what is not well-formed, 422 for what breaks a rule, both where a value is beyond
 * the number types the API reads.
 */
final class HostileCorpus {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<Integer> MALFORMED = Set.of(400);
    private static final Set<Integer> RULE = Set.of(422);
    private static final Set<Integer> MALFORMED_OR_RULE = Set.of(400, 422);
    private static final Set<Integer> NOT_FOUND = Set.of(400, 404);

    /** One hostile request and the statuses it may get. */
    record Case(String routeKey, String description, String method, String path, String contentType, byte[] body,
                List<String> headers, Set<Integer> expected) {
        @Override
        public String toString() {
            return routeKey + " [" + description + "]";
        }
    }

    /**
     * Where a route's cases go.
     *
     * @param pathParameters the valid value of each path parameter
     * @param query the valid query parameters
     * @param jsonBody the valid JSON body, or null
     * @param csvBody the valid CSV body, or null
     * @param headers the valid headers (name, value, ...)
     */
    record Target(String routeKey, Map<String, String> pathParameters, Map<String, String> query, JsonNode jsonBody,
                  String csvBody, List<String> headers) {
        String method() {
            return routeKey.split(" ", 2)[0];
        }

        String path(Map<String, String> overrides, Map<String, String> queryOverrides) {
            String path = routeKey.split(" ", 2)[1];
            Map<String, String> values = new LinkedHashMap<>(pathParameters);
            values.putAll(overrides);
            for (Map.Entry<String, String> p : values.entrySet()) {
                path = path.replace("{" + p.getKey() + "}", p.getValue());
            }
            Map<String, String> q = new LinkedHashMap<>(query);
            q.putAll(queryOverrides);
            StringBuilder s = new StringBuilder(path);
            q.forEach((name, value) -> {
                if (value != null) {
                    s.append(s.indexOf("?") < 0 ? '?' : '&').append(name).append('=').append(value);
                }
            });
            return s.toString();
        }
    }

    private final OpenApiSpec spec;

    HostileCorpus(OpenApiSpec spec) {
        this.spec = spec;
    }

    /** Every hostile case for one route. */
    List<Case> cases(Target t) {
        List<Case> out = new ArrayList<>();
        pathCases(t, out);
        queryCases(t, out);
        headerCases(t, out);
        if (t.jsonBody() != null) {
            jsonBodyCases(t, out);
        }
        if (t.csvBody() != null) {
            csvCases(t, out);
        }
        return out;
    }

    // ---- path parameters -------------------------------------------------------------------------------------

    /** Decoded values; each is sent percent-encoded. */
    private static final List<String> BAD_IDS = List.of(
            "00000000-0000-4000-8000-000000000000", "<script>alert(1)</script>", "' OR '1'='1", "../../etc/passwd",
            "\u0000", "\u202Efdp.exe", "${jndi:ldap://x/a}", "\r\nSet-Cookie: a=b", "a".repeat(2500), "\u00fc".repeat(1200),
            "NaN", "-1", "\uD83D\uDE00", "APP#x", "*");
    private static final List<String> BAD_CODES = List.of("GM9999", "gm0363", "GM036", "GM03633", "GM0363\u0000",
            "<script>", "GM\u0660\u0663\u0666\u0663", "G".repeat(3000), "GM0363 ");
    /** Not a number: 400 whatever the bounds. Arabic-Indic digits included: "a number" means ASCII digits. */
    private static final List<String> BAD_NUMBERS = List.of("abc", "2025.0", "1e3", "NaN", "Infinity", " ", "0x7E9",
            "1000000000000000000000000000000", "\u0662\u0660\u0662\u0665", "2025abc", "+-1", "-0.5");

    private void pathCases(Target t, List<Case> out) {
        Map<String, JsonNode> documented = new LinkedHashMap<>();
        for (JsonNode p : spec.parameters(t.routeKey())) {
            if (p.path("in").asText().equals("path")) {
                documented.put(p.path("name").asText(), schema(p.path("schema")));
            }
        }
        for (String name : t.pathParameters().keySet()) {
            List<String> values = new ArrayList<>();
            Set<Integer> expected;
            if (name.equals("year")) {
                values.addAll(BAD_NUMBERS);
                expected = MALFORMED;
                JsonNode s = documented.get(name);
                if (s != null) {
                    for (BigInteger v : outOfRange(s)) {
                        out.add(pathCase(t, name, v.toString(), MALFORMED_OR_RULE));
                    }
                }
            } else if (name.equals("code")) {
                values.addAll(BAD_CODES);
                expected = NOT_FOUND;
            } else {
                values.addAll(BAD_IDS);
                expected = NOT_FOUND;
            }
            for (String v : values) {
                out.add(pathCase(t, name, v, expected));
            }
        }
    }

    private Case pathCase(Target t, String name, String rawValue, Set<Integer> expected) {
        return new Case(t.routeKey(), "path " + name + "=" + abbreviate(rawValue), t.method(),
                t.path(Map.of(name, encode(rawValue)), Map.of()), t.jsonBody() != null ? "application/json" : t.csvBody() != null ? "text/csv" : null,
                validBody(t), t.headers(), expected);
    }

    // ---- query parameters ------------------------------------------------------------------------------------

    private void queryCases(Target t, List<Case> out) {
        Map<String, JsonNode> params = new LinkedHashMap<>();
        Set<String> required = new LinkedHashSet<>();
        for (JsonNode p : spec.parameters(t.routeKey())) {
            if (p.path("in").asText().equals("query")) {
                params.put(p.path("name").asText(), schema(p.path("schema")));
                if (p.path("required").asBoolean()) {
                    required.add(p.path("name").asText());
                }
            }
        }
        // a parameter the route table sends but the document does not (yet) describe: an integer, required
        for (String name : t.query().keySet()) {
            if (!params.containsKey(name)) {
                params.put(name, NODES.objectNode().put("type", "integer").put("minimum", 2023).put("maximum", 2026));
                required.add(name);
            }
        }
        for (Map.Entry<String, JsonNode> p : params.entrySet()) {
            String name = p.getKey();
            JsonNode s = p.getValue();
            if (required.contains(name)) {
                Map<String, String> without = new LinkedHashMap<>();
                without.put(name, null);
                out.add(queryCase(t, name + " missing", without, MALFORMED));
            }
            String type = type(s);
            if (type.equals("integer")) {
                for (String v : BAD_NUMBERS) {
                    out.add(queryCase(t, name + "=" + abbreviate(v), Map.of(name, encode(v)), MALFORMED));
                }
                for (BigInteger v : outOfRange(s)) {
                    out.add(queryCase(t, name + "=" + v, Map.of(name, v.toString()), MALFORMED_OR_RULE));
                }
                out.add(queryCase(t, name + " twice", Map.of(name, "1&" + name + "=2"), MALFORMED));
            } else if (type.equals("string")) {
                for (String v : invalidStrings(s)) {
                    if (!v.isEmpty()) {
                        out.add(queryCase(t, name + "=" + abbreviate(v), Map.of(name, encode(v)), MALFORMED));
                    }
                }
            }
        }
    }

    private Case queryCase(Target t, String description, Map<String, String> overrides, Set<Integer> expected) {
        return new Case(t.routeKey(), "query " + description, t.method(), t.path(Map.of(), overrides), null, null,
                t.headers(), expected);
    }

    // ---- headers ---------------------------------------------------------------------------------------------

    private void headerCases(Target t, List<Case> out) {
        for (JsonNode p : spec.parameters(t.routeKey())) {
            if (!p.path("in").asText().equals("header")) {
                continue;
            }
            String name = p.path("name").asText();
            Set<Integer> expected = name.equalsIgnoreCase("If-Match") ? Set.of(412) : MALFORMED;
            for (String v : invalidStrings(schema(p.path("schema")))) {
                if (v.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                    out.add(headerCase(t, name, v, expected));
                }
            }
            if (name.equalsIgnoreCase("If-Match")) {
                out.add(headerCase(t, name, "\"0\"", expected));
                out.add(headerCase(t, name, "\"999999999999999999\"", expected));
                out.add(headerCase(t, name, null, Set.of(428)));
            }
        }
        boolean documented = spec.parameters(t.routeKey()).stream()
                .anyMatch(p -> p.path("name").asText().equalsIgnoreCase("Idempotency-Key"));
        if (t.method().equals("POST") && !documented) {
            for (String v : List.of("", "a b", "k".repeat(129))) {
                out.add(headerCase(t, "Idempotency-Key", v, MALFORMED));
            }
        }
    }

    private Case headerCase(Target t, String name, String valueOrNull, Set<Integer> expected) {
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < t.headers().size(); i += 2) {
            if (!t.headers().get(i).equalsIgnoreCase(name)) {
                headers.add(t.headers().get(i));
                headers.add(t.headers().get(i + 1));
            }
        }
        if (valueOrNull != null) {
            headers.add(name);
            headers.add(valueOrNull);
        }
        return new Case(t.routeKey(), "header " + name + "=" + (valueOrNull == null ? "(none)" : abbreviate(valueOrNull)),
                t.method(), t.path(Map.of(), Map.of()), contentType(t), validBody(t), headers, expected);
    }

    // ---- JSON bodies -----------------------------------------------------------------------------------------

    private void jsonBodyCases(Target t, List<Case> out) {
        String valid = json(t.jsonBody());
        Map<String, String> malformed = new LinkedHashMap<>();
        malformed.put("empty", "");
        malformed.put("truncated", valid.substring(0, valid.length() / 2));
        malformed.put("null", "null");
        malformed.put("array", "[" + valid + "]");
        malformed.put("string", "\"" + "x" + "\"");
        malformed.put("number", "1e30");
        malformed.put("trailing", valid + "}");
        malformed.put("two documents", valid + valid);
        malformed.put("single quotes", valid.replace('"', '\''));
        malformed.put("NaN token", "{\"x\": NaN}");
        malformed.put("comment", "/* */" + valid);
        malformed.put("nested 40 deep", "[".repeat(40) + "]".repeat(40));
        malformed.put("object 40 deep", "{\"a\":".repeat(40) + "1" + "}".repeat(40));
        malformed.put("byte order mark", "\uFEFF" + valid);
        malformed.put("lone surrogate key", "{\"\\ud800\": 1}");
        if (t.jsonBody().isObject() && t.jsonBody().size() > 0) {
            String first = t.jsonBody().fieldNames().next();
            malformed.put("duplicate key", "{\"" + first + "\": " + json(t.jsonBody().get(first)) + ", " + valid.substring(1));
        }
        malformed.forEach((name, body) -> out.add(bodyCase(t, "body " + name, "application/json",
                body.getBytes(StandardCharsets.UTF_8), MALFORMED)));
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/json-patch+json",
                "application/xml", "text/html")) {
            out.add(bodyCase(t, "content type " + type, type, valid.getBytes(StandardCharsets.UTF_8), Set.of(415)));
        }
        out.add(bodyCase(t, "no content type", null, valid.getBytes(StandardCharsets.UTF_8), Set.of(415)));
        ObjectNode big = t.jsonBody().deepCopy();
        big.put("padding", "x".repeat(300 * 1024));
        out.add(bodyCase(t, "body above 256 KiB", "application/json", bytes(big), Set.of(413)));
        ObjectNode extra = t.jsonBody().deepCopy();
        extra.put("isAdmin", true);
        out.add(bodyCase(t, "unknown field", "application/json", bytes(extra), MALFORMED));

        Optional<JsonNode> schema = spec.requestSchema(t.routeKey(), "application/json");
        schema.ifPresent(s -> objectCases(t, "", schema(s), (ObjectNode) t.jsonBody(), out, 0));
    }

    /** The mutations of each property of an object schema, applied to the object at {@code path} in the body. */
    private void objectCases(Target t, String path, JsonNode schema, ObjectNode present, List<Case> out, int depth) {
        Set<String> required = new LinkedHashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        if (!path.isEmpty() && schema.path("additionalProperties").isBoolean() && !schema.path("additionalProperties").asBoolean()) {
            // 400 as an unknown field, or 422 where the object is a map whose keys are data (attention points)
            out.add(mutated(t, path, "unexpected", NODES.numberNode(1), "unknown field " + path + ".unexpected", MALFORMED_OR_RULE));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            String name = p.getKey();
            JsonNode s = schema(p.getValue());
            String field = path.isEmpty() ? name : path + "." + name;
            if (required.contains(name)) {
                out.add(mutated(t, path, name, null, field + " missing", MALFORMED_OR_RULE));
                if (!nullable(s)) {
                    out.add(mutated(t, path, name, NODES.nullNode(), field + " null", MALFORMED_OR_RULE));
                }
            }
            for (Map.Entry<String, JsonNode> v : invalidValues(s).entrySet()) {
                out.add(mutated(t, path, name, v.getValue(), field + " " + v.getKey(), expectedFor(v.getKey())));
            }
            if (depth < 2 && present != null) {
                JsonNode value = present.get(name);
                String type = type(s);
                if (type.equals("object") && value != null && value.isObject()) {
                    objectCases(t, field, s, (ObjectNode) value, out, depth + 1);
                    mapCases(t, field, s, (ObjectNode) value, out);
                } else if (type.equals("array") && value != null && value.isArray() && value.size() > 0) {
                    JsonNode items = schema(s.path("items"));
                    String item = field + "[0]";
                    for (Map.Entry<String, JsonNode> v : invalidValues(items).entrySet()) {
                        out.add(mutated(t, field, "[0]", v.getValue(), item + " " + v.getKey(), expectedFor(v.getKey())));
                    }
                    if (type(items).equals("object") && value.get(0).isObject()) {
                        objectCases(t, item, items, (ObjectNode) value.get(0), out, depth + 1);
                        mapCases(t, item, items, (ObjectNode) value.get(0), out);
                    }
                    arrayCases(t, field, s, (ArrayNode) value, out);
                }
            }
        }
    }

    /** An object keyed by names that follow a pattern (cents by year): bad keys and bad values under a good key. */
    private void mapCases(Target t, String path, JsonNode schema, ObjectNode present, List<Case> out) {
        JsonNode values = schema.path("additionalProperties");
        if (!values.isObject()) {
            return;
        }
        String pattern = schema.path("propertyNames").path("pattern").asText(null);
        for (String key : List.of("abcd", "2027", "2022", "0000", "<script>", "", "20255", "٢٠٢٥")) {
            if (pattern == null || !matches(pattern, key)) {
                out.add(mutated(t, path, key, NODES.numberNode(1), path + " key " + key, MALFORMED_OR_RULE));
            }
        }
        String goodKey = present.fieldNames().hasNext() ? present.fieldNames().next() : null;
        if (goodKey != null) {
            for (Map.Entry<String, JsonNode> v : invalidValues(schema(values)).entrySet()) {
                out.add(mutated(t, path, goodKey, v.getValue(), path + "." + goodKey + " " + v.getKey(), expectedFor(v.getKey())));
            }
        }
    }

    private void arrayCases(Target t, String path, JsonNode schema, ArrayNode present, List<Case> out) {
        int slash = path.lastIndexOf('.');
        String parent = slash < 0 ? "" : path.substring(0, slash);
        String name = slash < 0 ? path : path.substring(slash + 1);
        if (schema.has("minItems") && schema.path("minItems").asInt() > 0) {
            out.add(mutated(t, parent, name, NODES.arrayNode(), path + " empty", RULE));
        }
        if (schema.has("maxItems")) {
            ArrayNode many = NODES.arrayNode();
            for (int i = 0; i <= schema.path("maxItems").asInt(); i++) {
                many.add(present.get(0).deepCopy());
            }
            out.add(mutated(t, parent, name, many, path + " above maxItems", RULE));
        }
        if (schema.path("uniqueItems").asBoolean()) {
            ArrayNode twice = NODES.arrayNode().add(present.get(0).deepCopy()).add(present.get(0).deepCopy());
            out.add(mutated(t, parent, name, twice, path + " duplicate items", RULE));
        }
    }

    /** The label says what kind of bad value it is; the kind says which statuses fit. */
    private static Set<Integer> expectedFor(String label) {
        if (label.startsWith("type:")) {
            return MALFORMED;
        }
        if (label.startsWith("huge:")) {
            return MALFORMED_OR_RULE;
        }
        return RULE;
    }

    /** Bad values for a schema, by label: {@code type:} wrong JSON types, {@code huge:} beyond 64 bits, else rules. */
    private Map<String, JsonNode> invalidValues(JsonNode s) {
        Map<String, JsonNode> v = new LinkedHashMap<>();
        String type = type(s);
        switch (type) {
            case "string" -> {
                v.put("type:number", NODES.numberNode(123));
                v.put("type:boolean", NODES.booleanNode(true));
                v.put("type:array", NODES.arrayNode().add("x"));
                v.put("type:object", NODES.objectNode().put("x", "y"));
                for (String bad : invalidStrings(s)) {
                    v.put("'" + abbreviate(bad) + "'", NODES.textNode(bad));
                }
            }
            case "integer" -> {
                v.put("type:string", NODES.textNode("12"));
                v.put("type:boolean", NODES.booleanNode(false));
                v.put("type:array", NODES.arrayNode().add(1));
                v.put("type:object", NODES.objectNode());
                v.put("type:fraction", NODES.numberNode(new BigDecimal("2.5")));
                v.put("type:NaN string", NODES.textNode("NaN"));
                for (BigInteger n : outOfRange(s)) {
                    boolean huge = n.bitLength() > 63;
                    v.put((huge ? "huge:" : "") + n, NODES.numberNode(n));
                }
                v.put("huge:10^30", NODES.numberNode(BigInteger.TEN.pow(30)));
                v.put("huge:-10^30", NODES.numberNode(BigInteger.TEN.pow(30).negate()));
                v.put("huge:1e999999999", NODES.rawValueNode(new RawValue("1e999999999")));
                v.put("huge:-1e999999999", NODES.rawValueNode(new RawValue("-1e999999999")));
            }
            case "number" -> {
                v.put("type:string", NODES.textNode("1.5"));
                v.put("type:NaN string", NODES.textNode("NaN"));
                v.put("type:Infinity string", NODES.textNode("Infinity"));
                v.put("type:boolean", NODES.booleanNode(true));
                v.put("type:array", NODES.arrayNode().add(1));
                BigDecimal step = s.has("multipleOf") ? s.path("multipleOf").decimalValue() : BigDecimal.ONE;
                if (s.has("minimum")) {
                    v.put("below minimum", NODES.numberNode(s.path("minimum").decimalValue().subtract(step)));
                }
                if (s.has("exclusiveMinimum")) {
                    v.put("at exclusiveMinimum", NODES.numberNode(s.path("exclusiveMinimum").decimalValue()));
                }
                if (s.has("maximum")) {
                    v.put("above maximum", NODES.numberNode(s.path("maximum").decimalValue().add(step)));
                    v.put("10^30", NODES.numberNode(BigDecimal.TEN.pow(30)));
                }
                if (s.has("multipleOf")) {
                    v.put("not a multiple", NODES.numberNode(step.multiply(new BigDecimal("1.5"))));
                    v.put("1e-30", NODES.numberNode(new BigDecimal("1e-30")));
                }
                v.put("huge:1e999999999", NODES.rawValueNode(new RawValue("1e999999999")));
                v.put("huge:1e-999999999", NODES.rawValueNode(new RawValue("1e-999999999")));
            }
            case "array" -> {
                v.put("type:string", NODES.textNode("x"));
                v.put("type:object", NODES.objectNode());
                v.put("type:number", NODES.numberNode(1));
            }
            case "object" -> {
                v.put("type:string", NODES.textNode("x"));
                v.put("type:array", NODES.arrayNode());
                v.put("type:number", NODES.numberNode(1));
            }
            default -> {
                // an unconstrained value: nothing is wrong for it
            }
        }
        return v;
    }

    /** Strings a string schema refuses: outside its enum, too short or long, against its pattern or format. */
    private static List<String> invalidStrings(JsonNode s) {
        Set<String> out = new LinkedHashSet<>();
        List<String> candidates = List.of("", " ", "\t\n", "bogus", "<script>alert(1)</script>", "a\u0000b", "a\u0007b",
                "a\u001bb", "a\u007fb", "\u202Egnp.exe", "VЕRLICHTEN", "NaN", "' OR '1'='1", "no-at-sign", "a b@c.nl",
                "2025-02-30", "2025-13-01", "01-03-2025", "2025-3-1", "2025-03-01T00:00:00Z", "99999-01-01", "2099-01-01");
        if (s.has("enum")) {
            Set<String> allowed = new LinkedHashSet<>();
            s.path("enum").forEach(e -> allowed.add(e.asText()));
            String first = allowed.iterator().next();
            for (String c : List.of("", "bogus", first.toLowerCase(), first + " ", " " + first, "<script>alert(1)</script>",
                    first + "\u0000", first.replace('E', 'Е'), "NaN")) {
                if (!allowed.contains(c)) {
                    out.add(c);
                }
            }
            return List.copyOf(out);
        }
        if (s.has("maxLength")) {
            out.add("x".repeat(s.path("maxLength").asInt() + 1));
        } else if (!"date".equals(s.path("format").asText())) {
            // no documented bound: still nothing the API stores or looks up is this long
            out.add("\u00fc".repeat(5000));
        }
        if (s.path("minLength").asInt() > 0) {
            out.add("");
        }
        String pattern = s.path("pattern").asText(null);
        boolean date = "date".equals(s.path("format").asText());
        for (String c : candidates) {
            if ((pattern != null && !matches(pattern, c)) || (date && !isDate(c))) {
                out.add(c);
            }
        }
        return List.copyOf(out);
    }

    private static boolean isDate(String s) {
        try {
            LocalDate d = LocalDate.parse(s);
            return !d.isAfter(LocalDate.now());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** JSON Schema patterns search (they are not anchored). */
    private static boolean matches(String pattern, String value) {
        try {
            Matcher m = Pattern.compile(pattern).matcher(value);
            return m.find();
        } catch (PatternSyntaxException e) {
            return true;
        }
    }

    /** Integers just outside a schema's bounds (and the first beyond 64 bits when the bound is the long range). */
    private static List<BigInteger> outOfRange(JsonNode s) {
        List<BigInteger> out = new ArrayList<>();
        if (s.has("minimum")) {
            out.add(s.path("minimum").bigIntegerValue().subtract(BigInteger.ONE));
        }
        if (s.has("maximum")) {
            out.add(s.path("maximum").bigIntegerValue().add(BigInteger.ONE));
        }
        return out;
    }

    // ---- CSV -------------------------------------------------------------------------------------------------

    private void csvCases(Target t, List<Case> out) {
        String row = t.csvBody().lines().skip(1).findFirst().orElseThrow();
        String[] cells = row.split(",");
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("empty", "");
        bodies.put("header only", "code,year,amountCents\n");
        bodies.put("wrong header", "gemeente,jaar,bedrag\n" + row + "\n");
        bodies.put("header in other order", "year,code,amountCents\n" + cells[1] + "," + cells[0] + "," + cells[2] + "\n");
        bodies.put("two columns", "code,year,amountCents\n" + cells[0] + "," + cells[1] + "\n");
        bodies.put("four columns", "code,year,amountCents\n" + row + ",1\n");
        bodies.put("unknown code", "code,year,amountCents\nGM9999," + cells[1] + "," + cells[2] + "\n");
        bodies.put("formula code", "code,year,amountCents\n=HYPERLINK(\"http://x\")," + cells[1] + "," + cells[2] + "\n");
        bodies.put("formula amount", "code,year,amountCents\n" + cells[0] + "," + cells[1] + ",=1+1\n");
        bodies.put("year 2022", "code,year,amountCents\n" + cells[0] + ",2022," + cells[2] + "\n");
        bodies.put("year abc", "code,year,amountCents\n" + cells[0] + ",abc," + cells[2] + "\n");
        for (String amount : List.of("-1", "1.5", "1e30", "NaN", "100000000001", "99999999999999999999", "٣", "")) {
            bodies.put("amount " + amount, "code,year,amountCents\n" + cells[0] + "," + cells[1] + "," + amount + "\n");
        }
        bodies.put("duplicate row", "code,year,amountCents\n" + row + "\n" + row + "\n");
        bodies.put("good row then bad row", "code,year,amountCents\n" + row + "\nGM9999,2025,1\n");
        bodies.put("unterminated quote", "code,year,amountCents\n\"" + cells[0] + "," + cells[1] + "," + cells[2] + "\n");
        String code = cells[0];
        bodies.put("quoted line break", "code,year,amountCents\n\"" + code.substring(0, 3) + "\n" + code.substring(3) + "\","
                + cells[1] + "," + cells[2] + "\n");
        bodies.put("control character", "code,year,amountCents\n" + code.substring(0, 3) + "\u0000" + code.substring(3) + ","
                + cells[1] + "," + cells[2] + "\n");
        bodies.put("10 001 rows", "code,year,amountCents\n" + (row + "\n").repeat(10_001));
        bodies.put("binary", "\u0000\u0001\u0002\u00ff");
        bodies.forEach((name, body) -> out.add(bodyCase(t, "csv " + name, "text/csv", body.getBytes(StandardCharsets.UTF_8),
                MALFORMED_OR_RULE)));
        out.add(bodyCase(t, "csv sent as JSON", "application/json", t.csvBody().getBytes(StandardCharsets.UTF_8), Set.of(415)));
        out.add(bodyCase(t, "csv above 256 KiB", "text/csv",
                ("code,year,amountCents\n" + (row + "\n").repeat(300 * 1024 / row.length())).getBytes(StandardCharsets.UTF_8),
                Set.of(413)));
    }

    // ---- building requests -----------------------------------------------------------------------------------

    private Case bodyCase(Target t, String description, String contentType, byte[] body, Set<Integer> expected) {
        return new Case(t.routeKey(), description, t.method(), t.path(Map.of(), Map.of()), contentType, body, t.headers(), expected);
    }

    /**
     * The valid body with one value replaced (or removed, for a null replacement) at {@code parentPath.name}; a name
     * {@code [0]} is the first element of the array at the parent path.
     */
    private Case mutated(Target t, String parentPath, String name, JsonNode value, String description, Set<Integer> expected) {
        ObjectNode body = t.jsonBody().deepCopy();
        JsonNode parent = at(body, parentPath);
        if (name.equals("[0]")) {
            ((ArrayNode) parent).set(0, value);
        } else if (value == null) {
            ((ObjectNode) parent).remove(name);
        } else {
            ((ObjectNode) parent).set(name, value);
        }
        return bodyCase(t, description, "application/json", bytes(body), expected);
    }

    /** The node at a path such as {@code activities[0].budgetCents}. */
    private static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        if (path.isEmpty()) {
            return node;
        }
        for (String part : path.split("\\.")) {
            if (part.endsWith("[0]")) {
                node = node.get(part.substring(0, part.length() - 3)).get(0);
            } else {
                node = node.get(part);
            }
        }
        return node;
    }

    private static byte[] validBody(Target t) {
        return t.jsonBody() != null ? bytes(t.jsonBody()) : t.csvBody() != null ? t.csvBody().getBytes(StandardCharsets.UTF_8) : null;
    }

    private static String contentType(Target t) {
        return t.jsonBody() != null ? "application/json" : t.csvBody() != null ? "text/csv" : null;
    }

    // ---- schemas ---------------------------------------------------------------------------------------------

    /**
     * A schema with its reference resolved (sibling keywords kept over the referenced ones) and a nullable
     * alternative ({@code anyOf: [X, {type: null}]}) reduced to X, marked {@code x-nullable}.
     */
    private JsonNode schema(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return NODES.objectNode();
        }
        ObjectNode out;
        if (node.has("$ref")) {
            out = (ObjectNode) schema(spec.resolve(NODES.objectNode().put("$ref", node.get("$ref").asText()))).deepCopy();
            node.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("$ref")) {
                    out.set(f.getKey(), f.getValue());
                }
            });
        } else {
            out = node.deepCopy();
        }
        if (out.has("anyOf")) {
            List<JsonNode> nonNull = new ArrayList<>();
            boolean nullable = false;
            for (JsonNode alternative : out.get("anyOf")) {
                if ("null".equals(alternative.path("type").asText())) {
                    nullable = true;
                } else {
                    nonNull.add(alternative);
                }
            }
            if (nonNull.size() == 1) {
                ObjectNode merged = (ObjectNode) schema(nonNull.get(0)).deepCopy();
                out.fields().forEachRemaining(f -> {
                    if (!f.getKey().equals("anyOf")) {
                        merged.set(f.getKey(), f.getValue());
                    }
                });
                merged.put("x-nullable", nullable);
                return merged;
            }
        }
        if (out.path("type").isArray()) {
            boolean nullable = false;
            String single = null;
            for (JsonNode ty : out.get("type")) {
                if (ty.asText().equals("null")) {
                    nullable = true;
                } else {
                    single = ty.asText();
                }
            }
            out.put("type", single);
            out.put("x-nullable", nullable);
        }
        return out;
    }

    private static String type(JsonNode s) {
        if (s.has("type")) {
            return s.path("type").asText();
        }
        if (s.has("enum") || s.has("pattern")) {
            return "string";
        }
        if (s.has("properties") || s.has("additionalProperties")) {
            return "object";
        }
        return "";
    }

    private static boolean nullable(JsonNode s) {
        return s.path("x-nullable").asBoolean();
    }

    private static String encode(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A short, printable form of a value for a case's description. */
    static String abbreviate(String s) {
        StringBuilder printable = new StringBuilder();
        s.codePoints().limit(40).forEach(c -> printable.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c)
                : Character.toString(c)));
        return s.length() <= 40 ? printable.toString() : printable.substring(0, Math.min(30, printable.length())) + "...(" + s.length() + ")";
    }

    private static String json(JsonNode node) {
        try {
            return ApiClient.JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        return json(node).getBytes(StandardCharsets.UTF_8);
    }
}
