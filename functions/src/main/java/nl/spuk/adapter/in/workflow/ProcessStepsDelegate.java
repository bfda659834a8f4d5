package nl.spuk.adapter.in.workflow;

import java.util.Map;
import nl.spuk.application.ProcessCommand;
import nl.spuk.application.ProcessNames;
import nl.spuk.application.ProcessSteps;
import nl.spuk.application.StepContext;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Role;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.IntegerValue;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.StringValue;

/**
 * The bean {@code steps} that the process's service tasks call by expression, as in
 * {@code ${steps.startReview(execution)}}: each method turns the execution into a {@link StepContext} and calls the
 * {@link ProcessSteps} method of the same name.
 *
 * <p>The engine keeps no business data. Whoever moves the process on (the Workflow adapter) passes the
 * {@link ProcessCommand} and a change id as <em>transient</em> variables ({@link #callVariables}): they live for that
 * one engine transaction, where the steps read them; what the gateways decide on goes along the same way. A step that
 * a timer triggers runs as the {@link #SYSTEM} actor, with the timer job's id as its change id, which stays the same
 * when the job is retried.
 */
public final class ProcessStepsDelegate {
    /** The actor of the steps that timers trigger. */
    public static final Actor SYSTEM = new Actor("system", "SPUK workflow", Role.MINISTRY, null);

    private final ProcessSteps steps;

    public ProcessStepsDelegate(ProcessSteps steps) {
        this.steps = steps;
    }

    /**
     * The transient variables of one call that moves the process on: the command (an object the engine holds for the
     * call without serialising it, see {@code TransientObjects}), the change id base, and the gateways' plain values.
     *
     * @param changeBase identifies the user's action across retries (the request's identity where it is repeatable,
     *     else a task id, or instance and message)
     * @param processVariables what the gateways decide on: text, numbers and lists of them; null values are dropped
     */
    public static VariableMap callVariables(ProcessCommand command, String changeBase, Map<String, Object> processVariables) {
        VariableMap map = Variables.createVariables();
        processVariables.forEach((name, value) -> {
            if (!isPlainValue(value)) {
                throw new IllegalArgumentException("the process variable " + name + " is no plain value: " + value);
            }
            map.putValueTyped(name, Variables.untypedValue(value, true));
        });
        map.putValueTyped(ProcessNames.COMMAND, Variables.objectValue(command, true).create());
        map.putValueTyped(ProcessNames.CHANGE_ID, Variables.stringValue(changeBase, true));
        return map;
    }

    private static boolean isPlainValue(Object value) {
        if (value instanceof java.util.Collection<?> list) {
            return list.stream().allMatch(ProcessStepsDelegate::isPlainValue);
        }
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    public void startReview(DelegateExecution execution) {
        steps.startReview(context(execution));
    }

    public void withdraw(DelegateExecution execution) {
        steps.withdraw(context(execution));
    }

    public void recordAdvice(DelegateExecution execution) {
        steps.recordAdvice(context(execution));
    }

    public void escalateReview(DelegateExecution execution) {
        steps.escalateReview(context(execution));
    }

    public void proposeDecision(DelegateExecution execution) {
        steps.proposeDecision(context(execution));
    }

    public void returnDecision(DelegateExecution execution) {
        steps.returnDecision(context(execution));
    }

    public void approveDecision(DelegateExecution execution) {
        steps.approveDecision(context(execution));
    }

    public void openReport(DelegateExecution execution) {
        steps.openReport(context(execution));
    }

    public void remindReport(DelegateExecution execution) {
        steps.remindReport(context(execution));
    }

    public void chaseReport(DelegateExecution execution) {
        steps.chaseReport(context(execution));
    }

    public void recordReport(DelegateExecution execution) {
        steps.recordReport(context(execution));
    }

    public void rejectReport(DelegateExecution execution) {
        steps.rejectReport(context(execution));
    }

    public void acceptReport(DelegateExecution execution) {
        steps.acceptReport(context(execution));
    }

    public void openSettlement(DelegateExecution execution) {
        steps.openSettlement(context(execution));
    }

    public void proposeSettlement(DelegateExecution execution) {
        steps.proposeSettlement(context(execution));
    }

    public void returnSettlement(DelegateExecution execution) {
        steps.returnSettlement(context(execution));
    }

    public void settle(DelegateExecution execution) {
        steps.settle(context(execution));
    }

    /**
     * The step's context. Its change id adds the service task's id to the trigger's id, because one user action
     * can run several steps (accepting the last report also opens the settlement), each a change of its own.
     */
    static StepContext context(DelegateExecution execution) {
        JobEntity job = Context.getCommandContext().getCurrentJob();
        IntegerValue yearValue = execution.getVariableTyped(ProcessNames.YEAR);
        Integer year = yearValue == null ? null : yearValue.getValue();
        String step = "/" + execution.getCurrentActivityId();
        if (job != null) {
            return StepContext.ofTimer(execution.getProcessBusinessKey(), "job:" + job.getId() + step, SYSTEM, year);
        }
        ObjectValue command = execution.getVariableTyped(ProcessNames.COMMAND);
        StringValue changeBase = execution.getVariableTyped(ProcessNames.CHANGE_ID);
        if (command == null || changeBase == null) {
            throw new IllegalStateException("step " + execution.getCurrentActivityId() + " of " + execution.getProcessBusinessKey()
                    + " runs without a command: move the process on through the Workflow adapter");
        }
        return StepContext.of(command.getValue(ProcessCommand.class), changeBase.getValue() + step, year);
    }
}
