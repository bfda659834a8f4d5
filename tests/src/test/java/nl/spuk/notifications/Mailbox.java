package nl.spuk.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import nl.spuk.local.ApiClient;

/** What local mode's SMTP server received, read through {@code GET /local/mail} (no token), newest first. */
public final class Mailbox {
    private final ApiClient anonymous;

    public Mailbox(ApiClient anonymous) {
        this.anonymous = anonymous;
    }

    /** Every mail received, newest first. */
    public List<JsonNode> all() {
        ApiClient.Response r = anonymous.get("/local/mail");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().get("items").forEach(out::add);
        return out;
    }

    /** The mails about one application, newest first. */
    public List<JsonNode> about(String applicationId) {
        return all().stream().filter(m -> applicationId.equals(header(m, "X-Spuk-Application"))).toList();
    }

    /** Waits until the mails about the application satisfy the condition; fails after the timeout. */
    List<JsonNode> awaitAbout(String applicationId, Predicate<List<JsonNode>> condition, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        List<JsonNode> mails = about(applicationId);
        while (!condition.test(mails)) {
            assertThat(Instant.now()).as("waiting for " + what + "; mails so far: " + summary(mails)).isBefore(deadline);
            pause(100);
            mails = about(applicationId);
        }
        return mails;
    }

    /** Waits for {@code count} mails of the type about the application (and no more), and answers them. */
    public List<JsonNode> await(String applicationId, String type, int count) {
        List<JsonNode> mails = awaitAbout(applicationId, m -> ofType(m, type).size() >= count, count + " x " + type);
        List<JsonNode> typed = ofType(mails, type);
        assertThat(typed).as(type).hasSize(count);
        return typed;
    }

    public static List<JsonNode> ofType(List<JsonNode> mails, String type) {
        return mails.stream().filter(m -> type.equals(header(m, "X-Spuk-Notification"))).toList();
    }

    public static String header(JsonNode mail, String name) {
        JsonNode headers = mail.get("headers");
        for (var it = headers.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (field.equalsIgnoreCase(name)) {
                return headers.get(field).asText();
            }
        }
        return null;
    }

    public static String to(JsonNode mail) {
        return mail.get("to").get(0).asText();
    }

    static String summary(List<JsonNode> mails) {
        return mails.stream().map(m -> header(m, "X-Spuk-Notification") + "->" + to(m)).toList().toString();
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
