package nl.spuk.application.fakes;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import nl.spuk.application.ConcurrentChangeException;
import nl.spuk.application.ConflictException;
import nl.spuk.application.ProcessCommand;
import nl.spuk.application.ProcessNames;
import nl.spuk.application.StepContext;
import nl.spuk.application.decision.DecisionSteps;
import nl.spuk.application.drafting.DraftingSteps;
import nl.spuk.application.port.Workflow;
import nl.spuk.application.reporting.ReportingSteps;
import nl.spuk.application.review.ReviewSteps;
import nl.spuk.application.settlement.SettlementSteps;
import nl.spuk.domain.Actor;
import nl.spuk.domain.SchemeRules;
import nl.spuk.domain.TaskType;

/**
 * The {@link Workflow} without an engine: it keeps, per application, the user tasks and timers the BPMN process
 * ({@code workflows/spuk-application.bpmn}) would wait in, and runs the slices' steps directly where the engine would
 * call them, with the contexts {@code StepContexts} builds: a command's steps get {@code changeBase + "/" + activityId}
 * (the change base is the request's when repeatable, else {@code task:<task id>} or {@code <instance>:<message>}), a
 * timer's steps run as {@link #SYSTEM} with {@code job:<job id>/<activityId>}. A step's exception reaches the caller
 * unchanged and leaves the waits as they were, as a rolled-back engine transaction does; what the step stored stays
 * stored, as in DynamoDB.
 *
 * <p>{@link #failNextCommit} makes the next call fail after its steps ran, as an engine transaction failing at its
 * commit (or a Lambda dying before it) leaves the record ahead of the engine.
 */
public final class StepsWorkflow implements Workflow {
    /** The actor of the steps that timers trigger: {@link StepContext#SYSTEM}. */
    public static final Actor SYSTEM = StepContext.SYSTEM;
    private static final Set<String> WITHDRAWABLE = Set.of("PREPARE", "REVIEW", "REVISE", "DECIDE");

    private final DraftingSteps drafting;
    private final ReviewSteps review;
    private final DecisionSteps decision;
    private final ReportingSteps reporting;
    private final SettlementSteps settlement;
    private final Clock clock;
    private final Map<String, Instance> instances = new HashMap<>();
    private final List<String> stepsRun = new ArrayList<>();
    private final List<RuntimeException> failedJobs = new ArrayList<>();
    private long nextId;
    private int startCalls;
    private int commitsToFail;

    /** A timer: due at an instant, for a year (or null); attached to a wait that cancels it, or to none. */
    private record Job(String id, String activity, Instant due, Integer year, String attachedTo) {
    }

    private static final class Instance {
        final String id;
        /** What the process waits in: a task type, or {@code REPORT:2025} for a per-year task, with its task id. */
        final Map<String, String> waits = new LinkedHashMap<>();
        final List<Job> jobs = new ArrayList<>();
        /** The awarded years whose reporting has not ended yet. */
        final Set<Integer> reportingYears = new TreeSet<>();
        boolean ended;

        Instance(String id) {
            this.id = id;
        }
    }

    public StepsWorkflow(DraftingSteps drafting, ReviewSteps review, DecisionSteps decision, ReportingSteps reporting,
                         SettlementSteps settlement, Clock clock) {
        this.drafting = drafting;
        this.review = review;
        this.decision = decision;
        this.reporting = reporting;
        this.settlement = settlement;
        this.clock = clock;
    }

    @Override
    public synchronized void start(String applicationId) {
        startCalls++;
        instances.computeIfAbsent(applicationId, id -> {
            Instance in = new Instance("instance-" + (++nextId));
            open(in, "PREPARE");
            return in;
        });
    }

