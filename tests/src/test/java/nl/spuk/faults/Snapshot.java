package nl.spuk.faults;

import java.util.List;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Figures;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Task;

/**
 * What one application amounts to in both stores, without ids and times, so that two applications taken through
 * the same steps compare equal: exactly-once means a run with faults and retries ends where a clean run ends.
 *
 * @param actions the audit trail's actions, sorted (events of one instant may come in either order)
 * @param documents kind and status of each document, sorted
 * @param reports year and status of each report
 * @param hourEntries the municipality's advisory hour entries
 * @param usedQuarterHours the municipality's advisory hours used, in quarter hours
 * @param committedCents the allocation the municipality's awards took, all years
 * @param figures the municipality's monitoring figures for the year the chain works in
 * @param storedTasks the application's open tasks in DynamoDB (type, and year where a task has one), sorted
 * @param engineTasks the user tasks open in the engine, sorted
 * @param processes the engine's running process instances for the application
 * @param mails the notification mails about the application ({@code TYPE recipient}), sorted: each sent once
 */
record Snapshot(String status, long version, List<String> actions, List<String> documents, List<String> reports,
                int hourEntries, int usedQuarterHours, long committedCents, Figures figures, List<String> storedTasks,
                List<String> engineTasks, int processes, List<String> mails) {

    static Snapshot of(FaultServer s, String applicationId, int year) {
        Application app = s.applications.find(applicationId).orElseThrow();
        MunicipalityCode code = app.municipalityCode();
        return new Snapshot(
                app.status().name(),
                app.version(),
                s.applications.history(applicationId).stream().map(AuditEvent::action).sorted().toList(),
                s.documents.list(applicationId, 100, null).items().stream().map(d -> d.kind() + ":" + d.status()).sorted().toList(),
                s.applications.reports(applicationId).stream().map(r -> r.year() + ":" + r.status()).toList(),
                s.hours.entries(code, 100, null).items().size(),
                s.hours.balance(code, 100).usedQuarterHours(),
                s.allocations.stateOf(code).committed().total(),
                s.figures.forMunicipality(code, year),
                s.applications.openTasks(applicationId).stream().map(Snapshot::typeAndYear).sorted().toList(),
                s.engineTasks(applicationId),
                s.runningProcesses(applicationId),
                s.mails(applicationId));
    }

    /** Task ids are {@code applicationId:TYPE} or {@code applicationId:TYPE:year}. */
    private static String typeAndYear(Task task) {
        String[] parts = task.taskId().split(":");
        return parts.length > 2 ? task.type() + ":" + parts[2] : task.type().name();
    }

    /** The components that differ from the other snapshot's, as {@code name: this [other]}. */
    String differences(Snapshot other) {
        StringBuilder out = new StringBuilder();
        for (var component : Snapshot.class.getRecordComponents()) {
            try {
                Object mine = component.getAccessor().invoke(this);
                Object theirs = component.getAccessor().invoke(other);
                if (!mine.equals(theirs)) {
                    out.append(out.isEmpty() ? "" : "; ").append(component.getName()).append(": ").append(mine)
                            .append(" [").append(theirs).append("]");
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.toString();
    }

    /** The stores agree: every task open in DynamoDB is open in the engine, and the other way round. */
    boolean storesAgree() {
        return storedTasks.stream().map(t -> t.split(":")[0]).sorted().toList().equals(engineTasks);
    }
}
