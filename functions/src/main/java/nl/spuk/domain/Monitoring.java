package nl.spuk.domain;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one application contributes to the national figures, per year. The figures are kept as aggregates that
 * every change updates by {@code contribution(after) - contribution(before)}, in the same transaction as the
 * change itself, so they can be read at a cost that does not grow with the number of applications.
 */
public final class Monitoring {
    private Monitoring() {
    }

    /** The application's figures per year; years it touches but adds nothing to are absent. */
    public static Map<Integer, Figures> contribution(Application app, Collection<Report> reports) {
        TreeSet<Integer> years = new TreeSet<>(app.plan().years());
        years.addAll(app.awardedCents().asMap().keySet());
        boolean requesting = app.submittedAt() != null && app.status() != Status.WITHDRAWN && app.status() != Status.DRAFT;
        Map<Integer, Report> accepted = new HashMap<>();
        for (Report r : reports) {
            if (r.status() == ReportStatus.ACCEPTED) {
                accepted.put(r.year(), r);
            }
        }
        Map<Integer, Long> reclaim = new HashMap<>();
        if (app.status() == Status.SETTLED && app.settlement() != null) {
            app.settlement().rows().forEach(row -> reclaim.put(row.year(), row.reclaimCents()));
        }
        Map<Integer, Figures> out = new TreeMap<>();
        for (int year : years) {
            Report report = accepted.get(year);
            Map<AttentionPoint, Long> themes = report == null ? Map.of() : new EnumMap<>(report.spentCents());
            Map<Status, Long> status = app.plan().years().contains(year) ? Map.of(app.status(), 1L) : Map.of();
            Figures f = new Figures(
                    requesting ? app.requestedCents().get(year) : 0,
                    app.awardedCents().get(year),
                    report == null ? 0 : report.totalSpentCents(),
                    reclaim.getOrDefault(year, 0L),
                    themes, status);
            if (!f.isZero()) {
                out.put(year, f);
            }
        }
        return out;
    }

    /** What a change does to the figures, per year: after minus before; years with no change are absent. */
    public static Map<Integer, Figures> delta(Map<Integer, Figures> before, Map<Integer, Figures> after) {
        Map<Integer, Figures> out = new TreeMap<>();
        TreeSet<Integer> years = new TreeSet<>(before.keySet());
        years.addAll(after.keySet());
        for (int year : years) {
            Figures d = after.getOrDefault(year, Figures.ZERO).minus(before.getOrDefault(year, Figures.ZERO));
            if (!d.isZero()) {
                out.put(year, d);
            }
        }
        return out;
    }
}
