package nl.spuk.local;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.spuk.adapter.out.mail.SmtpMailer;

/**
 * The SMTP server local mode's mail goes to: GreenMail, in the local server's JVM, on a loopback port the OS picks. It
 * keeps what it received in memory (gone after a restart), which {@code GET /local/mail} shows.
 */
final class LocalMail implements AutoCloseable {
    private final GreenMail greenMail;

    private LocalMail(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    static LocalMail start() {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        server.start();
        return new LocalMail(server);
    }

    /** Where to send: this server, without authentication. */
    SmtpMailer.Server server() {
        return new SmtpMailer.Server("127.0.0.1", greenMail.getSmtp().getPort(), null, null);
    }

    /**
     * What it received, newest first: {@code {"messageId","from","to":[...],"subject","text","headers":{...},"sentAt"}}
     * (api.md, {@code GET /local/mail}). A header that occurs more than once shows its values joined by a comma.
     */
    List<Map<String, Object>> received() {
        // by arrival: GreenMail keeps a mailbox per recipient, and lists them one after the other
        List<StoredMessage> stored = new ArrayList<>(greenMail.getManagers().getImapHostManager().getAllMessages());
        stored.sort(Comparator.comparing(StoredMessage::getReceivedDate).reversed());
        List<Map<String, Object>> out = new ArrayList<>();
        for (StoredMessage message : stored) {
            out.add(view(message.getMimeMessage()));
        }
        return out;
    }

    private static Map<String, Object> view(MimeMessage m) {
        try {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("messageId", m.getMessageID());
            v.put("from", m.getFrom() == null || m.getFrom().length == 0 ? null : m.getFrom()[0].toString());
            Address[] to = m.getRecipients(MimeMessage.RecipientType.TO);
            v.put("to", to == null ? List.of() : Arrays.stream(to).map(Address::toString).toList());
            v.put("subject", m.getSubject());
            v.put("text", text(m));
            Map<String, String> headers = new LinkedHashMap<>();
            for (Enumeration<Header> e = m.getAllHeaders(); e.hasMoreElements(); ) {
                Header h = e.nextElement();
                headers.merge(h.getName(), h.getValue(), (a, b) -> a + ", " + b);
            }
            v.put("headers", headers);
            v.put("sentAt", m.getSentDate() == null ? null : m.getSentDate().toInstant().toString());
            return v;
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("a received mail cannot be read", e);
        }
    }

    /** The plain-text part (the first one), or the body when it is text itself. */
    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String text = text(body);
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
