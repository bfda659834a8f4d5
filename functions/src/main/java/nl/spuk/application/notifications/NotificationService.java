package nl.spuk.application.notifications;

import java.time.Clock;
import nl.spuk.application.NotFoundException;
import nl.spuk.application.Texts;
import nl.spuk.application.port.NotificationInbox;
import nl.spuk.application.port.Page;
import nl.spuk.domain.Actor;

/**
 * The notifications in the app: a municipality's officials see their municipality's, advisors the advisory team's,
 * ministry users the ministry's; each user marks them read for themselves.
 */
public final class NotificationService {
    private final NotificationInbox inbox;
    private final Clock clock;

    public NotificationService(NotificationInbox inbox, Clock clock) {
        this.inbox = inbox;
        this.clock = clock;
    }

    /**
     * The actor's notifications, newest first.
     *
     * @throws IllegalArgumentException when the token is not one this list gave out to the actor
     */
    public Page<NotificationInbox.Entry> list(Actor actor, int limit, String nextToken) {
        return inbox.list(actor, limit, nextToken);
    }

    /**
     * Marks the notification read for the actor, and answers it.
     *
     * @throws NotFoundException when the actor does not see such a notification (someone else's, or none)
     */
    public NotificationInbox.Entry markRead(Actor actor, String notificationId) {
        NotificationInbox.Entry entry = (Texts.plausibleId(notificationId) ? inbox.find(actor, notificationId)
                : java.util.Optional.<NotificationInbox.Entry>empty())
                .orElseThrow(() -> new NotFoundException("notification " + notificationId + " not found"));
        if (!entry.read()) {
            inbox.markRead(actor, notificationId, clock.instant());
        }
        return new NotificationInbox.Entry(entry.id(), entry.type(), entry.applicationId(), entry.municipalityCode(),
                entry.message(), entry.createdAt(), true);
    }
}
