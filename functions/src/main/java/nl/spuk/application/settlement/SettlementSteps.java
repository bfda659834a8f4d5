package nl.spuk.application.settlement;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.spuk.application.Reason;
import nl.spuk.application.StepContext;
import nl.spuk.application.port.ApplicationChange;
import nl.spuk.application.port.ApplicationRepository;
import nl.spuk.application.port.DocumentStorage;
import nl.spuk.application.port.LetterRenderer;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Document;
import nl.spuk.domain.DocumentKind;
import nl.spuk.domain.FourEyes;
import nl.spuk.domain.NotificationType;
import nl.spuk.domain.Report;
import nl.spuk.domain.ReportStatus;
import nl.spuk.domain.Settlement;
import nl.spuk.domain.SettlementLetter;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;

/** The settlement steps: opened once every report is accepted, proposed, then approved by a second user (four eyes). */
public final class SettlementSteps {
    static final String SETTLEMENT_LETTER_ID = "settlement-letter";
    /** The municipality pays a reclaim within six weeks of the settlement. */
    static final int PAYMENT_DAYS = 42;

    private final ApplicationRepository applications;
    private final DocumentStorage storage;
    private final LetterRenderer letters;
    private final Clock clock;

    public SettlementSteps(ApplicationRepository applications, DocumentStorage storage, LetterRenderer letters, Clock clock) {
        this.applications = applications;
        this.storage = storage;
        this.letters = letters;
        this.clock = clock;
    }

    public void open(StepContext step) {
        Application app = step.load(applications);
        String taskId = Task.idOf(app.id(), TaskType.SETTLE);
        if (app.settlement() != null || applications.openTasks(app.id()).stream().anyMatch(t -> t.taskId().equals(taskId))) {
            return;
        }
        var now = clock.instant();
        Application touched = app.touched(now);
        step.apply(applications, new ApplicationChange(step.changeId(), app, touched,
                AuditEvent.of(step.actor(), now, "SETTLEMENT_OPENED", null, null, Map.of()),
                List.of(Task.open(TaskType.SETTLE, touched, now, null)), List.of()));
    }

    public void propose(StepContext step) {
        Application app = step.load(applications);
        if (app.settlement() != null) {
            return;
        }
        Map<Integer, Long> spent = applications.reports(app.id()).stream()
                .filter(r -> r.status() == ReportStatus.ACCEPTED)
                .collect(Collectors.toMap(Report::year, Report::totalSpentCents));
        var now = clock.instant();
        Settlement settlement = Settlement.calculate(app.awardedCents(), spent, step.actor(), now);
        Application proposed = app.settling(settlement, app.status(), now);
        step.apply(applications, new ApplicationChange(step.changeId(), app, proposed,
                AuditEvent.of(step.actor(), now, "SETTLEMENT_PROPOSED", null, null, Map.of(
                        "totalEligibleCents", settlement.totalEligibleCents(),
                        "reclaimCents", settlement.reclaimCents())),
                List.of(Task.open(TaskType.APPROVE_SETTLEMENT, proposed, now, null)),
                List.of(Task.idOf(app.id(), TaskType.SETTLE)))
                // to the ministry only: the municipality learns the settlement once it is approved
                .notifying(NotificationType.SETTLEMENT_PROPOSED, Map.of("proposedBy", step.actor().name())));
    }

    public void returnToProposal(StepContext step) {
        Application app = step.load(applications);
        if (app.settlement() == null) {
            return;
        }
        app.requireProposedSettlement();
        FourEyes.require(app.settlement().proposedBy(), step.actor(), "settlement");
        var now = clock.instant();
        Application returned = app.settling(null, app.status(), now);
        step.apply(applications, new ApplicationChange(step.changeId(), app, returned,
                AuditEvent.of(step.actor(), now, "SETTLEMENT_RETURNED", null, null,
                        Map.of("reason", step.request(Reason.class).text())),
                List.of(Task.open(TaskType.SETTLE, returned, now, null)),
                List.of(Task.idOf(app.id(), TaskType.APPROVE_SETTLEMENT))));
    }

    public void settle(StepContext step) {
        Application app = step.load(applications);
        if (app.status() == Status.SETTLED) {
            // a retry once the change is stored: the letter's bytes may not be (the crash came in between)
            restoreLetter(app);
            return;
        }
        app.requireProposedSettlement();
        FourEyes.require(app.settlement().proposedBy(), step.actor(), "settlement");
        var now = clock.instant();
        Settlement approved = app.settlement().approved(step.actor(), now);
        Application settled = app.settling(approved, Status.SETTLED, now);
        byte[] pdf = letters.settlementLetter(SettlementLetter.of(settled, PAYMENT_DAYS));
        Document letter = Document.letter(app.id(), SETTLEMENT_LETTER_ID, DocumentKind.SETTLEMENT,
                "eindafrekening-" + app.municipalityCode().value() + ".pdf", pdf, now, step.actor());
        Application stored = step.apply(applications, new ApplicationChange(step.changeId(), app, settled,
                AuditEvent.of(step.actor(), now, "SETTLED", app.status(), Status.SETTLED,
                        Map.of("reclaimCents", approved.reclaimCents())),
                List.of(), List.of(Task.idOf(app.id(), TaskType.APPROVE_SETTLEMENT)),
                List.of(), List.of(letter), List.of())
                .notifying(NotificationType.SETTLED));
        // the bytes follow the stored change, so a refused change leaves no letter behind
        if (stored.equals(settled)) {
            storage.put(letter.contentKey(), pdf, letter.contentType());
        } else {
            restoreLetter(stored); // this very change, stored by an earlier attempt
        }
    }

    /**
     * Stores the letter of a stored settlement unless it is there: rendered from the stored application, it gives the
     * bytes its document's hash was taken of.
     */
    private void restoreLetter(Application settled) {
        String key = Document.letterKey(settled.id(), SETTLEMENT_LETTER_ID);
        if (!storage.exists(key)) {
            storage.put(key, letters.settlementLetter(SettlementLetter.of(settled, PAYMENT_DAYS)), Document.PDF);
        }
    }
}
