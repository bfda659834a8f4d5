package nl.spuk.adapter.in.lambda.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nl.spuk.domain.Activity;
import nl.spuk.domain.AttentionPoint;
import nl.spuk.domain.Contact;
import nl.spuk.domain.Plan;
import nl.spuk.domain.YearAmounts;

/**
 * Reads the editable fields of an application from JSON. Types are checked here (400); the rules (lengths,
 * ranges, known themes, years) are the domain's (422). An unknown theme is passed on as null for the domain to name.
 */
public final class PlanReader {
    private static final Set<String> PLAN_FIELDS = Set.of("title", "years", "activities", "contact");
    private static final Set<String> ACTIVITY_FIELDS = Set.of("theme", "title", "description", "budgetCents");
    private static final Set<String> CONTACT_FIELDS = Set.of("name", "email");

    private PlanReader() {
    }

    public static Plan read(JsonNode body) {
        BodyReader r = new BodyReader();
        r.allowOnly(body, "", PLAN_FIELDS);
        String title = r.text(body, "", "title");
        List<Integer> years = new ArrayList<>();
        JsonNode yearsNode = r.array(body, "", "years");
        if (yearsNode != null) {
            for (int i = 0; i < yearsNode.size(); i++) {
                Long y = r.whole(yearsNode.get(i), "years[" + i + "]");
                if (y != null) {
                    years.add(toYear(r, "years[" + i + "]", y));
                }
            }
        }
        List<Activity> activities = new ArrayList<>();
        JsonNode list = r.array(body, "", "activities");
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                String path = "activities[" + i + "]";
                JsonNode a = r.object(list.get(i), path);
                if (a != null) {
                    activities.add(activity(r, path, a));
                }
            }
        }
        Contact contact = null;
        JsonNode c = r.object(body, "", "contact");
        if (c != null) {
            r.allowOnly(c, "contact", CONTACT_FIELDS);
            contact = new Contact(r.text(c, "contact", "name"), r.text(c, "contact", "email"));
        }
        r.finish();
        return new Plan(title, years, activities, contact);
    }

    private static Activity activity(BodyReader r, String path, JsonNode a) {
        r.allowOnly(a, path, ACTIVITY_FIELDS);
        String theme = r.text(a, path, "theme");
        Map<Integer, Long> budget = new TreeMap<>();
        JsonNode b = r.object(a, path, "budgetCents");
        if (b != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String field = path + ".budgetCents." + e.getKey();
                if (!e.getKey().matches("\\d{4}")) {
                    r.error(field, "the key must be a year such as 2025");
                    continue;
                }
                Long cents = r.whole(e.getValue(), field);
                if (cents != null) {
                    budget.put(Integer.valueOf(e.getKey()), cents);
                }
            }
        }
        return new Activity(parseTheme(theme), r.text(a, path, "title"), r.text(a, path, "description"),
                YearAmounts.of(budget));
    }

    private static int toYear(BodyReader r, String field, long y) {
        if (y < Integer.MIN_VALUE || y > Integer.MAX_VALUE) {
            r.error(field, "is out of range");
            return 0;
        }
        return (int) y;
    }

    private static AttentionPoint parseTheme(String theme) {
        if (theme == null) {
            return null;
        }
        try {
            return AttentionPoint.valueOf(theme);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
