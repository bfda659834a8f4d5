package nl.spuk.adapter.dynamodb;

import static nl.spuk.adapter.dynamodb.Fixtures.ADVISOR;
import static nl.spuk.adapter.dynamodb.Fixtures.ALMERE_USER;
import static nl.spuk.adapter.dynamodb.Fixtures.GRONINGEN;
import static nl.spuk.adapter.dynamodb.Fixtures.GRONINGEN_USER;
import static nl.spuk.adapter.dynamodb.Fixtures.MINISTRY;
import static nl.spuk.adapter.dynamodb.Fixtures.T0;
import static nl.spuk.adapter.dynamodb.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.spuk.adapter.out.dynamodb.DynamoDbApplicationRepository;
import nl.spuk.adapter.out.dynamodb.DynamoDbNotificationInbox;
import nl.spuk.adapter.out.dynamodb.DynamoDbOutbox;
import nl.spuk.application.ConcurrentChangeException;
import nl.spuk.application.ConflictException;
import nl.spuk.application.port.ApplicationChange;
import nl.spuk.application.port.NotificationInbox;
import nl.spuk.application.port.Outbox;
import nl.spuk.application.port.Page;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Application;
import nl.spuk.domain.Notification;
import nl.spuk.domain.NotificationType;
import nl.spuk.domain.Recipient;
import nl.spuk.domain.Role;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The outbox, the notifier's claims and the notifications in the app against DynamoDB Local: outbox items are written
 * by the change's own transaction and never again by its repeat; a claim lets exactly one delivery send; the app's
 * list is the audience's, newest first, with each user's own read marks, paged.
 */
class DynamoDbNotificationsTest extends LocalDynamoDbTestBase {
    private DynamoDbApplicationRepository applications;
    private DynamoDbOutbox outbox;
    private DynamoDbNotificationInbox inbox;

    @BeforeEach
    void adapters() {
        applications = new DynamoDbApplicationRepository(client, table);
        outbox = new DynamoDbOutbox(client, table);
        inbox = new DynamoDbNotificationInbox(client, table);
    }

    @Test
    void a_change_writes_its_outbox_items_in_its_own_transaction_and_a_repeat_writes_none() {
        Application draft = Fixtures.draft("a-1", GRONINGEN, T0);
        applications.create(draft, Task.open(nl.spuk.domain.TaskType.PREPARE, draft, T0, null),
                event(GRONINGEN_USER, T0, "CREATED", null, Status.DRAFT));
        Application advised = draft.touched(T0.plusSeconds(60));
        ApplicationChange change = new ApplicationChange("req-1/advice", draft, advised,
                event(ADVISOR, T0.plusSeconds(60), "ADVICE_GIVEN", null, null), List.of(), List.of())
                .notifying(NotificationType.ADVICE_GIVEN, Map.of("outcome", "POSITIVE"));
        assertThat(change.notifications()).extracting(Notification::recipient)
                .containsExactly(Recipient.MUNICIPALITY, Recipient.MINISTRY);

        applications.apply(change);
        assertThat(outboxItems("a-1")).hasSize(2).allMatch(i -> i.get("state").s().equals("PENDING"));
        // the repeat of the applied change: recognised, nothing written again
        applications.apply(change);
        assertThat(outboxItems("a-1")).hasSize(2);

        // a change that loses its race writes no outbox item
        ApplicationChange stale = new ApplicationChange("req-2/advice", draft, advised,
                event(ADVISOR, T0.plusSeconds(90), "ADVICE_GIVEN", null, null), List.of(), List.of())
                .notifying(NotificationType.CHANGES_REQUESTED);
        assertThatThrownBy(() -> applications.apply(stale)).isInstanceOf(ConcurrentChangeException.class);
        assertThat(outboxItems("a-1")).hasSize(2);

        Notification toMunicipality = change.notifications().get(0);
        assertThat(toMunicipality.id()).isEqualTo(Notification.idFor("req-1/advice", NotificationType.ADVICE_GIVEN,
                Recipient.MUNICIPALITY));
        assertThat(toMunicipality.contactEmail()).isEqualTo("gerda@groningen.example");
        assertThat(change.notifications().get(1).contactEmail()).isNull();
    }

