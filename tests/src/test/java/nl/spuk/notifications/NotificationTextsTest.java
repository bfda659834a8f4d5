package nl.spuk.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import nl.spuk.adapter.out.mail.MimeMails;
import nl.spuk.adapter.out.mail.MustacheMailTemplates;
import nl.spuk.application.port.Mail;
import nl.spuk.application.port.MailTemplates;
import nl.spuk.application.notifications.NotificationTexts;
import nl.spuk.domain.Municipality;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Notification;
import nl.spuk.domain.NotificationType;
import nl.spuk.domain.Recipient;
import org.junit.jupiter.api.Test;

/** Every type's Dutch text, the templates' two parts, and the MIME message built once for any transport. */
class NotificationTextsTest {
    private static final Municipality GRONINGEN = new Municipality(new MunicipalityCode("GM0014"), "Groningen");
    private static final Map<String, String> DETAILS = Map.of("year", "2026", "deadline", "2027-07-15",
            "reason", "Onvolledig", "outcome", "POSITIVE", "proposedBy", "Mo", "days", "42");

    @Test
    void every_type_has_a_dutch_headline_and_message_and_a_subject_naming_application_and_municipality() {
        for (NotificationType type : NotificationType.values()) {
            Notification n = new Notification("0123456789abcdef0123456789abcdef", type, type.recipients().get(0), "a-1",
                    GRONINGEN, "Respijt in de wijk", "gerda@example.nl", DETAILS, Instant.parse("2027-06-15T08:00:00Z"));
            assertThat(NotificationTexts.subject(n)).as(type.name())
                    .startsWith(NotificationTexts.headline(n)).contains("Respijt in de wijk").endsWith("(Groningen)");
            assertThat(NotificationTexts.message(n)).as(type.name()).contains("Respijt in de wijk")
                    .doesNotContain("null").endsWith(".");
        }
        Notification awarded = new Notification("x", NotificationType.AWARDED, Recipient.MUNICIPALITY, "a-1", GRONINGEN,
                "Plan", null, Map.of("reference", "SPUK-2026-00042"), Instant.EPOCH);
        assertThat(NotificationTexts.message(awarded))
                .isEqualTo("Het ministerie heeft de aanvraag 'Plan' toegekend, kenmerk SPUK-2026-00042. De beschikking staat "
                        + "bij de documenten van de aanvraag.");
        Notification dueSoon = new Notification("x", NotificationType.REPORT_DUE_SOON,
                NotificationType.REPORT_DUE_SOON.recipients().get(0), "a-1", GRONINGEN, "Plan", null, DETAILS, Instant.EPOCH);
        assertThat(NotificationTexts.message(dueSoon)).contains("15 juli 2027").contains("2026");
    }

    @Test
    void the_mail_has_a_plain_text_and_an_escaped_html_part_and_keeps_its_message_id() throws Exception {
        MailTemplates.Parts parts = new MustacheMailTemplates().render(Map.of("greeting", "Beste,", "headline", "Kop",
                "message", "Plan <b>&</b> zo", "applicationTitle", "A & B", "municipalityName", "Groningen",
                "link", "https://spuk.example.nl/aanvragen/a-1"));
        assertThat(parts.text()).contains("Plan <b>&</b> zo", "A & B", "https://spuk.example.nl/aanvragen/a-1");
        assertThat(parts.html()).contains("Plan &lt;b&gt;&amp;&lt;/b&gt; zo", "href=\"https://spuk.example.nl/aanvragen/a-1\"")
                .doesNotContain("<b>&</b>");
        assertThat(parts.text()).doesNotContain("Kenmerk");
        MailTemplates.Parts withReference = new MustacheMailTemplates().render(Map.of("greeting", "Beste,", "headline",
                "Kop", "message", "Toegekend.", "applicationTitle", "A", "municipalityName", "Groningen", "link",
                "https://spuk.example.nl/aanvragen/a-1", "reference", "SPUK-2026-00042"));
        assertThat(withReference.text()).contains("Kenmerk:   SPUK-2026-00042");
        assertThat(withReference.html()).contains("Kenmerk</th><td>SPUK-2026-00042</td>");

        MimeMails mails = new MimeMails("SPUK <noreply@spuk.example.nl>", MimeMails.buildingOnly());
        Mail mail = new Mail("0123456789abcdef0123456789abcdef", List.of("gerda@example.nl"), "Subsidie toegekend: A & B (Groningen)",
                Map.of("X-Spuk-Notification", "AWARDED", "X-Spuk-Application", "a-1"), parts.text(), parts.html());
        byte[] once = mails.bytes(mail, Instant.parse("2026-12-05T10:00:00Z"));
        byte[] again = mails.bytes(mail, Instant.parse("2026-12-05T10:05:00Z"));
        MimeMessage parsed = new MimeMessage(MimeMails.buildingOnly(), new ByteArrayInputStream(once));
        assertThat(parsed.getMessageID()).isEqualTo("<0123456789abcdef0123456789abcdef@spuk.example.nl>");
        assertThat(new MimeMessage(MimeMails.buildingOnly(), new ByteArrayInputStream(again)).getMessageID())
                .isEqualTo(parsed.getMessageID());
        assertThat(parsed.getHeader("X-Spuk-Notification")[0]).isEqualTo("AWARDED");
        assertThat(parsed.getHeader("X-Spuk-Application")[0]).isEqualTo("a-1");
        assertThat(parsed.getSubject()).isEqualTo("Subsidie toegekend: A & B (Groningen)");
        MimeMultipart alternative = (MimeMultipart) parsed.getContent();
        assertThat(parsed.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getCount()).isEqualTo(2);
        assertThat(alternative.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat(alternative.getBodyPart(1).isMimeType("text/html")).isTrue();
    }
}
