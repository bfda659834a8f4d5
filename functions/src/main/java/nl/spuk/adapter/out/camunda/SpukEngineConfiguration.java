package nl.spuk.adapter.out.camunda;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.ibatis.builder.xml.XMLConfigBuilder;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.defaults.DefaultSqlSessionFactory;
import org.camunda.bpm.engine.impl.cfg.DefaultBpmnParseFactory;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;

/**
 * Camunda's standalone configuration, trimmed so that an engine boots fast in a fresh JVM (a Lambda container).
 * Each cut leaves out work for features the application process does not use:
 * <ul>
 * <li>MyBatis parses only the mappers of the entities the process touches ({@link #EAGER_MAPPERS}); the others
 * (reports, statistics, identity, batches, CMMN, DMN, ...) wait until a statement of theirs is asked for, see
 * {@link DeferredMappersConfiguration}. Parsing mappers is most of a boot.</li>
 * <li>No DMN engine: the process has no business rule task, and building one loads the FEEL engine (Scala), which
 * the Lambda jar leaves out.</li>
 * <li>MyBatis finds a statement's child elements without the JDK's XPath, see {@link ChildNameXPathFactory}.</li>
 * <li>The BPMN file is parsed without XML Schema validation, see {@link UnvalidatedBpmnParse}.</li>
 * <li>Ids are random UUIDs: no id blocks to fetch, and unique across SnapStart clones of one snapshot (a time-based
 * generator would hand every clone the same node and clock sequence).</li>
 * <li>No process definition descriptions: a definition query would otherwise read the BPMN file a second time, into
 * Camunda's model API and validated against the BPMN XML Schema, only to fetch each definition's documentation,
 * which nothing here shows.</li>
 * <li>No history removal time: it only serves Camunda's history cleanup, which this product does not run, and
 * stamping it when a process ends updates a dozen history tables (and needs their mappers).</li>
 * </ul>
 * The cuts of our own can be switched off like Camunda's settings ({@link #setDeferMappers},
 * {@link #setChildNameXPath}, {@link #setBpmnSchemaValidation}): the benchmark does, to show what each buys, and tests
 * compare the parses.
 */
public final class SpukEngineConfiguration extends StandaloneProcessEngineConfiguration {
    /**
     * The mappers parsed at boot: deployment, definitions and job definitions, executions, tasks and their candidate
     * groups, variables, jobs and their incidents, event subscriptions, the engine's properties, and the history of
     * process, activity and task; {@code Commons}, {@code Authorization} and {@code Tenant} hold fragments that the
     * others include. The tests run every path of the process without needing a deferred one.
     */
    static final Set<String> EAGER_MAPPERS = Set.of("Commons", "Authorization", "Tenant", "Deployment", "Resource",
            "ProcessDefinition", "JobDefinition", "Execution", "Task", "IdentityLink", "VariableInstance", "Job",
            "Incident", "EventSubscription", "Property", "HistoricProcessInstance", "HistoricActivityInstance", "HistoricTaskInstance");