    @Override
    public synchronized void complete(ProcessCommand command, TaskType type, Map<String, Object> processVariables) {
        String applicationId = command.applicationId();
        Instance in = instances.get(applicationId);
        Object year = processVariables.get(ProcessNames.YEAR);
        String wait = findWait(in, applicationId, type, year);
        String base = command.requestId().changeBase().orElse("task:" + in.waits.get(wait));
        Integer taskYear = wait.contains(":") ? Integer.valueOf(wait.substring(wait.indexOf(':') + 1)) : null;
        switch (type) {
            case PREPARE, REVISE -> {
                step(drafting::startReview, command, base, "StartReview", null);
                Instant overdue = startOf(review.reviewDueDate(StepContext.of(command, base + "/REVIEW", null)).plusDays(1));
                commit(() -> {
                    close(in, wait);
                    open(in, "REVIEW");
                    in.jobs.add(new Job(newId("job"), "EscalateReview", overdue, null, "REVIEW"));
                });
            }
            case REVIEW -> {
                step(review::recordAdvice, command, base, "RecordAdvice", null);
                String next = switch (String.valueOf(processVariables.get(ProcessNames.ADVICE_OUTCOME))) {
                    case "CHANGES_REQUESTED" -> "REVISE";
                    case "POSITIVE", "NEGATIVE" -> "DECIDE";
                    default -> throw noWayOut("AdviceOutcome", processVariables);
                };
                commit(() -> {
                    close(in, wait);
                    open(in, next);
                });
            }
            case DECIDE -> {
                step(decision::propose, command, base, "ProposeDecision", null);
                commit(() -> {
                    close(in, wait);
                    open(in, "APPROVE_DECISION");
                });
            }
            case APPROVE_DECISION -> approveDecision(in, command, base, wait, processVariables);
            case REPORT -> {
                step(reporting::record, command, base, "RecordReport", taskYear);
                commit(() -> {
                    close(in, wait);
                    open(in, "REVIEW_REPORT:" + taskYear);
                });
            }
            case REVIEW_REPORT -> reviewReport(in, command, base, wait, taskYear, processVariables);
            case SETTLE -> {
                step(settlement::propose, command, base, "ProposeSettlement", null);
                commit(() -> {
                    close(in, wait);
                    open(in, "APPROVE_SETTLEMENT");
                });
            }
            case APPROVE_SETTLEMENT -> {
                String approval = String.valueOf(processVariables.get(ProcessNames.SETTLEMENT_APPROVAL));
                if (approval.equals("RETURN")) {
                    step(settlement::returnToProposal, command, base, "ReturnSettlement", null);
                    commit(() -> {
                        close(in, wait);
                        open(in, "SETTLE");
                    });
                } else if (approval.equals("APPROVE")) {
                    step(settlement::settle, command, base, "Settle", null);
                    commit(() -> end(in));
                } else {
                    throw noWayOut("SettlementApproved", processVariables);
                }
            }
            default -> throw new IllegalArgumentException("the process has no user task " + type);
        }
    }

    private void approveDecision(Instance in, ProcessCommand command, String base, String wait, Map<String, Object> vars) {
        String approval = String.valueOf(vars.get(ProcessNames.APPROVAL));
        if (approval.equals("RETURN")) {
            step(decision::returnToAdvised, command, base, "ReturnDecision", null);
            commit(() -> {
                close(in, wait);
                open(in, "DECIDE");
            });
            return;
        }
        if (!approval.equals("APPROVE")) {
            throw noWayOut("DecisionApproved", vars);
        }
        step(decision::approve, command, base, "ApproveDecision", null);
        String outcome = String.valueOf(vars.get(ProcessNames.DECISION_OUTCOME));
        if (outcome.equals("REJECT")) {
            commit(() -> end(in));
        } else if (outcome.equals("AWARD")) {
            List<Integer> years = new ArrayList<>();
            for (Object y : (List<?>) vars.get(ProcessNames.AWARDED_YEARS)) {
                years.add(((Number) y).intValue());
            }
            // a year that has begun opens its report in the approval itself (the gateway YearBegun)
            List<Integer> begun = years.stream().filter(y -> !clock.instant().isBefore(startOf(LocalDate.of(y, 1, 1)))).toList();
            for (int year : begun) {
                step(reporting::open, command, base, "OpenReport", year);
            }
            commit(() -> {
                close(in, wait);
                for (int year : years) {
                    in.reportingYears.add(year);
                    if (begun.contains(year)) {
                        openReport(in, year, StepContext.of(command, base + "/REPORT", year));
                    } else {
                        in.jobs.add(new Job(newId("job"), "OpenReport", startOf(LocalDate.of(year, 1, 1)), year, null));
                    }
                }
            });
        } else {
            throw noWayOut("DecisionOutcome", vars);
        }
    }

