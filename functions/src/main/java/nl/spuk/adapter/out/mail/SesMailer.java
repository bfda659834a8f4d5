package nl.spuk.adapter.out.mail;

import java.time.Clock;
import nl.spuk.application.port.Mail;
import nl.spuk.application.port.Mailer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Sends mail through Amazon SES (API v2, {@code SendEmail} with raw content): the MIME message {@link MimeMails}
 * builds, as it is, so the headers and both parts reach the reader exactly as in local mode. The function's role may
 * send only from the configured address ({@code ses:FromAddress}).
 */
public final class SesMailer implements Mailer {
    private final SesV2Client ses;
    private final MimeMails mails;
    private final Clock clock;

    public SesMailer(SesV2Client ses, String from, Clock clock) {
        this.ses = ses;
        this.mails = new MimeMails(from, MimeMails.buildingOnly());
        this.clock = clock;
    }

    @Override
    public void send(Mail mail) {
        byte[] raw = mails.bytes(mail, clock.instant());
        ses.sendEmail(b -> b.fromEmailAddress(mails.from().getAddress())
                .destination(d -> d.toAddresses(mail.to()))
                .content(c -> c.raw(r -> r.data(SdkBytes.fromByteArray(raw)))));
    }

    @Override
    public String toString() {
        return "SES";
    }
}
