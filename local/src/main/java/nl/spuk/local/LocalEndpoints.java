package nl.spuk.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import nl.spuk.config.MovableClock;
import nl.spuk.domain.Role;

/**
 * The routes only local mode has, outside the template and without a token: {@code POST /local/token} signs
 * in as anyone, {@code POST /local/clock} moves the workflow clock forward and runs what fell due,
 * {@code GET /local/clock} tells the workflow clock's time, {@code GET /local/mail} lists the mail local mode's SMTP
 * server received, newest first. The POST routes take {@code application/json} only: a page
 * of another site can have a browser send text/plain or form data anywhere without asking, JSON only after a CORS
 * preflight, which this server never grants.
 */
final class LocalEndpoints {
    private static final int MAX_SUB_LENGTH = 128;

    private final LocalTokens tokens;
    private final Set<String> municipalityCodes;
    private final MovableClock workflowClock;
    private final DueJobs dueJobs;
    private final Supplier<GatewayResponse> mail;

    LocalEndpoints(LocalTokens tokens, Set<String> municipalityCodes, MovableClock workflowClock, DueJobs dueJobs,
                   Supplier<GatewayResponse> mail) {
        this.mail = mail;
        this.tokens = tokens;
        this.municipalityCodes = Set.copyOf(municipalityCodes);
        this.workflowClock = workflowClock;
        this.dueJobs = dueJobs;
    }

    /** {@code {"sub","name","role","municipality"}} → {@code {"token"}}. */
    GatewayResponse token(String contentType, byte[] body) {
        if (!isJson(contentType)) {
            return notJson();
        }
        JsonNode request = jsonObject(body);
        if (request == null) {
            return GatewayResponse.problem(400, "send a JSON object {\"sub\",\"name\",\"role\",\"municipality\"}");
        }
        for (String field : new String[] {"sub", "name", "role", "municipality"}) {
            if (request.hasNonNull(field) && !request.get(field).isTextual()) {
                return GatewayResponse.problem(400, field + " must be a string");
            }
        }
        String sub = text(request, "sub");
        if (sub == null || sub.isBlank() || sub.length() > MAX_SUB_LENGTH) {
            return GatewayResponse.problem(422, "sub is required (1-" + MAX_SUB_LENGTH + " characters)");
        }
        String roleName = text(request, "role");
        Role role = roleName == null ? null : Role.fromGroupName(roleName.toLowerCase(Locale.ROOT)).orElse(null);
        if (role == null) {
            return GatewayResponse.problem(422, "role must be one of municipality, advisor, ministry");
        }
        String municipality = null;
        if (role == Role.MUNICIPALITY) {
            municipality = text(request, "municipality");
            if (municipality == null || !municipalityCodes.contains(municipality)) {
                return GatewayResponse.problem(422, "municipality must be the code of one of the "
                        + municipalityCodes.size() + " municipalities (such as GM0014) for role municipality");
            }
        }
        String name = text(request, "name");
        String token = tokens.issue(sub, name == null || name.isBlank() ? sub : name, role.groupName(), municipality);
        return GatewayResponse.json(200, Map.of("token", token));
    }

    /** {@code {"now":"2027-07-16T00:00:00Z"}} → the clock moved there and the due jobs run. */
    GatewayResponse moveClock(String contentType, byte[] body) {
        if (!isJson(contentType)) {
            return notJson();
        }
        JsonNode request = jsonObject(body);
        if (request == null) {
            return GatewayResponse.problem(400, "send a JSON object {\"now\": \"2027-07-16T00:00:00Z\"}");
        }
        Instant target = instant(text(request, "now"));
        if (target == null) {
            return GatewayResponse.problem(422, "now must be an ISO-8601 UTC instant such as 2027-07-16T00:00:00Z");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        try {
            dueJobs.exclusively(() -> {
                workflowClock.advanceTo(target);
                return null;
            });
        } catch (IllegalArgumentException e) {
            return GatewayResponse.problem(409, e.getMessage());
        }
        answer.put("now", target.toString());
        answer.put("jobsRun", dueJobs.runUntilNoneDue());
        return GatewayResponse.json(200, answer);
    }

    /** {@code {"items":[{"messageId","from","to","subject","text","headers","sentAt"}]}}, newest first. */
    GatewayResponse mail() {
        return mail.get();
    }

    GatewayResponse clock() {
        return GatewayResponse.json(200, Map.of("now", workflowClock.instant().toString()));
    }

    /** {@code application/json}, with or without parameters such as a charset. */
    private static boolean isJson(String contentType) {
        return contentType != null
                && contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals("application/json");
    }

    private static GatewayResponse notJson() {
        return GatewayResponse.problem(415, "send the JSON object with Content-Type: application/json");
    }

    private static JsonNode jsonObject(byte[] body) {
        try {
            JsonNode node = GatewayResponse.JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
