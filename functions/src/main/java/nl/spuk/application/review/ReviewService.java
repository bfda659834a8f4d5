package nl.spuk.application.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.spuk.application.Access;
import nl.spuk.application.ProcessCommand;
import nl.spuk.application.ProcessMove;
import nl.spuk.application.ProcessNames;
import nl.spuk.application.RequestId;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.Texts;
import nl.spuk.application.port.ApplicationRepository;
import nl.spuk.application.port.DocumentRepository;
import nl.spuk.application.port.Workflow;
import nl.spuk.domain.Actor;
import nl.spuk.domain.AdviceOutcome;
import nl.spuk.domain.Application;
import nl.spuk.domain.DocumentKind;
import nl.spuk.domain.DocumentStatus;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.Role;
import nl.spuk.domain.Status;
import nl.spuk.domain.TaskType;
import nl.spuk.domain.Transition;

/** The advisory team's advice on a plan in review; the process then routes it to revision or decision. */
public final class ReviewService {
    public static final int MAX_SUMMARY = 5000;

    private final ApplicationRepository applications;
    private final DocumentRepository documents;
    private final ProcessMove process;

    public ReviewService(ApplicationRepository applications, DocumentRepository documents, Workflow workflow) {
        this.applications = applications;
        this.documents = documents;
        this.process = new ProcessMove(applications, workflow);
    }

    public Application advise(Actor actor, RequestId requestId, String applicationId, String outcome, String summary,
                              String documentId) {
        Access.requireRole(actor, Role.ADVISOR);
        Application app = Access.visible(actor, applications.find(applicationId).orElse(null));
        // this advisor's advice with this outcome recorded already: maybe this request's retry (see ProcessMove)
        Status outcomeStatus = "CHANGES_REQUESTED".equals(outcome) ? Status.CHANGES_REQUESTED : Status.ADVISED;
        boolean madeAlready = app.status() == outcomeStatus && app.advice() != null
                && app.advice().outcome().name().equals(outcome) && app.advice().advisorId().equals(actor.id());
        if (!madeAlready) {
            Transition.ADVISE.require(app.status());
        }
        List<FieldError> errors = new ArrayList<>();
        AdviceOutcome parsed = Texts.enumValue(errors, "outcome", AdviceOutcome.class, outcome);
        Texts.required(errors, "summary", summary, MAX_SUMMARY);
        if (documentId != null) {
            boolean writtenAdvice = Texts.plausibleId(documentId) && documents.find(applicationId, documentId)
                    .filter(d -> d.kind() == DocumentKind.ADVICE && d.status() == DocumentStatus.AVAILABLE).isPresent();
            if (!writtenAdvice) {
                errors.add(new FieldError("documentId", "must name an uploaded document of kind ADVICE of this application"));
            }
        }
        if (!errors.isEmpty()) {
            throw new RuleViolationException("the advice cannot be recorded", errors);
        }
        ProcessCommand command = ProcessCommand.on(app, actor, requestId, new AdviceRequest(parsed, summary, documentId));
        return process.complete(command, TaskType.REVIEW, Map.of(ProcessNames.ADVICE_OUTCOME, parsed.name()), madeAlready,
                () -> Transition.ADVISE.refused(app.status()));
    }
}
