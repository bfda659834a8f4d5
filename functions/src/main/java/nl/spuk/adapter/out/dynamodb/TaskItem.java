package nl.spuk.adapter.out.dynamodb;

import static nl.spuk.adapter.out.dynamodb.Attr.put;
import static nl.spuk.adapter.out.dynamodb.Attr.s;
import static nl.spuk.adapter.out.dynamodb.Attr.str;

import java.util.HashMap;
import java.util.Map;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.SearchText;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps an open task to its item ({@code PK=APP#id, SK=TASK#taskId}) and back. GSI1 groups tasks by who
 * works on them ({@code TASKS#municipality#GM0014}, {@code TASKS#advisor}, {@code TASKS#ministry}), oldest first.
 * A task about one year carries that {@code year}; a chase of an overdue report is also in GSI2 under
 * {@code OVERDUE#year} (a sparse index), so the overdue reports of a year are counted without reading other tasks.
 */
final class TaskItem {
    static final String YEAR = "year";
    static final String TASK_TYPE = "taskType";
    /** What a search of the task list looks in ({@link SearchText}): title, municipality name and code. */
    static final String SEARCH = "searchText";

    private TaskItem() {
    }

    static Map<String, AttributeValue> toItem(Task task) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(DynamoDbTable.PK, s(Keys.appPk(task.applicationId())));
        item.put(DynamoDbTable.SK, s(Keys.taskSk(task.taskId())));
        item.put(DynamoDbTable.GSI1_PK, s(Keys.taskGroupPk(task.type().role(), task.municipalityCode())));
        item.put(DynamoDbTable.GSI1_SK, s(Attr.sortable(task.createdAt()) + "#" + task.taskId()));
        item.put("type", s("TASK"));
        item.put("taskId", s(task.taskId()));
        item.put("taskType", s(task.type().name()));
        item.put("applicationId", s(task.applicationId()));
        item.put("municipalityCode", s(task.municipalityCode().value()));
        put(item, "createdAt", task.createdAt());
        put(item, "dueDate", task.dueDate());
        put(item, "applicationTitle", task.applicationTitle());
        put(item, "municipalityName", task.municipalityName());
        put(item, "proposedBy", task.proposedBy());
        item.put(SEARCH, s(SearchText.of(task.applicationTitle(), task.municipalityName(), task.municipalityCode().value())));
        Integer year = yearOf(task);
        if (year != null) {
            item.put(YEAR, Attr.n(year));
            if (task.type() == TaskType.CHASE_OVERDUE_REPORT) {
                item.put(DynamoDbTable.GSI2_PK, s(Keys.overduePk(year)));
                item.put(DynamoDbTable.GSI2_SK, s(task.municipalityCode().value() + "#" + task.taskId()));
            }
        }
        return item;
    }

    /** The year of a per-year task, read from its id ({@code {appId}:{TYPE}:{year}}); null for other tasks. */
    static Integer yearOf(Task task) {
        String prefix = task.applicationId() + ":" + task.type().name() + ":";
        if (!task.taskId().startsWith(prefix)) {
            return null;
        }
        String rest = task.taskId().substring(prefix.length());
        return rest.length() == 4 && rest.chars().allMatch(Character::isDigit) ? Integer.valueOf(rest) : null;
    }

    static Map<String, AttributeValue> key(String applicationId, String taskId) {
        return Keys.key(Keys.appPk(applicationId), Keys.taskSk(taskId));
    }

    static Task fromItem(Map<String, AttributeValue> item) {
        return new Task(
                str(item, "taskId"),
                TaskType.valueOf(str(item, "taskType")),
                str(item, "applicationId"),
                new MunicipalityCode(str(item, "municipalityCode")),
                Attr.instant(item, "createdAt"),
                Attr.date(item, "dueDate"),
                str(item, "applicationTitle"),
                str(item, "municipalityName"),
                str(item, "proposedBy"));
    }
}
