package nl.spuk.application.monitoring;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.spuk.application.Access;
import nl.spuk.application.NotFoundException;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.port.Allocation;
import nl.spuk.application.port.AllocationRepository;
import nl.spuk.application.port.AllocationState;
import nl.spuk.domain.Actor;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.Municipalities;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Role;
import nl.spuk.domain.SchemeRules;
import nl.spuk.domain.YearAmounts;

/** The municipalities and their annual allocations, which ministry staff set one by one or import. */
public final class MunicipalityService {
    public static final int MAX_IMPORT_ROWS = 10_000;

    private final Municipalities municipalities;
    private final AllocationRepository allocations;
    private final SchemeRules scheme;

    public MunicipalityService(Municipalities municipalities, AllocationRepository allocations, SchemeRules scheme) {
        this.municipalities = municipalities;
        this.allocations = allocations;
        this.scheme = scheme;
    }

    public List<MunicipalityView> list(Actor actor) {
        Map<MunicipalityCode, YearAmounts> all = actor.is(Role.MINISTRY) ? allocations.all() : Map.of();
        return municipalities.all().stream()
                .map(m -> new MunicipalityView(m, actor.is(Role.MINISTRY) ? all.getOrDefault(m.code(), YearAmounts.EMPTY) : null))
                .toList();
    }

    /**
     * One municipality's allocations, what approved awards committed of them and the headroom left per year: the
     * ceiling awards are checked against ({@link nl.spuk.application.port.AllocationState}), so officials see what
     * they can ask for. For that municipality's users and the ministry; "not found" for other municipalities.
     */
    public AllocationOverview overview(Actor actor, String code) {
        Access.requireRole(actor, Role.MUNICIPALITY, Role.MINISTRY);
        var municipality = municipalities.find(code).orElseThrow(() -> new NotFoundException("no such municipality"));
        if (actor.is(Role.MUNICIPALITY) && !actor.belongsTo(municipality.code())) {
            throw new NotFoundException("no such municipality");
        }
        AllocationState state = allocations.stateOf(municipality.code());
        return new AllocationOverview(municipality, state.allocated(), state.committed(), state.headroom());
    }

    public MunicipalityView setAllocation(Actor actor, String code, int year, long amountCents) {
        Access.requireRole(actor, Role.MINISTRY);
        var municipality = municipalities.find(code).orElseThrow(() -> new NotFoundException("no municipality " + code));
        List<FieldError> errors = new ArrayList<>();
        if (!scheme.coversYear(year)) {
            errors.add(new FieldError("year", "must be a year from " + scheme.firstYear() + " to " + scheme.lastYear()));
        }
        checkAmount(errors, "amountCents", amountCents);
        if (!errors.isEmpty()) {
            throw new RuleViolationException("the allocation is not valid", errors);
        }
        allocations.setAll(List.of(new Allocation(municipality.code(), year, amountCents)));
        return new MunicipalityView(municipality, allocations.stateOf(municipality.code()).allocated());
    }

    /** Imports all rows or none: every row is checked first, and every error is named with its line. */
    public int importAllocations(Actor actor, List<AllocationRow> rows) {
        Access.requireRole(actor, Role.MINISTRY);
        List<FieldError> errors = new ArrayList<>();
        if (rows.isEmpty()) {
            errors.add(new FieldError("body", "the file has no rows"));
        }
        if (rows.size() > MAX_IMPORT_ROWS) {
            throw new RuleViolationException("too many rows",
                    List.of(new FieldError("body", "at most " + MAX_IMPORT_ROWS + " rows")));
        }
        List<Allocation> valid = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (AllocationRow row : rows) {
            String at = "line " + row.line();
            if (!municipalities.contains(row.code())) {
                errors.add(new FieldError(at + ".code", "unknown municipality code '" + row.code() + "'"));
            }
            Integer year = parseInt(row.year());
            if (year == null || !scheme.coversYear(year)) {
                errors.add(new FieldError(at + ".year", "must be a year from " + scheme.firstYear() + " to " + scheme.lastYear()));
            }
            Long amount = parseLong(row.amountCents());
            if (amount == null) {
                errors.add(new FieldError(at + ".amountCents", "must be a whole number of cents"));
            } else {
                checkAmount(errors, at + ".amountCents", amount);
            }
            if (year != null && !seen.add(row.code() + "/" + year)) {
                errors.add(new FieldError(at, row.code() + " " + year + " appears more than once"));
            }
            if (errors.isEmpty()) {
                valid.add(new Allocation(new MunicipalityCode(row.code()), year, amount));
            }
        }
        if (!errors.isEmpty()) {
            throw new RuleViolationException("nothing was imported: " + errors.size() + " problem(s) in the file", errors);
        }
        allocations.setAll(valid);
        return valid.size();
    }

    private static void checkAmount(List<FieldError> errors, String field, long amount) {
        if (amount < 0) {
            errors.add(new FieldError(field, "must not be negative"));
        } else if (amount > SchemeRules.MAX_CENTS) {
            errors.add(new FieldError(field, "must be at most " + SchemeRules.MAX_CENTS + " cents"));
        }
    }

    private static Integer parseInt(String s) {
        try {
            // ASCII digits only: Integer.valueOf also reads other scripts' digits
            return s == null || !s.strip().matches("-?[0-9]{1,9}") ? null : Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long parseLong(String s) {
        try {
            return s == null || !s.strip().matches("-?[0-9]{1,19}") ? null : Long.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
