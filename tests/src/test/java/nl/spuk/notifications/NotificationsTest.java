package nl.spuk.notifications;

import static nl.spuk.notifications.Mailbox.header;
import static nl.spuk.notifications.Mailbox.ofType;
import static nl.spuk.notifications.Mailbox.to;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import nl.spuk.adapter.in.lambda.NotifierHandler;
import nl.spuk.config.Settings;
import nl.spuk.it.SharedLocalServer;
import nl.spuk.local.ApiClient;
import nl.spuk.local.ApiClient.Response;
import nl.spuk.local.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Notifications end to end on a local server of the test's own (it moves the workflow clock): an application taken
 * through every step that notifies, each notification read back from the SMTP server in the local server's JVM
 * ({@code GET /local/mail}) once, to the right address, with its headers, a Dutch subject naming the application and its
 * municipality, and a link to it; then the notifications in the app (who sees what, read per user, paging), and a
 * stream record delivered a second time, which sends nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationsTest {
    private static final String CODE = "GM0014";
    private static final String OTHER = "GM0034";
    private static final String CONTACT = "j.devries@example.nl";
    private static final String ADVISORY = "adviesteam@spuk.localhost";
    private static final String MINISTRY = "ministerie@spuk.localhost";
    private static final int YEAR = 2026;
    private static final byte[] PDF = "%PDF-1.7\n% plan\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;
    private static LocalServer server;
    private static ApiClient anonymous;
    private static Mailbox mailbox;
    private static ApiClient official;
    private static ApiClient colleague;
    private static ApiClient otherOfficial;
    private static ApiClient advisor;
    private static ApiClient proposer;
    private static ApiClient approver;
    private static String awarded;
    private static String rejected;

    @BeforeAll
    static void start() {
        SharedLocalServer.stop(); // the workflow clock is one per JVM
        server = LocalServer.start(LocalServer.Options.forTests(dataDir));
        anonymous = new ApiClient(server.baseUri());
        mailbox = new Mailbox(anonymous);
        official = anonymous.as("official-groningen", "municipality", CODE);
        colleague = anonymous.as("colleague-groningen", "municipality", CODE);
        otherOfficial = anonymous.as("official-other", "municipality", OTHER);
        advisor = anonymous.as("advisor-notify", "advisor", null);
        proposer = anonymous.as("ministry-proposer", "ministry", null);
        approver = anonymous.as("ministry-approver", "ministry", null);
        ok(proposer.put("/v1/municipalities/" + CODE + "/allocations/" + YEAR, Map.of("amountCents", 5_000_000L)));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void every_step_that_notifies_mails_each_recipient_once() throws Exception {
        // a rejected application: submitted, negative advice, rejection proposed and approved
        rejected = submitted("Mantelzorgcafé Groningen");
        mailbox.await(rejected, "APPLICATION_SUBMITTED", 1);
        ok(post(advisor, "/v1/applications/" + rejected + "/advice", Map.of("outcome", "NEGATIVE", "summary", "Te vaag")));
        mailbox.await(rejected, "ADVICE_GIVEN", 2);
        ok(post(proposer, "/v1/applications/" + rejected + "/decision", Map.of("outcome", "REJECT",
                "awardedCents", Map.of(), "motivation", "Past niet in de regeling")));
        mailbox.await(rejected, "DECISION_PROPOSED", 1);
        ok(post(approver, "/v1/applications/" + rejected + "/decision/approve", null));
        mailbox.await(rejected, "REJECTED", 1);

        // an awarded application, through every other step
        awarded = submitted("Respijtzorg & logeeropvang Groningen");
        mailbox.await(awarded, "APPLICATION_SUBMITTED", 1);
        ok(post(advisor, "/v1/applications/" + awarded + "/advice", Map.of("outcome", "CHANGES_REQUESTED",
                "summary", "Begroting per activiteit")));
        mailbox.await(awarded, "CHANGES_REQUESTED", 1);
        ok(post(official, "/v1/applications/" + awarded + "/submit", null));
        mailbox.await(awarded, "APPLICATION_SUBMITTED", 2);
        moveClock(Instant.now().plus(Duration.ofDays(43)));
        mailbox.await(awarded, "REVIEW_OVERDUE", 2);
        ok(post(advisor, "/v1/applications/" + awarded + "/advice", Map.of("outcome", "POSITIVE", "summary", "Sterk plan")));
        mailbox.await(awarded, "ADVICE_GIVEN", 2);
        Map<String, Object> award = Map.of("outcome", "AWARD", "awardedCents", Map.of(Integer.toString(YEAR), 900_000L),
                "conditions", "Jaarlijks verslag", "motivation", "Past binnen de regeling");
        ok(post(proposer, "/v1/applications/" + awarded + "/decision", award));
        mailbox.await(awarded, "DECISION_PROPOSED", 1);
        ok(post(approver, "/v1/applications/" + awarded + "/decision/return", Map.of("reason", "Motivering aanvullen")));
        mailbox.await(awarded, "DECISION_RETURNED", 1);
        ok(post(proposer, "/v1/applications/" + awarded + "/decision", award));
        mailbox.await(awarded, "DECISION_PROPOSED", 2);
        ok(post(approver, "/v1/applications/" + awarded + "/decision/approve", null));
        mailbox.await(awarded, "AWARDED", 1);

        moveClock(Instant.parse("2027-06-16T08:00:00Z")); // 30 days before 15 July 2027
        mailbox.await(awarded, "REPORT_DUE_SOON", 1);
        moveClock(Instant.parse("2027-07-16T08:00:00Z")); // the day after
        mailbox.await(awarded, "REPORT_OVERDUE", 2);
        ok(post(official, "/v1/applications/" + awarded + "/reports/" + YEAR, report()));
        mailbox.await(awarded, "REPORT_SUBMITTED", 1);
        ok(post(proposer, "/v1/applications/" + awarded + "/reports/" + YEAR + "/review",
                Map.of("outcome", "REJECT", "reason", "De uitgaven per aandachtspunt ontbreken")));
        List<JsonNode> rejection = mailbox.await(awarded, "REPORT_REJECTED", 1);
        assertThat(rejection.get(0).get("text").asText()).contains("De uitgaven per aandachtspunt ontbreken");
        ok(post(official, "/v1/applications/" + awarded + "/reports/" + YEAR, report()));
        mailbox.await(awarded, "REPORT_SUBMITTED", 2);
        ok(post(approver, "/v1/applications/" + awarded + "/reports/" + YEAR + "/review", Map.of("outcome", "ACCEPT")));
        mailbox.await(awarded, "REPORT_ACCEPTED", 1);
        ok(post(proposer, "/v1/applications/" + awarded + "/settlement", null));
        mailbox.await(awarded, "SETTLEMENT_PROPOSED", 1);
        ok(post(approver, "/v1/applications/" + awarded + "/settlement/approve", null));
        mailbox.await(awarded, "SETTLED", 1);

        Map<String, Integer> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("APPLICATION_SUBMITTED " + ADVISORY, 2),
                Map.entry("CHANGES_REQUESTED " + CONTACT, 1),
                Map.entry("REVIEW_OVERDUE " + ADVISORY, 1), Map.entry("REVIEW_OVERDUE " + MINISTRY, 1),
                Map.entry("ADVICE_GIVEN " + CONTACT, 1), Map.entry("ADVICE_GIVEN " + MINISTRY, 1),
                Map.entry("DECISION_PROPOSED " + MINISTRY, 2), Map.entry("DECISION_RETURNED " + MINISTRY, 1),
                Map.entry("AWARDED " + CONTACT, 1),
                Map.entry("REPORT_DUE_SOON " + CONTACT, 1),
                Map.entry("REPORT_OVERDUE " + CONTACT, 1), Map.entry("REPORT_OVERDUE " + MINISTRY, 1),
                Map.entry("REPORT_SUBMITTED " + MINISTRY, 2), Map.entry("REPORT_REJECTED " + CONTACT, 1),
                Map.entry("REPORT_ACCEPTED " + CONTACT, 1),
                Map.entry("SETTLEMENT_PROPOSED " + MINISTRY, 1), Map.entry("SETTLED " + CONTACT, 1)));
        Mailbox.pause(1500); // anything sent twice would have arrived by now
        assertThat(tally(mailbox.about(awarded))).isEqualTo(expected);
        assertThat(tally(mailbox.about(rejected))).isEqualTo(new TreeMap<>(Map.of(
                "APPLICATION_SUBMITTED " + ADVISORY, 1, "ADVICE_GIVEN " + CONTACT, 1, "ADVICE_GIVEN " + MINISTRY, 1,
                "DECISION_PROPOSED " + MINISTRY, 1, "REJECTED " + CONTACT, 1)));

        Set<String> messageIds = new HashSet<>();
        for (String id : List.of(awarded, rejected)) {
            String title = id.equals(awarded) ? "Respijtzorg & logeeropvang Groningen" : "Mantelzorgcafé Groningen";
            for (JsonNode mail : mailbox.about(id)) {
                String type = header(mail, "X-Spuk-Notification");
                assertThat(mail.get("subject").asText()).as(type).contains(title).endsWith("(Groningen)");
                assertThat(mail.get("from").asText()).contains("noreply@spuk.localhost");
                assertThat(mail.get("text").asText()).as(type)
                        .contains(server.baseUri() + "/aanvragen/" + id)
                        .contains(title); // the plain-text part shows '&' as it is
                assertThat(mail.get("messageId").asText()).matches("<[0-9a-f]{32}@spuk\\.localhost>");
                assertThat(messageIds.add(mail.get("messageId").asText())).as("one Message-ID per mail").isTrue();
                assertThat(Instant.parse(mail.get("sentAt").asText())).isNotNull();
                if (to(mail).equals(CONTACT)) {
                    assertThat(type).as("a municipality never learns of a proposal")
                            .isNotIn("DECISION_PROPOSED", "DECISION_RETURNED", "SETTLEMENT_PROPOSED");
                }
            }
        }
        JsonNode awardMail = ofType(mailbox.about(awarded), "AWARDED").get(0);
        assertThat(awardMail.get("subject").asText())
                .isEqualTo("Subsidie toegekend: Respijtzorg & logeeropvang Groningen (Groningen)");
        assertThat(header(awardMail, "Content-Type")).startsWith("multipart/alternative");
        List<JsonNode> newestFirst = mailbox.all();
        assertThat(header(newestFirst.get(0), "X-Spuk-Notification")).isEqualTo("SETTLED");
    }

    @Test
    @Order(2)
    void each_role_sees_its_own_notifications_in_the_app_newest_first() {
        List<JsonNode> mine = all(official);
        assertThat(mine).isNotEmpty().allMatch(n -> n.get("municipalityCode").asText().equals(CODE))
                .allMatch(n -> !n.get("read").asBoolean());
        assertThat(types(mine)).contains("CHANGES_REQUESTED", "AWARDED", "REJECTED", "REPORT_REJECTED", "SETTLED")
                .doesNotContain("DECISION_PROPOSED", "DECISION_RETURNED", "SETTLEMENT_PROPOSED", "APPLICATION_SUBMITTED");
        assertThat(mine.get(0).fieldNames()).toIterable().containsExactly("id", "type", "applicationId",
                "municipalityCode", "message", "createdAt", "read");
        assertThat(mine).extracting(n -> Instant.parse(n.get("createdAt").asText()))
                .isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(mine.get(0).get("type").asText()).isEqualTo("SETTLED");
        assertThat(mine.get(0).get("message").asText()).contains("eindafrekening");

        assertThat(all(otherOfficial)).noneMatch(n -> n.get("municipalityCode").asText().equals(CODE));
        assertThat(types(all(advisor))).contains("APPLICATION_SUBMITTED", "REVIEW_OVERDUE")
                .doesNotContain("AWARDED", "DECISION_PROPOSED");
        assertThat(types(all(proposer))).contains("DECISION_PROPOSED", "DECISION_RETURNED", "ADVICE_GIVEN",
                "REVIEW_OVERDUE", "REPORT_OVERDUE", "REPORT_SUBMITTED", "SETTLEMENT_PROPOSED")
                .doesNotContain("AWARDED", "CHANGES_REQUESTED", "APPLICATION_SUBMITTED");
    }

    @Test
    @Order(3)
    void a_notification_is_read_per_user_and_nobody_else_can_mark_it() {
        String id = all(official).get(0).get("id").asText();
        Response read = post(official, "/v1/notifications/" + id + "/read", null);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("read").asBoolean()).isTrue();
        assertThat(read.json().get("id").asText()).isEqualTo(id);
        assertThat(ok(post(official, "/v1/notifications/" + id + "/read", null)).json().get("read").asBoolean()).isTrue();

        assertThat(byId(all(official), id).get("read").asBoolean()).isTrue();
        assertThat(byId(all(colleague), id).get("read").asBoolean()).as("read is per user").isFalse();
        for (ApiClient stranger : List.of(otherOfficial, advisor, proposer)) {
            Response r = post(stranger, "/v1/notifications/" + id + "/read", null);
            assertThat(r.status()).as(r.body()).isEqualTo(404);
        }
        assertThat(post(official, "/v1/notifications/0123456789abcdef0123456789abcdef/read", null).status()).isEqualTo(404);
        assertThat(byId(all(colleague), id).get("read").asBoolean()).isFalse();
    }

    @Test
    @Order(4)
    void the_list_pages_newest_first_and_refuses_forged_tokens() {
        List<JsonNode> whole = all(proposer);
        assertThat(whole.size()).isGreaterThan(5);
        List<String> paged = new ArrayList<>();
        String token = null;
        do {
            Response page = ok(proposer.get("/v1/notifications?limit=2" + (token == null ? "" : "&nextToken=" + token)));
            assertThat(page.json().get("items").size()).isLessThanOrEqualTo(2);
            page.json().get("items").forEach(n -> paged.add(n.get("id").asText()));
            token = page.json().hasNonNull("nextToken") ? page.json().get("nextToken").asText() : null;
        } while (token != null);
        assertThat(paged).isEqualTo(whole.stream().map(n -> n.get("id").asText()).toList());

        String first = ok(proposer.get("/v1/notifications?limit=1")).json().get("nextToken").asText();
        Response elsewhere = official.get("/v1/notifications?limit=1&nextToken=" + first);
        assertThat(elsewhere.status()).as("a ministry token in a municipality's list").isEqualTo(400);
        assertThat(proposer.get("/v1/notifications?nextToken=bm9wZQ").status()).isEqualTo(400);
        assertThat(proposer.get("/v1/notifications?limit=0").status()).isEqualTo(400);
        assertThat(proposer.get("/v1/notifications?limit=101").status()).isEqualTo(400);
    }

    @Test
    @Order(5)
    void a_stream_record_delivered_again_sends_nothing() throws Exception {
        int before = mailbox.all().size();
        List<Record> outbox = outboxInserts(awarded);
        assertThat(outbox).hasSizeGreaterThanOrEqualTo(20);
        DynamodbEvent again = event(outbox);
        StreamsEventResponse response = new NotifierHandler().handleRequest(again, null);
        assertThat(response.getBatchItemFailures()).isEmpty();
        // and twice at the same moment
        Thread other = new Thread(() -> new NotifierHandler().handleRequest(again, null));
        other.start();
        new NotifierHandler().handleRequest(again, null);
        other.join();
        Mailbox.pause(1000);
        assertThat(mailbox.all()).hasSize(before);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** The stream's INSERT records of the application's outbox items, read from the oldest on. */
    private static List<Record> outboxInserts(String applicationId) {
        List<Record> out = new ArrayList<>();
        try (DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
                .endpointOverride(URI.create(System.getProperty(Settings.DYNAMODB_ENDPOINT)))
                .region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()) {
            String arn = streams.listStreams(b -> b.tableName(System.getProperty(Settings.TABLE))).streams().get(0).streamArn();
            for (Shard shard : streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards()) {
                String iterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                while (iterator != null) {
                    String at = iterator;
                    var page = streams.getRecords(b -> b.shardIterator(at).limit(1000));
                    page.records().stream().filter(r -> r.eventNameAsString().equals("INSERT")
                            && r.dynamodb().newImage().containsKey("notificationId")
                            && "OUTBOX".equals(r.dynamodb().newImage().get("type").s())
                            && applicationId.equals(r.dynamodb().newImage().get("applicationId").s())).forEach(out::add);
                    iterator = page.records().isEmpty() ? null : page.nextShardIterator();
                }
            }
        }
        return out;
    }

    /** The records as Lambda hands them to the notifier (the attributes it reads). */
    private static DynamodbEvent event(List<Record> records) {
        List<DynamodbEvent.DynamodbStreamRecord> out = new ArrayList<>();
        for (Record r : records) {
            DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
            record.setEventID(r.eventID());
            record.setEventName(r.eventNameAsString());
            record.setEventSource("aws:dynamodb");
            StreamRecord stream = new StreamRecord();
            stream.setSequenceNumber(r.dynamodb().sequenceNumber());
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image = new LinkedHashMap<>();
            r.dynamodb().newImage().forEach((name, value) -> {
                if (value.s() != null) {
                    image.put(name, new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue(value.s()));
                }
            });
            stream.setNewImage(image);
            record.setDynamodb(stream);
            out.add(record);
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(out);
        return event;
    }

    private static Map<String, Integer> tally(List<JsonNode> mails) {
        Map<String, Integer> out = new TreeMap<>();
        mails.forEach(m -> out.merge(header(m, "X-Spuk-Notification") + " " + to(m), 1, Integer::sum));
        return out;
    }

    private static List<JsonNode> all(ApiClient user) {
        Instant deadline = Instant.now().plusSeconds(10);
        List<JsonNode> out;
        // the list is read from an index, which may lag a moment behind
        do {
            out = new ArrayList<>();
            ok(user.get("/v1/notifications?limit=100")).json().get("items").forEach(out::add);
        } while (out.isEmpty() && Instant.now().isBefore(deadline));
        return out;
    }

    private static Set<String> types(List<JsonNode> notifications) {
        Set<String> out = new HashSet<>();
        notifications.forEach(n -> out.add(n.get("type").asText()));
        return out;
    }

    private static JsonNode byId(List<JsonNode> notifications, String id) {
        return notifications.stream().filter(n -> n.get("id").asText().equals(id)).findFirst().orElseThrow();
    }

    /** A new application with an uploaded plan, submitted. */
    private static String submitted(String title) throws Exception {
        String id = ok(post(official, "/v1/applications", Map.of("title", title, "years", List.of(YEAR),
                "activities", List.of(Map.of("theme", "VERLICHTEN", "title", "Respijt",
                        "budgetCents", Map.of(Integer.toString(YEAR), 1_000_000L))),
                "contact", Map.of("name", "J. de Vries", "email", CONTACT)))).json().get("id").asText();
        JsonNode ticket = ok(post(official, "/v1/applications/" + id + "/documents", Map.of("fileName", "plan.pdf",
                "contentType", "application/pdf", "sizeBytes", PDF.length, "kind", "PLAN"))).json();
        HttpResponse<String> stored = HTTP.send(HttpRequest.newBuilder(URI.create(ticket.get("uploadUrl").asText()))
                .header("Content-Type", "application/pdf").PUT(HttpRequest.BodyPublishers.ofByteArray(PDF)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).isEqualTo(200);
        Instant deadline = Instant.now().plusSeconds(15);
        Response submit;
        do {
            submit = post(official, "/v1/applications/" + id + "/submit", null);
            if (submit.status() != 200) {
                assertThat(Instant.now()).as(submit.body()).isBefore(deadline);
                Mailbox.pause(100);
            }
        } while (submit.status() != 200);
        return id;
    }

    private static Map<String, Object> report() {
        return Map.of("spentCents", Map.of("VINDEN", 200_000L, "VERSTERKEN", 200_000L, "VERLICHTEN", 300_000L,
                "VERBINDEN", 100_000L), "caregiversReached", 80, "respiteHours", 120.5, "narrative", "Meer bereikt");
    }

    private static void moveClock(Instant to) {
        ok(anonymous.post("/local/clock", Map.of("now", to.toString())));
    }

    private static Response post(ApiClient user, String path, Object body) {
        return user.post(path, body, "Idempotency-Key", UUID.randomUUID().toString());
    }

    private static Response ok(Response r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 299);
        return r;
    }
}
