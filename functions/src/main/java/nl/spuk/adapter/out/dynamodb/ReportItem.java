package nl.spuk.adapter.out.dynamodb;

import static nl.spuk.adapter.out.dynamodb.Attr.n;
import static nl.spuk.adapter.out.dynamodb.Attr.put;
import static nl.spuk.adapter.out.dynamodb.Attr.s;
import static nl.spuk.adapter.out.dynamodb.Attr.str;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import nl.spuk.domain.AttentionPoint;
import nl.spuk.domain.Report;
import nl.spuk.domain.ReportStatus;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps a yearly report to its item ({@code PK=APP#id, SK=REPORT#year}) and back. */
final class ReportItem {
    static final String TYPE = "REPORT";
    static final String SK_PREFIX = "REPORT#";

    private ReportItem() {
    }

    static Map<String, AttributeValue> toItem(Report r) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(DynamoDbTable.PK, s(Keys.appPk(r.applicationId())));
        item.put(DynamoDbTable.SK, s(SK_PREFIX + r.year()));
        item.put("type", s(TYPE));
        item.put("applicationId", s(r.applicationId()));
        item.put("year", n(r.year()));
        Map<String, AttributeValue> spent = new HashMap<>();
        r.spentCents().forEach((point, cents) -> spent.put(point.name(), n(cents)));
        item.put("spentCents", AttributeValue.fromM(spent));
        item.put("caregiversReached", n(r.caregiversReached()));
        item.put("respiteQuarterHours", n(r.respiteQuarterHours()));
        put(item, "narrative", r.narrative());
        put(item, "documentId", r.documentId());
        put(item, "status", r.status());
        put(item, "submittedAt", r.submittedAt());
        put(item, "submittedBy", r.submittedBy());
        put(item, "reviewedAt", r.reviewedAt());
        put(item, "reviewedBy", r.reviewedBy());
        put(item, "rejectionReason", r.rejectionReason());
        return item;
    }

    static Report fromItem(Map<String, AttributeValue> item) {
        Map<AttentionPoint, Long> spent = new EnumMap<>(AttentionPoint.class);
        item.get("spentCents").m().forEach((point, cents) -> spent.put(AttentionPoint.valueOf(point), Long.parseLong(cents.n())));
        return new Report(str(item, "applicationId"), (int) Attr.num(item, "year"), spent,
                Attr.num(item, "caregiversReached"), Attr.num(item, "respiteQuarterHours"), str(item, "narrative"),
                str(item, "documentId"), Attr.enumOf(ReportStatus.class, item, "status"), Attr.instant(item, "submittedAt"),
                str(item, "submittedBy"), Attr.instant(item, "reviewedAt"), str(item, "reviewedBy"),
                str(item, "rejectionReason"));
    }
}
