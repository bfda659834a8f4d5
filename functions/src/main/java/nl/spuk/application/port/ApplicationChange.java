package nl.spuk.application.port;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.AwardReference;
import nl.spuk.domain.Document;
import nl.spuk.domain.Notification;
import nl.spuk.domain.NotificationType;
import nl.spuk.domain.Report;
import nl.spuk.domain.Task;

/**
 * One change of an application, stored as one transaction: the new state, conditional on the stored
 * version still being {@code before.version()}; the audit event recording it; the tasks it opens and closes;
 * the allocation it commits (an award) and the documents it adds (a generated letter); and the allocations it relies
 * on (a submission's request), checked in the same transaction; and the notifications it sends, written as outbox
 * items of the same transaction (a change that rolls back notifies nobody, an applied one cannot forget to); and the
 * award's reference, if the change gives one ({@link #takesReference}).
 *
 * @param changeId identifies this change across retries; a repeat of an applied change is success
 * @param commitments shares of allocations taken; each is refused when its year's allocation has no room left
 * @param documents documents the change adds, already AVAILABLE (a letter: its bytes are stored once the change is, so
 *     a refused change leaves none behind)
 * @param reports yearly reports the change stores (submitted, accepted or rejected)
 * @param requirements allocations the change relies on; the change is refused, writing nothing, when one of them is
 *     missing or smaller than required when it commits
 * @param notifications what the change tells whom ({@link #notifying}); their ids derive from the change id, so a
 *     repeat of the change cannot make a second one
 */
public record ApplicationChange(
        String changeId,
        Application before,
        Application after,
        AuditEvent event,
        List<Task> openTasks,
        List<String> closeTaskIds,
        List<AllocationCommitment> commitments,
        List<Document> documents,
        List<Report> reports,
        List<AllocationRequirement> requirements,
        List<Notification> notifications) {

    public ApplicationChange {
        notifications = List.copyOf(notifications);
        openTasks = List.copyOf(openTasks);
        closeTaskIds = List.copyOf(closeTaskIds);
        commitments = List.copyOf(commitments);
        documents = List.copyOf(documents);
        reports = List.copyOf(reports);
        requirements = List.copyOf(requirements);
        if (after.version() != before.version() + 1) {
            throw new IllegalArgumentException("a change raises the version by exactly one");
        }
        if (!reports.isEmpty() && !after.status().holdsReports()) {
            throw new IllegalArgumentException("reports belong to an awarded application, not to one in " + after.status());
        }
        if (before.reference() != null && !before.reference().equals(after.reference())) {
            throw new IllegalArgumentException("an award's reference never changes");
        }
        if (notifications.stream().map(Notification::id).distinct().count() != notifications.size()) {
            throw new IllegalArgumentException("a change announces each notification type once");
        }
    }

    /**
     * The reference this change gives the application (the approval of its award), or null. The store takes it from
     * its year's counter in the change's own transaction, and only if it is that counter's next number.
     */
    public AwardReference takesReference() {
        return before.reference() == null ? after.reference() : null;
    }

    /** A change that notifies nobody (yet: see {@link #notifying}). */
    public ApplicationChange(String changeId, Application before, Application after, AuditEvent event,
                             List<Task> openTasks, List<String> closeTaskIds, List<AllocationCommitment> commitments,
                             List<Document> documents, List<Report> reports, List<AllocationRequirement> requirements) {
        this(changeId, before, after, event, openTasks, closeTaskIds, commitments, documents, reports, requirements,
                List.of());
    }

    /** A change that relies on no allocation. */
    public ApplicationChange(String changeId, Application before, Application after, AuditEvent event,
                             List<Task> openTasks, List<String> closeTaskIds, List<AllocationCommitment> commitments,
                             List<Document> documents, List<Report> reports) {
        this(changeId, before, after, event, openTasks, closeTaskIds, commitments, documents, reports, List.of());
    }

    /** A change that commits no allocation and adds no document. */
    public ApplicationChange(String changeId, Application before, Application after, AuditEvent event,
                             List<Task> openTasks, List<String> closeTaskIds) {
        this(changeId, before, after, event, openTasks, closeTaskIds, List.of(), List.of(), List.of());
    }

    /** This change, relying on these allocations as well. */
    public ApplicationChange requiring(List<AllocationRequirement> needed) {
        List<AllocationRequirement> all = new ArrayList<>(requirements);
        all.addAll(needed);
        return new ApplicationChange(changeId, before, after, event, openTasks, closeTaskIds, commitments, documents,
                reports, all, notifications);
    }

    /** This change, notifying the type's recipients as well, about the application as the change leaves it. */
    public ApplicationChange notifying(NotificationType type) {
        return notifying(type, Map.of());
    }

    /**
     * This change, notifying the type's recipients (one outbox item each) as well, with the details the type's text
     * names ({@code year}, {@code reason}, ...), about the application as the change leaves it, at the change's time.
     */
    public ApplicationChange notifying(NotificationType type, Map<String, String> details) {
        List<Notification> all = new ArrayList<>(notifications);
        all.addAll(Notification.of(changeId, type, details, after, event.at()));
        return new ApplicationChange(changeId, before, after, event, openTasks, closeTaskIds, commitments, documents,
                reports, requirements, all);
    }
}
