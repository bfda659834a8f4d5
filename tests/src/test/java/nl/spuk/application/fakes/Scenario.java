package nl.spuk.application.fakes;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import nl.spuk.application.ProcessCommand;
import nl.spuk.application.RequestId;
import nl.spuk.application.UploadCheck;
import nl.spuk.application.decision.DecisionService;
import nl.spuk.application.decision.DecisionSteps;
import nl.spuk.application.documents.DocumentService;
import nl.spuk.application.documents.UploadTicket;
import nl.spuk.application.drafting.DraftService;
import nl.spuk.application.drafting.DraftingSteps;
import nl.spuk.application.drafting.LifecycleService;
import nl.spuk.application.monitoring.MonitoringService;
import nl.spuk.application.monitoring.MunicipalityService;
import nl.spuk.application.port.Allocation;
import nl.spuk.application.reporting.ReportService;
import nl.spuk.application.reporting.ReportingSteps;
import nl.spuk.application.review.AdvisoryService;
import nl.spuk.application.review.ReviewService;
import nl.spuk.application.review.ReviewSteps;
import nl.spuk.application.settlement.SettlementService;
import nl.spuk.application.settlement.SettlementSteps;
import nl.spuk.domain.Activity;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Application;
import nl.spuk.domain.AttentionPoint;
import nl.spuk.domain.Contact;
import nl.spuk.domain.DocumentKind;
import nl.spuk.domain.Municipalities;
import nl.spuk.domain.Municipality;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Plan;
import nl.spuk.domain.PlanRules;
import nl.spuk.domain.Role;
import nl.spuk.domain.SchemeRules;
import nl.spuk.domain.YearAmounts;

/**
 * The use cases and steps of every slice wired to the in-memory ports and the {@link StepsWorkflow}, on a
 * {@link TestClock} standing at {@link #T0}; and the users and the moves that bring an application to any stage of
 * its lifecycle through the use cases, as its users would. A test of one slice brings the application to where that
 * slice starts, then works on it with the slice's own use case or steps.
 */
public final class Scenario {
    /** A Monday morning in 2025, after the 2025 reports opened and before any deadline. */
    public static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
    public static final int YEAR = 2025;
    public static final long BUDGET_CENTS = 1_000_000L;
    /** The allocation the moves set when none is set yet: room for several budgets. */
    public static final long ALLOCATION_CENTS = 5_000_000L;

    public static final Municipality GRONINGEN = new Municipality(new MunicipalityCode("GM0014"), "Groningen");
    public static final Municipality UTRECHT = new Municipality(new MunicipalityCode("GM0344"), "Utrecht");
    public static final Municipality ZWOLLE = new Municipality(new MunicipalityCode("GM0193"), "Zwolle");

    public static final Actor OFFICIAL = new Actor("official-groningen", "A. Ambtenaar", Role.MUNICIPALITY, GRONINGEN.code());
    public static final Actor COLLEAGUE = new Actor("colleague-groningen", "B. Collega", Role.MUNICIPALITY, GRONINGEN.code());
    public static final Actor UTRECHT_OFFICIAL = new Actor("official-utrecht", "U. Trecht", Role.MUNICIPALITY, UTRECHT.code());
    public static final Actor ADVISOR = new Actor("advisor-1", "C. Adviseur", Role.ADVISOR, null);
    public static final Actor OTHER_ADVISOR = new Actor("advisor-2", "D. Adviseur", Role.ADVISOR, null);
    public static final Actor PROPOSER = new Actor("ministry-1", "E. Voorsteller", Role.MINISTRY, null);
    public static final Actor APPROVER = new Actor("ministry-2", "F. Goedkeurder", Role.MINISTRY, null);
    public static final Actor THIRD_MINISTRY = new Actor("ministry-3", "G. Derde", Role.MINISTRY, null);

