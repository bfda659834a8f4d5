package nl.spuk.bench;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import nl.spuk.adapter.in.workflow.ProcessBeans;
import nl.spuk.adapter.in.workflow.ProcessDeadlines;
import nl.spuk.adapter.in.workflow.StepContexts;
import nl.spuk.adapter.in.workflow.decision.DecisionTasks;
import nl.spuk.adapter.in.workflow.drafting.DraftingTasks;
import nl.spuk.adapter.in.workflow.reporting.ReportingTasks;
import nl.spuk.adapter.in.workflow.review.ReviewTasks;
import nl.spuk.adapter.out.camunda.EngineSettings;
import nl.spuk.adapter.out.camunda.SpukEngine;
import nl.spuk.application.ProcessCommand;
import nl.spuk.application.ProcessNames;
import nl.spuk.application.RequestId;
import nl.spuk.domain.Actor;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Role;
import nl.spuk.domain.SchemeRules;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;

/**
 * Part 2: complete applications per second, with a few workers each running lifecycles back to back. Through the
 * handlers (every step: DynamoDB Local, S3Proxy, the letter, the engine on PostgreSQL), against the {@link Floor}
 * (the raw engine plus the handlers' DynamoDB and S3 calls) and the raw engine moving the same BPMN through the same
 * tasks with the same variables, its service tasks calling steps that do nothing, on the same PostgreSQL server.
 */
final class Throughput {
    /** Completed lifecycles in the measured window. */
    record Result(int workers, double seconds, int completed, int failed, String firstFailure, long machineCpuMs) {
        double perSecond() {
            return completed / seconds;
        }

        /** The machine's busy CPU time in the window per lifecycle completed (all processes: the database too). */
        double cpuMsPerLifecycle() {
            return machineCpuMs / (double) completed;
        }
    }

    /** One lifecycle of a worker: worker index and the worker's running number. */
    interface Work {
        void run(int worker, int n) throws Exception;
    }

    private Throughput() {
    }

    /**
     * Runs the work from each worker in a loop for the warm-up, then counts the lifecycles finished in the window;
     * {@code windowStarts} runs when the window opens, {@code windowEnds} when it closes (the workers finish the
     * lifecycles they are in after that).
     */
    static Result measure(int workers, Duration warmUp, Duration window, Runnable windowStarts, Runnable windowEnds, Work work)
            throws Exception {
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + window.toNanos();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        AtomicLong machineCpuMs = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(workers + 1);
        try {
            List<Future<?>> running = new ArrayList<>();
            pool.submit(() -> {
                Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
                windowStarts.run();
                long busyAtStart = Machine.busyCpuMillis();
                Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
                machineCpuMs.set(Machine.busyCpuMillis() - busyAtStart);
                windowEnds.run();
                return null;
            });
            for (int w = 0; w < workers; w++) {
                int worker = w;
                running.add(pool.submit(() -> {
                    for (int n = 0; System.nanoTime() < end; n++) {
                        try {
                            work.run(worker, n);
                            long finished = System.nanoTime();
                            // throughput: the lifecycles that finished within the window
                            if (finished >= measureFrom && finished <= end) {
                                completed.incrementAndGet();
                            }
                        } catch (Exception | AssertionError e) {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, e.toString());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(workers, window.toNanos() / 1e9, completed.get(), failed.get(), firstFailure.get(), machineCpuMs.get());
    }

    /**
     * The raw engine: our engine configuration on its own database, the process's steps doing nothing, moved on
     * through the engine's API as the workflow adapter does (task by business key and task definition, transient
     * call variables).
     */
    static final class RawEngine implements AutoCloseable {
        private static final Actor MUNICIPALITY = new Actor("raw-official", "Raw Official", Role.MUNICIPALITY, new MunicipalityCode("GM0014"));
        private static final Actor ADVISOR = new Actor("raw-advisor", "Raw Advisor", Role.ADVISOR, null);
        private static final Actor PROPOSER = new Actor("raw-ministry-1", "Raw Proposer", Role.MINISTRY, null);
        private static final Actor APPROVER = new Actor("raw-ministry-2", "Raw Approver", Role.MINISTRY, null);

        private final SpukEngine engine;

        RawEngine(EngineSettings database) {
            NoSteps noSteps = new NoSteps();
            this.engine = SpukEngine.boot(database, new HashMap<>(Map.of(
                    DraftingTasks.BEAN, noSteps, ReviewTasks.BEAN, noSteps, DecisionTasks.BEAN, noSteps,
                    ReportingTasks.BEAN, noSteps, ProcessBeans.DEADLINES, new ProcessDeadlines(
                            // the raw engine has no application: the scheme's own dates, nothing moved
                            e -> LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), SchemeRules.ZONE)
                                    .plus(SchemeRules.REVIEW_PERIOD),
                            e -> SchemeRules.DEFAULT.reportDeadline((Integer) e.getVariable(ProcessNames.YEAR))))));
        }

        /** The service tasks a raw lifecycle reaches, doing nothing: the engine's own work without the business record. */
        public static final class NoSteps {
            public void startReview(DelegateExecution execution) {
            }

            public void recordAdvice(DelegateExecution execution) {
            }

            public void propose(DelegateExecution execution) {
            }

            public void approve(DelegateExecution execution) {
            }

            public void open(DelegateExecution execution) {
            }
        }

        /** What the commands of a lifecycle do to the process, in order: start it, then complete its user tasks. */
        enum Step { START, PREPARE, REVIEW, DECIDE, APPROVE_DECISION }

        void lifecycle(String businessKey) {
            for (Step step : Step.values()) {
                step(businessKey, step);
            }
        }

        void step(String businessKey, Step step) {
            ProcessEngine pe = engine.processEngine();
            switch (step) {
                case START -> pe.getRuntimeService().startProcessInstanceByKey(SpukEngine.PROCESS_KEY, businessKey);
                case PREPARE -> complete(pe.getTaskService(), businessKey, "PREPARE", MUNICIPALITY, Map.of());
                case REVIEW -> complete(pe.getTaskService(), businessKey, "REVIEW", ADVISOR, Map.of("adviceOutcome", "POSITIVE"));
                case DECIDE -> complete(pe.getTaskService(), businessKey, "DECIDE", PROPOSER, Map.of("decisionOutcome", "AWARD"));
                case APPROVE_DECISION -> complete(pe.getTaskService(), businessKey, "APPROVE_DECISION", APPROVER, Map.of(
                        "approval", "APPROVE", "decisionOutcome", "AWARD", "awardedYears", List.of(Lifecycle.YEAR)));
            }
        }

        private static void complete(TaskService tasks, String businessKey, String taskKey, Actor actor, Map<String, Object> variables) {
            List<Task> open = tasks.createTaskQuery().processDefinitionKey(SpukEngine.PROCESS_KEY)
                    .processInstanceBusinessKey(businessKey).taskDefinitionKey(taskKey).list();
            if (open.size() != 1) {
                throw new IllegalStateException(businessKey + " has " + open.size() + " open " + taskKey + " tasks");
            }
            String taskId = open.get(0).getId();
            // the command object goes along as in the handlers (its steps do nothing with it here)
            ProcessCommand command = new ProcessCommand(actor, RequestId.once(taskId), businessKey, null, null);
            tasks.complete(taskId, StepContexts.callVariables(command, "task:" + taskId, variables));
        }

        @Override
        public void close() {
            engine.close();
        }
    }
}
