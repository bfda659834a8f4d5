package nl.spuk.application.decision;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.spuk.application.Reason;
import nl.spuk.application.StepContext;
import nl.spuk.application.port.AllocationCommitment;
import nl.spuk.application.port.ApplicationChange;
import nl.spuk.application.port.ApplicationRepository;
import nl.spuk.application.port.DocumentStorage;
import nl.spuk.application.port.LetterRenderer;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
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

    public void approve(StepContext step) {
        Application app = step.load(applications);
        if (app.status() == Status.AWARDED || app.status() == Status.REJECTED) {
            return;
        }
        Transition.DECIDE_ON_PROPOSAL.require(app.status());
        FourEyes.require(app.decision().proposedBy(), step.actor(), "decision");
        var now = clock.instant();
        Decision decision = app.decision().approved(step.actor(), now);
        boolean award = decision.outcome() == DecisionOutcome.AWARD;
        Application decided = app.decided(decision, award ? Status.AWARDED : Status.REJECTED, now);
        List<AllocationCommitment> commitments = decision.awardedCents().asMap().entrySet().stream()
                .filter(e -> award && e.getValue() > 0)
                .map(e -> new AllocationCommitment(app.municipalityCode(), e.getKey(), e.getValue()))
                .toList();
        List<Document> letter = award ? List.of(awardLetter(decided, step.actor(), now)) : List.of();
        step.apply(applications, new ApplicationChange(step.changeId(), app, decided,
                AuditEvent.of(step.actor(), now, "DECISION_APPROVED", app.status(), decided.status(),
                        Map.of("outcome", decision.outcome().name(), "proposedBy", decision.proposedByName())),
                List.of(), List.of(Task.idOf(app.id(), TaskType.APPROVE_DECISION)), commitments, letter, List.of())
                .notifying(award ? NotificationType.AWARDED : NotificationType.REJECTED));
    }

    /** Renders and stores the letter; its key is fixed, so a retry overwrites rather than adds. */
    private Document awardLetter(Application app, Actor approver, Instant now) {
        Decision d = app.decision();
        TreeMap<Integer, LocalDate> deadlines = new TreeMap<>();
        // a year awarded nothing asks no report (the process opens none for it)
        d.awardedCents().asMap().forEach((year, cents) -> {
            if (cents > 0) {
                deadlines.put(year, SchemeRules.DEFAULT.reportDeadline(year));
            }
        });
        byte[] pdf = letters.awardLetter(new AwardLetter(app.id(), app.plan().title(), app.municipality(),
                SchemeRules.SCHEME_NAME, d.awardedCents(), d.conditions(), d.motivation(),
                LocalDate.ofInstant(now, SchemeRules.ZONE), d.proposedByName(), d.approvedByName(), deadlines));
        Document doc = Document.letter(app.id(), AWARD_LETTER_ID, DocumentKind.DECISION,
                "beschikking-" + app.municipalityCode().value() + ".pdf", pdf, now, approver);
        storage.put(doc.contentKey(), pdf, doc.contentType());
        return doc;
    }
}
