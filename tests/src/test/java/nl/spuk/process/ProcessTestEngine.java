package nl.spuk.process;

import java.util.HashMap;
import nl.spuk.adapter.in.workflow.ProcessBeans;
import nl.spuk.adapter.out.camunda.EngineSettings;
import nl.spuk.adapter.out.camunda.SpukEngine;
import org.camunda.bpm.engine.ProcessEngine;

/**
 * The engine of the process tests: configured by {@link SpukEngine} exactly as in production, on an in-memory H2
 * database, with the business steps mocked. Booted once per test JVM (it takes seconds).
 */
final class ProcessTestEngine {
    static final ProcessBeans STEPS = MockSteps.mocks();
    private static SpukEngine engine;

    private ProcessTestEngine() {
    }

    static synchronized ProcessEngine get() {
        if (engine == null) {
            engine = SpukEngine.boot(new EngineSettings("jdbc:h2:mem:spuk-process-tests;DB_CLOSE_DELAY=-1", "sa", ""), new HashMap<>(STEPS.byName()));
            System.out.println("engine boot on H2 (schema created, process deployed): " + engine.bootTime().toMillis() + " ms");
        }
        return engine.processEngine();
    }
}
