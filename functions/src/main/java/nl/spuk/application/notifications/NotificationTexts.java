package nl.spuk.application.notifications;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import nl.spuk.domain.Notification;
import nl.spuk.domain.NotificationType;

/**
 * What a notification says, in Dutch: a headline, the message shown in the app and in the mail, and the mail's
 * subject, which names the application and its municipality. One switch over the types: a new type does not compile
 * until it has its text here.
 */
public final class NotificationTexts {
    private static final DateTimeFormatter DUTCH_DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.forLanguageTag("nl-NL"));

    private NotificationTexts() {
    }

    /** The short headline, e.g. {@code Aanvraag ingediend}. */
    public static String headline(Notification n) {
        String year = n.details().getOrDefault("year", "");
        return switch (n.type()) {
            case APPLICATION_SUBMITTED -> resubmitted(n) ? "Aanvraag opnieuw ingediend" : "Aanvraag ingediend";
            case CHANGES_REQUESTED -> "Wijzigingen gevraagd";
            case ADVICE_GIVEN -> "Advies gegeven";
            case REVIEW_OVERDUE -> "Beoordeling duurt te lang";
            case DECISION_PROPOSED -> "Besluit voorgesteld";
            case DECISION_RETURNED -> "Voorgesteld besluit teruggestuurd";
            case AWARDED -> "Subsidie toegekend";
            case REJECTED -> "Aanvraag afgewezen";
            case REPORT_DUE_SOON -> "Verantwoording " + year + " binnenkort verwacht";
            case REPORT_OVERDUE -> "Verantwoording " + year + " te laat";
            case REPORT_SUBMITTED -> "Verantwoording " + year + " ingediend";
            case REPORT_ACCEPTED -> "Verantwoording " + year + " goedgekeurd";
            case REPORT_REJECTED -> "Verantwoording " + year + " afgekeurd";
            case REPORT_DEADLINE_EXTENDED -> "Uitstel voor de verantwoording " + year;
            case SETTLEMENT_PROPOSED -> "Eindafrekening voorgesteld";
            case SETTLED -> "Eindafrekening vastgesteld";
        };
    }

    /** The mail's subject: the headline, the application's title and its municipality. */
    public static String subject(Notification n) {
        return headline(n) + ": " + title(n) + " (" + n.municipality().name() + ")";
    }

    /** The message, in the app and in the mail. */
    public static String message(Notification n) {
        Map<String, String> d = n.details();
        String app = "de aanvraag '" + title(n) + "'";
        String appOf = app + " van " + n.municipality().name();
        String year = d.getOrDefault("year", "");
        String deadline = date(d.get("deadline"));
        return switch (n.type()) {
            case APPLICATION_SUBMITTED -> n.municipality().name() + " heeft " + app
                    + (resubmitted(n) ? " opnieuw ingediend, met de gevraagde wijzigingen." : " ingediend.")
                    + " Het adviesteam kan de aanvraag beoordelen.";
            case CHANGES_REQUESTED -> "Het adviesteam vraagt wijzigingen in " + app
                    + ". Pas de aanvraag aan en dien haar opnieuw in.";
            case ADVICE_GIVEN -> "Het adviesteam heeft " + ("NEGATIVE".equals(d.get("outcome")) ? "negatief" : "positief")
                    + " geadviseerd over " + appOf + ". Het ministerie neemt nu een besluit.";
            case REVIEW_OVERDUE -> "De beoordeling van " + appOf + " had uiterlijk " + deadline + " klaar moeten zijn.";
            case DECISION_PROPOSED -> d.getOrDefault("proposedBy", "Een medewerker") + " heeft een besluit voorgesteld over "
                    + appOf + ". Een tweede medewerker van het ministerie keurt het goed of stuurt het terug.";
            case DECISION_RETURNED -> "Het voorgestelde besluit over " + appOf + " is teruggestuurd"
                    + reason(d) + " Stel opnieuw een besluit voor.";
            case AWARDED -> "Het ministerie heeft " + app + " toegekend" + reference(d)
                    + ". De beschikking staat bij de documenten van de aanvraag.";
            case REJECTED -> "Het ministerie heeft " + app + " afgewezen. De motivering staat bij de aanvraag.";
            case REPORT_DUE_SOON -> "De verantwoording over " + year + " van " + app + " moet uiterlijk " + deadline
                    + " binnen zijn.";
            case REPORT_OVERDUE -> "De verantwoording over " + year + " van " + appOf + " had uiterlijk " + deadline
                    + " binnen moeten zijn.";
            case REPORT_SUBMITTED -> n.municipality().name() + " heeft de verantwoording over " + year + " van " + app
                    + " ingediend" + ("true".equals(d.get("late")) ? ", na de termijn." : ".") + " Beoordeel de verantwoording.";
            case REPORT_ACCEPTED -> "Het ministerie heeft de verantwoording over " + year + " van " + app + " goedgekeurd.";
            case REPORT_REJECTED -> "Het ministerie heeft de verantwoording over " + year + " van " + app + " afgekeurd"
                    + reason(d) + " Dien de verantwoording opnieuw in.";
            case REPORT_DEADLINE_EXTENDED -> "De termijn voor de verantwoording over " + year + " van " + app
                    + " is verlengd tot " + deadline + reason(d);
            case SETTLEMENT_PROPOSED -> d.getOrDefault("proposedBy", "Een medewerker") + " heeft de eindafrekening van "
                    + appOf + " voorgesteld. Een tweede medewerker van het ministerie keurt haar goed of stuurt haar terug.";
            case SETTLED -> "De eindafrekening van " + app + " is vastgesteld. De brief staat bij de documenten van de aanvraag.";
        };
    }

    /** How the mail greets its reader. */
    public static String greeting(Notification n) {
        return switch (n.recipient()) {
            case MUNICIPALITY -> "Beste contactpersoon van " + n.municipality().name() + ",";
            case ADVISORY_TEAM -> "Beste leden van het Adviesteam Mantelzorg,";
            case MINISTRY -> "Beste collega's van het ministerie,";
        };
    }

    private static boolean resubmitted(Notification n) {
        return n.type() == NotificationType.APPLICATION_SUBMITTED && "true".equals(n.details().get("resubmitted"));
    }

    private static String title(Notification n) {
        return n.applicationTitle() == null || n.applicationTitle().isBlank() ? "zonder titel" : n.applicationTitle();
    }

    /** {@code , kenmerk SPUK-2026-00042}; nothing for an award announced before awards had references. */
    private static String reference(Map<String, String> d) {
        String reference = d.get(Notification.REFERENCE);
        return reference == null ? "" : ", kenmerk " + reference;
    }

    /** {@code : reden.} or just {@code .}. */
    private static String reason(Map<String, String> d) {
        String reason = d.get("reason");
        if (reason == null || reason.isBlank()) {
            return ".";
        }
        String r = reason.strip();
        return ": " + r + (r.endsWith(".") || r.endsWith("!") || r.endsWith("?") ? "" : ".");
    }

    /** {@code 15 juli 2026} for {@code 2026-07-15}; other text as it is. */
    static String date(String isoDate) {
        if (isoDate == null) {
            return "";
        }
        try {
            return DUTCH_DATE.format(LocalDate.parse(isoDate));
        } catch (DateTimeParseException e) {
            return isoDate;
        }
    }
}
