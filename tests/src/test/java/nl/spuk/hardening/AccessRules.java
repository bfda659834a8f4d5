package nl.spuk.hardening;

import static nl.spuk.domain.Role.ADVISOR;
import static nl.spuk.domain.Role.MINISTRY;
import static nl.spuk.domain.Role.MUNICIPALITY;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import nl.spuk.domain.Role;

/**
 * Who may do what, written once for every route of the template: which roles a route admits (403 for the others),
 * whose data it reaches (404 for an application or municipality the caller may not see: another municipality's, or a
 * draft for an advisor or a ministry user), and what the answer is when the caller passes both, per stage of the application. A bad or
 * missing token is 401 everywhere but on the open OpenAPI document. api.md and the OpenAPI document are the sources.
 */
final class AccessRules {
    /** What a route reaches, which decides the 404s. */
    enum Scope {
        /** Nobody's data in particular (lists are scoped by the caller, checked separately). */
        NONE,
        /** One application: visible to its own municipality, to advisors and the ministry once submitted. */
        APPLICATION,
        /** One municipality's figures: visible to that municipality and to the roles the route admits. */
        MUNICIPALITY,
        /** One notification of the owner's municipality: only its officials see it (404 for everyone else). */
        NOTIFICATION
    }

    /** The answer once role and visibility pass; the stage is null for routes without an application. */
    @FunctionalInterface
    interface Allowed {
        int status(Caller caller, Stage stage);
    }

    /**
     * One route's rule.
     *
     * @param query appended to the path, e.g. {@code ?year=2025}
     * @param movesStatus a success moves the application on (the matrix then prepares that stage anew)
     * @param body the request body for a caller: a JSON value, a CSV string ({@code text/csv}), or null for none
     * @param open the route needs no token: every caller, whatever its token, gets the allowed answer
     */
    record Rule(String routeKey, Set<Role> roles, Scope scope, Allowed allowed, String query, boolean movesStatus,
                BiFunction<Caller, Fixtures, Object> body, boolean open) {

        String method() {
            return routeKey.split(" ", 2)[0];
        }

        String pathTemplate() {
            return routeKey.split(" ", 2)[1];
        }

        /** The one expected status of this route for this caller and stage. */
        int expected(Caller caller, Stage stage) {
            if (open) {
                return allowed.status(caller, stage);
            }
            if (!caller.signedIn()) {
                return 401;
            }
            if (!roles.contains(caller.role())) {
                return 403;
            }
            if (scope == Scope.APPLICATION && !visible(caller, stage)) {
                return 404;
            }
            if (scope == Scope.MUNICIPALITY && caller == Caller.OTHER_MUNICIPALITY) {
                return 404;
            }
            if (scope == Scope.NOTIFICATION && caller != Caller.OWNER) {
                return 404;
            }
            return allowed.status(caller, stage);
        }

        Rule movingStatus() {
            return new Rule(routeKey, roles, scope, allowed, query, true, body, open);
        }

        Rule withQuery(String q) {
            return new Rule(routeKey, roles, scope, allowed, q, movesStatus, body, open);
        }

        Rule withBody(BiFunction<Caller, Fixtures, Object> b) {
            return new Rule(routeKey, roles, scope, allowed, query, movesStatus, b, open);
        }

        Rule openToAnyone() {
            return new Rule(routeKey, roles, scope, allowed, query, movesStatus, body, true);
        }
    }

    static boolean visible(Caller caller, Stage stage) {
        return switch (caller) {
            case OWNER -> true;
            case ADVISOR, MINISTRY -> stage.hasBeenSubmitted();
            default -> false;
        };
    }

    private static final Set<Role> ANY = EnumSet.allOf(Role.class);
    private static final Set<Stage> EDITABLE = EnumSet.of(Stage.DRAFT, Stage.CHANGES_REQUESTED);
    private static final Set<Stage> WITHDRAWABLE = EnumSet.of(Stage.DRAFT, Stage.IN_REVIEW, Stage.CHANGES_REQUESTED, Stage.ADVISED);
    private static final Set<Stage> FINAL = EnumSet.of(Stage.SETTLED, Stage.WITHDRAWN, Stage.WITHDRAWN_UNSUBMITTED);

    private static final Map<String, Rule> RULES = new LinkedHashMap<>();