    @Test
    void an_event_with_notifications_is_recorded_once() {
        Application draft = Fixtures.draft("a-2", GRONINGEN, T0);
        applications.create(draft, Task.open(nl.spuk.domain.TaskType.PREPARE, draft, T0, null),
                event(GRONINGEN_USER, T0, "CREATED", null, Status.DRAFT));
        List<Notification> reminder = Notification.of("job:1/remind", NotificationType.REPORT_DUE_SOON,
                Map.of("year", "2026", "deadline", "2027-07-15"), draft, T0);
        assertThat(applications.record("a-2", event(MINISTRY, T0, "REPORT_REMINDER", null, null), reminder)).isTrue();
        assertThat(applications.record("a-2", event(MINISTRY, T0, "REPORT_REMINDER", null, null), reminder)).isFalse();
        assertThat(outboxItems("a-2")).hasSize(1);
        assertThat(applications.history("a-2")).extracting(e -> e.action()).containsExactly("CREATED", "REPORT_REMINDER");
    }

    @Test
    void one_claim_sends_a_second_finds_it_held_or_sent_and_a_failure_frees_it() {
        Notification n = stored("a-3");
        Instant now = Instant.parse("2026-12-05T10:00:00Z");
        Outbox.Claim first = outbox.claim("a-3", n.id(), "record-1", now, now.plus(Duration.ofMinutes(5)));
        assertThat(first).isInstanceOf(Outbox.Claim.Claimed.class);
        assertThat(((Outbox.Claim.Claimed) first).notification()).isEqualTo(n);
        // another record's delivery waits for the lease; the same record's retry (its answer lost) takes its claim again
        assertThat(outbox.claim("a-3", n.id(), "record-2", now.plusSeconds(1), now.plusSeconds(301)))
                .isEqualTo(new Outbox.Claim.Held(now.plus(Duration.ofMinutes(5))));
        assertThat(outbox.claim("a-3", n.id(), "record-1", now.plusSeconds(1), now.plusSeconds(301)))
                .isInstanceOf(Outbox.Claim.Claimed.class);

        outbox.failed("a-3", n.id(), "record-1", "SMTP down");
        Outbox.Claim retry = outbox.claim("a-3", n.id(), "record-2", now.plusSeconds(2), now.plusSeconds(302));
        assertThat(retry).isInstanceOf(Outbox.Claim.Claimed.class);
        // the first claim is gone: it can no longer record the send
        assertThatThrownBy(() -> outbox.sent("a-3", n.id(), "record-1", now, "x@y.nl")).isInstanceOf(ConflictException.class);
        outbox.sent("a-3", n.id(), "record-2", now.plusSeconds(3), "gerda@groningen.example");
        for (String token : List.of("record-1", "record-2", "record-3")) {
            assertThat(outbox.claim("a-3", n.id(), token, now.plusSeconds(4), now.plusSeconds(304)))
                    .isInstanceOf(Outbox.Claim.AlreadySent.class);
        }
        Map<String, AttributeValue> item = outboxItems("a-3").get(0);
        assertThat(item.get("state").s()).isEqualTo("SENT");
        assertThat(item.get("attempts").n()).isEqualTo("3");
        assertThat(item.get("sentTo").s()).isEqualTo("gerda@groningen.example");
        assertThat(item).doesNotContainKeys("claimToken", "leaseUntilMillis", "lastError");
        assertThat(outbox.claim("a-3", "0000", "record-1", now, now)).isInstanceOf(Outbox.Claim.Missing.class);
    }

