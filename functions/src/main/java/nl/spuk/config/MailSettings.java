package nl.spuk.config;

import java.util.Optional;
import java.util.function.Function;
import nl.spuk.adapter.out.mail.SmtpMailer;
import nl.spuk.application.notifications.MailSetup;

/**
 * How notifications are mailed, read once from the environment (system properties of the same names stand in, as
 * for {@link Settings}).
 *
 * @param from the sender ({@code SPUK_MAIL_FROM}), e.g. {@code SPUK <noreply@spuk.example.nl>}; in AWS an address
 *     of a domain verified in SES
 * @param webUrl the web UI's address ({@code SPUK_WEB_URL}); mails link to its page of the application
 * @param advisoryTeamEmail the advisory team's address ({@code SPUK_ADVISORY_TEAM_EMAIL})
 * @param ministryEmail the ministry team's address ({@code SPUK_MINISTRY_EMAIL})
 * @param smtp an SMTP server to send through ({@code SPUK_SMTP_HOST}, {@code SPUK_SMTP_PORT} (587),
 *     {@code SPUK_SMTP_USER}, {@code SPUK_SMTP_PASSWORD}); empty: SES
 */
public record MailSettings(String from, String webUrl, String advisoryTeamEmail, String ministryEmail,
                           Optional<SmtpMailer.Server> smtp) {
    public static final String MAIL_FROM = "SPUK_MAIL_FROM";
    public static final String WEB_URL = "SPUK_WEB_URL";
    public static final String ADVISORY_TEAM_EMAIL = "SPUK_ADVISORY_TEAM_EMAIL";
    public static final String MINISTRY_EMAIL = "SPUK_MINISTRY_EMAIL";
    public static final String SMTP_HOST = "SPUK_SMTP_HOST";
    public static final String SMTP_PORT = "SPUK_SMTP_PORT";
    public static final String SMTP_USER = "SPUK_SMTP_USER";
    public static final String SMTP_PASSWORD = "SPUK_SMTP_PASSWORD";
    public static final int DEFAULT_SMTP_PORT = 587;

    public static MailSettings fromEnvironment() {
        return from(name -> {
            String v = System.getenv(name);
            return v != null && !v.isBlank() ? v : System.getProperty(name);
        });
    }

    /** From any source of named values, with local mode's defaults for what is not given. */
    public static MailSettings from(Function<String, String> source) {
        Function<String, Optional<String>> get = name -> Optional.ofNullable(source.apply(name)).map(String::strip)
                .filter(s -> !s.isEmpty());
        Optional<SmtpMailer.Server> smtp = get.apply(SMTP_HOST).map(host -> new SmtpMailer.Server(host,
                get.apply(SMTP_PORT).map(Integer::parseInt).orElse(DEFAULT_SMTP_PORT),
                get.apply(SMTP_USER).orElse(null), get.apply(SMTP_PASSWORD).orElse(null)));
        return new MailSettings(
                get.apply(MAIL_FROM).orElse("SPUK Mantelzorg <noreply@spuk.localhost>"),
                get.apply(WEB_URL).orElse("http://localhost:8080"),
                get.apply(ADVISORY_TEAM_EMAIL).orElse("adviesteam@spuk.localhost"),
                get.apply(MINISTRY_EMAIL).orElse("ministerie@spuk.localhost"),
                smtp);
    }

    /** These settings with mail sent to this SMTP server. */
    public MailSettings withSmtp(SmtpMailer.Server server) {
        return new MailSettings(from, webUrl, advisoryTeamEmail, ministryEmail, Optional.of(server));
    }

    /** These settings with the web UI at this address. */
    public MailSettings withWebUrl(String url) {
        return new MailSettings(from, url, advisoryTeamEmail, ministryEmail, smtp);
    }

    /** What the notifier needs of them. */
    public MailSetup setup() {
        return new MailSetup(webUrl, advisoryTeamEmail, ministryEmail);
    }
}
