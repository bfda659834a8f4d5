package nl.spuk.application.port;

import java.util.List;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Task;

/**
 * One change of an application, stored as one transaction: the new state, conditional on the stored
 * version still being {@code before.version()}; the audit event recording it; the tasks it opens and closes.
 *
 * @param changeId identifies this change across retries; a repeat of an applied change is success
 */
public record ApplicationChange(
        String changeId,
        Application before,
        Application after,
        AuditEvent event,
        List<Task> openTasks,
        List<String> closeTaskIds) {

    public ApplicationChange {
        openTasks = List.copyOf(openTasks);
        closeTaskIds = List.copyOf(closeTaskIds);
        if (after.version() != before.version() + 1) {
            throw new IllegalArgumentException("a change raises the version by exactly one");
        }
    }
}