    private static final Pattern MAPPER = Pattern.compile("<mapper resource=\"([^\"]+)\"");
    private static final String CONFIGURATION_HEAD = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE configuration PUBLIC "-//mybatis.org//DTD Config 3.0//EN" "http://mybatis.org/dtd/mybatis-3-config.dtd">
            <configuration>
              <settings><setting name="lazyLoadingEnabled" value="false"/></settings>
              <mappers>
            """;
    private static final String CONFIGURATION_TAIL = """
              </mappers>
            </configuration>
            """;

    private boolean deferMappers = true;
    private boolean childNameXPath = true;

    public SpukEngineConfiguration() {
        setBpmnParseFactory(UnvalidatedBpmnParse::new);
        setIdGenerator(() -> UUID.randomUUID().toString());
        setEnableFetchProcessDefinitionDescription(false);
        setHistoryRemovalTimeStrategy(HISTORY_REMOVAL_TIME_STRATEGY_NONE);
        // the cleanup strategy that needs no removal time (Camunda refuses "none" with the other one)
        setHistoryCleanupStrategy(HISTORY_CLEANUP_STRATEGY_END_TIME_BASED);
        // the command a call hands to its steps travels as a transient object variable
        setCustomPreVariableSerializers(List.of(new TransientObjects()));
    }

    /** Whether MyBatis parses only the eager mappers at boot (default) or all of Camunda's, as Camunda does. */
    public SpukEngineConfiguration setDeferMappers(boolean defer) {
        this.deferMappers = defer;
        return this;
    }

    /**
     * Whether MyBatis finds child elements through {@link ChildNameXPathFactory} while the engine boots (default), or
     * through the JDK's XPath alone, as Camunda's does.
     */
    public SpukEngineConfiguration setChildNameXPath(boolean use) {
        this.childNameXPath = use;
        return this;
    }

    /** Whether the BPMN parse validates against the XML Schema, as Camunda's does (default: no). */
    public SpukEngineConfiguration setBpmnSchemaValidation(boolean validate) {
        setBpmnParseFactory(validate ? new DefaultBpmnParseFactory() : UnvalidatedBpmnParse::new);
        return this;
    }

    /** No DMN engine (see the class comment); decisions stay switched off with {@code setDmnEnabled(false)}. */
    @Override
    protected void initDmnEngine() {
        if (isDmnEnabled()) {
            super.initDmnEngine();
        }
    }

    /**
     * As Camunda builds its session factory, but from a configuration with the eager mappers only and the others
     * deferred. The mapper list comes from Camunda's own {@code mappings.xml}, in its order.
     */
    @Override
    protected void initSqlSessionFactory() {
        if (childNameXPath) {
            ChildNameXPathFactory.during(() -> {
                buildSqlSessionFactory();
                return null;
            });
        } else {
            buildSqlSessionFactory();
        }
    }

    private void buildSqlSessionFactory() {
        if (sqlSessionFactory != null) {
            return;
        }
        if (!deferMappers) {
            super.initSqlSessionFactory();
            return;
        }
        List<String> eager = new ArrayList<>();
        List<String> deferred = new ArrayList<>();
        for (String resource : camundaMappers()) {
            String name = resource.substring(resource.lastIndexOf('/') + 1).replace(".xml", "");
            (EAGER_MAPPERS.contains(name) ? eager : deferred).add(resource);
        }
        if (eager.size() != EAGER_MAPPERS.size()) {
            throw new IllegalStateException("Camunda's mappings.xml lacks some of " + EAGER_MAPPERS + ": found " + eager);
        }
        StringBuilder xml = new StringBuilder(CONFIGURATION_HEAD);
        eager.forEach(resource -> xml.append("    <mapper resource=\"").append(resource).append("\"/>\n"));
        xml.append(CONFIGURATION_TAIL);

        Properties properties = new Properties();
        properties.put("prefix", databaseTablePrefix);
        initSqlSessionFactoryProperties(properties, databaseTablePrefix, databaseType);
        try (Reader reader = new StringReader(xml.toString())) {
            XMLConfigBuilder parser = new XMLConfigBuilder(DeferredMappersConfiguration.class, reader, "", properties);
            Configuration configuration = parser.getConfiguration();
            configuration.setEnvironment(new Environment("default", transactionFactory, dataSource));
            configuration = parser.parse();
            if (!configuration.getIncompleteStatements().isEmpty() || !configuration.getIncompleteResultMaps().isEmpty()) {
                throw new IllegalStateException("an eager mapper refers to a deferred one: add it to EAGER_MAPPERS");
            }
            configuration.setDefaultStatementTimeout(jdbcStatementTimeout);
            if (isJdbcBatchProcessing()) {
                configuration.setDefaultExecutorType(ExecutorType.BATCH);
            }
            ((DeferredMappersConfiguration) configuration).defer(deferred);
            sqlSessionFactory = new DefaultSqlSessionFactory(configuration);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a statement outside the eager mappers was used in this engine (then all mappers are loaded). */
    boolean deferredMappersLoaded() {
        return sqlSessionFactory.getConfiguration() instanceof DeferredMappersConfiguration deferred
                && deferred.deferredLoaded();
    }

    private static List<String> camundaMappers() {
        try (InputStream in = SpukEngineConfiguration.class.getClassLoader().getResourceAsStream(DEFAULT_MYBATIS_MAPPING_FILE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_MYBATIS_MAPPING_FILE + " is not on the classpath");
            }
            Matcher m = MAPPER.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            List<String> resources = new ArrayList<>();
            while (m.find()) {
                resources.add(m.group(1));
            }
            return resources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