    public static final byte[] PDF = "%PDF-1.7\n% plan\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    public final TestClock clock = new TestClock(T0);
    public final InMemoryTable table = new InMemoryTable();
    public final InMemoryApplicationRepository applications = new InMemoryApplicationRepository(table);
    public final InMemoryAllocationRepository allocations = new InMemoryAllocationRepository(table);
    public final InMemoryDocumentRepository documents = new InMemoryDocumentRepository(table);
    public final InMemoryHoursLedger ledger = new InMemoryHoursLedger(table);
    public final InMemoryMonitoringFigures figures = new InMemoryMonitoringFigures(table);
    public final InMemoryDocumentStorage storage = new InMemoryDocumentStorage(clock);
    public final FakeLetterRenderer letters = new FakeLetterRenderer();
    public final Municipalities municipalities = new Municipalities(List.of(GRONINGEN, UTRECHT, ZWOLLE));
    public final SchemeRules scheme = SchemeRules.DEFAULT;
    public final PlanRules planRules = new PlanRules(scheme);

    public final DraftingSteps draftingSteps = new DraftingSteps(applications, allocations, planRules, clock);
    public final ReviewSteps reviewSteps = new ReviewSteps(applications, clock);
    public final DecisionSteps decisionSteps = new DecisionSteps(applications, storage, letters, clock);
    public final ReportingSteps reportingSteps = new ReportingSteps(applications, scheme, clock);
    public final SettlementSteps settlementSteps = new SettlementSteps(applications, storage, letters, clock);
    public final StepsWorkflow workflow = new StepsWorkflow(draftingSteps, reviewSteps, decisionSteps, reportingSteps,
            settlementSteps, clock);

    public final DraftService drafts = new DraftService(applications, workflow, municipalities, planRules, clock);
    public final DocumentService documentService = new DocumentService(applications, documents, storage, clock);
    public final UploadCheck uploads = new UploadCheck(documents, storage, clock);
    public final LifecycleService lifecycle = new LifecycleService(applications, uploads, workflow);
    public final ReviewService reviews = new ReviewService(applications, documents, workflow);
    public final AdvisoryService advisory = new AdvisoryService(applications, ledger, municipalities, scheme, clock);
    public final DecisionService decisions = new DecisionService(applications, allocations, workflow);
    public final ReportService reports = new ReportService(applications, documents, workflow, scheme, clock);
    public final SettlementService settlements = new SettlementService(applications, workflow);
    public final MonitoringService monitoring = new MonitoringService(municipalities, allocations, figures, applications, scheme);
    public final MunicipalityService municipalityService = new MunicipalityService(municipalities, allocations, scheme);

    // ---- inputs

    /** A request without an Idempotency-Key: every call is a new request. */
    public static RequestId once() {
        return RequestId.once(UUID.randomUUID().toString());
    }

    /** A plan with one activity (respite care) budgeted per year as given; its years are those of the budget. */
    public static Plan plan(String title, Map<Integer, Long> budgetPerYear) {
        return new Plan(title, List.copyOf(new TreeSet<>(budgetPerYear.keySet())),
                List.of(new Activity(AttentionPoint.VERLICHTEN, "Respijtzorg", "Logeeropvang voor de naaste",
                        YearAmounts.of(budgetPerYear))),
                new Contact("J. de Vries", "j.devries@example.nl"));
    }

    /** A complete plan for {@link #YEAR} asking {@link #BUDGET_CENTS}. */
    public static Plan plan() {
        return plan("Mantelzorg in Groningen", Map.of(YEAR, BUDGET_CENTS));
    }

    public static YearAmounts amounts(int year, long cents) {
        return YearAmounts.of(Map.of(year, cents));
    }

    /** A report spending {@code cents} in all: a tenth on VINDEN, the rest on VERLICHTEN. */
    public static ReportService.Submission report(long cents) {
        Map<String, Long> spent = new LinkedHashMap<>();
        spent.put("VINDEN", cents / 10);
        spent.put("VERLICHTEN", cents - cents / 10);
        return new ReportService.Submission(spent, 42L, new BigDecimal("120.5"), "Meer mantelzorgers bereikt", null);
    }

    /** A command as a use case makes it, for a test that runs a step directly. */
    public static ProcessCommand command(Application read, Actor actor, Object request) {
        return ProcessCommand.on(read, actor, once(), request);
    }

    // ---- moves

    public void allocate(Municipality municipality, int year, long cents) {
        allocations.setAll(List.of(new Allocation(municipality.code(), year, cents)));
    }