    private void reviewReport(Instance in, ProcessCommand command, String base, String wait, Integer year,
                              Map<String, Object> vars) {
        String review = String.valueOf(vars.get(ProcessNames.REPORT_REVIEW));
        if (review.equals("REJECT")) {
            step(reporting::reject, command, base, "RejectReport", year);
            commit(() -> {
                close(in, wait);
                openReport(in, year, StepContext.of(command, base + "/REPORT", year));
            });
        } else if (review.equals("ACCEPT")) {
            step(reporting::accept, command, base, "AcceptReport", year);
            boolean lastYear = in.reportingYears.equals(Set.of(year));
            if (lastYear) {
                // the sub-process's last instance ends: the settlement opens in the same transaction
                step(settlement::open, command, base, "OpenSettlement", null);
            }
            commit(() -> {
                close(in, wait);
                in.reportingYears.remove(year);
                if (lastYear) {
                    open(in, "SETTLE");
                }
            });
        } else {
            throw noWayOut("ReportReviewed", vars);
        }
    }

    @Override
    public synchronized void send(ProcessCommand command, String message, Map<String, Object> processVariables) {
        String applicationId = command.applicationId();
        Instance in = instances.get(applicationId);
        if (in == null || in.ended) {
            throw new ConflictException("application " + applicationId + " has no running process");
        }
        String base = command.requestId().changeBase().orElse(in.id + ":" + message);
        Object year = processVariables.get(ProcessNames.YEAR);
        if (ProcessNames.EXTEND_REPORT_DEADLINE_MESSAGE.equals(message) && year != null
                && in.waits.containsKey("REPORT:" + year)) {
            int taskYear = ((Number) year).intValue();
            step(reporting::extend, command, base, "ExtendReportDeadline", taskYear);
            // the interrupting boundary leaves REPORT and enters it again: its timers follow the stored date
            commit(() -> {
                close(in, "REPORT:" + taskYear);
                openReport(in, taskYear, StepContext.of(command, base + "/REPORT", taskYear));
            });
            return;
        }
        if (!ProcessNames.WITHDRAW_MESSAGE.equals(message) || in.waits.keySet().stream().noneMatch(WITHDRAWABLE::contains)) {
            throw new ConflictException("application " + applicationId + " does not wait for '" + message + "' now");
        }
        step(drafting::withdraw, command, base, "Withdraw", null);
        commit(() -> end(in));
    }

    /**
     * Runs every timer due at the clock's instant, including those that become due on the way (a year's reminder
     * once its report opens, say). A failing timer stays for a later call, as the engine retries a failed job.
     */
    @Override
    public synchronized int runDueJobs() {
        Set<String> tried = new HashSet<>();
        int ran = 0;
        while (true) {
            Instant now = clock.instant();
            List<Map.Entry<String, Job>> due = new ArrayList<>();
            instances.forEach((applicationId, in) -> in.jobs.stream()
                    .filter(j -> !j.due().isAfter(now) && !tried.contains(j.id()))
                    .forEach(j -> due.add(Map.entry(applicationId, j))));
            if (due.isEmpty()) {
                return ran;
            }
            due.sort(Comparator.comparing(e -> e.getValue().due()));
            for (Map.Entry<String, Job> e : due) {
                Job job = e.getValue();
                tried.add(job.id());
                Instance in = instances.get(e.getKey());
                if (!in.jobs.contains(job)) {
                    continue; // cancelled by a job that ran before it
                }
                try {
                    fire(e.getKey(), in, job);
                    ran++;
                } catch (RuntimeException failure) {
                    failedJobs.add(failure);
                }
            }
        }
    }

    private void fire(String applicationId, Instance in, Job job) {
        StepContext step = StepContext.ofTimer(applicationId, "job:" + job.id() + "/" + job.activity(), job.year());
        stepsRun.add(step.changeId());
        switch (job.activity()) {
            case "EscalateReview" -> review.escalate(step);
            case "OpenReport" -> reporting.open(step);
            case "RemindReport" -> reporting.remind(step);
            case "ChaseReport" -> reporting.chase(step);
            default -> throw new IllegalStateException("unknown timer " + job.activity());
        }
        in.jobs.remove(job);
        if (job.activity().equals("OpenReport")) {
            openReport(in, job.year(), step);
        }
    }

