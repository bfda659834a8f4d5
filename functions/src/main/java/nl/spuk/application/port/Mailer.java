package nl.spuk.application.port;

/**
 * Sends e-mail: SES in AWS, an SMTP server in local mode (its own, or a relay). The message is built once, whatever
 * sends it.
 */
public interface Mailer {

    /**
     * Sends one message; returns once the mail service accepted it.
     *
     * @throws RuntimeException when it did not accept it (the caller tries again later)
     */
    void send(Mail mail);
}