    /** Sets {@link #ALLOCATION_CENTS} for each of the plan's years that has no allocation yet. */
    public void ensureAllocations(Actor official, Plan plan) {
        var allocated = allocations.stateOf(official.municipality()).allocated().asMap();
        for (int year : plan.years()) {
            if (!allocated.containsKey(year)) {
                allocations.setAll(List.of(new Allocation(official.municipality(), year, ALLOCATION_CENTS)));
            }
        }
    }

    public Application draft() {
        return draft(OFFICIAL, plan());
    }

    public Application draft(Actor official, Plan plan) {
        return drafts.create(official, once(), plan);
    }

    /** Announces a document, PUTs its bytes as the client does and confirms it as storage reports it; its id. */
    public String upload(Actor actor, String applicationId, DocumentKind kind, String fileName, byte[] bytes) {
        UploadTicket ticket = documentService.announce(actor, once(), applicationId, fileName, "application/pdf",
                bytes.length, kind);
        String key = documents.find(applicationId, ticket.documentId()).orElseThrow().uploadKey();
        storage.upload(key, bytes, "application/pdf");
        uploads.confirmUpload(key);
        return ticket.documentId();
    }

    public String uploadPlan(Actor official, String applicationId) {
        return upload(official, applicationId, DocumentKind.PLAN, "plan.pdf", PDF);
    }

    public Application inReview() {
        return inReview(OFFICIAL, plan());
    }

    public Application inReview(Actor official, Plan plan) {
        Application draft = draft(official, plan);
        uploadPlan(official, draft.id());
        ensureAllocations(official, plan);
        return lifecycle.submit(official, once(), draft.id());
    }

    public Application changesRequested() {
        Application app = inReview();
        return reviews.advise(ADVISOR, once(), app.id(), "CHANGES_REQUESTED", "Graag de begroting aanvullen", null);
    }

    public Application advised() {
        return advised(OFFICIAL, plan());
    }

    public Application advised(Actor official, Plan plan) {
        Application app = inReview(official, plan);
        return reviews.advise(ADVISOR, once(), app.id(), "POSITIVE", "Een goed plan", null);
    }

    public Application decisionProposed() {
        return decisionProposed(OFFICIAL, plan(), amounts(YEAR, BUDGET_CENTS));
    }

    public Application decisionProposed(Actor official, Plan plan, YearAmounts award) {
        Application app = advised(official, plan);
        return decisions.propose(PROPOSER, once(), app.id(), "AWARD", award, "Rapporteer per jaar", "Positief geadviseerd");
    }

    /** Awarded and approved; the timers due ran, so the reports on past and current years are open. */
    public Application awarded() {
        return awarded(OFFICIAL, plan(), amounts(YEAR, BUDGET_CENTS));
    }

    public Application awarded(Actor official, Plan plan, YearAmounts award) {
        Application app = decisionProposed(official, plan, award);
        decisions.approve(APPROVER, once(), app.id());
        workflow.runDueJobs();
        return applications.find(app.id()).orElseThrow();
    }

    /** Awarded for {@link #YEAR}, its report submitted spending {@code spentCents}. */
    public Application reportSubmitted(long spentCents) {
        Application app = awarded();
        reports.submit(OFFICIAL, once(), app.id(), YEAR, report(spentCents));
        return applications.find(app.id()).orElseThrow();
    }

    /** Awarded {@link #BUDGET_CENTS} for {@link #YEAR}, its report accepted spending {@code spentCents}. */
    public Application reportsAccepted(long spentCents) {
        Application app = reportSubmitted(spentCents);
        reports.review(APPROVER, once(), app.id(), YEAR, "ACCEPT", null);
        return applications.find(app.id()).orElseThrow();
    }

    public Application settlementProposed(long spentCents) {
        Application app = reportsAccepted(spentCents);
        return settlements.propose(PROPOSER, once(), app.id());
    }

    public Application settled(long spentCents) {
        Application app = settlementProposed(spentCents);
        return settlements.approve(APPROVER, once(), app.id());
    }

    /** The application as stored now. */
    public Application stored(String id) {
        return applications.find(id).orElseThrow();
    }
}
