package nl.spuk.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import nl.spuk.adapter.out.dynamodb.DynamoDbIdempotencyStore;
import nl.spuk.application.port.IdempotencyStore.Claimed;
import nl.spuk.application.port.IdempotencyStore.InProgress;
import nl.spuk.application.port.IdempotencyStore.Mismatch;
import nl.spuk.application.port.IdempotencyStore.Replay;
import nl.spuk.application.port.IdempotencyStore.StoredResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Idempotency keys in DynamoDB Local: the four outcomes of a claim, release, the lease and expiry. */
public class DynamoDbIdempotencyStoreTest extends LocalDynamoDbTestBase {
    private static final Instant NOW = Instant.parse("2025-03-01T09:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);
    private static final StoredResponse CREATED = new StoredResponse(201,
            Map.of("Location", "/applications/a-1", "Content-Type", "application/json"), "{\"id\":\"a-1\"}");

    private DynamoDbIdempotencyStore store;

    @BeforeEach
    void setUp() {
        store = new DynamoDbIdempotencyStore(client, table);
    }

    @Test
    void claimsAFreshKey() {
        assertThat(store.claim("u1:POST /applications:k1", "h1", NOW)).isInstanceOf(Claimed.class);
        assertThat(store.claim("u2:POST /applications:k1", "h1", NOW)).isInstanceOf(Claimed.class);
    }

    @Test
    void reportsARunningRequestAsInProgress() {
        store.claim("k", "h1", NOW);

        assertThat(store.claim("k", "h1", NOW.plusSeconds(10))).isInstanceOf(InProgress.class);
    }

    @Test
    void replaysTheAnswerToTheSameBody() {
        store.claim("k", "h1", NOW);
        store.complete("k", "h1", CREATED, NOW.plus(DAY));

        assertThat(store.claim("k", "h1", NOW.plusSeconds(3600))).isEqualTo(new Replay(CREATED));
    }

    @Test
    void reportsAnotherBodyUnderTheSameKeyAsAMismatch() {
        store.claim("k", "h1", NOW);
        assertThat(store.claim("k", "h2", NOW.plusSeconds(1))).isInstanceOf(Mismatch.class);

        store.complete("k", "h1", CREATED, NOW.plus(DAY));
        assertThat(store.claim("k", "h2", NOW.plusSeconds(2))).isInstanceOf(Mismatch.class);
    }

    @Test
    void treatsAKeyPastItsExpiryAsNew() {
        store.claim("k", "h1", NOW);
        store.complete("k", "h1", CREATED, NOW.plus(DAY));

        assertThat(store.claim("k", "h1", NOW.plus(DAY).minusSeconds(1))).isInstanceOf(Replay.class);
        assertThat(store.claim("k", "h2", NOW.plus(DAY).plusSeconds(1))).isInstanceOf(Claimed.class);
        assertThat(store.claim("k", "h2", NOW.plus(DAY).plusSeconds(2))).isInstanceOf(InProgress.class);
    }

    @Test
    void letsAClaimThatWasNeverCompletedBeTakenOverAfterItsLease() {
        store.claim("k", "h1", NOW);

        assertThat(store.claim("k", "h1", NOW.plus(DynamoDbIdempotencyStore.CLAIM_LEASE).minusSeconds(1)))
                .isInstanceOf(InProgress.class);
        assertThat(store.claim("k", "h1", NOW.plus(DynamoDbIdempotencyStore.CLAIM_LEASE).plusSeconds(1)))
                .isInstanceOf(Claimed.class);
    }

    @Test
    void givesAKeyFreeOnReleaseButNeverDropsACompletedAnswer() {
        store.claim("k", "h1", NOW);
        store.release("k");
        assertThat(store.claim("k", "h2", NOW.plusSeconds(1))).isInstanceOf(Claimed.class);

        store.complete("k", "h2", CREATED, NOW.plus(DAY));
        store.release("k");
        store.release("never-claimed");
        assertThat(store.claim("k", "h2", NOW.plusSeconds(2))).isEqualTo(new Replay(CREATED));
    }

    @Test
    void keepsTheAnswerOfTheRequestThatHoldsTheKey() {
        store.claim("k", "h1", NOW);
        Instant afterLease = NOW.plus(DynamoDbIdempotencyStore.CLAIM_LEASE).plusSeconds(1);
        assertThat(store.claim("k", "h2", afterLease)).isInstanceOf(Claimed.class);

        store.complete("k", "h1", CREATED, NOW.plus(DAY)); // the first request finally finishes, too late
        StoredResponse second = new StoredResponse(200, Map.of(), "{}");
        store.complete("k", "h2", second, afterLease.plus(DAY));

        assertThat(store.claim("k", "h2", afterLease.plusSeconds(1))).isEqualTo(new Replay(second));
    }
}
