package nl.spuk.config;

import java.time.Clock;
import nl.spuk.adapter.in.workflow.ProcessBeans;
import nl.spuk.adapter.out.camunda.CamundaWorkflow;
import nl.spuk.adapter.out.camunda.EngineCredentials;
import nl.spuk.adapter.out.camunda.EngineSettings;
import nl.spuk.adapter.out.dynamodb.DynamoDbAdvisoryHoursLedger;
import nl.spuk.adapter.out.dynamodb.DynamoDbAllocationRepository;
import nl.spuk.adapter.out.dynamodb.DynamoDbApplicationRepository;
import nl.spuk.adapter.out.dynamodb.DynamoDbDocumentRepository;
import nl.spuk.adapter.out.dynamodb.DynamoDbIdempotencyStore;
import nl.spuk.adapter.out.dynamodb.DynamoDbMonitoringFigures;
import nl.spuk.adapter.out.dynamodb.DynamoDbNotificationInbox;
import nl.spuk.adapter.out.dynamodb.DynamoDbOutbox;
import nl.spuk.adapter.out.mail.MustacheMailTemplates;
import nl.spuk.adapter.out.mail.SesMailer;
import nl.spuk.adapter.out.mail.SmtpMailer;
import nl.spuk.adapter.out.pdf.PdfLetterRenderer;
import nl.spuk.adapter.out.reference.MunicipalityList;
import nl.spuk.adapter.out.s3.S3DocumentStorage;
import nl.spuk.application.ApplicationQueries;
import nl.spuk.application.UploadCheck;
import nl.spuk.application.decision.DecisionService;
import nl.spuk.application.decision.DecisionSteps;
import nl.spuk.application.documents.DocumentService;
import nl.spuk.application.drafting.DraftService;
import nl.spuk.application.drafting.DraftingSteps;
import nl.spuk.application.drafting.LifecycleService;
import nl.spuk.application.monitoring.MonitoringService;
import nl.spuk.application.monitoring.MunicipalityService;
import nl.spuk.application.notifications.NotificationDelivery;
import nl.spuk.application.notifications.NotificationService;
import nl.spuk.application.port.IdempotencyStore;
import nl.spuk.application.port.Mailer;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The composition root: wires the use cases from their adapters with plain constructors. Every part is built on
 * first use, so a function builds only what its handlers use: one that only reads never builds the process steps or
 * the letter renderer, and no function boots the engine before it moves a process (or {@link #prepareToMoveProcesses}
 * asks it to). Lambda containers get theirs from {@link LambdaContainer}; local mode and tests build one on clients
 * of their choice.
 */
public final class Components implements AutoCloseable {
    /** The AWS clients the adapters use; they close with the components. */
    public record Clients(DynamoDbClient dynamo, S3Client s3, S3Presigner presigner) {
    }

    private final Clock realClock = Clock.systemUTC();
    private final Clients clients;
    private final CamundaWorkflow engine;

    private final Lazy<DynamoDbApplicationRepository> applications;
    private final Lazy<DynamoDbDocumentRepository> documentRepository;
    private final Lazy<DynamoDbAllocationRepository> allocations;
    private final Lazy<S3DocumentStorage> storage;
    private final Lazy<Municipalities> municipalityList = new Lazy<>(MunicipalityList::load);
    private final PlanRules rules = new PlanRules(SchemeRules.DEFAULT);
    /** The engine with the process steps bound, built when a process first moves. */
    private final Lazy<Workflow> boundWorkflow;
    private final Workflow workflow;
    private final Lazy<IdempotencyStore> idempotency;
    private final Lazy<ApplicationQueries> applicationQueries;
    private final Lazy<DraftService> drafts;
    private final Lazy<LifecycleService> lifecycle;
    private final Lazy<DocumentService> documents;
    private final Lazy<UploadCheck> uploads;
    private final Lazy<MunicipalityService> municipalities;
    private final Lazy<AdvisoryService> advisory;
    private final Lazy<ReviewService> review;
    private final Lazy<DecisionService> decisions;
    private final Lazy<ReportService> reports;
    private final Lazy<SettlementService> settlements;
    private final Lazy<MonitoringService> monitoring;
    private final MailSettings mail;
    /** SES's client, built only when a notification is first mailed through SES. */
    private final Lazy<SesV2Client> ses;
    private final Lazy<Mailer> mailer;
    private final Lazy<NotificationDelivery> notificationDelivery;
    private final Lazy<NotificationService> notifications;

    /**
     * Components whose engine logs in with the settings' plain user and password and that mail as the environment says
     * (tests).
     *
     * @param workflowClock the clock of the process and the scheme's dates (local mode moves it forward)
     * @param clients the AWS clients, closed with these components
     */
    public Components(Settings settings, Clock workflowClock, Clients clients) {
        this(settings, workflowClock, clients, EngineCredentials.fixed(settings.engineJdbcUser(), settings.engineJdbcPassword()),
                MailSettings.fromEnvironment());
    }

    /**
     * @param workflowClock the clock of the process and the scheme's dates (local mode moves it forward)
     * @param clients the AWS clients, closed with these components
     * @param engineCredentials where the engine database's login is kept
     * @param mail how notifications are mailed: through the SMTP server it names, else through SES (a client of its
     *     own, built on first use, closed with these components)
     */
    public Components(Settings settings, Clock workflowClock, Clients clients, EngineCredentials engineCredentials,
                      MailSettings mail) {
        this.clients = clients;
        this.mail = mail;
        String table = settings.tableName();
        this.engine = new CamundaWorkflow(new EngineSettings(settings.engineJdbcUrl(), engineCredentials,
                settings.engineSchema()), workflowClock);
        applications = new Lazy<>(() -> new DynamoDbApplicationRepository(clients.dynamo(), table));
        documentRepository = new Lazy<>(() -> new DynamoDbDocumentRepository(clients.dynamo(), table));
        allocations = new Lazy<>(() -> new DynamoDbAllocationRepository(clients.dynamo(), table));
        storage = new Lazy<>(() -> new S3DocumentStorage(clients.s3(), clients.presigner(), settings.bucketName(), realClock));
        boundWorkflow = new Lazy<>(() -> {
            var letters = new PdfLetterRenderer();
            engine.bind(new ProcessBeans(
                    new DraftingSteps(applications.get(), allocations.get(), rules, workflowClock),
                    new ReviewSteps(applications.get(), workflowClock),
                    new DecisionSteps(applications.get(), storage.get(), letters, workflowClock),
                    new ReportingSteps(applications.get(), SchemeRules.DEFAULT, workflowClock),
                    new SettlementSteps(applications.get(), storage.get(), letters, workflowClock)));
            return engine;
        });
        workflow = new DeferredWorkflow(boundWorkflow);
        idempotency = new Lazy<>(() -> new DynamoDbIdempotencyStore(clients.dynamo(), table));
        applicationQueries = new Lazy<>(() -> new ApplicationQueries(applications.get(), workflowClock));
        drafts = new Lazy<>(() -> new DraftService(applications.get(), workflow, municipalityList.get(), rules, workflowClock));
        uploads = new Lazy<>(() -> new UploadCheck(documentRepository.get(), storage.get(), realClock));
        lifecycle = new Lazy<>(() -> new LifecycleService(applications.get(), uploads.get(), workflow));
        documents = new Lazy<>(() -> new DocumentService(applications.get(), documentRepository.get(), storage.get(), realClock));
        municipalities = new Lazy<>(() -> new MunicipalityService(municipalityList.get(), allocations.get(), SchemeRules.DEFAULT));
        advisory = new Lazy<>(() -> new AdvisoryService(applications.get(),
                new DynamoDbAdvisoryHoursLedger(clients.dynamo(), table), municipalityList.get(), SchemeRules.DEFAULT, workflowClock));
        review = new Lazy<>(() -> new ReviewService(applications.get(), documentRepository.get(), workflow));
        decisions = new Lazy<>(() -> new DecisionService(applications.get(), allocations.get(), workflow));
        reports = new Lazy<>(() -> new ReportService(applications.get(), documentRepository.get(), workflow, SchemeRules.DEFAULT, workflowClock));
        settlements = new Lazy<>(() -> new SettlementService(applications.get(), workflow));
        monitoring = new Lazy<>(() -> new MonitoringService(municipalityList.get(), allocations.get(),
                new DynamoDbMonitoringFigures(clients.dynamo(), table), applications.get(), SchemeRules.DEFAULT));
        ses = new Lazy<>(() -> SesV2Client.builder().region(Region.of(settings.region()))
                .httpClient(UrlConnectionHttpClient.create()).build());
        mailer = new Lazy<>(() -> mail.smtp().<Mailer>map(server -> new SmtpMailer(server, mail.from(), realClock))
                .orElseGet(() -> new SesMailer(ses.get(), mail.from(), realClock)));
        // The mailer (with SES, its client) is built on the first mail, not with the notifier: after a SnapStart restore.
        Mailer onFirstMail = message -> mailer.get().send(message);
        notificationDelivery = new Lazy<>(() -> new NotificationDelivery(new DynamoDbOutbox(clients.dynamo(), table),
                new DynamoDbNotificationInbox(clients.dynamo(), table), onFirstMail, new MustacheMailTemplates(),
                mail.setup(), realClock));
        notifications = new Lazy<>(() -> new NotificationService(new DynamoDbNotificationInbox(clients.dynamo(), table),
                realClock));
    }

    /**
     * For a function that moves processes: starts booting the engine on a thread of its own and builds the process
     * steps meanwhile, so that both are done before the first request (with SnapStart, part of the snapshot; a boot
     * that fails there is left to the first request, see {@link CamundaWorkflow#beforeCheckpoint}).
     */
    public void prepareToMoveProcesses() {
        engine.bootInBackground();
        boundWorkflow.get();
    }

    /** The engine under the workflow, for the SnapStart hooks. */
    CamundaWorkflow engine() {
        return engine;
    }

    /** Whether the process steps (and with them the letter renderer) were built. */
    public boolean processStepsBuilt() {
        return boundWorkflow.built();
    }

    public Clock realClock() {
        return realClock;
    }

    public Workflow workflow() {
        return boundWorkflow.get();
    }

    public IdempotencyStore idempotency() {
        return idempotency.get();
    }

    public ApplicationQueries applicationQueries() {
        return applicationQueries.get();
    }

    public DraftService drafts() {
        return drafts.get();
    }

    public LifecycleService lifecycle() {
        return lifecycle.get();
    }

    public DocumentService documents() {
        return documents.get();
    }

    public UploadCheck uploads() {
        return uploads.get();
    }

    public MunicipalityService municipalities() {
        return municipalities.get();
    }

    public AdvisoryService advisory() {
        return advisory.get();
    }

    public ReviewService review() {
        return review.get();
    }

    public DecisionService decisions() {
        return decisions.get();
    }

    public ReportService reports() {
        return reports.get();
    }

    public SettlementService settlements() {
        return settlements.get();
    }

    public MonitoringService monitoring() {
        return monitoring.get();
    }

    /** Delivers stored notifications (the notifier's use case). */
    public NotificationDelivery notificationDelivery() {
        return notificationDelivery.get();
    }

    /** The notifications in the app. */
    public NotificationService notifications() {
        return notifications.get();
    }

    /** How notifications are mailed. */
    public MailSettings mailSettings() {
        return mail;
    }

    @Override
    public void close() {
        engine.close();
        if (ses.built()) {
            ses.get().close();
        }
        clients.presigner().close();
        clients.s3().close();
        clients.dynamo().close();
    }
}
