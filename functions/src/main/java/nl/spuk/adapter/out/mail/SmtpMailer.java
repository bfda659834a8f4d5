package nl.spuk.adapter.out.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.time.Clock;
import java.util.Objects;
import java.util.Properties;
import nl.spuk.application.port.Mail;
import nl.spuk.application.port.Mailer;

/**
 * Sends mail to an SMTP server: local mode's own (GreenMail, in its JVM) or a relay ({@code SPUK_SMTP_HOST},
 * {@code SPUK_SMTP_PORT}, {@code SPUK_SMTP_USER}, {@code SPUK_SMTP_PASSWORD}). STARTTLS is used where the server
 * offers it, and required as soon as a user name is given (no password in clear text).
 */
public final class SmtpMailer implements Mailer {
    private static final String TIMEOUT_MILLIS = "10000";

    /** Where to send. */
    public record Server(String host, int port, String user, String password) {
        public Server {
            Objects.requireNonNull(host, "host");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("no such port: " + port);
            }
        }

        @Override
        public String toString() {
            return "smtp://" + (user == null ? "" : user + "@") + host + ":" + port;
        }
    }

    private final Server server;
    private final MimeMails mails;
    private final Clock clock;

    public SmtpMailer(Server server, String from, Clock clock) {
        this.server = server;
        Properties properties = new Properties();
        properties.put("mail.smtp.host", server.host());
        properties.put("mail.smtp.port", Integer.toString(server.port()));
        properties.put("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
        properties.put("mail.smtp.timeout", TIMEOUT_MILLIS);
        properties.put("mail.smtp.writetimeout", TIMEOUT_MILLIS);
        properties.put("mail.smtp.starttls.enable", "true");
        if (server.user() != null) {
            properties.put("mail.smtp.auth", "true");
            properties.put("mail.smtp.starttls.required", "true");
        }
        this.mails = new MimeMails(from, Session.getInstance(properties));
        this.clock = clock;
    }

    @Override
    public void send(Mail mail) {
        try {
            var message = mails.build(mail, clock.instant());
            if (server.user() != null) {
                Transport.send(message, server.user(), server.password());
            } else {
                Transport.send(message);
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("the SMTP server " + server + " did not accept mail " + mail.messageId()
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "SMTP " + server;
    }
}
