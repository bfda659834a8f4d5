package nl.spuk.application.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.spuk.application.port.Mail;
import nl.spuk.application.port.MailTemplates;
import nl.spuk.application.port.Mailer;
import nl.spuk.application.port.NotificationInbox;
import nl.spuk.application.port.Outbox;
import nl.spuk.domain.Notification;

/**
 * Delivers one stored notification, once: claims its outbox item (a conditional write, so a redelivered stream record
 * or a concurrent delivery sends nothing), puts it in the recipient's inbox in the app, mails it, and records that it
 * was sent. A failure frees the claim and is thrown, so the caller's event is retried.
 *
 * <p>The one window left: a crash after the mail service accepted the mail and before {@link Outbox#sent} was
 * recorded. The claim's lease then runs out and a retry sends the mail a second time (with the same Message-ID).
 */
public final class NotificationDelivery {
    /** How long a claim keeps other deliveries out: well beyond the notifier's timeout (60 s). */
    public static final Duration LEASE = Duration.ofMinutes(5);
    public static final String NOTIFICATION_HEADER = "X-Spuk-Notification";
    public static final String APPLICATION_HEADER = "X-Spuk-Application";

    /** What one delivery did. */
    public enum Outcome {
        /** Delivered now (in the app, and mailed where there is an address). */
        DELIVERED,
        /** Delivered before: nothing done. */
        ALREADY_DELIVERED,
        /** No such outbox item: nothing to do. */
        MISSING
    }

    /** Another delivery of the same notification holds its claim: try again after {@code until}. */
    public static final class HeldException extends RuntimeException {
        public HeldException(String notificationId, Instant until) {
            super("notification " + notificationId + " is being delivered by another attempt, claimed until " + until);
        }
    }

    private final Outbox outbox;
    private final NotificationInbox inbox;
    private final Mailer mailer;
    private final MailTemplates templates;
    private final MailSetup setup;
    private final Clock clock;

    /**
     * @param clock real time: leases and the moment of sending, not the workflow's clock
     */
    public NotificationDelivery(Outbox outbox, NotificationInbox inbox, Mailer mailer, MailTemplates templates,
                                MailSetup setup, Clock clock) {
        this.outbox = outbox;
        this.inbox = inbox;
        this.mailer = mailer;
        this.templates = templates;
        this.setup = setup;
        this.clock = clock;
    }

    /**
     * Delivers the notification with this id about this application.
     *
     * @param deliveryId identifies this delivery: the same for every attempt at one stream record (its event id), so
     *     an attempt whose claim's answer was lost takes its own claim again rather than waiting for its lease
     * @throws HeldException when another delivery holds it
     * @throws RuntimeException when the inbox, the mail service or the store failed (after freeing the claim)
     */
    public Outcome deliver(String applicationId, String notificationId, String deliveryId) {
        Instant now = clock.instant();
        Outbox.Claim claim = outbox.claim(applicationId, notificationId, deliveryId, now, now.plus(LEASE));
        if (claim instanceof Outbox.Claim.AlreadySent) {
            return Outcome.ALREADY_DELIVERED;
        }
        if (claim instanceof Outbox.Claim.Missing) {
            return Outcome.MISSING;
        }
        if (claim instanceof Outbox.Claim.Held held) {
            throw new HeldException(notificationId, held.until());
        }
        Outbox.Claim.Claimed claimed = (Outbox.Claim.Claimed) claim;
        Notification n = claimed.notification();
        String address;
        try {
            inbox.record(n, NotificationTexts.message(n));
            address = setup.addressOf(n);
            if (address != null) {
                mailer.send(mail(n, address));
            }
        } catch (RuntimeException e) {
            try {
                outbox.failed(applicationId, notificationId, claimed.token(), describe(e));
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed); // the lease runs out instead
            }
            throw e;
        }
        outbox.sent(applicationId, notificationId, claimed.token(), clock.instant(), address);
        return Outcome.DELIVERED;
    }

    /** The notification's mail to this address. */
    Mail mail(Notification n, String address) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("greeting", NotificationTexts.greeting(n));
        model.put("headline", NotificationTexts.headline(n));
        model.put("message", NotificationTexts.message(n));
        model.put("applicationTitle", n.applicationTitle() == null ? "" : n.applicationTitle());
        model.put("municipalityName", n.municipality().name());
        // absent until the award: the templates leave the line out then
        model.put("reference", n.details().get(Notification.REFERENCE));
        model.put("link", setup.linkTo(n.applicationId()));
        MailTemplates.Parts parts = templates.render(model);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(NOTIFICATION_HEADER, n.type().name());
        headers.put(APPLICATION_HEADER, n.applicationId());
        return new Mail(n.id(), List.of(address), NotificationTexts.subject(n), headers, parts.text(), parts.html());
    }

    private static String describe(RuntimeException e) {
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        return text.length() > 500 ? text.substring(0, 500) : text;
    }
}
