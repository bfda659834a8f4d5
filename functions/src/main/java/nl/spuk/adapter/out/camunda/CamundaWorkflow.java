package nl.spuk.adapter.out.camunda;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import nl.spuk.adapter.in.workflow.StepContexts;
import nl.spuk.application.ConcurrentChangeException;
import nl.spuk.application.ConflictException;
import nl.spuk.application.ProcessCommand;
import nl.spuk.application.ProcessNames;
import nl.spuk.adapter.in.workflow.ProcessBeans;
import nl.spuk.application.port.Workflow;
import nl.spuk.domain.TaskType;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.ExecuteJobHelper;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobFailureCollector;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Workflow} on a Camunda 7 engine running the process {@value SpukEngine#PROCESS_KEY}, one instance per
 * application with the application id as business key.
 *
 * <p>The engine boots on the first call, not in the constructor, so handlers that only read never pay for it; a
 * container that will need it can start the boot early with {@link #bootInBackground}. As a CRaC {@link Resource}
 * it closes the engine's connections before a SnapStart checkpoint and reopens them after the restore.
 * Every call first sets the engine's clock to the workflow clock, so timers and due dates follow it (local mode
 * moves it forward). A call that moves the process on passes the command as a transient variable for its steps,
 * and what the gateways decide on as transient variables (approving a decision passes {@code approval},
 * {@code decisionOutcome} and, for an award, {@code awardedYears}): they live for that one call. A per-year task
 * (REPORT, REVIEW_REPORT) is chosen by the variable {@code year}. A step's exception reaches the caller unchanged.
 * The steps' change ids name the request where it is repeatable ({@link RequestId}), else the task or message.
 */
public final class CamundaWorkflow implements Workflow, AutoCloseable, Resource {
    private static final Logger LOG = LoggerFactory.getLogger(CamundaWorkflow.class);
    /** SQL states of a lock not granted in time: H2's lock timeout, PostgreSQL's lock_timeout, and deadlocks. */
    private static final Set<String> LOCK_NOT_GRANTED = Set.of("HYT00", "55P03", "40P01", "40001");
    /**
     * How long a runner of due jobs holds its lock on a job it acquired: Camunda's default, far longer than a run may
     * take (a tick's Lambda times out after 55 s). A runner that dies leaves its jobs to others once it is over.
     */
    private static final Duration JOB_LOCK_TIME = Duration.ofMinutes(5);
    /** How many due jobs a runner locks at once; it runs them before it locks more, so the others can take the rest. */
    private static final int JOBS_PER_ACQUISITION = 10;

    private final EngineSettings settings;
    /** The beans the process calls; bound at construction or later, before the first call (see {@link #bind}). */
    private final Map<Object, Object> beans = new ConcurrentHashMap<>();
    private final Clock clock;
    private SpukEngine engine;
    private FutureTask<SpukEngine> booting;

    public CamundaWorkflow(EngineSettings settings, ProcessBeans steps, Clock clock) {
        this(settings, clock);
        bind(steps);
    }

    /**
     * A workflow whose steps are {@link #bind bound} later: the engine can then boot in the background
     * ({@link #bootInBackground}) while the steps' own dependencies (the AWS clients) are still being built.
     */
    public CamundaWorkflow(EngineSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Binds the business steps the process calls; once, before the first call that needs the engine. An engine booted
     * before finds them: it reads its beans from this map when an expression runs.
     */
    public synchronized void bind(ProcessBeans steps) {
        Objects.requireNonNull(steps, "steps");
        if (!beans.isEmpty()) {
            throw new IllegalStateException("the process steps are bound already");
        }
        beans.putAll(steps.byName());
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
    public void complete(ProcessCommand command, TaskType type, Map<String, Object> processVariables) {
        String applicationId = command.applicationId();
        ProcessEngine pe = begin();
        TaskService tasks = pe.getTaskService();
        Object year = processVariables.get(ProcessNames.YEAR);
        List<Task> open = tasks.createTaskQuery()
                .processDefinitionKey(SpukEngine.PROCESS_KEY)
                .processInstanceBusinessKey(applicationId)
                .taskDefinitionKey(type.name())
                .list();
        if (year != null) {
            open = open.stream().filter(t -> String.valueOf(year).equals(String.valueOf(tasks.getVariable(t.getId(), ProcessNames.YEAR)))).toList();
        }
        if (open.isEmpty()) {
            throw new ConflictException("application " + applicationId + " has no open " + type + " task"
                    + (year == null ? "" : " for " + year));
        }
        if (open.size() > 1) {
            throw new IllegalArgumentException("application " + applicationId + " has " + open.size() + " open " + type
                    + " tasks: pass the variable " + ProcessNames.YEAR);
        }
        String taskId = open.get(0).getId();
        String processInstanceId = open.get(0).getProcessInstanceId();
        Map<String, Object> passed = new HashMap<>(processVariables);
        passed.remove(ProcessNames.YEAR); // the task's execution holds it already; a transient copy would clash with it
        try {
            String change = command.requestId().changeBase().orElse("task:" + taskId);
            inTurn(pe, processInstanceId, () -> tasks.complete(taskId, StepContexts.callVariables(command, change, passed)));
        } catch (RuntimeException e) {
            RuntimeException translated = translate(e);
            if (translated == e && tasks.createTaskQuery().taskId(taskId).count() == 0) {
                throw new ConflictException("the " + type + " task of application " + applicationId + " was completed meanwhile");
            }
            throw translated;
        }
    }

    @Override
    public void send(ProcessCommand command, String message, Map<String, Object> processVariables) {
        String applicationId = command.applicationId();
        ProcessEngine pe = begin();
        RuntimeService runtime = pe.getRuntimeService();
        ProcessInstance instance = runtime.createProcessInstanceQuery()
                .processDefinitionKey(SpukEngine.PROCESS_KEY)
                .processInstanceBusinessKey(applicationId)
                .singleResult();
        if (instance == null) {
            throw new ConflictException("application " + applicationId + " has no running process");
        }
        Object year = processVariables.get(ProcessNames.YEAR);
        try {
            String change = command.requestId().changeBase().orElse(instance.getId() + ":" + message);
            if (year == null) {
                inTurn(pe, instance.getId(), () -> runtime.createMessageCorrelation(message)
                        .processInstanceId(instance.getId())
                        .setVariables(StepContexts.callVariables(command, change, processVariables))
                        .correlateWithResult());
                return;
            }
            // a per-year message goes to the one execution of that year that waits for it
            List<String> waiting = runtime.createExecutionQuery().processInstanceId(instance.getId())
                    .messageEventSubscriptionName(message).list().stream()
                    .map(Execution::getId)
                    .filter(id -> String.valueOf(year).equals(String.valueOf(runtime.getVariable(id, ProcessNames.YEAR))))
                    .toList();
            if (waiting.isEmpty()) {
                throw new ConflictException("application " + applicationId + " does not wait for '" + message + "' for " + year + " now");
            }
            Map<String, Object> passed = new HashMap<>(processVariables);
            passed.remove(ProcessNames.YEAR); // the year's execution holds it already
            inTurn(pe, instance.getId(), () -> runtime.messageEventReceived(message, waiting.get(0),
                    StepContexts.callVariables(command, change, passed)));
        } catch (MismatchingMessageCorrelationException e) {
            throw new ConflictException("application " + applicationId + " does not wait for '" + message + "' now");
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /**
     * Runs a call that moves a process on as one engine transaction that first locks the process instance's row, so
     * that the calls on one application take turns. Without it a step could read the business record as another
     * call's step wrote it inside an engine transaction still running; if that transaction then won the race on the
     * engine's rows, this call's record change would stand while its engine change was rolled back (a withdrawal in
     * the record, say, of a process that goes on in review). A call that waits too long for its turn is a concurrent
     * change to try again.
     */
    private static void inTurn(ProcessEngine pe, String processInstanceId, Runnable call) {
        var configuration = (ProcessEngineConfigurationImpl) pe.getProcessEngineConfiguration();
        configuration.getCommandExecutorTxRequired().execute(context -> {
            lock(context, processInstanceId, () -> new ConcurrentChangeException(
                    "the application's process is being moved on by another request; try again"));
            // the service call joins this command's context, so it runs in the transaction that holds the lock
            call.run();
            return null;
        });
    }

    private static void lock(CommandContext context, String processInstanceId, Supplier<RuntimeException> notGranted) {
        try (PreparedStatement select = connection(context).prepareStatement(
                "SELECT ID_ FROM " + table(context, "ACT_RU_EXECUTION") + " WHERE ID_ = ? FOR UPDATE")) {
            select.setString(1, processInstanceId);
            select.executeQuery().close();
        } catch (SQLException e) {
            if (LOCK_NOT_GRANTED.contains(e.getSQLState())) {
                throw notGranted.get();
            }
            throw new IllegalStateException("could not lock process instance " + processInstanceId, e);
        }
    }

    private static Connection connection(CommandContext context) {
        return context.getDbSqlSession().getSqlSession().getConnection();
    }

    private static String table(CommandContext context, String name) {
        return context.getDbSqlSession().getDbSqlSessionFactory().getDatabaseTablePrefix() + name;
    }

    /**
     * Executes every job due now, including those that become due on the way (a year's report timer after the
     * award, say), as a runner of its own. It acquires due jobs the engine's way: {@link AcquireJobsCmd} locks them
     * for this runner's own lock owner until {@link #JOB_LOCK_TIME} is over, with an update conditional on the job's
     * revision, and leaves out a job that another runner locked first, or whose process instance has a job locked
     * (exclusive jobs). The runner executes only the jobs it locked, so runners that overlap (a clock move and the
     * local ticker, two Lambda ticks) never take the same job. A failing job is logged and left to the engine's
     * retries for a later call: the engine unlocks it and counts one retry (none for a lost optimistic lock). This
     * call does not try it again: when it comes due again, it stays locked until the end of the call, when the runner
     * gives back every job it still holds (also those it could not run, or lost track of in a failure).
     */
    @Override
    public int runDueJobs() {
        var configuration = (ProcessEngineConfigurationImpl) begin().getProcessEngineConfiguration();
        CommandExecutor executor = configuration.getCommandExecutorTxRequired();
        // never started: it only lends AcquireJobsCmd this runner's lock owner and lock time
        JobExecutor runner = new DefaultJobExecutor();
        runner.setLockOwner("due-jobs-" + UUID.randomUUID());
        runner.setLockTimeInMillis((int) JOB_LOCK_TIME.toMillis());
        try {
            Set<String> tried = new HashSet<>();
            int ran = 0;
            boolean moreDue = true;
            while (moreDue) {
                ClockUtil.setCurrentTime(Date.from(clock.instant()));
                AcquiredJobs acquired = executor.execute(new AcquireJobsCmd(runner, JOBS_PER_ACQUISITION));
                // jobs another runner locked first are its own to run, but more may be due
                moreDue = acquired.getNumberOfJobsFailedToLock() > 0;
                for (List<String> batch : acquired.getJobIdBatches()) {
                    for (String jobId : batch) {
                        if (!tried.add(jobId)) {
                            continue;
                        }
                        moreDue = true;
                        if (runLockedJob(configuration, jobId, runner.getLockOwner())) {
                            ran++;
                        }
                    }
                }
            }
            return ran;
        } finally {
            release(executor, runner.getLockOwner());
        }
    }

    /**
     * Runs a job this runner locked, the way the engine's job executor does ({@link ExecuteJobHelper}): when it fails,
     * its transaction is rolled back and the engine's failed-job listener unlocks it, keeps the failure and counts one
     * retry.
     *
     * @return whether the job ran
     */
    private static boolean runLockedJob(ProcessEngineConfigurationImpl configuration, String jobId, String lockOwner) {
        CommandExecutor executor = configuration.getCommandExecutorTxRequired();
        JobFailureCollector failure = new JobFailureCollector(jobId);
        try {
            // the job as this runner locked it: what the failed-job listener compares with, whatever fails later
            JobEntity locked = executor.execute(context -> context.getJobManager().findJobById(jobId));
            if (locked == null || !lockOwner.equals(locked.getLockOwner())) {
                return false;
            }
            failure.setJob(locked);
            LockedJob job = new LockedJob(locked, failure);
            ExecuteJobHelper.executeJob(jobId, executor, failure, job, configuration);
            return job.ran;
        } catch (RuntimeException e) {
            if (e instanceof OptimisticLockingException) {
                LOG.info("job {} is left for a later run: {}", jobId, e.getMessage());
            } else {
                JobEntity failed = failure.getJob();
                LOG.warn("job {} of process instance {} failed ({} retries left before this one): {}", jobId,
                        failed == null ? null : failed.getProcessInstanceId(), failed == null ? null : failed.getRetries(),
                        translate(e).toString());
            }
            return false;
        }
    }

    /**
     * The transaction of a job this runner locked. The job first waits for its turn on its process instance, as a
     * command does ({@link #inTurn}), so a timer and a person's command on one application take turns too. It does not
     * run when it is no longer this runner's by then: gone because a command ended its activity, or, after the lock
     * time, locked by another runner.
     */
    private static final class LockedJob implements Command<Void> {
        private final JobEntity locked;
        private final JobFailureCollector failure;
        private boolean ran;

        LockedJob(JobEntity locked, JobFailureCollector failure) {
            this.locked = locked;
            this.failure = failure;
        }

        @Override
        public Void execute(CommandContext context) {
            String processInstanceId = locked.getProcessInstanceId();
            if (processInstanceId != null) {
                // a turn not granted is a lost race, for which the engine counts no retry
                lock(context, processInstanceId, () -> new OptimisticLockingException(
                        "process instance " + processInstanceId + " was busy for longer than the lock timeout"));
            }
            JobEntity now = context.getJobManager().findJobById(locked.getId());
            if (now == null || !locked.getLockOwner().equals(now.getLockOwner())) {
                return null;
            }
            new ExecuteJobsCmd(locked.getId(), failure).execute(context);
            ran = true;
            return null;
        }
    }

    /**
     * Gives back every job the runner still holds, as Camunda's unlock does (raising the revision). A job holds its lock
     * until the lock time is over when this fails.
     */
    private static void release(CommandExecutor executor, String lockOwner) {
        try {
            executor.execute(context -> {
                try (PreparedStatement update = connection(context).prepareStatement("UPDATE " + table(context, "ACT_RU_JOB")
                        + " SET LOCK_OWNER_ = NULL, LOCK_EXP_TIME_ = NULL, REV_ = REV_ + 1 WHERE LOCK_OWNER_ = ?")) {
                    update.setString(1, lockOwner);
                    update.executeUpdate();
                } catch (SQLException e) {
                    throw new IllegalStateException("could not unlock the jobs of " + lockOwner, e);
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("the jobs locked by {} stay locked until their lock time is over: {}", lockOwner, e.toString());
        }
    }

    /**
     * Starts booting the engine on a thread of its own, so that the boot overlaps with what the caller does
     * meanwhile (building the AWS clients, reading the application); the first call that needs the engine waits for
     * it. Does nothing if the engine is booted or booting. If this boot fails, the next call boots again.
     */
    public synchronized void bootInBackground() {
        if (engine == null && booting == null) {
            booting = new FutureTask<>(() -> SpukEngine.boot(settings, beans));
            Thread thread = new Thread(booting, "spuk-engine-boot");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Closes the engine and its connection pool, if it was booted; a later call boots it again. */
    @Override
    public synchronized void close() {
        if (booting != null) {
            try {
                engine = awaitBoot();
            } catch (RuntimeException failedBoot) {
                // nothing was booted, so nothing to close
            }
        }
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }

    /**
     * Before a SnapStart checkpoint: finishes a boot under way, then closes every database connection. A boot that
     * failed (the database or its secret out of reach while the version publishes) leaves no engine in the snapshot,
     * and the first call after the restore boots it: a snapshot never needs the database.
     */
    @Override
    public synchronized void beforeCheckpoint(Context<? extends Resource> context) {
        if (booting != null) {
            try {
                engine = awaitBoot();
            } catch (RuntimeException failedBoot) {
                LOG.warn("the process engine did not boot before the checkpoint; the first call after the restore boots it: {}",
                        failedBoot.toString());
            }
        }
        if (engine != null) {
            engine.suspend();
        }
    }

    /** After a SnapStart restore: opens the database connections again. */
    @Override
    public synchronized void afterRestore(Context<? extends Resource> context) {
        if (engine != null) {
            engine.resume();
        }
    }

    /** Whether a booted engine has its connection pool open (false before the boot and between the SnapStart hooks). */
    public synchronized boolean connectionPoolOpen() {
        return engine != null && engine.poolOpen();
    }

    /** Whether the engine used a MyBatis mapper outside those it parses at boot (see {@link SpukEngineConfiguration}). */
    public synchronized boolean deferredMappersLoaded() {
        return engine != null && engine.deferredMappersLoaded();
    }

    /** Boots the engine on first use (or waits for the background boot) and sets its clock to the workflow clock. */
    private synchronized ProcessEngine begin() {
        if (beans.isEmpty()) {
            throw new IllegalStateException("no process steps bound: call bind before using the workflow");
        }
        if (engine == null) {
            engine = booting != null ? awaitBoot() : SpukEngine.boot(settings, beans);
        }
        ClockUtil.setCurrentTime(Date.from(clock.instant()));
        return engine.processEngine();
    }

    /** The background boot's engine; its failure is thrown as it happened, and the next call boots anew. */
    private SpukEngine awaitBoot() {
        FutureTask<SpukEngine> task = booting;
        booting = null;
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the process engine boots", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("the process engine did not boot", e.getCause());
        }
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