    @Test
    void a_claim_whose_lease_ran_out_is_taken_over() {
        Notification n = stored("a-4");
        Instant now = Instant.parse("2026-12-05T10:00:00Z");
        assertThat(outbox.claim("a-4", n.id(), "record-1", now, now.plusSeconds(300))).isInstanceOf(Outbox.Claim.Claimed.class);
        assertThat(outbox.claim("a-4", n.id(), "record-2", now.plusSeconds(301), now.plusSeconds(601)))
                .isInstanceOf(Outbox.Claim.Claimed.class);
    }

    @Test
    void each_audience_sees_its_own_notifications_newest_first_with_its_own_read_marks() {
        Application app = Fixtures.draft("a-5", GRONINGEN, T0);
        List<Notification> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.addAll(Notification.of("c-" + i, NotificationType.REPORT_OVERDUE, Map.of("year", "2026"), app,
                    T0.plusSeconds(i)));
        }
        all.forEach(n -> inbox.record(n, "bericht " + n.createdAt()));
        all.forEach(n -> inbox.record(n, "bericht " + n.createdAt())); // a repeat changes nothing

        Actor colleague = new Actor("u-gron-2", "Gijs", Role.MUNICIPALITY, GRONINGEN.code());
        Page<NotificationInbox.Entry> first = inbox.list(GRONINGEN_USER, 2, null);
        assertThat(first.items()).extracting(NotificationInbox.Entry::createdAt).containsExactly(T0.plusSeconds(4), T0.plusSeconds(3));
        Page<NotificationInbox.Entry> second = inbox.list(GRONINGEN_USER, 2, first.nextToken());
        Page<NotificationInbox.Entry> third = inbox.list(GRONINGEN_USER, 2, second.nextToken());
        assertThat(second.items()).extracting(NotificationInbox.Entry::createdAt).containsExactly(T0.plusSeconds(2), T0.plusSeconds(1));
        assertThat(third.items()).extracting(NotificationInbox.Entry::createdAt).containsExactly(T0);
        assertThat(inbox.list(MINISTRY, 10, null).items()).hasSize(5).allMatch(e -> e.type() == NotificationType.REPORT_OVERDUE);
        assertThat(inbox.list(ALMERE_USER, 10, null).items()).isEmpty();
        assertThat(inbox.list(ADVISOR, 10, null).items()).isEmpty();

        String id = first.items().get(0).id();
        inbox.markRead(GRONINGEN_USER, id, T0.plusSeconds(10));
        inbox.markRead(GRONINGEN_USER, id, T0.plusSeconds(20));
        assertThat(inbox.list(GRONINGEN_USER, 1, null).items().get(0).read()).isTrue();
        assertThat(inbox.list(colleague, 1, null).items().get(0).read()).isFalse();
        assertThat(inbox.find(GRONINGEN_USER, id)).get().extracting(NotificationInbox.Entry::read).isEqualTo(true);
        assertThat(inbox.find(ALMERE_USER, id)).isEmpty();

        assertThatThrownBy(() -> inbox.list(ALMERE_USER, 2, first.nextToken())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> inbox.list(GRONINGEN_USER, 2, "AQ")).isInstanceOf(IllegalArgumentException.class);
    }

    private Notification stored(String id) {
        Application draft = Fixtures.draft(id, GRONINGEN, T0);
        applications.create(draft, Task.open(nl.spuk.domain.TaskType.PREPARE, draft, T0, null),
                event(GRONINGEN_USER, T0, "CREATED", null, Status.DRAFT));
        Application touched = draft.touched(T0.plusSeconds(5));
        ApplicationChange change = new ApplicationChange("c/" + id, draft, touched,
                event(MINISTRY, T0.plusSeconds(5), "SETTLED", null, null), List.of(), List.of())
                .notifying(NotificationType.SETTLED);
        applications.apply(change);
        return change.notifications().get(0);
    }

    private List<Map<String, AttributeValue>> outboxItems(String applicationId) {
        return client.query(b -> b.tableName(table).keyConditionExpression("PK = :pk AND begins_with(SK, :o)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("APP#" + applicationId),
                        ":o", AttributeValue.fromS("OUTBOX#"))).consistentRead(true)).items();
    }
}