    static {
        // the OpenAPI document, for anyone
        add(rule("GET /v1/openapi.json", ANY, Scope.NONE, ok(200)).openToAnyone());

        // municipalities and allocations
        add(rule("GET /v1/municipalities", ANY, Scope.NONE, ok(200)));
        add(rule("PUT /v1/municipalities/{code}/allocations/{year}", EnumSet.of(MINISTRY), Scope.NONE, ok(200))
                .withBody((c, f) -> Map.of("amountCents", Fixtures.ALLOCATION_CENTS)));
        add(rule("POST /v1/allocations/import", EnumSet.of(MINISTRY), Scope.NONE, ok(200))
                .withBody((c, f) -> "code,year,amountCents\n" + f.code() + "," + Fixtures.YEAR + "," + Fixtures.ALLOCATION_CENTS + "\n"));
        add(rule("GET /v1/municipalities/{code}/advisory-hours", ANY, Scope.MUNICIPALITY, ok(200)));
        add(rule("GET /v1/municipalities/{code}", EnumSet.of(MUNICIPALITY, MINISTRY), Scope.MUNICIPALITY, ok(200)));

        // reading applications
        add(rule("GET /v1/applications", ANY, Scope.NONE, ok(200)));
        add(rule("GET /v1/tasks", ANY, Scope.NONE, ok(200)));
        for (String read : List.of("GET /v1/applications/{id}", "GET /v1/applications/{id}/history", "GET /v1/applications/{id}/documents",
                "GET /v1/applications/{id}/documents/{documentId}", "GET /v1/applications/{id}/reports")) {
            add(rule(read, ANY, Scope.APPLICATION, ok(200)));
        }

        // the municipality's own commands
        add(rule("POST /v1/applications", EnumSet.of(MUNICIPALITY), Scope.NONE, ok(201))
                .withBody((c, f) -> f.plan("Nieuw plan")));
        add(rule("PUT /v1/applications/{id}", EnumSet.of(MUNICIPALITY), Scope.APPLICATION, (c, s) -> EDITABLE.contains(s) ? 200 : 409)
                .withBody((c, f) -> f.plan("Bijgewerkt plan")));
        add(rule("POST /v1/applications/{id}/submit", EnumSet.of(MUNICIPALITY), Scope.APPLICATION, (c, s) -> EDITABLE.contains(s) ? 200 : 409)
                .movingStatus());
        add(rule("POST /v1/applications/{id}/withdraw", EnumSet.of(MUNICIPALITY), Scope.APPLICATION, (c, s) -> WITHDRAWABLE.contains(s) ? 200 : 409)
                .movingStatus().withBody((c, f) -> Map.of("reason", "De raad heeft het plan niet vastgesteld")));
        add(rule("POST /v1/applications/{id}/documents", ANY, Scope.APPLICATION,
                (c, s) -> FINAL.contains(s) || (c == Caller.ADVISOR && s != Stage.IN_REVIEW) ? 409 : 201)
                .withBody((c, f) -> Map.of("fileName", "bijlage.pdf", "contentType", "application/pdf", "sizeBytes", 1024,
                        "kind", c == Caller.ADVISOR ? "ADVICE" : "OTHER")));
        // removing the plan: the matrix then prepares that stage anew, as after a move
        add(rule("DELETE /v1/applications/{id}/documents/{documentId}", EnumSet.of(MUNICIPALITY), Scope.APPLICATION,
                (c, s) -> EDITABLE.contains(s) ? 204 : 409).movingStatus());

        // the advisory team
        add(rule("POST /v1/applications/{id}/advisory/hours", EnumSet.of(ADVISOR), Scope.APPLICATION, (c, s) -> s == Stage.IN_REVIEW ? 201 : 409)
                .withBody((c, f) -> Map.of("hours", 0.25, "theme", "RESPIJTZORG", "date", "2026-01-15", "note", "Gesprek")));
        add(rule("POST /v1/applications/{id}/advice", EnumSet.of(ADVISOR), Scope.APPLICATION, (c, s) -> s == Stage.IN_REVIEW ? 200 : 409)
                .movingStatus().withBody((c, f) -> Map.of("outcome", "POSITIVE", "summary", "Goed plan")));

        // the ministry's decision (the matrix's ministry user is never the proposer)
        add(rule("POST /v1/applications/{id}/decision", EnumSet.of(MINISTRY), Scope.APPLICATION, (c, s) -> s == Stage.ADVISED ? 200 : 409)
                .movingStatus().withBody((c, f) -> Fixtures.award()));
        add(rule("POST /v1/applications/{id}/decision/approve", EnumSet.of(MINISTRY), Scope.APPLICATION,
                (c, s) -> s == Stage.DECISION_PROPOSED ? 200 : 409).movingStatus());
        add(rule("POST /v1/applications/{id}/decision/return", EnumSet.of(MINISTRY), Scope.APPLICATION,
                (c, s) -> s == Stage.DECISION_PROPOSED ? 200 : 409)
                .movingStatus().withBody((c, f) -> Map.of("reason", "Motivering aanvullen")));

        // reports and settlement
        add(rule("POST /v1/applications/{id}/reports/{year}", EnumSet.of(MUNICIPALITY), Scope.APPLICATION,
                (c, s) -> s == Stage.AWARDED ? 200 : 409).movingStatus().withBody((c, f) -> Fixtures.report()));
        add(rule("POST /v1/applications/{id}/reports/{year}/review", EnumSet.of(MINISTRY), Scope.APPLICATION,
                (c, s) -> !s.hasReport() ? 404 : s == Stage.REPORTING ? 200 : 409)
                .movingStatus().withBody((c, f) -> Map.of("outcome", "ACCEPT")));
        // a later due date while the year's report is open; not for a year that was never awarded
        add(rule("POST /v1/applications/{id}/reports/{year}/extension", EnumSet.of(MINISTRY), Scope.APPLICATION,
                (c, s) -> s == Stage.AWARDED ? 200 : s.hasReport() || s == Stage.SETTLED ? 409 : 422)
                .movingStatus().withBody((c, f) -> Map.of("dueDate", (Fixtures.YEAR + 1) + "-12-31", "reason", "Ziekte")));
        // on the matrix's clock the awarded year's report is overdue until it is submitted
        add(rule("POST /v1/applications/{id}/reports/{year}/reminder", EnumSet.of(MINISTRY), Scope.APPLICATION,
                (c, s) -> s == Stage.AWARDED ? 200 : 409));
        add(rule("POST /v1/reports/reminders", EnumSet.of(MINISTRY), Scope.NONE, ok(200))
                .withBody((c, f) -> Map.of("year", Fixtures.YEAR)));
        add(rule("POST /v1/applications/{id}/settlement", EnumSet.of(MINISTRY), Scope.APPLICATION,
                (c, s) -> s == Stage.REPORTS_ACCEPTED ? 200 : 409).movingStatus());
        add(rule("POST /v1/applications/{id}/settlement/approve", EnumSet.of(MINISTRY), Scope.APPLICATION,
                (c, s) -> s == Stage.SETTLEMENT_PROPOSED ? 200 : 409).movingStatus());
        add(rule("POST /v1/applications/{id}/settlement/return", EnumSet.of(MINISTRY), Scope.APPLICATION,
                (c, s) -> s == Stage.SETTLEMENT_PROPOSED ? 200 : 409)
                .movingStatus().withBody((c, f) -> Map.of("reason", "Opnieuw berekenen")));

        // notifications in the app: the caller's own list; one of the owner's notifications marked read
        add(rule("GET /v1/notifications", ANY, Scope.NONE, ok(200)));
        add(rule("POST /v1/notifications/{id}/read", ANY, Scope.NOTIFICATION, ok(200)));

        // monitoring
        add(rule("GET /v1/monitoring/spending", EnumSet.of(MINISTRY), Scope.NONE, ok(200)).withQuery("?year=" + Fixtures.YEAR));
        add(rule("GET /v1/monitoring/spending.csv", EnumSet.of(MINISTRY), Scope.NONE, ok(200)).withQuery("?year=" + Fixtures.YEAR));
        add(rule("GET /v1/monitoring/spending.xlsx", EnumSet.of(MINISTRY), Scope.NONE, ok(200)).withQuery("?year=" + Fixtures.YEAR));
        add(rule("GET /v1/municipalities/{code}/spending", EnumSet.of(MUNICIPALITY, MINISTRY), Scope.MUNICIPALITY, ok(200))
                .withQuery("?year=" + Fixtures.YEAR));
    }

    private AccessRules() {
    }

    static Optional<Rule> forRoute(String routeKey) {
        return Optional.ofNullable(RULES.get(routeKey));
    }

    static Set<String> routeKeys() {
        return RULES.keySet();
    }

    /** The path of a route for an application (or null) of the fixtures' municipality. */
    static String path(String routeKey, Fixtures fixtures, Fixtures.Fixture app) {
        String path = routeKey.split(" ", 2)[1]
                .replace("{code}", fixtures.code())
                .replace("{year}", Integer.toString(Fixtures.YEAR));
        if (path.startsWith("/v1/notifications/")) {
            path = path.replace("{id}", fixtures.notificationId());
        }
        if (app != null) {
            path = path.replace("{id}", app.id()).replace("{documentId}", app.planDocumentId());
        }
        return path;
    }

    private static Rule rule(String routeKey, Set<Role> roles, Scope scope, Allowed allowed) {
        return new Rule(routeKey, roles, scope, allowed, "", false, (c, f) -> null, false);
    }

    private static Allowed ok(int status) {
        return (c, s) -> status;
    }

    private static void add(Rule rule) {
        if (RULES.put(rule.routeKey(), rule) != null) {
            throw new IllegalStateException("two rules for " + rule.routeKey());
        }
    }
}
