package nl.spuk.application.review;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.spuk.application.Access;
import nl.spuk.application.NotFoundException;
import nl.spuk.application.RequestId;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.port.AdvisoryHoursLedger;
import nl.spuk.application.port.Page;
import nl.spuk.application.port.ApplicationRepository;
import nl.spuk.domain.Actor;
import nl.spuk.domain.AdvisoryTheme;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.HoursBalance;
import nl.spuk.domain.HoursEntry;
import nl.spuk.domain.Municipalities;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Role;
import nl.spuk.domain.SchemeRules;
import nl.spuk.domain.Transition;

/** The advisory team's free hours: logged per application, capped per municipality over the whole period. */
public final class AdvisoryService {
    public static final int MAX_NOTE = 2000;
    private static final BigDecimal QUARTER = new BigDecimal("0.25");

    private final ApplicationRepository applications;
    private final AdvisoryHoursLedger ledger;
    private final Municipalities municipalities;
    private final SchemeRules scheme;
    private final Clock clock;

    public AdvisoryService(ApplicationRepository applications, AdvisoryHoursLedger ledger, Municipalities municipalities,
                           SchemeRules scheme, Clock clock) {
        this.applications = applications;
        this.ledger = ledger;
        this.municipalities = municipalities;
        this.scheme = scheme;
        this.clock = clock;
    }

    /** What a municipality's free hours look like now, with a page of its entries. */
    public record Overview(HoursBalance balance, Page<HoursEntry> entries) {
    }

    /**
     * Logs hours spent on an application in review. The cap is enforced by the ledger's own conditional write,
     * so concurrent entries can never exceed it; an entry that does not fit is refused whole.
     */
    public HoursBalance log(Actor actor, RequestId requestId, String applicationId, BigDecimal hours, String theme,
                            String date, String note) {
        Access.requireRole(actor, Role.ADVISOR);
        Application app = Access.visible(actor, applications.find(applicationId).orElse(null));
        Transition.LOG_HOURS.require(app.status());
        var now = clock.instant();
        List<FieldError> errors = new ArrayList<>();
        int quarters = quarterHours(errors, hours);
        AdvisoryTheme advisoryTheme = parse(errors, theme);
        LocalDate worked = workedOn(errors, date, LocalDate.ofInstant(now, SchemeRules.ZONE));
        if (note != null && note.length() > MAX_NOTE) {
            errors.add(new FieldError("note", "must be at most " + MAX_NOTE + " characters"));
        }
        if (!errors.isEmpty()) {
            throw new RuleViolationException("the hours cannot be logged", errors);
        }
        String entryId = requestId.newId("hours");
        HoursEntry entry = new HoursEntry(entryId, app.municipalityCode(), app.id(), quarters, advisoryTheme, worked,
                note, actor.id(), actor.name(), now);
        AuditEvent event = AuditEvent.of(actor, now, "HOURS_LOGGED", null, null, Map.of(
                "hours", HoursBalance.hours(quarters), "theme", advisoryTheme, "date", worked));
        return ledger.book(entry, scheme.freeAdvisoryQuarterHours(), event);
    }

    /**
     * The free hours of a municipality, with a page of its entries (oldest first): for advisors, ministry staff and
     * that municipality's own users.
     *
     * @throws IllegalArgumentException when the token is not one this list gave out
     */
    public Overview overview(Actor actor, String code, int limit, String nextToken) {
        if (!municipalities.contains(code) || (actor.is(Role.MUNICIPALITY) && !actor.municipality().value().equals(code))) {
            throw new NotFoundException("no such municipality");
        }
        MunicipalityCode municipality = new MunicipalityCode(code);
        return new Overview(ledger.balance(municipality, scheme.freeAdvisoryQuarterHours()),
                ledger.entries(municipality, limit, nextToken));
    }

    private int quarterHours(List<FieldError> errors, BigDecimal hours) {
        if (hours == null) {
            errors.add(new FieldError("hours", "is required"));
            return 0;
        }
        BigDecimal[] parts = hours.divideAndRemainder(QUARTER);
        if (hours.signum() <= 0 || parts[1].signum() != 0) {
            errors.add(new FieldError("hours", "must be a positive multiple of 0.25"));
            return 0;
        }
        if (parts[0].compareTo(BigDecimal.valueOf(scheme.maxQuarterHoursPerEntry())) > 0) {
            errors.add(new FieldError("hours", "one entry is at most " + HoursBalance.hours(scheme.maxQuarterHoursPerEntry()) + " hours"));
            return 0;
        }
        return parts[0].intValueExact();
    }

    private static AdvisoryTheme parse(List<FieldError> errors, String theme) {
        try {
            return AdvisoryTheme.valueOf(theme);
        } catch (IllegalArgumentException | NullPointerException e) {
            errors.add(new FieldError("theme", "choose one of VINDEN_MANTELZORGERS, RESPIJTZORG, LOKALE_SAMENWERKING"));
            return null;
        }
    }

    private LocalDate workedOn(List<FieldError> errors, String date, LocalDate today) {
        LocalDate worked;
        try {
            worked = LocalDate.parse(date);
        } catch (RuntimeException e) {
            errors.add(new FieldError("date", "must be a date such as 2025-03-01"));
            return null;
        }
        if (worked.isAfter(today)) {
            errors.add(new FieldError("date", "must not lie in the future"));
        } else if (worked.getYear() < scheme.firstYear()) {
            errors.add(new FieldError("date", "must lie in the programme period, from " + scheme.firstYear()));
        }
        return worked;
    }
}