    /** The REPORT task of the year, with its reminder and its chase attached, set from the stored due date. */
    private void openReport(Instance in, int year, StepContext entering) {
        String wait = "REPORT:" + year;
        open(in, wait);
        LocalDate deadline = reporting.dueDate(entering);
        in.jobs.add(new Job(newId("job"), "RemindReport",
                startOf(deadline.minusDays(SchemeRules.REPORT_REMINDER_DAYS)), year, wait));
        in.jobs.add(new Job(newId("job"), "ChaseReport", startOf(deadline.plusDays(1)), year, wait));
    }

    private String findWait(Instance in, String applicationId, TaskType type, Object year) {
        if (in != null && !in.ended) {
            if (year != null && in.waits.containsKey(type + ":" + year)) {
                return type + ":" + year;
            }
            if (year == null) {
                List<String> found = in.waits.keySet().stream()
                        .filter(w -> w.equals(type.name()) || w.startsWith(type + ":")).toList();
                if (found.size() > 1) {
                    throw new IllegalArgumentException("application " + applicationId + " has " + found.size()
                            + " open " + type + " tasks: pass the variable " + ProcessNames.YEAR);
                }
                if (found.size() == 1) {
                    return found.get(0);
                }
            }
        }
        throw new ConflictException("application " + applicationId + " has no open " + type + " task"
                + (year == null ? "" : " for " + year));
    }

    private void step(Consumer<StepContext> step, ProcessCommand command, String base, String activity, Integer year) {
        StepContext context = StepContext.of(command, base + "/" + activity, year);
        stepsRun.add(context.changeId());
        step.accept(context);
    }

    /** Moves the process on once its steps ran, unless the test made this call fail at its commit. */
    private void commit(Runnable engineChange) {
        if (commitsToFail > 0) {
            commitsToFail--;
            throw new ConcurrentChangeException("the application's process changed meanwhile; try again");
        }
        engineChange.run();
    }

    private void open(Instance in, String wait) {
        in.waits.put(wait, newId("task"));
    }

    /** Completes a wait, cancelling the timers attached to it. */
    private static void close(Instance in, String wait) {
        in.waits.remove(wait);
        in.jobs.removeIf(j -> wait.equals(j.attachedTo()));
    }

    private static void end(Instance in) {
        in.waits.clear();
        in.jobs.clear();
        in.reportingYears.clear();
        in.ended = true;
    }

    private String newId(String what) {
        return what + "-" + (++nextId);
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(SchemeRules.ZONE).toInstant();
    }

    private static IllegalStateException noWayOut(String gateway, Map<String, Object> vars) {
        return new IllegalStateException("no outgoing flow of " + gateway + " matches " + vars);
    }

    /** The next call fails after its steps ran, leaving the process where it was. */
    public synchronized void failNextCommit() {
        failNextCommits(1);
    }

    /**
     * The next {@code calls} calls fail after their steps ran, leaving the process where it was: as many as a command
     * makes in one request ({@code ProcessMove} makes the call again after a race no other person won, its own
     * change among them), so that the request fails.
     */
    public synchronized void failNextCommits(int calls) {
        commitsToFail = calls;
    }

    /** What the application's process waits in: task types, {@code REPORT:2025} for a year's task. */
    public synchronized Set<String> waits(String applicationId) {
        Instance in = instances.get(applicationId);
        return in == null ? Set.of() : Set.copyOf(in.waits.keySet());
    }

    /** The application's pending timers, as {@code activity@instant}. */
    public synchronized List<String> timers(String applicationId) {
        Instance in = instances.get(applicationId);
        return in == null ? List.of() : in.jobs.stream().map(j -> j.activity() + "@" + j.due()).toList();
    }

    public synchronized boolean ended(String applicationId) {
        Instance in = instances.get(applicationId);
        return in != null && in.ended;
    }

    /** The change ids of every step run, in order. */
    public synchronized List<String> stepsRun() {
        return List.copyOf(stepsRun);
    }

    public synchronized List<RuntimeException> failedJobs() {
        return List.copyOf(failedJobs);
    }

    public synchronized int startCalls() {
        return startCalls;
    }
}
