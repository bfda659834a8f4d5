package nl.spuk.adapter.out.dynamodb;

import static nl.spuk.adapter.out.dynamodb.Attr.n;
import static nl.spuk.adapter.out.dynamodb.Attr.put;
import static nl.spuk.adapter.out.dynamodb.Attr.s;
import static nl.spuk.adapter.out.dynamodb.Attr.str;

import java.util.HashMap;
import java.util.Map;
import nl.spuk.domain.AdvisoryTheme;
import nl.spuk.domain.HoursEntry;
import nl.spuk.domain.MunicipalityCode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps an hours entry to its item ({@code PK=MUNI#code, SK=HOURS#at#entryId}) and back, and builds the entry's
 * guard item ({@code SK=HOURSENTRY#entryId}) that lets each entry id be booked once.
 */
final class HoursEntryItem {
    static final String TYPE = "HOURS_ENTRY";
    static final String GUARD_TYPE = "HOURS_ENTRY_ID";

    private HoursEntryItem() {
    }

    static Map<String, AttributeValue> toItem(HoursEntry e) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.key(Keys.municipalityPk(e.municipality()),
                Keys.hoursEntrySk(e.at(), e.entryId())));
        item.put("type", s(TYPE));
        item.put("entryId", s(e.entryId()));
        item.put("municipalityCode", s(e.municipality().value()));
        put(item, "applicationId", e.applicationId());
        item.put("quarterHours", n(e.quarterHours()));
        put(item, "theme", e.theme());
        put(item, "date", e.date());
        put(item, "note", e.note());
        put(item, "advisorId", e.advisorId());
        put(item, "advisorName", e.advisorName());
        put(item, "at", e.at());
        return item;
    }

    /** The item that claims the entry id; it names the entry item it belongs to. */
    static Map<String, AttributeValue> guardItem(HoursEntry e) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.key(Keys.municipalityPk(e.municipality()),
                Keys.hoursGuardSk(e.entryId())));
        item.put("type", s(GUARD_TYPE));
        item.put("entryId", s(e.entryId()));
        item.put("entrySk", s(Keys.hoursEntrySk(e.at(), e.entryId())));
        return item;
    }

    static HoursEntry fromItem(Map<String, AttributeValue> item) {
        return new HoursEntry(
                str(item, "entryId"),
                new MunicipalityCode(str(item, "municipalityCode")),
                str(item, "applicationId"),
                (int) Attr.num(item, "quarterHours"),
                Attr.enumOf(AdvisoryTheme.class, item, "theme"),
                Attr.date(item, "date"),
                str(item, "note"),
                str(item, "advisorId"),
                str(item, "advisorName"),
                Attr.instant(item, "at"));
    }
}
