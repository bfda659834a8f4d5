package nl.spuk.adapter.camunda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.xml.xpath.XPathFactory;
import nl.spuk.adapter.in.workflow.ProcessBeans;
import nl.spuk.adapter.out.camunda.CamundaWorkflow;
import nl.spuk.adapter.out.camunda.EngineSettings;
import nl.spuk.adapter.out.camunda.SpukEngine;
import nl.spuk.adapter.out.camunda.SpukEngineConfiguration;
import nl.spuk.application.fakes.TestClock;
import nl.spuk.domain.Actor;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Role;
import nl.spuk.domain.TaskType;
import nl.spuk.process.MockSteps;
import nl.spuk.process.StepInputs;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ResultMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ProcessDefinitionImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.junit.jupiter.api.Test;

/**
 * The boot-time trims of the engine ({@code SpukEngineConfiguration}) change nothing the process sees: the BPMN parse
 * without XML Schema validation builds the same process as Camunda's validating parse, MyBatis builds the same
 * statements with child elements found without the JDK's XPath, and a statement of a mapper
 * not parsed at boot still works (its mappers load on demand). And the workflow's early boot: an engine booted in the
 * background before the steps are bound calls them once bound, and a checkpoint waits for a boot under way.
 */
class SpukEngineTest {
    private static final Actor OFFICIAL = new Actor("u-muni", "Mia Gemeente", Role.MUNICIPALITY, new MunicipalityCode("GM0363"));

