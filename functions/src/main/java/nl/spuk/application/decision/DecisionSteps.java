package nl.spuk.application.decision;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.spuk.application.Reason;
import nl.spuk.application.ReferenceTakenException;
import nl.spuk.application.StepContext;
import nl.spuk.application.port.AllocationCommitment;
import nl.spuk.application.port.ApplicationChange;
import nl.spuk.application.port.ApplicationRepository;
import nl.spuk.application.port.DocumentStorage;
import nl.spuk.application.port.LetterRenderer;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.AwardReference;
import nl.spuk.domain.AwardLetter;
import nl.spuk.domain.Decision;
import nl.spuk.domain.DecisionOutcome;
import nl.spuk.domain.Document;
import nl.spuk.domain.DocumentKind;
import nl.spuk.domain.FourEyes;
import nl.spuk.domain.NotificationType;
import nl.spuk.domain.SchemeRules;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import nl.spuk.domain.Transition;
import nl.spuk.domain.YearAmounts;

/** The decision steps of the process: propose, return, approve (with the award letter and the allocation taken). */
public final class DecisionSteps {
    static final String AWARD_LETTER_ID = "award-letter";
    /** Approvals of other awards that may take the number first before this one gives up (409, try again). */
    static final int REFERENCE_ATTEMPTS = 10;

    private final ApplicationRepository applications;
    private final DocumentStorage storage;
    private final LetterRenderer letters;
    private final Clock clock;

    public DecisionSteps(ApplicationRepository applications, DocumentStorage storage, LetterRenderer letters, Clock clock) {
        this.applications = applications;
        this.storage = storage;
        this.letters = letters;
        this.clock = clock;
    }

    public void propose(StepContext step) {
        Application app = step.load(applications);
        if (app.status() == Status.DECISION_PROPOSED) {
            return;
        }
        Transition.PROPOSE_DECISION.require(app.status());
        var now = clock.instant();
        DecisionProposal proposal = step.request(DecisionProposal.class);
        DecisionOutcome outcome = proposal.outcome();
        YearAmounts award = proposal.awardedCents();
        Decision decision = new Decision(outcome, award, proposal.conditions(), proposal.motivation(),
                step.actor().id(), step.actor().name(), now, null, null, null);
        Application proposed = app.decided(decision, Status.DECISION_PROPOSED, now);
        step.apply(applications, new ApplicationChange(step.changeId(), app, proposed,
                AuditEvent.of(step.actor(), now, "DECISION_PROPOSED", app.status(), proposed.status(),
                        Map.of("outcome", outcome, "awardedCents", award)),
                List.of(Task.open(TaskType.APPROVE_DECISION, proposed, now, null)),
                List.of(Task.idOf(app.id(), TaskType.DECIDE)))
                // to the ministry only: a municipality never learns what a proposal holds
                .notifying(NotificationType.DECISION_PROPOSED, Map.of("proposedBy", step.actor().name())));
    }

    public void returnToAdvised(StepContext step) {
        Application app = step.load(applications);
        if (app.status() == Status.ADVISED) {
            return;
        }
        Transition.DECIDE_ON_PROPOSAL.require(app.status());
        FourEyes.require(app.decision().proposedBy(), step.actor(), "decision");
        var now = clock.instant();
        Application returned = app.decided(null, Status.ADVISED, now);
        step.apply(applications, new ApplicationChange(step.changeId(), app, returned,
                AuditEvent.of(step.actor(), now, "DECISION_RETURNED", app.status(), returned.status(),
                        Map.of("reason", step.request(Reason.class).text())),
                List.of(Task.open(TaskType.DECIDE, returned, now, null)),
                List.of(Task.idOf(app.id(), TaskType.APPROVE_DECISION)))
                .notifying(NotificationType.DECISION_RETURNED, Map.of("reason", step.request(Reason.class).text())));
    }

    /**
     * Approves the proposal. An award takes the next reference of the decision's year in its own transaction; when
     * another award took that number first, nothing was written and the approval tries the next one. The letter's
     * bytes are stored once the change is: a refused approval leaves no letter behind.
     */
    public void approve(StepContext step) {
        Application app = step.load(applications);
        if (app.status() == Status.AWARDED || app.status() == Status.REJECTED) {
            // a retry once the change is stored: the letter's bytes may not be (the crash came in between)
            restoreLetter(app);
            return;
        }
        Transition.DECIDE_ON_PROPOSAL.require(app.status());
        FourEyes.require(app.decision().proposedBy(), step.actor(), "decision");
        var now = clock.instant();
        Decision decision = app.decision().approved(step.actor(), now);
        if (decision.outcome() != DecisionOutcome.AWARD) {
            Application rejected = app.decided(decision, Status.REJECTED, now);
            step.apply(applications, approval(step, app, rejected, List.of(), List.of())
                    .notifying(NotificationType.REJECTED));
            return;
        }
        List<AllocationCommitment> commitments = decision.awardedCents().asMap().entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> new AllocationCommitment(app.municipalityCode(), e.getKey(), e.getValue()))
                .toList();
        int year = LocalDate.ofInstant(now, SchemeRules.ZONE).getYear();
        for (int attempt = 1; ; attempt++) {
            AwardReference reference = applications.nextReference(year);
            Application awarded = app.decided(decision.numbered(reference), Status.AWARDED, now);
            byte[] pdf = letters.awardLetter(AwardLetter.of(awarded, SchemeRules.DEFAULT));
            Document letter = Document.letter(app.id(), AWARD_LETTER_ID, DocumentKind.DECISION,
                    "beschikking-" + reference + ".pdf", pdf, now, step.actor());
            Application stored;
            try {
                stored = step.apply(applications, approval(step, app, awarded, commitments, List.of(letter))
                        .notifying(NotificationType.AWARDED));
            } catch (ReferenceTakenException taken) {
                if (attempt == REFERENCE_ATTEMPTS) {
                    throw taken;
                }
                continue;
            }
            if (stored.equals(awarded)) {
                storage.put(letter.contentKey(), pdf, letter.contentType());
            } else {
                restoreLetter(stored); // this very change, stored by an earlier attempt, perhaps under another number
            }
            return;
        }
    }

    private static ApplicationChange approval(StepContext step, Application before, Application after,
                                              List<AllocationCommitment> commitments, List<Document> letter) {
        Decision decision = after.decision();
        return new ApplicationChange(step.changeId(), before, after,
                AuditEvent.of(step.actor(), after.updatedAt(), "DECISION_APPROVED", before.status(), after.status(),
                        Map.of("outcome", decision.outcome().name(), "proposedBy", decision.proposedByName())),
                List.of(), List.of(Task.idOf(before.id(), TaskType.APPROVE_DECISION)), commitments, letter, List.of());
    }

    /**
     * Stores the letter of a stored award unless it is there: rendered from the stored application, it gives the bytes
     * its document's hash was taken of.
     */
    private void restoreLetter(Application decided) {
        String key = Document.letterKey(decided.id(), AWARD_LETTER_ID);
        // a rejection has no letter; an award approved before awards had references was stored with its letter
        if (decided.reference() != null && !storage.exists(key)) {
            storage.put(key, letters.awardLetter(AwardLetter.of(decided, SchemeRules.DEFAULT)), Document.PDF);
        }
    }
}
