package nl.spuk.application.port;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One e-mail: the sender comes from the mailer's configuration.
 *
 * @param messageId the Message-ID's local part; the same for every attempt at the same notification
 * @param headers extra headers ({@code X-Spuk-Notification}, {@code X-Spuk-Application})
 * @param text the plain-text part
 * @param html the HTML part
 */
public record Mail(String messageId, List<String> to, String subject, Map<String, String> headers, String text,
                   String html) {
    public Mail {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(subject, "subject");
        to = List.copyOf(to);
        headers = Map.copyOf(headers);
        if (to.isEmpty()) {
            throw new IllegalArgumentException("a mail goes to someone");
        }
    }
}