    private static EngineSettings newDatabase() {
        return new EngineSettings("jdbc:h2:mem:spuk-engine-test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    @Test
    void theUnvalidatedParseBuildsTheSameProcessAsTheValidatingOne() {
        ProcessEngine validating = engine(new SpukEngineConfiguration().setBpmnSchemaValidation(true));
        ProcessEngine ours = engine(new SpukEngineConfiguration());
        try {
            String expected = describe(validating);
            assertThat(expected).contains("REVIEW ", "ReviewTakesLong ", "Reporting ", "-> APPROVE_DECISION");
            assertThat(describe(ours)).isEqualTo(expected);
        } finally {
            validating.close();
            ours.close();
        }
    }

    @Test
    void mybatisBuildsTheSameStatementsWhetherChildElementsAreFoundByTheJdksXPathOrNot() {
        ProcessEngine jdk = engine(new SpukEngineConfiguration().setDeferMappers(false).setChildNameXPath(false));
        ProcessEngine ours = engine(new SpukEngineConfiguration().setDeferMappers(false));
        try {
            String expected = statements(jdk);
            // every statement of Camunda's mappers
            assertThat(expected.lines().count()).isGreaterThan(800);
            assertThat(statements(ours)).isEqualTo(expected);
            // the boot leaves the JVM's choice of XPath as it found it
            assertThat(System.getProperty("javax.xml.xpath.XPathFactory:" + XPathFactory.DEFAULT_OBJECT_MODEL_URI)).isNull();
        } finally {
            jdk.close();
            ours.close();
        }
    }

    @Test
    void theBootParsesTheProcessIntoTheCacheWithoutReadingItsModel() {
        try (SpukEngine engine = SpukEngine.boot(newDatabase(), new HashMap<>(MockSteps.mocks().byName()))) {
            var config = (ProcessEngineConfigurationImpl) engine.processEngine().getProcessEngineConfiguration();
            String id = engine.processEngine().getRepositoryService().createProcessDefinitionQuery()
                    .processDefinitionKey(SpukEngine.PROCESS_KEY).singleResult().getId();
            assertThat(config.getDeploymentCache().getProcessDefinitionCache().get(id)).isNotNull();
            assertThat(config.getDeploymentCache().getBpmnModelInstanceCache().get(id)).isNull();
        }
    }

    @Test
    void aStatementOfADeferredMapperLoadsItsMappersOnDemand() {
        try (SpukEngine engine = SpukEngine.boot(newDatabase(), new HashMap<>(MockSteps.mocks().byName()))) {
            assertThat(engine.deferredMappersLoaded()).isFalse();
            // historic details (full history) are not among the mappers parsed at boot
            assertThat(engine.processEngine().getHistoryService().createHistoricDetailQuery().count()).isZero();
            assertThat(engine.deferredMappersLoaded()).isTrue();
            assertThat(engine.processEngine().getManagementService().createProcessDefinitionStatisticsQuery().count()).isEqualTo(1);
        }
    }

    @Test
    void anEngineBootedBeforeTheStepsAreBoundCallsThemOnceBound() {
        ProcessBeans steps = MockSteps.mocks();
        try (CamundaWorkflow workflow = new CamundaWorkflow(newDatabase(), new TestClock(Instant.parse("2025-01-10T09:00:00Z")))) {
            workflow.bootInBackground();
            assertThatThrownBy(() -> workflow.start("app-1")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("bind");
            workflow.bind(steps);
            workflow.start("app-1");
            workflow.complete(StepInputs.command("app-1", OFFICIAL, Map.of()), TaskType.PREPARE, Map.of());
            verify(steps.drafting()).startReview(any());
            assertThatThrownBy(() -> workflow.bind(steps)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aCheckpointWaitsForABootUnderWayThenClosesItsPool() {
        try (CamundaWorkflow workflow = new CamundaWorkflow(newDatabase(), MockSteps.mocks(),
                new TestClock(Instant.parse("2025-01-10T09:00:00Z")))) {
            assertThat(workflow.connectionPoolOpen()).as("before any boot").isFalse();
            workflow.bootInBackground();
            workflow.beforeCheckpoint(null);
            assertThat(workflow.connectionPoolOpen()).as("after beforeCheckpoint").isFalse();
            workflow.afterRestore(null);
            assertThat(workflow.connectionPoolOpen()).as("after afterRestore: the boot had finished").isTrue();
            workflow.start("app-2");
        }
    }

    private static ProcessEngine engine(SpukEngineConfiguration config) {
        EngineSettings database = newDatabase();
        config.setProcessEngineName("parse-test-" + UUID.randomUUID());
        config.setJdbcUrl(database.jdbcUrl());
        config.setJdbcUsername(database.credentials().read().user());
        config.setJdbcPassword(database.credentials().read().password());
        config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        config.setHistory(ProcessEngineConfiguration.HISTORY_ACTIVITY);
        config.setJobExecutorActivate(false);
        config.setMetricsEnabled(false);
        config.setDbMetricsReporterActivate(false);
        config.setCmmnEnabled(false);
        config.setDmnEnabled(false);
        ProcessEngine engine = config.buildProcessEngine();
        engine.getRepositoryService().createDeployment().addClasspathResource(SpukEngine.BPMN_RESOURCE).deploy();
        return engine;
    }

    /** MyBatis's statements as text: id, kind, key generator, parameter and result maps, and the SQL source's kind. */
    private static String statements(ProcessEngine engine) {
        var configuration = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getSqlSessionFactory()
                .getConfiguration();
        Map<String, String> described = new TreeMap<>();
        for (Object o : configuration.getMappedStatements()) {
            if (o instanceof MappedStatement ms) {
                described.put(ms.getId(), ms.getSqlCommandType() + " key=" + ms.getKeyGenerator().getClass().getSimpleName()
                        + " parameters=" + ms.getParameterMap().getId()
                        + " results=" + ms.getResultMaps().stream().map(ResultMap::getId).toList()
                        + " sql=" + ms.getSqlSource().getClass().getSimpleName());
            }
        }
        StringBuilder out = new StringBuilder();
        described.forEach((id, d) -> out.append(id).append(' ').append(d).append('\n'));
        return out.toString();
    }

    /** The parsed process as text: every activity with its behaviour, properties, scopes and outgoing flows. */
    private static String describe(ProcessEngine engine) {
        RepositoryService repository = engine.getRepositoryService();
        String id = repository.createProcessDefinitionQuery().processDefinitionKey(SpukEngine.PROCESS_KEY).singleResult().getId();
        ProcessDefinitionImpl process = (ProcessDefinitionImpl) repository.getProcessDefinition(id);
        StringBuilder out = new StringBuilder(properties(process.getProperties().toMap())).append('\n');
        describe(process, "", out);
        return out.toString();
    }

    private static void describe(ScopeImpl scope, String indent, StringBuilder out) {
        List<ActivityImpl> activities = new ArrayList<>(scope.getActivities());
        activities.sort(Comparator.comparing(ActivityImpl::getId));
        for (ActivityImpl a : activities) {
            out.append(indent).append(a.getId())
                    .append(" behaviour=").append(a.getActivityBehavior() == null ? null : a.getActivityBehavior().getClass().getSimpleName())
                    .append(" scope=").append(a.isScope())
                    .append(" start=").append(a.getActivityStartBehavior())
                    .append(" eventScope=").append(a.getEventScope() == null ? null : a.getEventScope().getId())
                    .append(" async=").append(a.isAsyncBefore()).append('/').append(a.isAsyncAfter())
                    .append(' ').append(properties(a.getProperties().toMap())).append('\n');
            List<TransitionImpl> outgoing = new ArrayList<>(a.getOutgoingTransitions().stream().map(TransitionImpl.class::cast).toList());
            outgoing.sort(Comparator.comparing(TransitionImpl::getId));
            for (TransitionImpl t : outgoing) {
                out.append(indent).append("  -> ").append(t.getDestination().getId()).append(" via ").append(t.getId())
                        .append(' ').append(properties(t.getProperties().toMap())).append('\n');
            }
            describe(a, indent + "    ", out);
        }
    }

    /** Names and values where they are plain; the type where they are engine objects without a text form. */
    private static String properties(Map<String, Object> properties) {
        Map<String, String> plain = new TreeMap<>();
        properties.forEach((name, value) -> plain.put(name, value == null ? "null"
                : value instanceof String || value instanceof Number || value instanceof Boolean || value instanceof Enum<?>
                        ? value.toString()
                        : value instanceof java.util.Collection<?> c ? value.getClass().getSimpleName() + "[" + c.size() + "]"
                        : value.getClass().getSimpleName()));
        return plain.toString();
    }
}
