package nl.spuk.adapter.in.lambda.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import nl.spuk.application.monitoring.AllocationOverview;
import nl.spuk.application.monitoring.MunicipalityView;
import nl.spuk.application.port.Page;
import nl.spuk.application.review.AdvisoryService;
import nl.spuk.domain.Activity;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Advice;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Decision;
import nl.spuk.domain.Document;
import nl.spuk.domain.HoursBalance;
import nl.spuk.domain.HoursEntry;
import nl.spuk.domain.Report;
import nl.spuk.domain.SchemeRules;
import nl.spuk.domain.Settlement;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.YearAmounts;

/** The JSON shapes of api.md, built from domain objects. */
public final class Views {
    private Views() {
    }

    /** The application as {@code reader} may see it ({@link Application#asSeenBy}). */
    public static Map<String, Object> application(Application app, Actor reader) {
        Application a = app.asSeenBy(reader);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", a.id());
        v.put("municipalityCode", a.municipalityCode().value());
        v.put("municipalityName", a.municipality().name());
        v.put("title", a.plan().title());
        v.put("status", a.status().name());
        v.put("reference", a.reference() == null ? null : a.reference().toString());
        v.put("years", a.plan().years());
        v.put("activities", a.plan().activities().stream().map(Views::activity).toList());
        v.put("requestedCents", cents(a.requestedCents()));
        v.put("awardedCents", cents(a.awardedCents()));
        v.put("contact", a.plan().contact() == null ? null
                : mapOf("name", a.plan().contact().name(), "email", a.plan().contact().email()));
        v.put("version", a.version());
        v.put("createdAt", a.createdAt().toString());
        v.put("updatedAt", a.updatedAt().toString());
        v.put("submittedAt", a.submittedAt() == null ? null : a.submittedAt().toString());
        v.put("advice", a.advice() == null ? null : advice(a.advice()));
        v.put("decision", a.decision() == null ? null : decision(a.decision()));
        v.put("reviewEscalatedAt", a.reviewEscalatedAt() == null ? null : a.reviewEscalatedAt().toString());
        // the date means something only while the review runs: it moves on while the plan is back with the municipality
        v.put("reviewDueDate", a.status() == Status.IN_REVIEW && a.reviewDueDate() != null ? a.reviewDueDate().toString() : null);
        Map<String, String> reportDue = new LinkedHashMap<>();
        a.awardedCents().asMap().forEach((year, cents) -> {
            if (cents > 0) {
                reportDue.put(year.toString(), a.reportDueDate(year, SchemeRules.DEFAULT).toString());
            }
        });
        v.put("reportDeadlines", reportDue);
        v.put("settlement", a.settlement() == null ? null : settlement(a.settlement()));
        return v;
    }

    private static Map<String, Object> settlement(Settlement s) {
        Map<String, Long> awarded = new LinkedHashMap<>();
        Map<String, Long> eligible = new LinkedHashMap<>();
        Map<String, Long> reported = new LinkedHashMap<>();
        for (Settlement.Row row : s.rows()) {
            awarded.put(Integer.toString(row.year()), row.awardedCents());
            eligible.put(Integer.toString(row.year()), row.eligibleCents());
            reported.put(Integer.toString(row.year()), row.reportedSpentCents());
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("awardedCents", awarded);
        v.put("reportedSpentCents", reported);
        v.put("eligibleSpentCents", eligible);
        v.put("totalAwardedCents", s.totalAwardedCents());
        v.put("totalEligibleSpentCents", s.totalEligibleCents());
        v.put("reclaimCents", s.reclaimCents());
        v.put("proposedBy", s.proposedByName());
        v.put("proposedAt", s.proposedAt().toString());
        v.put("approvedBy", s.approvedByName());
        v.put("approvedAt", s.approvedAt() == null ? null : s.approvedAt().toString());
        return v;
    }

    public static Map<String, Object> report(Report r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("year", r.year());
        v.put("status", r.status().name());
        Map<String, Long> spent = new LinkedHashMap<>();
        r.spentCents().forEach((point, cents) -> spent.put(point.name(), cents));
        v.put("spentCents", spent);
        v.put("totalSpentCents", r.totalSpentCents());
        v.put("caregiversReached", r.caregiversReached());
        v.put("respiteHours", r.respiteQuarterHours() / 4.0);
        v.put("narrative", r.narrative());
        v.put("documentId", r.documentId());
        v.put("submittedAt", r.submittedAt() == null ? null : r.submittedAt().toString());
        v.put("reviewedAt", r.reviewedAt() == null ? null : r.reviewedAt().toString());
        v.put("rejectionReason", r.rejectionReason());
        return v;
    }

    private static Map<String, Object> advice(Advice a) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("outcome", a.outcome().name());
        v.put("summary", a.summary());
        v.put("documentId", a.documentId());
        v.put("advisor", a.advisorName());
        v.put("at", a.at().toString());
        return v;
    }

