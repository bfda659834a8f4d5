package nl.spuk.adapter.out.dynamodb;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Reads why a transaction was cancelled; reasons come in the order of the transaction's actions. */
final class Transactions {
    static final String CONDITION_FAILED = "ConditionalCheckFailed";
    static final String CONFLICT = "TransactionConflict";

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
}
