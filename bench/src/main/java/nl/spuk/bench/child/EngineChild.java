package nl.spuk.bench.child;

import java.util.UUID;
import nl.spuk.adapter.out.camunda.SpukEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;

/**
 * An engine that boots in a fresh JVM, deploys a one-task process and starts one instance: baseline (d) when the
 * configuration is Camunda's own ({@code stock}), and the rungs between it and ours, one cut at a time:
 * <ol>
 * <li>{@code stock}: a bare {@link StandaloneProcessEngineConfiguration} (schema update on, everything else Camunda's
 * default)</li>
 * <li>{@code flags}: plus the settings SpukEngine makes: activity history, no job executor, no metrics, CMMN and DMN
 * off</li>
 * <li>{@code spuk-eager}: {@link SpukEngineConfiguration} with its own cuts off but no DMN engine built, random UUIDs,
 * no history removal time</li>
 * <li>{@code spuk-deferred}: plus the deferred MyBatis mappers</li>
 * <li>{@code spuk-xpath}: plus child elements found without the JDK's XPath in the mapper parse</li>
 * <li>{@code spuk}: plus the BPMN parse without XML Schema validation, i.e. our configuration</li>
 * </ol>
 * The database comes from {@code SPUK_ENGINE_JDBC_URL}/{@code _USER}/{@code _PASSWORD}; Camunda's own pool for all
 * rungs. Prints {@code ANSWER 200 <boot ms> <start ms>}.
 */
public final class EngineChild {
    static final String PROCESS = "bench-one-task";
    static final String BPMN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                         targetNamespace="https://spuk.example/bench">
              <process id="bench-one-task" isExecutable="true" camunda:historyTimeToLive="P180D">
                <startEvent id="Start"/>
                <sequenceFlow id="ToTask" sourceRef="Start" targetRef="Task"/>
                <userTask id="Task" camunda:candidateGroups="ministry"/>
              </process>
            </definitions>
            """;

    private EngineChild() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        ProcessEngineConfigurationImpl config = switch (args[0]) {
            case "stock" -> new StandaloneProcessEngineConfiguration();
            case "flags" -> flags(new StandaloneProcessEngineConfiguration());
            default -> flags(Ours.configuration(args[0]));
        };
        config.setJdbcDriver("org.postgresql.Driver");
        config.setJdbcUrl(System.getenv("SPUK_ENGINE_JDBC_URL"));
        config.setJdbcUsername(System.getenv("SPUK_ENGINE_JDBC_USER"));
        config.setJdbcPassword(System.getenv("SPUK_ENGINE_JDBC_PASSWORD"));
        config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        ProcessEngine engine = config.buildProcessEngine();
        engine.getRepositoryService().createDeployment().name(PROCESS).addString(PROCESS + ".bpmn", BPMN)
                .enableDuplicateFiltering(true).deploy();
        long booted = System.nanoTime();
        engine.getRuntimeService().startProcessInstanceByKey(PROCESS, UUID.randomUUID().toString());
        long answered = System.nanoTime();
        System.out.println("ANSWER 200 " + (booted - started) / 1_000_000 + " " + (answered - booted) / 1_000_000);
        System.out.flush();
        System.exit(0);
    }

    /** Our configuration's rungs, apart so that the stock rungs run without our classes on the class path. */
    private static final class Ours {
        static ProcessEngineConfigurationImpl configuration(String rung) {
            return switch (rung) {
                case "spuk-eager" -> new SpukEngineConfiguration().setDeferMappers(false).setChildNameXPath(false)
                        .setBpmnSchemaValidation(true);
                case "spuk-deferred" -> new SpukEngineConfiguration().setChildNameXPath(false).setBpmnSchemaValidation(true);
                case "spuk-xpath" -> new SpukEngineConfiguration().setBpmnSchemaValidation(true);
                case "spuk" -> new SpukEngineConfiguration();
                default -> throw new IllegalArgumentException("no rung " + rung);
            };
        }
    }

    private static ProcessEngineConfigurationImpl flags(ProcessEngineConfigurationImpl config) {
        config.setHistory(ProcessEngineConfiguration.HISTORY_ACTIVITY);
        config.setJobExecutorActivate(false);
        config.setMetricsEnabled(false);
        config.setDbMetricsReporterActivate(false);
        config.setTaskMetricsEnabled(false);
        config.setCmmnEnabled(false);
        config.setDmnEnabled(false);
        config.setEnableCmdExceptionLogging(false);
        return config;
    }
}