    private static Map<String, Object> decision(Decision d) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("outcome", d.outcome().name());
        v.put("awardedCents", cents(d.awardedCents()));
        v.put("conditions", d.conditions());
        v.put("motivation", d.motivation());
        v.put("proposedBy", d.proposedByName());
        v.put("proposedById", d.proposedBy());
        v.put("proposedAt", d.proposedAt().toString());
        v.put("approvedBy", d.approvedByName());
        v.put("approvedAt", d.approvedAt() == null ? null : d.approvedAt().toString());
        return v;
    }

    public static Map<String, Object> balance(HoursBalance b) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("capHours", HoursBalance.hours(b.capQuarterHours()));
        v.put("usedHours", HoursBalance.hours(b.usedQuarterHours()));
        v.put("remainingHours", HoursBalance.hours(b.remainingQuarterHours()));
        return v;
    }

    /** The balance and a page of entries; {@code nextToken} as in a list, unless this is the last page. */
    public static Map<String, Object> advisoryHours(AdvisoryService.Overview overview) {
        Map<String, Object> v = balance(overview.balance());
        v.put("entries", overview.entries().items().stream().map(Views::hoursEntry).toList());
        if (overview.entries().nextToken() != null) {
            v.put("nextToken", overview.entries().nextToken());
        }
        return v;
    }

    private static Map<String, Object> hoursEntry(HoursEntry e) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("entryId", e.entryId());
        v.put("applicationId", e.applicationId());
        v.put("hours", HoursBalance.hours(e.quarterHours()));
        v.put("theme", e.theme().name());
        v.put("date", e.date().toString());
        v.put("note", e.note());
        v.put("advisor", e.advisorName());
        v.put("loggedAt", e.at().toString());
        return v;
    }

    private static Map<String, Object> activity(Activity a) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("theme", a.theme() == null ? null : a.theme().name());
        v.put("title", a.title());
        v.put("description", a.description());
        v.put("budgetCents", cents(a.budgetCents()));
        return v;
    }

    /** Cents keyed by year as a JSON object with string keys: {@code {"2025": 1250000}}. */
    public static Map<String, Long> cents(YearAmounts amounts) {
        Map<String, Long> v = new LinkedHashMap<>();
        amounts.asMap().forEach((year, c) -> v.put(Integer.toString(year), c));
        return v;
    }

    public static Map<String, Object> municipality(MunicipalityView m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("code", m.municipality().code().value());
        v.put("name", m.municipality().name());
        if (m.allocationsCents() != null) {
            v.put("allocationsCents", cents(m.allocationsCents()));
        }
        return v;
    }

    public static Map<String, Object> allocationOverview(AllocationOverview o) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("code", o.municipality().code().value());
        v.put("name", o.municipality().name());
        v.put("allocationsCents", cents(o.allocations()));
        v.put("committedCents", cents(o.committed()));
        v.put("headroomCents", cents(o.headroom()));
        return v;
    }

    /** A history entry as {@code reader} may see it ({@link AuditEvent#asSeenBy}). */
    public static Map<String, Object> event(AuditEvent entry, Actor reader) {
        AuditEvent e = entry.asSeenBy(reader);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("at", e.at().toString());
        v.put("actor", e.actorName());
        v.put("actorId", e.actorId());
        v.put("role", e.role() == null ? null : e.role().name());
        v.put("action", e.action());
        v.put("fromStatus", e.fromStatus() == null ? null : e.fromStatus().name());
        v.put("toStatus", e.toStatus() == null ? null : e.toStatus().name());
        v.put("details", e.details());
        return v;
    }

    /** A task as {@code reader} sees it: whether four eyes keep them from it ({@code ownProposal}). */
    public static Map<String, Object> task(Task t, Actor reader) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("taskId", t.taskId());
        v.put("type", t.type().name());
        v.put("applicationId", t.applicationId());
        v.put("applicationTitle", t.applicationTitle());
        v.put("municipalityCode", t.municipalityCode().value());
        v.put("municipalityName", t.municipalityName());
        v.put("ownProposal", t.awaitsSomeoneElse(reader));
        v.put("createdAt", t.createdAt().toString());
        v.put("dueDate", t.dueDate() == null ? null : t.dueDate().toString());
        return v;
    }

    public static Map<String, Object> document(Document d) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("documentId", d.documentId());
        v.put("kind", d.kind().name());
        v.put("fileName", d.fileName());
        v.put("contentType", d.contentType());
        v.put("sizeBytes", d.sizeBytes());
        v.put("status", d.status().name());
        v.put("sha256", d.sha256());
        v.put("uploadedAt", d.uploadedAt() == null ? null : d.uploadedAt().toString());
        v.put("rejectionReason", d.rejectionReason());
        return v;
    }

    public static Map<String, Object> items(List<?> items) {
        return Map.of("items", items);
    }

    /** A page of a list: its items, and {@code nextToken} unless this is the last page. */
    public static <T> Map<String, Object> page(Page<T> page, Function<T, Map<String, Object>> view) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("items", page.items().stream().map(view).toList());
        if (page.nextToken() != null) {
            v.put("nextToken", page.nextToken());
        }
        return v;
    }

    private static Map<String, Object> mapOf(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put(k1, v1);
        v.put(k2, v2);
        return v;
    }
}
