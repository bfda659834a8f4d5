package nl.spuk.config;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import nl.spuk.adapter.in.workflow.ProcessBeans;
import nl.spuk.adapter.out.camunda.CamundaWorkflow;
import nl.spuk.adapter.out.camunda.EngineSettings;
import nl.spuk.adapter.out.dynamodb.DynamoDbAdvisoryHoursLedger;
import nl.spuk.adapter.out.dynamodb.DynamoDbAllocationRepository;
import nl.spuk.adapter.out.dynamodb.DynamoDbApplicationRepository;
import nl.spuk.adapter.out.dynamodb.DynamoDbDocumentRepository;
import nl.spuk.adapter.out.dynamodb.DynamoDbIdempotencyStore;
import nl.spuk.adapter.out.dynamodb.DynamoDbMonitoringFigures;
import nl.spuk.adapter.out.pdf.PdfLetterRenderer;
import nl.spuk.adapter.out.reference.MunicipalityList;
import nl.spuk.adapter.out.s3.S3Clients;
import nl.spuk.adapter.out.s3.S3DocumentStorage;
import nl.spuk.application.ApplicationQueries;
import nl.spuk.application.decision.DecisionService;
import nl.spuk.application.decision.DecisionSteps;
import nl.spuk.application.documents.DocumentService;
import nl.spuk.application.drafting.DraftService;
import nl.spuk.application.drafting.DraftingSteps;
import nl.spuk.application.drafting.LifecycleService;
import nl.spuk.application.monitoring.MonitoringService;
import nl.spuk.application.monitoring.MunicipalityService;
import nl.spuk.application.port.IdempotencyStore;
import nl.spuk.application.port.Workflow;
import nl.spuk.application.reporting.ReportService;
import nl.spuk.application.reporting.ReportingSteps;
import nl.spuk.application.review.AdvisoryService;
import nl.spuk.application.review.ReviewService;
import nl.spuk.application.review.ReviewSteps;
import nl.spuk.application.settlement.SettlementService;
import nl.spuk.application.settlement.SettlementSteps;
import nl.spuk.domain.Municipalities;
import nl.spuk.domain.PlanRules;
import nl.spuk.domain.SchemeRules;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Wires the product from its settings with plain constructors, once per JVM (a Lambda container, or the local
 * server). Nothing here boots the engine: the workflow starts it on first use, except that a Lambda container of
 * a function that drives the engine (one given {@code SPUK_ENGINE_JDBC_URL}) starts the boot in the background
 * while its handler is built. As a CRaC {@link Resource} (registered in Lambda) it closes the engine's and the AWS
 * clients' connections before a SnapStart checkpoint and reopens them after the restore.
 */
public final class Components implements AutoCloseable, Resource {
    private static volatile Components installed;

    private final Clock realClock = Clock.systemUTC();
    private final DynamoDbClient dynamo;
    private final S3Client s3;
    private final S3Presigner presigner;
    /** The HTTP clients under the AWS SDK clients that SnapStart hooks close and reopen; null for a given client. */
    private final ReopenableHttpClient dynamoHttp;
    private final ReopenableHttpClient s3Http;
    private final CamundaWorkflow workflow;
    private final IdempotencyStore idempotency;
    private final ApplicationQueries applicationQueries;
    private final DraftService drafts;
    private final LifecycleService lifecycle;
    private final DocumentService documents;
    private final MunicipalityService municipalities;
    private final AdvisoryService advisory;
    private final ReviewService review;
    private final DecisionService decisions;
    private final ReportService reports;
    private final SettlementService settlements;
    private final MonitoringService monitoring;

    /**
     * What a test hooks into the product's connections, to inject faults: interceptors on the AWS SDK clients and a
     * rewrite of the engine's JDBC URL (to a wrapping driver, say). {@link #NONE} outside such tests.
     *
     * @param sdkInterceptors added to the S3 client built here; whoever passes a DynamoDB client builds it with them
     * @param engineJdbcUrl turns the configured engine JDBC URL into the one the engine connects to
     */
    public record Hooks(List<ExecutionInterceptor> sdkInterceptors, UnaryOperator<String> engineJdbcUrl) {
        /** No hooks: the clients and the URL as configured. */
        public static final Hooks NONE = new Hooks(List.of(), UnaryOperator.identity());

