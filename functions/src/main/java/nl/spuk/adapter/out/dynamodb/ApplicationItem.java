package nl.spuk.adapter.out.dynamodb;

import static nl.spuk.adapter.out.dynamodb.Attr.n;
import static nl.spuk.adapter.out.dynamodb.Attr.put;
import static nl.spuk.adapter.out.dynamodb.Attr.s;
import static nl.spuk.adapter.out.dynamodb.Attr.str;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.spuk.domain.Activity;
import nl.spuk.domain.Advice;
import nl.spuk.domain.AwardReference;
import nl.spuk.domain.AdviceOutcome;
import nl.spuk.domain.Application;
import nl.spuk.domain.AttentionPoint;
import nl.spuk.domain.Contact;
import nl.spuk.domain.Decision;
import nl.spuk.domain.DecisionOutcome;
import nl.spuk.domain.Municipality;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Plan;
import nl.spuk.domain.Settlement;
import nl.spuk.domain.SearchText;
import nl.spuk.domain.Status;
import nl.spuk.domain.YearAmounts;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps an application to its item ({@code PK=APP#id, SK=APP}) and back. */
final class ApplicationItem {
    static final String TYPE = "APPLICATION";
    static final String VERSION = "version";
    static final String STATUS = "status";
    static final String PLAN = "plan";
    static final String YEARS = "years";
    static final String SUBMITTED_AT = "submittedAt";
    static final String MUNICIPALITY_NAME = "municipalityName";
    static final String TITLE = "title";
    /** What a search of the list looks in ({@link SearchText}): title, municipality name and code. */
    static final String SEARCH = "searchText";
    static final String LAST_CHANGE_ID = "lastChangeId";

    private ApplicationItem() {
    }

    /** The item of the application; {@code changeId} is the change that produced this state, or null. */
    static Map<String, AttributeValue> toItem(Application app, String changeId) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(DynamoDbTable.PK, s(Keys.appPk(app.id())));
        item.put(DynamoDbTable.SK, s(Keys.APP_SK));
        String created = Attr.sortable(app.createdAt()) + "#" + app.id();
        item.put(DynamoDbTable.GSI1_PK, s(Keys.municipalityPk(app.municipalityCode())));
        item.put(DynamoDbTable.GSI1_SK, s("APP#" + created));
        item.put(DynamoDbTable.GSI2_PK, s(Keys.statusPk(app.status().name())));
        item.put(DynamoDbTable.GSI2_SK, s(created));
        item.put(DynamoDbTable.GSI3_PK, s(Keys.ALL_APPS));
        item.put(DynamoDbTable.GSI3_SK, s(created));
        item.put("type", s(TYPE));
        item.put("id", s(app.id()));
        item.put("municipalityCode", s(app.municipalityCode().value()));
        put(item, MUNICIPALITY_NAME, app.municipality().name());
        item.put(SEARCH, s(SearchText.of(app.plan().title(), app.municipality().name(), app.municipalityCode().value())));
        item.put(PLAN, plan(app.plan()));
        item.put(STATUS, s(app.status().name()));
        if (app.advice() != null) {
            item.put("advice", advice(app.advice()));
        }
        if (app.decision() != null) {
            item.put("decision", decision(app.decision()));
        }
        put(item, "reviewEscalatedAt", app.reviewEscalatedAt());
        put(item, "reviewDueDate", app.reviewDueDate());
        if (!app.reportDueDates().isEmpty()) {
            Map<String, AttributeValue> dates = new HashMap<>();
            app.reportDueDates().forEach((year, date) -> dates.put(year.toString(), s(date.toString())));
            item.put("reportDueDates", AttributeValue.fromM(dates));
        }
        if (app.settlement() != null) {
            item.put("settlement", settlement(app.settlement()));
        }
        item.put(VERSION, n(app.version()));
        put(item, "createdAt", app.createdAt());
        put(item, "updatedAt", app.updatedAt());
        put(item, SUBMITTED_AT, app.submittedAt());
        put(item, "createdBy", app.createdBy());
        put(item, LAST_CHANGE_ID, changeId);
        return item;
    }

    static Application fromItem(Map<String, AttributeValue> item) {
        return new Application(
                str(item, "id"),
                new Municipality(new MunicipalityCode(str(item, "municipalityCode")), str(item, "municipalityName")),
                plan(item.get(PLAN).m()),
                Status.valueOf(str(item, STATUS)),
                Attr.num(item, VERSION),
                Attr.instant(item, "createdAt"),
                Attr.instant(item, "updatedAt"),
                Attr.instant(item, SUBMITTED_AT),
                str(item, "createdBy"),
                item.containsKey("advice") ? advice(item.get("advice").m()) : null,
                item.containsKey("decision") ? decision(item.get("decision").m()) : null,
                Attr.instant(item, "reviewEscalatedAt"),
                item.containsKey("settlement") ? settlement(item.get("settlement").m()) : null,
                Attr.date(item, "reviewDueDate"),
                reportDueDates(item.get("reportDueDates")));
    }

    private static Map<Integer, LocalDate> reportDueDates(AttributeValue value) {
        Map<Integer, LocalDate> dates = new HashMap<>();
        if (value != null) {
            value.m().forEach((year, date) -> dates.put(Integer.valueOf(year), LocalDate.parse(date.s())));
        }
        return dates;
    }

    static String lastChangeId(Map<String, AttributeValue> item) {
        return str(item, LAST_CHANGE_ID);
    }

    private static AttributeValue advice(Advice advice) {
        Map<String, AttributeValue> m = new HashMap<>();
        put(m, "outcome", advice.outcome());
        put(m, "summary", advice.summary());
        put(m, "documentId", advice.documentId());
        put(m, "advisorId", advice.advisorId());
        put(m, "advisorName", advice.advisorName());
        put(m, "at", advice.at());
        return AttributeValue.fromM(m);
    }

    private static Advice advice(Map<String, AttributeValue> m) {
        return new Advice(Attr.enumOf(AdviceOutcome.class, m, "outcome"), str(m, "summary"), str(m, "documentId"),
                str(m, "advisorId"), str(m, "advisorName"), Attr.instant(m, "at"));
    }

    private static AttributeValue decision(Decision d) {
        Map<String, AttributeValue> m = new HashMap<>();
        put(m, "outcome", d.outcome());
        m.put("awardedCents", Attr.yearAmounts(d.awardedCents()));
        put(m, "conditions", d.conditions());
        put(m, "motivation", d.motivation());
        put(m, "proposedBy", d.proposedBy());
        put(m, "proposedByName", d.proposedByName());
        put(m, "proposedAt", d.proposedAt());
        put(m, "approvedBy", d.approvedBy());
        put(m, "approvedByName", d.approvedByName());
        put(m, "approvedAt", d.approvedAt());
        if (d.reference() != null) {
            m.put("reference", s(d.reference().toString()));
        }
        return AttributeValue.fromM(m);
    }

    private static Decision decision(Map<String, AttributeValue> m) {
        return new Decision(Attr.enumOf(DecisionOutcome.class, m, "outcome"), Attr.yearAmounts(m.get("awardedCents")),
                str(m, "conditions"), str(m, "motivation"), str(m, "proposedBy"), str(m, "proposedByName"),
                Attr.instant(m, "proposedAt"), str(m, "approvedBy"), str(m, "approvedByName"), Attr.instant(m, "approvedAt"),
                m.containsKey("reference") ? AwardReference.parse(str(m, "reference")) : null);
    }

    private static AttributeValue settlement(Settlement st) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("rows", AttributeValue.fromL(st.rows().stream().map(r -> AttributeValue.fromM(Map.of(
                "year", n(r.year()), "awardedCents", n(r.awardedCents()), "reportedSpentCents", n(r.reportedSpentCents()),
                "eligibleCents", n(r.eligibleCents())))).toList()));
        m.put("totalAwardedCents", n(st.totalAwardedCents()));
        m.put("totalEligibleCents", n(st.totalEligibleCents()));
        m.put("reclaimCents", n(st.reclaimCents()));
        put(m, "proposedBy", st.proposedBy());
        put(m, "proposedByName", st.proposedByName());
        put(m, "proposedAt", st.proposedAt());
        put(m, "approvedBy", st.approvedBy());
        put(m, "approvedByName", st.approvedByName());
        put(m, "approvedAt", st.approvedAt());
        return AttributeValue.fromM(m);
    }

    private static Settlement settlement(Map<String, AttributeValue> m) {
        List<Settlement.Row> rows = m.get("rows").l().stream().map(AttributeValue::m).map(r -> new Settlement.Row(
                (int) Attr.num(r, "year"), Attr.num(r, "awardedCents"), Attr.num(r, "reportedSpentCents"),
                Attr.num(r, "eligibleCents"))).toList();
        return new Settlement(rows, Attr.num(m, "totalAwardedCents"), Attr.num(m, "totalEligibleCents"),
                Attr.num(m, "reclaimCents"), str(m, "proposedBy"), str(m, "proposedByName"), Attr.instant(m, "proposedAt"),
                str(m, "approvedBy"), str(m, "approvedByName"), Attr.instant(m, "approvedAt"));
    }

    private static AttributeValue plan(Plan plan) {
        Map<String, AttributeValue> m = new HashMap<>();
        put(m, "title", plan.title());
        m.put(YEARS, Attr.numberList(plan.years()));
        m.put("activities", AttributeValue.fromL(plan.activities().stream().map(ApplicationItem::activity).toList()));
        if (plan.contact() != null) {
            Map<String, AttributeValue> contact = new HashMap<>();
            put(contact, "name", plan.contact().name());
            put(contact, "email", plan.contact().email());
            m.put("contact", AttributeValue.fromM(contact));
        }
        return AttributeValue.fromM(m);
    }

    private static Plan plan(Map<String, AttributeValue> m) {
        List<Activity> activities = m.get("activities").l().stream().map(a -> activity(a.m())).toList();
        AttributeValue contact = m.get("contact");
        return new Plan(str(m, "title"), Attr.numberList(m.get(YEARS)), activities,
                contact == null ? null : new Contact(str(contact.m(), "name"), str(contact.m(), "email")));
    }

    private static AttributeValue activity(Activity activity) {
        Map<String, AttributeValue> m = new HashMap<>();
        put(m, "theme", activity.theme());
        put(m, "title", activity.title());
        put(m, "description", activity.description());
        m.put("budgetCents", Attr.yearAmounts(activity.budgetCents() == null ? YearAmounts.EMPTY : activity.budgetCents()));
        return AttributeValue.fromM(m);
    }

    private static Activity activity(Map<String, AttributeValue> m) {
        return new Activity(Attr.enumOf(AttentionPoint.class, m, "theme"), str(m, "title"), str(m, "description"),
                Attr.yearAmounts(m.get("budgetCents")));
    }
}
