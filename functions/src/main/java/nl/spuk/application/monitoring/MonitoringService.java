package nl.spuk.application.monitoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.spuk.application.Access;
import nl.spuk.application.NotFoundException;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.port.AllocationRepository;
import nl.spuk.application.port.ApplicationQuery;
import nl.spuk.application.port.ApplicationRepository;
import nl.spuk.application.port.MonitoringFigures;
import nl.spuk.application.port.Page;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Application;
import nl.spuk.domain.AttentionPoint;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.Figures;
import nl.spuk.domain.HoursBalance;
import nl.spuk.domain.Monitoring;
import nl.spuk.domain.Municipalities;
import nl.spuk.domain.Municipality;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Role;
import nl.spuk.domain.SchemeRules;
import nl.spuk.domain.Status;
import nl.spuk.domain.YearAmounts;

/** National monitoring of spending, read from aggregates; and the operator's check that they match the records. */
public final class MonitoringService {
    private final Municipalities municipalities;
    private final AllocationRepository allocations;
    private final MonitoringFigures figures;
    private final ApplicationRepository applications;
    private final SchemeRules scheme;

    public MonitoringService(Municipalities municipalities, AllocationRepository allocations, MonitoringFigures figures,
                             ApplicationRepository applications, SchemeRules scheme) {
        this.municipalities = municipalities;
        this.allocations = allocations;
        this.figures = figures;
        this.applications = applications;
        this.scheme = scheme;
    }

    /** One municipality's row (or the nation's totals, with a null municipality). */
    public record Row(Municipality municipality, long allocatedCents, long requestedCents, long awardedCents,
                      long reportedSpentCents, long reclaimCents, int advisoryQuarterHours) {
    }

    /** The national picture for one year. */
    public record Spending(int year, Row totals, List<Row> byMunicipality, Map<AttentionPoint, Long> byTheme,
                           Map<Status, Long> applicationsByStatus, int advisoryQuarterHoursUsed,
                           int municipalitiesAtCap, long overdueReports) {
    }

    /** A difference between an aggregate and the recomputation from the records. */
    public record Difference(MunicipalityCode municipality, int year, Figures stored, Figures recomputed) {
    }

    public Spending spending(Actor actor, int year) {
        Access.requireRole(actor, Role.MINISTRY);
        requireYear(year);
        Map<MunicipalityCode, Figures> byCode = figures.forYear(year);
        Map<MunicipalityCode, YearAmounts> allocated = allocations.all();
        Map<MunicipalityCode, Integer> hours = figures.usedQuarterHours(
                municipalities.all().stream().map(Municipality::code).toList());
        List<Row> rows = new ArrayList<>();
        Figures national = Figures.ZERO;
        long totalAllocated = 0;
        int totalHours = 0;
        int atCap = 0;
        for (Municipality m : municipalities.all()) {
            Figures f = byCode.getOrDefault(m.code(), Figures.ZERO);
            long allocation = allocated.getOrDefault(m.code(), YearAmounts.EMPTY).get(year);
            int used = hours.getOrDefault(m.code(), 0);
            rows.add(row(m, allocation, f, used));
            national = national.plus(f);
            totalAllocated = Math.addExact(totalAllocated, allocation);
            totalHours += used;
            if (used >= scheme.freeAdvisoryQuarterHours()) {
                atCap++;
            }
        }
        return new Spending(year, row(null, totalAllocated, national, totalHours), rows, national.spentByTheme(),
                national.applicationsByStatus(), totalHours, atCap, figures.overdueReports(year));
    }

    /** A municipality's own row: for that municipality's users and the ministry. */
    public Row municipalitySpending(Actor actor, String code, int year) {
        Access.requireRole(actor, Role.MUNICIPALITY, Role.MINISTRY);
        Municipality m = municipalities.find(code).orElseThrow(() -> new NotFoundException("no such municipality"));
        if (actor.is(Role.MUNICIPALITY) && !actor.belongsTo(m.code())) {
            throw new NotFoundException("no such municipality");
        }
        requireYear(year);
        int used = figures.usedQuarterHours(List.of(m.code())).getOrDefault(m.code(), 0);
        return row(m, allocations.stateOf(m.code()).allocated().get(year), figures.forMunicipality(m.code(), year), used);
    }

    /**
     * Recomputes every aggregate from the applications and their reports and names each difference; with
     * {@code repair}, overwrites the aggregates that differ. Reads every application: an operator's check, not a route.
     */
    public List<Difference> check(boolean repair) {
        Map<MunicipalityCode, Map<Integer, Figures>> recomputed = new HashMap<>();
        String token = null;
        do {
            Page<Application> page = applications.list(ApplicationQuery.everything(100, token));
            for (Application app : page.items()) {
                Monitoring.contribution(app, applications.reports(app.id())).forEach((year, f) ->
                        recomputed.computeIfAbsent(app.municipalityCode(), c -> new HashMap<>()).merge(year, f, Figures::plus));
            }
            token = page.nextToken();
        } while (token != null);
        List<Difference> differences = new ArrayList<>();
        for (int year = scheme.firstYear(); year <= scheme.lastYear(); year++) {
            Map<MunicipalityCode, Figures> stored = figures.forYear(year);
            for (Municipality m : municipalities.all()) {
                Figures s = stored.getOrDefault(m.code(), Figures.ZERO);
                Figures r = recomputed.getOrDefault(m.code(), Map.of()).getOrDefault(year, Figures.ZERO);
                if (!s.equals(r)) {
                    differences.add(new Difference(m.code(), year, s, r));
                    if (repair) {
                        figures.replace(m.code(), year, r);
                    }
                }
            }
        }
        return differences;
    }

    private void requireYear(int year) {
        if (!scheme.coversYear(year)) {
            throw new RuleViolationException("no such year", List.of(new FieldError("year",
                    "must be a year from " + scheme.firstYear() + " to " + scheme.lastYear())));
        }
    }

    private static Row row(Municipality m, long allocated, Figures f, int quarterHours) {
        return new Row(m, allocated, f.requestedCents(), f.awardedCents(), f.reportedSpentCents(), f.reclaimCents(), quarterHours);
    }

    /** Quarter hours as hours, for answers. */
    public static double hours(int quarterHours) {
        return HoursBalance.hours(quarterHours);
    }
}
