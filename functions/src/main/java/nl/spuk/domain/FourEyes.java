package nl.spuk.domain;

/**
 * Four eyes: a proposal (a decision, a settlement) is approved or returned by another user than the one who proposed
 * it. The one owner of the rule: a command checks it before the engine for a clear answer, the process step again
 * inside the engine's transaction for the guarantee.
 */
public final class FourEyes {
    private FourEyes() {
    }

    /**
     * @param what the proposal, as the refusal names it ("decision", "settlement")
     * @throws Violation when the actor proposed it
     */
    public static void require(String proposedBy, Actor actor, String what) {
        if (proposedBy.equals(actor.id())) {
            throw new Violation("four eyes: the " + what + " must be approved or returned by another ministry user than its proposer");
        }
    }

    /** The proposer tried to approve or return their own proposal. */
    public static final class Violation extends RuntimeException {
        Violation(String message) {
            super(message);
        }
    }
}
