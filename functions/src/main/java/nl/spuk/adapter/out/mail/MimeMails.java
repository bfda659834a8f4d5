package nl.spuk.adapter.out.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import nl.spuk.application.port.Mail;

/**
 * Builds the MIME message of a {@link Mail} once, for whichever transport sends it (SMTP, or SES's raw content):
 * {@code multipart/alternative} with a UTF-8 plain-text and HTML part, the sender, the notification's headers and a
 * Message-ID made from the notification's id, so every attempt at one notification carries the same one.
 */
public final class MimeMails {
    private final InternetAddress from;
    private final String messageIdDomain;
    private final Session session;

    /**
     * @param from the sender, e.g. {@code SPUK <noreply@spuk.example.nl>}
     * @param session the mail session (an SMTP one carries its server's settings; any other only builds)
     */
    public MimeMails(String from, Session session) {
        try {
            InternetAddress[] parsed = InternetAddress.parse(from, true);
            if (parsed.length != 1) {
                throw new IllegalArgumentException("one sender address, not " + from);
            }
            this.from = parsed[0];
        } catch (MessagingException e) {
            throw new IllegalArgumentException("not a sender address: " + from, e);
        }
        String address = this.from.getAddress();
        this.messageIdDomain = address.substring(address.indexOf('@') + 1);
        this.session = session;
    }

    /** A session that only builds messages. */
    public static Session buildingOnly() {
        return Session.getInstance(new Properties());
    }

    public InternetAddress from() {
        return from;
    }

    /** The Message-ID of the mail: {@code <messageId@sender's domain>}. */
    public String messageIdOf(Mail mail) {
        return "<" + mail.messageId() + "@" + messageIdDomain + ">";
    }

    /** The MIME message, dated now. */
    public MimeMessage build(Mail mail, Instant now) {
        try {
            MimeMessage message = new FixedIdMessage(session, messageIdOf(mail));
            message.setFrom(from);
            for (String to : mail.to()) {
                message.addRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(to, true));
            }
            message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(now));
            for (var header : mail.headers().entrySet()) {
                message.setHeader(header.getKey(), header.getValue());
            }
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            message.setContent(alternative);
            message.saveChanges();
            return message;
        } catch (MessagingException e) {
            throw new IllegalArgumentException("the mail " + mail.messageId() + " cannot be built: " + e.getMessage(), e);
        }
    }

    /** The message's bytes as they go over the wire (RFC 5322). */
    public byte[] bytes(Mail mail, Instant now) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            build(mail, now).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** Jakarta Mail makes a new random Message-ID on every save; this one keeps the notification's. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
