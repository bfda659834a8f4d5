package nl.spuk.application.port;

import java.time.Instant;
import nl.spuk.domain.Notification;

/**
 * The notifications that changes stored to be sent (their outbox items, written in the change's own transaction),
 * as the notifier works through them: it claims one, sends it, and records that it did. A claim is a conditional
 * write, so of two deliveries of the same item (a redelivered stream record, a retry) only one sends.
 */
public interface Outbox {

    /** What a claim found. */
    sealed interface Claim {
        /** Claimed: send it, then {@link #sent}; the claim is held until {@code leaseUntil}. */
        record Claimed(Notification notification, String token) implements Claim {
        }

        /** Sent already: nothing to do. */
        record AlreadySent() implements Claim {
        }

        /** Another delivery holds it until then (it may be sending right now): try again later. */
        record Held(Instant until) implements Claim {
        }

        /** No such outbox item. */
        record Missing() implements Claim {
        }
    }

    /**
     * Claims a notification for sending: one waiting (or failed), one whose claim's lease ran out, or one this same
     * delivery claimed before (its answer lost: a retry of the same call, or of the same stream record).
     *
     * @param token identifies the delivery: the same for every attempt at one stream record, another for each record
     * @param leaseUntil how long the claim keeps other deliveries out: longer than a delivery can take
     */
    Claim claim(String applicationId, String notificationId, String token, Instant now, Instant leaseUntil);

    /**
     * Records that the claimed notification was delivered (in the app, and by mail to {@code sentTo} unless that is
     * null: no address).
     *
     * @throws nl.spuk.application.ConflictException when the claim was lost meanwhile
     */
    void sent(String applicationId, String notificationId, String token, Instant at, String sentTo);

    /** Records that the claimed delivery failed, freeing it for the next attempt at once. */
    void failed(String applicationId, String notificationId, String token, String error);
}
