package nl.spuk.process;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.spuk.application.ProcessCommand;
import nl.spuk.application.ProcessNames;
import nl.spuk.application.RequestId;
import nl.spuk.application.StepContext;
import nl.spuk.domain.Actor;

/**
 * What the process tests give a task and read back from a step, as name/value pairs: the command carries all of them
 * as its request (a map stands in for the typed request a real command carries), and those the gateways decide on
 * also go to the engine as process variables, as the use cases pass them.
 */
public final class StepInputs {
    private static final Set<String> GATEWAY = Set.of(ProcessNames.ADVICE_OUTCOME, ProcessNames.DECISION_OUTCOME,
            ProcessNames.AWARDED_YEARS, ProcessNames.APPROVAL, ProcessNames.REPORT_REVIEW, ProcessNames.SETTLEMENT_APPROVAL,
            ProcessNames.YEAR);

    private StepInputs() {
    }

    /** A command on the application (not read: the steps are mocks) asking the given values. */
    public static ProcessCommand command(String applicationId, Actor actor, Map<String, Object> given) {
        return new ProcessCommand(actor, RequestId.once(UUID.randomUUID().toString()), applicationId, null, Map.copyOf(given));
    }

    /** The given values the gateways read. */
    public static Map<String, Object> gateway(Map<String, Object> given) {
        Map<String, Object> out = new HashMap<>();
        given.forEach((name, value) -> {
            if (GATEWAY.contains(name)) {
                out.put(name, value);
            }
        });
        return out;
    }

    /** What a step received: its command's values, and its year. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> of(StepContext step) {
        Map<String, Object> out = new HashMap<>();
        if (step.command() != null) {
            out.putAll(step.command().request(Map.class));
        }
        if (step.year() != null) {
            out.put(ProcessNames.YEAR, step.year());
        }
        return out;
    }
}
