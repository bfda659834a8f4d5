package nl.spuk.domain;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Spending figures of one municipality (or the nation) for one year, in cents, plus the applications by status.
 * Figures add up: the nation's are the sum of the municipalities', and a change's effect is after minus before.
 *
 * @param requestedCents requested by applications from submission on, withdrawn ones excluded
 * @param awardedCents awarded by approved decisions
 * @param reportedSpentCents spending in accepted reports
 * @param reclaimCents award minus eligible spending of that year, once settled
 * @param spentByTheme spending in accepted reports per attention point
 * @param applicationsByStatus applications that include the year, by status
 */
public record Figures(long requestedCents, long awardedCents, long reportedSpentCents, long reclaimCents,
                      Map<AttentionPoint, Long> spentByTheme, Map<Status, Long> applicationsByStatus) {

    public static final Figures ZERO = new Figures(0, 0, 0, 0, Map.of(), Map.of());

    public Figures {
        spentByTheme = Collections.unmodifiableMap(complete(spentByTheme, AttentionPoint.class));
        applicationsByStatus = Collections.unmodifiableMap(complete(applicationsByStatus, Status.class));
    }

    private static <E extends Enum<E>> EnumMap<E, Long> complete(Map<E, Long> given, Class<E> type) {
        EnumMap<E, Long> all = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            all.put(e, given.getOrDefault(e, 0L));
        }
        return all;
    }

    public Figures plus(Figures o) {
        return combine(o, 1);
    }

    public Figures minus(Figures o) {
        return combine(o, -1);
    }

    public boolean isZero() {
        return equals(ZERO);
    }

    private Figures combine(Figures o, int sign) {
        EnumMap<AttentionPoint, Long> themes = new EnumMap<>(AttentionPoint.class);
        spentByTheme.forEach((k, v) -> themes.put(k, Math.addExact(v, sign * o.spentByTheme.get(k))));
        EnumMap<Status, Long> statuses = new EnumMap<>(Status.class);
        applicationsByStatus.forEach((k, v) -> statuses.put(k, Math.addExact(v, sign * o.applicationsByStatus.get(k))));
        return new Figures(
                Math.addExact(requestedCents, sign * o.requestedCents),
                Math.addExact(awardedCents, sign * o.awardedCents),
                Math.addExact(reportedSpentCents, sign * o.reportedSpentCents),
                Math.addExact(reclaimCents, sign * o.reclaimCents),
                themes, statuses);
    }
}
