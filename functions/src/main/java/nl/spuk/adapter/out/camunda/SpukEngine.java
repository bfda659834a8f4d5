package nl.spuk.adapter.out.camunda;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A booted process engine with the application process deployed, configured the same way everywhere (Lambda,
 * local mode, tests): the given database through a HikariCP pool that SnapStart hooks close and reopen
 * ({@link #suspend}, {@link #resume}), random UUID ids (no id blocks held in memory), no job executor thread (timers
 * run when {@code runDueJobs} is called), no metrics, history only down to activities (the business record keeps
 * its own audit trail), and the boot-time trims of {@link SpukEngineConfiguration}.
 */
public final class SpukEngine implements AutoCloseable {
    /** The id of the application process in {@code spuk-application.bpmn}. */
    public static final String PROCESS_KEY = "spuk-application";
    /** The BPMN file on the classpath (from the {@code workflows} module). */
    public static final String BPMN_RESOURCE = "spuk-application.bpmn";

    private static final Logger LOG = LoggerFactory.getLogger(SpukEngine.class);
    private static final AtomicInteger ENGINES = new AtomicInteger();

    private final ProcessEngine engine;
    private final SpukEngineConfiguration config;
    private final ReopenablePool dataSource;
    private final Duration bootTime;

    private SpukEngine(ProcessEngine engine, SpukEngineConfiguration config, ReopenablePool dataSource, Duration bootTime) {
        this.engine = engine;
        this.config = config;
        this.dataSource = dataSource;
        this.bootTime = bootTime;
    }

    /**
     * Boots an engine on the database (creating its missing tables, or only checking them, as
     * {@link EngineSettings#schema} says), deploys the application process unless the same file is deployed already,
     * and parses it into the deployment cache. The process's expressions call the beans by name; the map is read when
     * an expression runs, so beans put in after the boot are found. Takes a second or more: {@link CamundaWorkflow}
     * does it once per JVM, on first use or in the background.
     */
    public static SpukEngine boot(EngineSettings settings, Map<Object, Object> beans) {
        long started = System.nanoTime();
        ReopenablePool dataSource = new ReopenablePool(settings);
        try {
            SpukEngineConfiguration config = configuration(dataSource, settings.schema() == EngineSettings.Schema.CREATE
                    ? ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE : ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE);
            config.setBeans(beans);
            ProcessEngine engine = config.buildProcessEngine();
            RepositoryService repository = engine.getRepositoryService();
            repository.createDeployment()
                    .name(PROCESS_KEY)
                    .addClasspathResource(BPMN_RESOURCE)
                    .enableDuplicateFiltering(true)
                    .deploy();
            // the first command would parse the process into the deployment cache; the boot does it instead (on the
            // background thread that boots it early, or into the SnapStart snapshot)
            repository.getProcessDefinition(repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY)
                    .latestVersion().singleResult().getId());
            Duration bootTime = Duration.ofNanos(System.nanoTime() - started);
            LOG.info("process engine {} booted on {} in {} ms", engine.getName(), settings.jdbcUrl(), bootTime.toMillis());
            return new SpukEngine(engine, config, dataSource, bootTime);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /**
     * The configuration of every engine of ours, the schema step's included: they must agree on what the tables hold
     * (the history level is written into them when they are made, and checked at every boot).
     *
     * @param databaseSchemaUpdate Camunda's {@code databaseSchemaUpdate}: what the boot does with the tables
     */
    static SpukEngineConfiguration configuration(ReopenablePool dataSource, String databaseSchemaUpdate) {
        SpukEngineConfiguration config = new SpukEngineConfiguration();
        // a unique name: ProcessEngines keeps a static registry by name, and tests run several engines
        config.setProcessEngineName("spuk-" + ENGINES.incrementAndGet());
        config.setDataSource(dataSource);
        config.setDatabaseSchemaUpdate(databaseSchemaUpdate);
        // activity history: enough to tell that an application's process ever ran (start stays idempotent
        // after the process has ended) and for process tests to see the path taken
        config.setHistory(ProcessEngineConfiguration.HISTORY_ACTIVITY);
        config.setJobExecutorActivate(false);
        config.setMetricsEnabled(false);
        config.setDbMetricsReporterActivate(false);
        config.setTaskMetricsEnabled(false);
        config.setCmmnEnabled(false);
        config.setDmnEnabled(false);
        // a failing command is its caller's to report: a broken business rule is an answer, not an engine error
        config.setEnableCmdExceptionLogging(false);
        return config;
    }

    public ProcessEngine processEngine() {
        return engine;
    }

    /** How long {@link #boot} took, schema and deployment included. */
    public Duration bootTime() {
        return bootTime;
    }

    /** Closes every database connection, before a SnapStart checkpoint; the engine needs {@link #resume} then. */
    public void suspend() {
        dataSource.suspend();
        LOG.info("process engine {}: connection pool closed", engine.getName());
    }

    /** Opens the connection pool again after a restore (nothing to do if it is open). */
    public void resume() {
        dataSource.reopen();
    }

    /** Whether the engine's connection pool is open (it is, except between {@link #suspend} and {@link #resume}). */
    public boolean poolOpen() {
        return dataSource.isOpen();
    }

    /**
     * Whether this engine needed a MyBatis mapper outside the set it parses at boot (then it parsed them all, once);
     * the application process should never need one.
     */
    public boolean deferredMappersLoaded() {
        return config.deferredMappersLoaded();
    }

    /** Closes the engine, then its connection pool. */
    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            dataSource.close();
        }
    }
}
