package nl.spuk.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One notification to one recipient, about one application, as the change that caused it stored it (its outbox
 * item). It carries what the message and the mail need, taken from the application at the change, so sending it
 * reads nothing else.
 *
 * @param id derived from the change's id, the type and the recipient ({@link #idFor}): a retried step makes the same
 *     id, so it can never make a second notification
 * @param contactEmail the application's contact address when the recipient is its municipality, else null
 * @param details what the type's text names: {@code year}, {@code reason}, {@code deadline}, {@code outcome}, and
 *     the award's {@code reference} once there is one
 * @param createdAt when the change happened (the workflow's clock)
 */
public record Notification(
        String id,
        NotificationType type,
        Recipient recipient,
        String applicationId,
        Municipality municipality,
        String applicationTitle,
        String contactEmail,
        Map<String, String> details,
        Instant createdAt) {
    /** The detail that holds the award's reference. */
    public static final String REFERENCE = "reference";

    public Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(municipality, "municipality");
        Objects.requireNonNull(createdAt, "createdAt");
        details = details == null ? Map.of() : Map.copyOf(details);
        if (!type.recipients().contains(recipient)) {
            throw new IllegalArgumentException(type + " does not go to " + recipient);
        }
        if (recipient != Recipient.MUNICIPALITY) {
            contactEmail = null;
        }
    }

    /**
     * The notifications of one announcement: one per recipient of the type, about the application as the change left
     * it. Once the application is awarded its reference is among the details ({@code reference}), so every message
     * about the award can be quoted by it.
     */
    public static List<Notification> of(String changeId, NotificationType type, Map<String, String> details,
                                        Application application, Instant at) {
        if (application.reference() != null) {
            details = new TreeMap<>(details);
            details.put(REFERENCE, application.reference().toString());
        }
        List<Notification> out = new ArrayList<>();
        for (Recipient recipient : type.recipients()) {
            Contact contact = application.plan().contact();
            out.add(new Notification(idFor(changeId, type, recipient), type, recipient, application.id(),
                    application.municipality(), application.plan().title(),
                    contact == null ? null : blankToNull(contact.email()), new TreeMap<>(details), at));
        }
        return out;
    }

    /**
     * The id of a change's notification of this type to this recipient: 32 hex digits of SHA-256 over the three, so
     * it is the same however often the change is tried, and fits every key and header it appears in.
     */
    public static String idFor(String changeId, NotificationType type, Recipient recipient) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((changeId + "\n" + type.name() + "\n" + recipient.name()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