        public Hooks {
            sdkInterceptors = List.copyOf(sdkInterceptors);
            Objects.requireNonNull(engineJdbcUrl, "engineJdbcUrl");
        }
    }

    private Components(Settings settings, Clock workflowClock, DynamoDbClient dynamo, ReopenableHttpClient dynamoHttp,
                       Hooks hooks, CamundaWorkflow workflow) {
        this.dynamo = dynamo;
        this.dynamoHttp = dynamoHttp;
        this.s3Http = new ReopenableHttpClient(UrlConnectionHttpClient::create);
        this.s3 = S3Clients.client(settings.region(), settings.s3Endpoint(), null, hooks.sdkInterceptors(), s3Http);
        this.presigner = S3Clients.presigner(settings.region(), settings.s3Endpoint());
        var applications = new DynamoDbApplicationRepository(dynamo, settings.tableName());
        var documentRepository = new DynamoDbDocumentRepository(dynamo, settings.tableName());
        var allocations = new DynamoDbAllocationRepository(dynamo, settings.tableName());
        Municipalities municipalityList = MunicipalityList.load();
        PlanRules rules = new PlanRules(SchemeRules.DEFAULT);
        var storage = new S3DocumentStorage(s3, presigner, settings.bucketName(), realClock);
        var letters = new PdfLetterRenderer();
        this.workflow = workflow;
        workflow.bind(new ProcessBeans(
                new DraftingSteps(applications, allocations, rules, workflowClock),
                new ReviewSteps(applications, workflowClock),
                new DecisionSteps(applications, storage, letters, workflowClock),
                new ReportingSteps(applications, SchemeRules.DEFAULT, workflowClock),
                new SettlementSteps(applications, storage, letters, workflowClock)));
        this.idempotency = new DynamoDbIdempotencyStore(dynamo, settings.tableName());
        this.applicationQueries = new ApplicationQueries(applications);
        this.drafts = new DraftService(applications, workflow, municipalityList, rules, workflowClock);
        this.lifecycle = new LifecycleService(applications, workflow);
        this.documents = new DocumentService(applications, documentRepository, storage, realClock);
        this.municipalities = new MunicipalityService(municipalityList, allocations, SchemeRules.DEFAULT);
        this.advisory = new AdvisoryService(applications, new DynamoDbAdvisoryHoursLedger(dynamo, settings.tableName()),
                municipalityList, SchemeRules.DEFAULT, workflowClock);
        this.review = new ReviewService(applications, documentRepository, workflow);
        this.decisions = new DecisionService(applications, allocations, workflow);
        this.reports = new ReportService(applications, documentRepository, workflow, workflowClock);
        this.settlements = new SettlementService(applications, workflow);
        this.monitoring = new MonitoringService(municipalityList, allocations,
                new DynamoDbMonitoringFigures(dynamo, settings.tableName()), applications, SchemeRules.DEFAULT);
    }

    /** Wires the product as a Lambda container does: AWS SDK clients on the url-connection HTTP client. */
    public static Components create(Settings settings, Clock workflowClock) {
        return create(settings, workflowClock, false);
    }

    /**
     * The Lambda wiring; a container that will need the engine boots it on a thread of its own from the start, so
     * that the boot overlaps with building the AWS clients and the first reads (a container with more than one vCPU
     * answers sooner; with SnapStart the boot is part of the snapshot).
     */
    private static Components create(Settings settings, Clock workflowClock, boolean bootEngineFirst) {
        CamundaWorkflow workflow = workflow(settings, Hooks.NONE, workflowClock);
        if (bootEngineFirst) {
            workflow.bootInBackground();
        }
        var dynamoHttp = new ReopenableHttpClient(UrlConnectionHttpClient::create);
        var builder = DynamoDbClient.builder()
                .httpClient(dynamoHttp)
                .region(Region.of(settings.region()));
        settings.dynamoDbEndpoint().ifPresent(builder::endpointOverride);
        return new Components(settings, workflowClock, builder.build(), dynamoHttp, Hooks.NONE, workflow);
    }

