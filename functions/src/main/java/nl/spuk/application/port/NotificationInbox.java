package nl.spuk.application.port;

import java.time.Instant;
import java.util.Optional;
import nl.spuk.domain.Actor;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Notification;
import nl.spuk.domain.NotificationType;

/**
 * The notifications in the app: one per notification, seen by every user its recipient stands for (a municipality's
 * officials, every advisor, every ministry user), with a read mark per user.
 */
public interface NotificationInbox {

    /**
     * A notification as a user sees it in the app.
     *
     * @param read whether this user marked it read
     */
    record Entry(String id, NotificationType type, String applicationId, MunicipalityCode municipalityCode,
                 String message, Instant createdAt, boolean read) {
    }

    /** Puts the notification in its recipient's inbox with its message; a repeat writes the same again. */
    void record(Notification notification, String message);

    /**
     * The notifications the actor sees, newest first, with the actor's read marks.
     *
     * @throws IllegalArgumentException when the token is not one this list gave out for the actor
     */
    Page<Entry> list(Actor actor, int limit, String nextToken);

    /** The notification if the actor sees it. */
    Optional<Entry> find(Actor actor, String notificationId);

    /** Marks a notification the actor sees as read by the actor; a repeat changes nothing. */
    void markRead(Actor actor, String notificationId, Instant at);
}
