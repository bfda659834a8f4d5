package nl.spuk.adapter.in.workflow;

import java.util.Map;
import nl.spuk.application.ProcessCommand;
import nl.spuk.application.ProcessNames;
import nl.spuk.application.StepContext;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.IntegerValue;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.StringValue;

/**
 * Turns an execution into the {@link StepContext} a step receives, and a command into the variables of the engine
 * call that carries it there.
 *
 * <p>The engine keeps no business data. Whoever moves the process on (the Workflow adapter) passes the
 * {@link ProcessCommand} and a change id as <em>transient</em> variables ({@link #callVariables}): they live for that
 * one engine transaction, where the steps read them; what the gateways decide on goes along the same way. A step that
 * a timer triggers runs as the {@link StepContext#SYSTEM} actor, with the timer job's id as its change id, which stays
 * the same when the job is retried.
 */
public final class StepContexts {
    private StepContexts() {
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
            return list.stream().allMatch(StepContexts::isPlainValue);
        }
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }


    /**
     * The step's context. Its change id adds the service task's id to the trigger's id, because one user action
     * can run several steps (accepting the last report also opens the settlement), each a change of its own.
     */
    public static StepContext of(DelegateExecution execution) {
        JobEntity job = Context.getCommandContext().getCurrentJob();
        IntegerValue yearValue = execution.getVariableTyped(ProcessNames.YEAR);
        Integer year = yearValue == null ? null : yearValue.getValue();
        String step = "/" + execution.getCurrentActivityId();
        if (job != null) {
            return StepContext.ofTimer(execution.getProcessBusinessKey(), "job:" + job.getId() + step, year);
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
