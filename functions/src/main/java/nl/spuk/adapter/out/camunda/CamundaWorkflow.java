package nl.spuk.adapter.out.camunda;

import java.time.Clock;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import nl.spuk.adapter.in.workflow.ProcessStepsDelegate;
import nl.spuk.application.ConcurrentChangeException;
import nl.spuk.application.ConflictException;
import nl.spuk.application.ProcessSteps;
import nl.spuk.application.port.Workflow;
import nl.spuk.domain.Actor;
import nl.spuk.domain.TaskType;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Workflow} on a Camunda 7 engine running the process {@value SpukEngine#PROCESS_KEY}, one instance per
 * application with the application id as business key.
 *
 * <p>The engine boots on the first call, not in the constructor, so handlers that only read never pay for it.
 * Every call first sets the engine's clock to the workflow clock, so timers and due dates follow it (local mode
 * moves it forward). Variables passed to {@link #complete} and {@link #send} are transient: they live for that one
 * call, so a call passes what its steps and gateways read (approving a decision passes {@code approval},
 * {@code decisionOutcome} and, for an award, {@code awardedYears}). A per-year task (REPORT, REVIEW_REPORT) is
 * chosen by the variable {@code year}. A step's exception reaches the caller unchanged.
 */
public final class CamundaWorkflow implements Workflow, AutoCloseable {
    /** Selects the year's task among the per-year tasks. */
    public static final String YEAR = "year";

    private static final Logger LOG = LoggerFactory.getLogger(CamundaWorkflow.class);

    private final EngineSettings settings;
    private final ProcessSteps steps;
    private final Clock clock;
    private SpukEngine engine;

    public CamundaWorkflow(EngineSettings settings, ProcessSteps steps, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.steps = Objects.requireNonNull(steps, "steps");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void start(String applicationId) {
        ProcessEngine pe = begin();
        long started = pe.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(SpukEngine.PROCESS_KEY)
                .processInstanceBusinessKey(applicationId)
                .count();
        if (started > 0) {
            return;
        }
        try {
            pe.getRuntimeService().startProcessInstanceByKey(SpukEngine.PROCESS_KEY, applicationId);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    public void complete(String applicationId, TaskType type, Actor actor, Map<String, Object> variables) {
        TaskService tasks = begin().getTaskService();
        Object year = variables.get(YEAR);
        List<Task> open = tasks.createTaskQuery()
                .processDefinitionKey(SpukEngine.PROCESS_KEY)
                .processInstanceBusinessKey(applicationId)
                .taskDefinitionKey(type.name())
                .list();
        if (year != null) {
            open = open.stream().filter(t -> String.valueOf(year).equals(String.valueOf(tasks.getVariable(t.getId(), YEAR)))).toList();
        }
        if (open.isEmpty()) {
            throw new ConflictException("application " + applicationId + " has no open " + type + " task"
                    + (year == null ? "" : " for " + year));
        }
        if (open.size() > 1) {
            throw new IllegalArgumentException("application " + applicationId + " has " + open.size() + " open " + type
                    + " tasks: pass the variable " + YEAR);
        }
        String taskId = open.get(0).getId();
        Map<String, Object> passed = new HashMap<>(variables);
        passed.remove(YEAR); // the task's execution holds it already; a transient copy would clash with it
        try {
            ProcessStepsDelegate.withPayload(passed,
                    () -> tasks.complete(taskId, ProcessStepsDelegate.callVariables(actor, "task:" + taskId, passed)));
        } catch (RuntimeException e) {
            RuntimeException translated = translate(e);
            if (translated == e && tasks.createTaskQuery().taskId(taskId).count() == 0) {
                throw new ConflictException("the " + type + " task of application " + applicationId + " was completed meanwhile");
            }
            throw translated;
        }
    }

    @Override
    public void send(String applicationId, String message, Actor actor, Map<String, Object> variables) {
        RuntimeService runtime = begin().getRuntimeService();
        ProcessInstance instance = runtime.createProcessInstanceQuery()
                .processDefinitionKey(SpukEngine.PROCESS_KEY)
                .processInstanceBusinessKey(applicationId)
                .singleResult();
        if (instance == null) {
            throw new ConflictException("application " + applicationId + " has no running process");
        }
        try {
            ProcessStepsDelegate.withPayload(variables, () -> runtime.createMessageCorrelation(message)
                    .processInstanceId(instance.getId())
                    .setVariables(ProcessStepsDelegate.callVariables(actor, instance.getId() + ":" + message, variables))
                    .correlateWithResult());
        } catch (MismatchingMessageCorrelationException e) {
            throw new ConflictException("application " + applicationId + " does not wait for '" + message + "' now");
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /**
     * Executes every job due now, including those that become due on the way (a year's report timer after the
     * award, say). A failing job is logged and left to the engine's retries, for a later call.
     */
    @Override
    public int runDueJobs() {
        ManagementService management = begin().getManagementService();
        Set<String> tried = new HashSet<>();
        int ran = 0;
        while (true) {
            ClockUtil.setCurrentTime(Date.from(clock.instant()));
            List<Job> due = management.createJobQuery().executable().active().orderByJobDuedate().asc().list()
                    .stream().filter(job -> !tried.contains(job.getId())).toList();
            if (due.isEmpty()) {
                return ran;
            }
            for (Job job : due) {
                tried.add(job.getId());
                try {
                    management.executeJob(job.getId());
                    ran++;
                } catch (RuntimeException e) {
                    LOG.warn("job {} of process instance {} failed ({} retries left before this one): {}",
                            job.getId(), job.getProcessInstanceId(), job.getRetries(), translate(e).toString());
                }
            }
        }
    }

    /** Closes the engine and its connection pool, if it was booted; a later call boots it again. */
    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }

    /** Boots the engine on first use and sets its clock to the workflow clock. */
    private synchronized ProcessEngine begin() {
        if (engine == null) {
            engine = SpukEngine.boot(settings, steps);
        }
        ClockUtil.setCurrentTime(Date.from(clock.instant()));
        return engine.processEngine();
    }

    /**
     * The exception to give the caller: the step's own exception, which the engine wraps when it calls a step by
     * expression; a lost race on the engine's rows as a concurrent change; else the engine's exception as it is.
     */
    static RuntimeException translate(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockingException) {
                return new ConcurrentChangeException("the application's process changed meanwhile; try again");
            }
            if (t instanceof RuntimeException r && !r.getClass().getName().startsWith("org.camunda.")) {
                return r;
            }
        }
        return e;
    }
}
