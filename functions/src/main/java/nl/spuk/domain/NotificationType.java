package nl.spuk.domain;

import java.util.List;

/**
 * What people are told, and who (api.md, "Notifications"): every change that asks someone to act, or that they must
 * know of, notifies its recipients once, in the app and by e-mail. A type's Dutch text lives with the notifier
 * ({@code application/notifications/NotificationTexts}); a step announces a type with
 * {@code ApplicationChange.notifying(type, details)}.
 *
 * <p>A municipality never learns what a proposal holds: the proposals and returns of four eyes go to the ministry only.
 */
public enum NotificationType {
    /** Submitted or resubmitted: the advisory team has a plan to review. */
    APPLICATION_SUBMITTED(Recipient.ADVISORY_TEAM),
    /** The advice asks the municipality for changes. */
    CHANGES_REQUESTED(Recipient.MUNICIPALITY),
    /** A positive or negative advice. */
    ADVICE_GIVEN(Recipient.MUNICIPALITY, Recipient.MINISTRY),
    /** A review is open past its due date. */
    REVIEW_OVERDUE(Recipient.ADVISORY_TEAM, Recipient.MINISTRY),
    /** A decision is proposed: a second ministry user must approve or return it. */
    DECISION_PROPOSED(Recipient.MINISTRY),
    /** A proposed decision was returned to the proposer's colleagues. */
    DECISION_RETURNED(Recipient.MINISTRY),
    /** The decision is approved: awarded. */
    AWARDED(Recipient.MUNICIPALITY),
    /** The decision is approved: rejected. */
    REJECTED(Recipient.MUNICIPALITY),
    /** A report is due in 30 days. */
    REPORT_DUE_SOON(Recipient.MUNICIPALITY),
    /** A report is overdue (the day after its due date, and again on each reminder). */
    REPORT_OVERDUE(Recipient.MUNICIPALITY, Recipient.MINISTRY),
    /** A report arrived for review. */
    REPORT_SUBMITTED(Recipient.MINISTRY),
    /** A report was accepted. */
    REPORT_ACCEPTED(Recipient.MUNICIPALITY),
    /** A report was rejected, with the reason. */
    REPORT_REJECTED(Recipient.MUNICIPALITY),
    /** The ministry extended a report's due date. */
    REPORT_DEADLINE_EXTENDED(Recipient.MUNICIPALITY),
    /** A settlement is proposed: a second ministry user must approve or return it. */
    SETTLEMENT_PROPOSED(Recipient.MINISTRY),
    /** The settlement is approved. */
    SETTLED(Recipient.MUNICIPALITY);

    private final List<Recipient> recipients;

    NotificationType(Recipient... recipients) {
        this.recipients = List.of(recipients);
    }

    /** Who is told, each once. */
    public List<Recipient> recipients() {
        return recipients;
    }
}