    private static CamundaWorkflow workflow(Settings settings, Hooks hooks, Clock workflowClock) {
        return new CamundaWorkflow(new EngineSettings(hooks.engineJdbcUrl().apply(settings.engineJdbcUrl()),
                settings.engineJdbcUser(), settings.engineJdbcPassword()), workflowClock);
    }

    /** Wires the product on a given DynamoDB client (local mode and tests choose a faster HTTP client). */
    public static Components create(Settings settings, Clock workflowClock, DynamoDbClient dynamo) {
        return new Components(settings, workflowClock, dynamo, null, Hooks.NONE, workflow(settings, Hooks.NONE, workflowClock));
    }

    /**
     * Wires the product on a given DynamoDB client with test hooks (fault injection); build that client with
     * {@code hooks.sdkInterceptors()} too.
     */
    public static Components create(Settings settings, Clock workflowClock, DynamoDbClient dynamo, Hooks hooks) {
        return new Components(settings, workflowClock, dynamo, null, hooks, workflow(settings, hooks, workflowClock));
    }

    /** Makes these the components every handler's no-arg constructor uses (local mode and tests). */
    public static synchronized void install(Components components) {
        installed = components;
    }

    /** The installed components; in a Lambda container, built from the environment on first use. */
    public static Components get() {
        Components c = installed;
        if (c == null) {
            synchronized (Components.class) {
                if (installed == null) {
                    // only the functions that drive the engine get its database: they boot it while the rest starts
                    installed = create(Settings.fromEnvironment(), Clock.systemUTC(), System.getenv(Settings.ENGINE_JDBC_URL) != null);
                    // SnapStart calls the hooks around its snapshot; CRaC holds resources weakly, `installed` keeps it
                    Core.getGlobalContext().register(installed);
                }
                c = installed;
            }
        }
        return c;
    }

    public Clock realClock() {
        return realClock;
    }

    public Workflow workflow() {
        return workflow;
    }

    public IdempotencyStore idempotency() {
        return idempotency;
    }

    public ApplicationQueries applicationQueries() {
        return applicationQueries;
    }

    public DraftService drafts() {
        return drafts;
    }

    public LifecycleService lifecycle() {
        return lifecycle;
    }

    public DocumentService documents() {
        return documents;
    }

    public MunicipalityService municipalities() {
        return municipalities;
    }

    public AdvisoryService advisory() {
        return advisory;
    }

    public ReviewService review() {
        return review;
    }

    public DecisionService decisions() {
        return decisions;
    }

    public ReportService reports() {
        return reports;
    }

    public SettlementService settlements() {
        return settlements;
    }

    public MonitoringService monitoring() {
        return monitoring;
    }

    /**
     * Before a SnapStart checkpoint: waits for an engine boot under way, then closes the engine's database connections
     * and the AWS clients' HTTP connections.
     */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        workflow.beforeCheckpoint(context);
        s3Http.suspend();
        if (dynamoHttp != null) {
            dynamoHttp.suspend();
        }
    }

    /** After a SnapStart restore: opens the connections again (the engine stays booted). */
    @Override
    public void afterRestore(Context<? extends Resource> context) {
        if (dynamoHttp != null) {
            dynamoHttp.reopen();
        }
        s3Http.reopen();
        workflow.afterRestore(context);
    }

    @Override
    public void close() {
        workflow.close();
        presigner.close();
        s3.close();
        s3Http.close();
        dynamo.close();
        if (dynamoHttp != null) {
            dynamoHttp.close();
        }
    }
}
