package nl.spuk.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.spuk.adapter.in.workflow.StepContexts;
import nl.spuk.adapter.out.camunda.SpukEngine;
import nl.spuk.domain.Actor;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Role;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * Moves one application's process the way the Workflow adapter does: the actor and change id go along as
 * transient variables (built by the same {@link StepContexts#callVariables}, from {@link StepInputs}), time is the
 * engine clock.
 */
final class ProcessDriver {
    static final Actor MUNICIPALITY = new Actor("u-muni", "Mia Gemeente", Role.MUNICIPALITY, new MunicipalityCode("GM0014"));
    static final Actor ADVISOR = new Actor("u-adv", "Ada Adviseur", Role.ADVISOR, null);
    static final Actor PROPOSER = new Actor("u-min-1", "Piet Voorsteller", Role.MINISTRY, null);
    static final Actor APPROVER = new Actor("u-min-2", "Anna Accordeur", Role.MINISTRY, null);

    private final ProcessEngine engine;
    final ProcessInstance instance;

    private ProcessDriver(ProcessEngine engine, ProcessInstance instance) {
        this.engine = engine;
        this.instance = instance;
    }

    /** Starts a new application's process at {@code now}. */
    static ProcessDriver start(ProcessEngine engine, String now) {
        at(now);
        ProcessInstance pi = engine.getRuntimeService()
                .startProcessInstanceByKey(SpukEngine.PROCESS_KEY, "app-" + UUID.randomUUID());
        return new ProcessDriver(engine, pi);
    }

    static void at(String instant) {
        ClockUtil.setCurrentTime(Date.from(Instant.parse(instant)));
    }

    String applicationId() {
        return instance.getBusinessKey();
    }

    /** The open task with this definition key (and, for a per-year task, this year). */
    Task task(String key, Integer year) {
        List<Task> tasks = engine.getTaskService().createTaskQuery()
                .processInstanceId(instance.getId()).taskDefinitionKey(key).list().stream()
                .filter(t -> year == null || year.equals(engine.getTaskService().getVariable(t.getId(), "year")))
                .toList();
        assertThat(tasks).as("open %s tasks for %s", key, year).hasSize(1);
        return tasks.get(0);
    }

    /** Completes the open task as the actor, passing name/value pairs. Returns the task's id. */
    String complete(String key, Actor actor, Object... nameValues) {
        return completeYear(key, null, actor, nameValues);
    }

    String completeYear(String key, Integer year, Actor actor, Object... nameValues) {
        String taskId = task(key, year).getId();
        Map<String, Object> given = map(nameValues);
        engine.getTaskService().complete(taskId, StepContexts.callVariables(
                StepInputs.command(applicationId(), actor, given), "task:" + taskId, StepInputs.gateway(given)));
        return taskId;
    }

    void withdraw(Actor actor, String reason) {
        engine.getRuntimeService().createMessageCorrelation("withdraw")
                .processInstanceId(instance.getId())
                .setVariables(StepContexts.callVariables(StepInputs.command(applicationId(), actor, Map.of("reason", reason)),
                        instance.getId() + ":withdraw", Map.of()))
                .correlate();
    }

    /** Delivers the extension of a year's report deadline to the execution of that year, as the Workflow adapter does. */
    void extend(int year, Actor actor, String dueDate) {
        var runtime = engine.getRuntimeService();
        List<String> waiting = runtime.createExecutionQuery().processInstanceId(instance.getId())
                .messageEventSubscriptionName("extendReportDeadline").list().stream()
                .map(e -> e.getId())
                .filter(id -> Integer.valueOf(year).equals(runtime.getVariable(id, "year")))
                .toList();
        assertThat(waiting).as("executions of %s waiting for an extension", year).hasSize(1);
        runtime.messageEventReceived("extendReportDeadline", waiting.get(0), StepContexts.callVariables(
                StepInputs.command(applicationId(), actor, Map.of("dueDate", dueDate)),
                instance.getId() + ":extendReportDeadline", Map.of()));
    }

    /** Executes this process's jobs that are due at the engine's current time; returns how many ran. */
    int runDueJobs() {
        int ran = 0;
        List<Job> due;
        while (!(due = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).executable().list()).isEmpty()) {
            for (Job job : due) {
                engine.getManagementService().executeJob(job.getId());
                ran++;
            }
        }
        return ran;
    }

    List<Job> timers() {
        return engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers().list();
    }

    /** The due date of the one timer waiting in this activity (for a per-year activity: this year's). */
    Instant timerDue(String activityId, Integer year) {
        List<Job> jobs = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers()
                .activityId(activityId).list().stream()
                .filter(j -> year == null || year.equals(engine.getRuntimeService().getVariable(j.getExecutionId(), "year")))
                .toList();
        assertThat(jobs).as("timers in %s for %s", activityId, year).hasSize(1);
        return jobs.get(0).getDuedate().toInstant();
    }

    static Map<String, Object> map(Object... nameValues) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            m.put((String) nameValues[i], nameValues[i + 1]);
        }
        return m;
    }
}
