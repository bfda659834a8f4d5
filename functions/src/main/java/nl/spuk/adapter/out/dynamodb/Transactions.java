package nl.spuk.adapter.out.dynamodb;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntPredicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Runs transactions and reads why one was cancelled; reasons come in the order of the transaction's actions.
 * The SDK does not retry a transaction that lost a conflict with another one, so {@link #write} does.
 */
final class Transactions {
    static final String CONDITION_FAILED = "ConditionalCheckFailed";
    static final String CONFLICT = "TransactionConflict";
    private static final String NONE = "None";
    /** How often a write that loses conflicts is tried in all. */
    static final int MAX_ATTEMPTS = 10;
    private static final long FIRST_PAUSE_MILLIS = 10;
    private static final long MAX_PAUSE_MILLIS = 500;

    private Transactions() {
    }

    /** The reason code for the action at {@code index}, or null when none is given. */
    static String reason(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        return index < reasons.size() ? reasons.get(index).code() : null;
    }

    static boolean conditionFailed(TransactionCanceledException e, int index) {
        return CONDITION_FAILED.equals(reason(e, index));
    }

    /**
     * Writes the actions as one transaction. While it is cancelled only because another transaction held an item
     * {@code retryConflictAt} accepts (by action index), it is run again after a short random pause; any other
     * cancellation, or a conflict that outlasts the attempts, is thrown for the caller to read.
     */
    static void write(DynamoDbClient client, List<TransactWriteItem> actions, IntPredicate retryConflictAt) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.transactWriteItems(b -> b.transactItems(actions));
                return;
            } catch (TransactionCanceledException e) {
                if (attempt == MAX_ATTEMPTS || !onlyRetryableConflicts(e, retryConflictAt)) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    private static boolean onlyRetryableConflicts(TransactionCanceledException e, IntPredicate retryConflictAt) {
        if (!e.hasCancellationReasons()) {
            return false;
        }
        boolean conflict = false;
        List<CancellationReason> reasons = e.cancellationReasons();
        for (int i = 0; i < reasons.size(); i++) {
            String code = reasons.get(i).code();
            if (CONFLICT.equals(code) && retryConflictAt.test(i)) {
                conflict = true;
            } else if (code != null && !NONE.equals(code)) {
                return false;
            }
        }
        return conflict;
    }

    /** Sleeps a random time up to an exponentially growing bound ("full jitter"), so racers spread out. */
    static void pause(int attempt) {
        long bound = Math.min(MAX_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << Math.min(attempt - 1, 16));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a DynamoDB write", e);
        }
    }
}
