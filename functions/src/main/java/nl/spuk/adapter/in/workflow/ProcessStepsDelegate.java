package nl.spuk.adapter.in.workflow;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import nl.spuk.application.ProcessSteps;
import nl.spuk.application.StepContext;
import nl.spuk.domain.Actor;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Role;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The bean {@code steps} that the process's service tasks call by expression, as in
 * {@code ${steps.startReview(execution)}}: each method turns the execution into a {@link StepContext} and calls the
 * {@link ProcessSteps} method of the same name.
 *
 * <p>The engine keeps no business data. Whoever moves the process on (the Workflow adapter) passes the acting user,
 * a change id and the use case's variables as <em>transient</em> variables ({@link #callVariables}): they live for
 * that one engine transaction, where the steps and gateways read them. A step that a timer triggers runs as the
 * {@link #SYSTEM} actor, with the timer job's id as its change id, which stays the same when the job is retried.
 */
public final class ProcessStepsDelegate {
    public static final String ACTOR_ID = "actorId";
    public static final String ACTOR_NAME = "actorName";
    public static final String ACTOR_ROLE = "actorRole";
    public static final String ACTOR_MUNICIPALITY = "actorMunicipality";
    public static final String CHANGE_ID = "changeId";
    /** The actor of the steps that timers trigger. */
    public static final Actor SYSTEM = new Actor("system", "SPUK workflow", Role.MINISTRY, null);

    private static final Set<String> CALL_VARIABLES = Set.of(ACTOR_ID, ACTOR_NAME, ACTOR_ROLE, ACTOR_MUNICIPALITY, CHANGE_ID);

    /** The use case's values for the steps of the engine call running on this thread (see {@link #withPayload}). */
    private static final ThreadLocal<Map<String, Object>> PAYLOAD = new ThreadLocal<>();

    private final ProcessSteps steps;

    public ProcessStepsDelegate(ProcessSteps steps) {
        this.steps = steps;
    }

    /**
     * The transient variables of one call that moves the process on.
     *
     * @param changeBase identifies the user's action across retries (the request's identity where it has one, else a
     *     task id, or instance and message)
     * @param variables the use case's variables; null values are dropped
     */
    public static VariableMap callVariables(Actor actor, String changeBase, Map<String, Object> variables) {
        VariableMap map = Variables.createVariables();
        variables.forEach((name, value) -> {
            if (isPlainValue(value)) {
                map.putValueTyped(name, Variables.untypedValue(value, true));
            }
        });
        map.putValueTyped(ACTOR_ID, Variables.stringValue(actor.id(), true));
        map.putValueTyped(ACTOR_NAME, Variables.stringValue(actor.name(), true));
        map.putValueTyped(ACTOR_ROLE, Variables.stringValue(actor.role().name(), true));
        if (actor.municipality() != null) {
            map.putValueTyped(ACTOR_MUNICIPALITY, Variables.stringValue(actor.municipality().value(), true));
        }
        map.putValueTyped(CHANGE_ID, Variables.stringValue(changeBase, true));
        return map;
    }

    /**
     * Runs one engine call with the use case's variables at hand for its steps. Plain values (text, numbers, lists
     * of them) also go into the engine for its gateways; domain values (an award per year, say) reach the steps only
     * this way, so the engine never has to serialise them.
     */
    public static void withPayload(Map<String, Object> variables, Runnable call) {
        PAYLOAD.set(variables);
        try {
            call.run();
        } finally {
            PAYLOAD.remove();
        }
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
        String trigger;
        Actor actor;
        if (job != null) {
            trigger = "job:" + job.getId();
            actor = SYSTEM;
        } else {
            trigger = required(execution, CHANGE_ID);
            actor = actor(execution);
        }
        Map<String, Object> variables = new HashMap<>();
        Map<String, Object> payload = PAYLOAD.get();
        if (job == null && payload != null) {
            payload.forEach((name, value) -> {
                if (value != null) {
                    variables.put(name, value);
                }
            });
        }
        execution.getVariables().forEach((name, value) -> {
            if (value != null && !CALL_VARIABLES.contains(name)) {
                variables.put(name, value);
            }
        });
        return new StepContext(execution.getProcessBusinessKey(), trigger + "/" + execution.getCurrentActivityId(),
                actor, variables);
    }

    private static Actor actor(DelegateExecution execution) {
        String municipality = (String) execution.getVariable(ACTOR_MUNICIPALITY);
        return new Actor(required(execution, ACTOR_ID), (String) execution.getVariable(ACTOR_NAME),
                Role.valueOf(required(execution, ACTOR_ROLE)),
                municipality == null ? null : new MunicipalityCode(municipality));
    }

    private static String required(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        if (value == null) {
            throw new IllegalStateException("step " + execution.getCurrentActivityId() + " of " + execution.getProcessBusinessKey()
                    + " runs without variable " + name + ": move the process on through the Workflow adapter");
        }
        return value.toString();
    }
}
