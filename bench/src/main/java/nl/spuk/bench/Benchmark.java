package nl.spuk.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import nl.spuk.adapter.out.reference.MunicipalityList;
import nl.spuk.bench.child.EngineChild;
import nl.spuk.bench.child.LambdaChild;
import nl.spuk.bench.child.MinimalGetItemHandler;
import nl.spuk.bench.child.Noop;
import nl.spuk.config.Components;
import nl.spuk.config.LambdaContainer;

/**
 * The benchmark the README names: {@code java -jar bench/target/spuk-bench.jar [options]}. Measures, each against a
 * baseline measured in the same run, and prints a Markdown report (also written to {@code bench/target}):
 * <ol>
 * <li>cold starts of fresh JVMs: a read route and a command route against a minimal GetItem handler and stock
 * Camunda, with and without AppCDS, and the rungs from stock Camunda to our engine configuration;</li>
 * <li>complete applications per second through the handlers against the floor of the design (the raw engine plus
 * the handlers' DynamoDB and S3 calls made directly) and the raw engine alone;</li>
 * <li>every route's warm latency under 8 clients on the local server against DynamoDB Local's GetItem/PutItem;</li>
 * <li>the Lambda jar's size against Lambda's limits.</li>
 * </ol>
 * Options: {@code --samples N} (cold starts per scenario, default 5), {@code --quick} (shorter throughput and
 * latency windows), {@code --skip cold,throughput,latency}, {@code --lambda-jar PATH}, {@code --child-option OPTION}
 * (a JVM option for every cold-start run, e.g. {@code -XX:StartFlightRecording=filename=/tmp/{run}.jfr} to profile
 * them; {@code {run}} stands for the run's name; repeatable).
 */
public final class Benchmark {
    private static final String ENGINE_DB = "spuk";
    private static final String STOCK_DB = "stock";
    private static final String LADDER_DB = "ladder";
    private static final String RAW_DB = "raw";
    private static final String FLOOR_DB = "floor";
    private static final String COMMAND = "mvn -B -q -pl bench -am package -DskipTests && java -jar bench/target/spuk-bench.jar";

    static {
        // before any logger exists: the driver's own quiet configuration, not one of the several on its class path
        System.setProperty("logback.configurationFile", "bench-logback.xml");
        // the report's numbers use a dot, whatever the machine's locale
        Locale.setDefault(Locale.ROOT);
    }

    private final List<String> report = new ArrayList<>();

    private final List<String> childOptions;

    private Benchmark(List<String> childOptions) {
        this.childOptions = childOptions;
    }

    public static void main(String[] args) throws Exception {
        int samples = 5;
        boolean quick = false;
        List<String> skip = new ArrayList<>();
        Path lambdaJarOption = null;
        List<String> childOptions = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--quick" -> quick = true;
                case "--skip" -> skip.addAll(List.of(args[++i].split(",")));
                case "--lambda-jar" -> lambdaJarOption = Path.of(args[++i]);
                case "--child-option" -> childOptions.add(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --samples N, --quick, --skip cold,throughput,latency, --lambda-jar PATH, --child-option OPTION)");
            }
        }
        if (samples < 5) {
            throw new IllegalArgumentException("medians need at least 5 samples");
        }
        Path target = Path.of(Benchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        Path repository = target.getParent().getParent();
        Path lambdaJar = lambdaJarOption != null ? lambdaJarOption
                : repository.resolve("functions/target/spuk-functions-1.0.0-SNAPSHOT-lambda.jar");
        if (!Files.exists(lambdaJar)) {
            throw new IllegalStateException(lambdaJar + " is missing: build with " + COMMAND);
        }
        Benchmark benchmark = new Benchmark(childOptions);
        long started = System.nanoTime();
        try {
            benchmark.run(target, lambdaJar, samples, quick, skip);
        } catch (Exception | Error e) {
            // servers and pools started on the way keep the JVM alive otherwise
            e.printStackTrace();
            System.exit(1);
        }
        benchmark.line("");
        benchmark.line("Run took %.1f minutes; load average at the end %.1f.", (System.nanoTime() - started) / 6e10, Machine.loadAverage());
        String text = String.join("\n", benchmark.report) + "\n";
        Path out = target.resolve("benchmark-results.md");
        Files.writeString(out, text, StandardCharsets.UTF_8);
        System.out.print(text);
        System.err.println("written to " + out);
        System.exit(0);
    }

    private void run(Path target, Path lambdaJar, int samples, boolean quick, List<String> skip) throws Exception {
        line("## Benchmark results");
        line("");
        line("- Machine: %s", Machine.describe());
        line("- Date: %s", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
        line("- Command: `%s`", COMMAND);
        line("- Load average at the start: %.1f (other work on the machine slows every figure; the baselines run interleaved with ours, so the ratios suffer less)", Machine.loadAverage());
        line("");
        packageSize(lambdaJar);
        Path work = Files.createTempDirectory("spuk-bench");
        try (BenchStack stack = BenchStack.start()) {
            for (String db : List.of(ENGINE_DB, STOCK_DB, LADDER_DB, RAW_DB, FLOOR_DB)) {
                stack.createDatabase(db);
            }
            System.err.println("  stack started: DynamoDB Local, S3Proxy, PostgreSQL");
            Components components = stack.components(ENGINE_DB);
            LambdaContainer.install(components);
            try {
                Handlers handlers = new Handlers();
                Lifecycle lifecycle = new Lifecycle(handlers, stack.sdkTimer);
                List<String> codes = new ArrayList<>();
                MunicipalityList.load().all().forEach(m -> codes.add(m.code().value()));
                if (!skip.contains("cold")) {
                    coldStarts(stack, lifecycle, codes.subList(0, 10), target, lambdaJar, work, samples);
                }
                if (!skip.contains("throughput")) {
                    throughput(stack, lifecycle, codes.subList(10, 330), quick);
                }
            } finally {
                components.close();
            }
        }
        if (!skip.contains("latency")) {
            latency(work, quick);
        }
    }

    // ---------------------------------------------------------------- part 4

    private void packageSize(Path lambdaJar) throws IOException {
        PackageSize size = PackageSize.of(lambdaJar);
        line("### Lambda package (`%s`)", lambdaJar.getFileName());
        line("");
        line("| | size | Lambda's limit | share of the limit | goal |");
        line("|---|---:|---:|---:|---|");
        line("| zipped (the upload) | %.1f MiB | 50 MiB | %.0f %% | ≤ 30 MiB: %s |", PackageSize.mib(size.zippedBytes()),
                100.0 * size.zippedBytes() / PackageSize.ZIPPED_LIMIT, size.zippedBytes() <= PackageSize.ZIPPED_GOAL ? "met" : "missed");
        line("| unzipped (%d entries) | %.1f MiB | 250 MiB | %.0f %% | |", size.entries(), PackageSize.mib(size.unzippedBytes()),
                100.0 * size.unzippedBytes() / PackageSize.UNZIPPED_LIMIT);
        line("");
    }

    // ---------------------------------------------------------------- part 1

    private void coldStarts(BenchStack stack, Lifecycle lifecycle, List<String> codes, Path target, Path lambdaJar, Path work,
                            int samples) throws Exception {
        System.err.println("  cold starts: preparing applications");
        codes.forEach(lifecycle::allocate);
        String reader = codes.get(0);
        String readId = lifecycle.draft(reader, 0);
        Deque<String[]> drafts = new ArrayDeque<>();
        for (int i = 0; i < 4 * samples + 3; i++) {
            String code = codes.get(1 + i % (codes.size() - 1));
            drafts.add(new String[] {lifecycle.draft(code, i + 1), code});
        }

        String children = target.resolve("spuk-bench-children.jar").toString();
        List<String> lambdaCp = List.of(lambdaJar.toString(), children);
        List<String> stockJars;
        try (Stream<Path> jars = Files.list(target.resolve("stock-camunda"))) {
            stockJars = jars.map(Path::toString).sorted().toList();
        }
        List<String> stockCp = new ArrayList<>(stockJars);
        stockCp.add(children);
        List<String> ladderCp = new ArrayList<>(stockJars);
        try (Stream<Path> jars = Files.list(target.resolve("lib"))) {
            jars.filter(p -> p.getFileName().toString().startsWith("spuk-functions-")).forEach(p -> ladderCp.add(p.toString()));
        }
        ladderCp.add(children);
        // the Lambda jar's own logging configuration, for the JVMs that do not run the Lambda jar
        Path logback = work.resolve("lambda-logback.xml");
        try (ZipFile zip = new ZipFile(lambdaJar.toFile()); InputStream in = zip.getInputStream(zip.getEntry("logback.xml"))) {
            Files.copy(in, logback);
        }
        Path debugLogback = work.resolve("debug-logback.xml");
        Files.writeString(debugLogback, """
                <configuration>
                  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d %-5level %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="DEBUG"><appender-ref ref="STDOUT"/></root>
                </configuration>
                """);
        List<String> stockJvm = List.of("-Dlogback.configurationFile=" + logback);

        String get = "GET /v1/applications/{id}";
        List<String> readArgs = List.of(LambdaChild.class.getName(), "nl.spuk.adapter.in.lambda.ApplicationQueriesHandler", get,
                "/v1/applications/" + readId, readId, "municipality", reader);
        List<String> getItemArgs = new ArrayList<>(readArgs);
        getItemArgs.set(1, MinimalGetItemHandler.class.getName());
        java.util.function.Supplier<List<String>> submit = () -> {
            String[] draft = drafts.pop();
            return List.of(LambdaChild.class.getName(), "nl.spuk.adapter.in.lambda.ApplicationCommandsHandler",
                    "POST /v1/applications/{id}/submit", "/v1/applications/" + draft[0] + "/submit", draft[0], "municipality", draft[1]);
        };
        Map<String, String> readEnv = stack.lambdaEnvironment(null);
        Map<String, String> commandEnv = stack.lambdaEnvironment(ENGINE_DB);

        List<ColdStarts.Scenario> core = List.of(
                new ColdStarts.Scenario("c", "(c) baseline: minimal handler, one DynamoDB GetItem", lambdaCp, List.of(), readEnv,
                        () -> getItemArgs, true),
                new ColdStarts.Scenario("a", "(a) read route GET /v1/applications/{id}", lambdaCp, List.of(), readEnv, () -> readArgs, true),
                new ColdStarts.Scenario("b", "(b) command route POST /v1/applications/{id}/submit", lambdaCp, List.of(), commandEnv, submit, true),
                new ColdStarts.Scenario("d", "(d) baseline: stock Camunda boots, starts one instance", stockCp, stockJvm,
                        stack.lambdaEnvironment(STOCK_DB), () -> List.of(EngineChild.class.getName(), "stock"), true));
        List<ColdStarts.Scenario> extra = new ArrayList<>(List.of(
                new ColdStarts.Scenario("floor", "JVM start and exit, nothing else", List.of(children), List.of(), Map.of(),
                        () -> List.of(Noop.class.getName()), false),
                new ColdStarts.Scenario("b-lazy", "(b) without the background boot: the engine boots in the request", lambdaCp,
                        List.of("-Dbench.engineBoot=lazy"), commandEnv, submit, false),
                new ColdStarts.Scenario("b-debug", "(b) with Logback's default (DEBUG), as before the jar had a logback.xml", lambdaCp,
                        List.of("-Dlogback.configurationFile=" + debugLogback), commandEnv, submit, false)));
        String[][] rungs = {
            {"flags", "stock + SpukEngine's settings (activity history, no job executor, metrics, CMMN, DMN)"},
            {"spuk-eager", "+ SpukEngineConfiguration: no DMN engine built, random UUIDs, no removal time"},
            {"spuk-deferred", "+ deferred MyBatis mappers (18 of 56 parsed at boot)"},
            {"spuk-xpath", "+ child elements found without the JDK's XPath while the mappers are parsed"},
            {"spuk", "+ BPMN parse without XML Schema validation (= our configuration)"}};
        for (String[] rung : rungs) {
            extra.add(new ColdStarts.Scenario("e-" + rung[0], rung[1], ladderCp, stockJvm, stack.lambdaEnvironment(LADDER_DB),
                    () -> List.of(EngineChild.class.getName(), rung[0]), false));
        }
        extra.add(new ColdStarts.Scenario("e-spuk-lambda", "+ the Lambda jar's class path (no FEEL/Scala, Spring, H2)", lambdaCp,
                List.of(), stack.lambdaEnvironment(LADDER_DB), () -> List.of(EngineChild.class.getName(), "spuk"), false));

        ColdStarts cold = new ColdStarts(work.resolve("cold"), childOptions);
        List<ColdStarts.Scenario> all = new ArrayList<>(core);
        all.addAll(extra);
        cold.run(all, samples);

        line("### Cold starts (median of %d fresh JVMs each, ms from process start to the answer)", samples);
        line("");
        line("JVM options as in `template.yaml` (`-XX:TieredStopAtLevel=1`) and SerialGC; each scenario's first run is a");
        line("warm-up that also writes its AppCDS archive (`-XX:ArchiveClassesAtExit`), used by the `+ AppCDS` rows");
        line("(`-XX:SharedArchiveFile`). Engine databases on one embedded PostgreSQL 14, schema present; DynamoDB Local and");
        line("S3Proxy started once by the driver.");
        line("");
        line("| scenario | median | min | max | in the JVM: init / handle (or boot / start) |");
        line("|---|---:|---:|---:|---:|");
        for (String key : cold.keys()) {
            line("| %s | %.0f | %.0f | %.0f | %.0f / %.0f |", cold.label(key), cold.wall(key).median(), cold.wall(key).min(),
                    cold.wall(key).max(), cold.first(key).median(), cold.second(key).median());
        }
        line("");
        line("| ratio | default CDS | AppCDS | goal |");
        line("|---|---:|---:|---|");
        ratio("(a) read route / (c) minimal GetItem", cold.wall("a").median() / cold.wall("c").median(),
                cold.wall("a+cds").median() / cold.wall("c+cds").median(), 1.3);
        ratio("(b) submit / (d) stock Camunda", cold.wall("b").median() / cold.wall("d").median(),
                cold.wall("b+cds").median() / cold.wall("d+cds").median(), 0.8);
        line("| (b) submit with AppCDS / (d) stock Camunda without | | %.2f | |", cold.wall("b+cds").median() / cold.wall("d").median());
        line("");
        line("What each change bought (differences of medians, ms; negative is faster):");
        line("");
        line("| change | measured as | ms |");
        line("|---|---|---:|");
        String previous = "d";
        for (String[] rung : rungs) {
            line("| %s | engine JVM `%s` − `%s` | %+.0f |", rung[1], "e-" + rung[0], previous,
                    cold.wall("e-" + rung[0]).median() - cold.wall(previous).median());
            previous = "e-" + rung[0];
        }
        line("| the Lambda jar's class path (no FEEL/Scala, Spring, H2) | `e-spuk-lambda` − `e-spuk` | %+.0f |",
                cold.wall("e-spuk-lambda").median() - cold.wall("e-spuk").median());
        line("| logback.xml in the Lambda jar (INFO/WARN instead of DEBUG) | (b) − (b) with DEBUG | %+.0f |",
                cold.wall("b").median() - cold.wall("b-debug").median());
        line("| engine boot in the background while the handler is built | (b) − (b) lazy | %+.0f |",
                cold.wall("b").median() - cold.wall("b-lazy").median());
        line("| AppCDS archive | (b) + AppCDS − (b) | %+.0f |", cold.wall("b+cds").median() - cold.wall("b").median());
        line("");
    }

    private void ratio(String what, double plain, double cds, double goal) {
        line("| %s | %.2f | %.2f | ≤ %.1f: %s |", what, plain, cds, goal,
                plain <= goal ? "met" : cds <= goal ? "met with AppCDS" : "missed");
    }

    // ---------------------------------------------------------------- part 2

    private void throughput(BenchStack stack, Lifecycle lifecycle, List<String> codes, boolean quick) throws Exception {
        int workers = 4;
        Duration warmUp = Duration.ofSeconds(quick ? 3 : 5);
        Duration window = Duration.ofSeconds(quick ? 10 : 20);
        System.err.println("  throughput: allocations for " + codes.size() + " municipalities");
        codes.forEach(lifecycle::allocate);
        int perWorker = codes.size() / workers;
        // one lifecycle alone first: the first takes far longer than the next (the engine's first use, the
        // classes and the letter's fonts loaded), which four workers at once may not get through in a short warm-up
        lifecycle.complete(codes.get(1), 9998);
        Throughput.Result handlers = Throughput.measure(workers, warmUp, window, stack.sdkTimer::reset, stack.sdkTimer::stop,
                (worker, n) -> lifecycle.complete(codes.get(worker * perWorker + n % perWorker), n));
        Map<String, SdkTimer.Usage> awsUsage = stack.sdkTimer.usage();
        Map<String, Long> awsOperations = stack.sdkTimer.operations();
        Map<String, Long> awsActions = stack.sdkTimer.actions();
        System.err.println("  throughput: handlers done");
        // one more lifecycle through the handlers, alone, its calls recorded for the floor to make
        String recordedCode = codes.get(0);
        List<SdkTimer.Command> recording = SdkTimer.record(() -> lifecycle.complete(recordedCode, 9999));
        Throughput.Result floor;
        Map<String, Long> floorOperations;
        Map<String, Long> floorActions;
        try (Floor f = new Floor(stack, stack.engine(FLOOR_DB), recording, recordedCode)) {
            floor = Throughput.measure(workers, warmUp, window, stack.sdkTimer::reset, stack.sdkTimer::stop,
                    (worker, n) -> f.lifecycle(codes.get(worker * perWorker + n % perWorker), "floor-" + worker + "-" + n));
            floorOperations = stack.sdkTimer.operations();
            floorActions = stack.sdkTimer.actions();
        }
        System.err.println("  throughput: floor done");
        Throughput.Result raw;
        try (Throughput.RawEngine engine = new Throughput.RawEngine(stack.engine(RAW_DB))) {
            raw = Throughput.measure(workers, warmUp, window, () -> {
            }, () -> {
            }, (worker, n) -> engine.lifecycle("raw-" + worker + "-" + n));
        }
        System.err.println("  throughput: raw engine done");
        line("### Lifecycle throughput (create → plan upload → submit → advice → decision → approval)");
        line("");
        line("%d workers back to back, %d s warm-up, then the applications completed within %d s; the three one after", workers,
                warmUp.toSeconds(), window.toSeconds());
        line("the other, each engine on its own database of the same embedded PostgreSQL server.");
        line("");
        line("- **handlers**: as in Lambda, every command through its handler, with DynamoDB Local, S3Proxy, the award letter");
        line("  and the engine, and the client's upload of the plan;");
        line("- **floor**: the raw engine below where each command also makes, with the AWS SDK, the DynamoDB and S3 calls");
        line("  the handlers made for it (recorded from one lifecycle through the handlers in this run and replayed with");
        line("  fresh ids: same operations, items, conditions, transactions' actions, object sizes), the plan's upload");
        line("  included; no handler code, and the award letter stored but not rendered;");
        line("- **raw engine**: the same BPMN moved through the same tasks, its steps doing nothing.");
        line("");
        line("| | completed | per second | failed | machine CPU per lifecycle |");
        line("|---|---:|---:|---:|---:|");
        throughputRow("handlers", handlers);
        throughputRow("floor: raw engine + the handlers' DynamoDB and S3 calls", floor);
        throughputRow("raw engine, steps doing nothing", raw);
        double toFloor = handlers.perSecond() / floor.perSecond();
        line("| **ratio handlers / floor** (goal ≥ 0.7: %s) | | **%.2f** | | %.1f |", toFloor >= 0.7 ? "met" : "missed", toFloor,
                handlers.cpuMsPerLifecycle() / floor.cpuMsPerLifecycle());
        line("| ratio handlers / raw engine | | %.2f | | %.1f |", handlers.perSecond() / raw.perSecond(),
                handlers.cpuMsPerLifecycle() / raw.cpuMsPerLifecycle());
        line("");
        line("Machine CPU: the whole machine's busy time in the window (/proc/stat; DynamoDB Local and S3Proxy in the");
        line("benchmark's JVM, PostgreSQL in its own process) per lifecycle completed; its ratios are the other way round");
        line("(handlers' CPU / the baseline's).");
        double lifecycleMs = workers * window.toMillis() / (double) handlers.completed();
        line("");
        line("Where a lifecycle's time goes through the handlers (%.0f ms each, %d at a time; AWS SDK calls timed by an", lifecycleMs, workers);
        line("interceptor, per lifecycle finished in the window):");
        line("");
        line("| | calls per lifecycle | ms per lifecycle | share |");
        line("|---|---:|---:|---:|");
        double aws = 0;
        for (var service : awsUsage.entrySet()) {
            double ms = service.getValue().ms() / handlers.completed();
            aws += ms;
            line("| %s (local stand-in) | %.1f | %.0f | %.0f %% |", service.getKey(), service.getValue().calls() / (double) handlers.completed(),
                    ms, 100 * ms / lifecycleMs);
        }
        line("| the rest: engine, award letter (PDF), handlers, the S3 upload from the client | | %.0f | %.0f %% |",
                lifecycleMs - aws, 100 * (lifecycleMs - aws) / lifecycleMs);
        line("");
        line("AWS calls in the window per lifecycle completed in it, by route (the actions of a transaction in brackets;");
        line("the client's presigned upload counted as an S3 PutObject):");
        line("");
        line("| route | handlers | floor |");
        line("|---|---|---|");
        Map<String, String> handlerCalls = callsByRoute(awsOperations, awsActions, handlers.completed());
        Map<String, String> floorCalls = callsByRoute(floorOperations, floorActions, floor.completed());
        Map<String, String> routes = new TreeMap<>(handlerCalls);
        floorCalls.forEach(routes::putIfAbsent);
        routes.keySet().forEach(route -> line("| %s | %s | %s |", route, handlerCalls.getOrDefault(route, ""),
                floorCalls.getOrDefault(route, "")));
        Map<String, Throughput.Result> runs = new LinkedHashMap<>();
        runs.put("handlers", handlers);
        runs.put("floor", floor);
        runs.put("raw engine", raw);
        runs.forEach((what, result) -> {
            if (result.firstFailure() != null) {
                line("");
                line("First failure (%s): %s", what, result.firstFailure());
            }
        });
        line("");
    }

    private void throughputRow(String what, Throughput.Result result) {
        line("| %s | %d | %.2f /s | %d | %.0f ms |", what, result.completed(), result.perSecond(), result.failed(),
                result.cpuMsPerLifecycle());
    }

    /**
     * Per route: "service operation calls" per lifecycle, and for transactions their actions each, from
     * "route TAB service operation" sums.
     */
    private static Map<String, String> callsByRoute(Map<String, Long> operations, Map<String, Long> actions, int lifecycles) {
        return operations.entrySet().stream()
                .collect(Collectors.groupingBy(e -> e.getKey().substring(0, e.getKey().indexOf('\t')), TreeMap::new,
                        Collectors.mapping(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey().substring(e.getKey().indexOf('\t') + 1),
                                e.getValue() / (double) lifecycles) + (actions.containsKey(e.getKey())
                                ? String.format(Locale.ROOT, " (%.1f each)", actions.get(e.getKey()) / (double) e.getValue()) : ""),
                                Collectors.joining(", "))));
    }

    // ---------------------------------------------------------------- part 3

    private void latency(Path work, boolean quick) throws Exception {
        int clients = 8;
        Duration warmUp = Duration.ofSeconds(quick ? 5 : 10);
        Duration window = Duration.ofSeconds(quick ? 20 : 40);
        System.err.println("  warm latency: starting the local server");
        WarmLatency latency = new WarmLatency(work.resolve("local"));
        Stats getItem = new Stats();
        Stats putItem = new Stats();
        try {
            latency.run(clients, warmUp, window, getItem, putItem);
        } finally {
            latency.close();
        }
        line("### Warm latency on the local server (%d clients, %d s after %d s warm-up; ms)", clients, window.toSeconds(), warmUp.toSeconds());
        line("");
        line("Each client runs applications from draft to settlement, a withdrawal and the national read routes, back to");
        line("back. The baseline: DynamoDB Local's own latency under %d clients in the same run (1.5 KB items, Apache HTTP client).", clients);
        line("");
        line("| route | requests | p50 | p95 | p99 | p50 in GetItems |");
        line("|---|---:|---:|---:|---:|---:|");
        double base = getItem.median();
        line("| *DynamoDB Local GetItem (baseline)* | %d | %.1f | %.1f | %.1f | 1.0 |", getItem.count(), getItem.median(),
                getItem.percentile(95), getItem.percentile(99));
        line("| *DynamoDB Local PutItem (baseline)* | %d | %.1f | %.1f | %.1f | %.1f |", putItem.count(), putItem.median(),
                putItem.percentile(95), putItem.percentile(99), putItem.median() / base);
        for (Map.Entry<String, Stats> route : latency.latency().entrySet()) {
            Stats s = route.getValue();
            line("| `%s` | %d | %.1f | %.1f | %.1f | %.1f |", route.getKey(), s.count(), s.median(), s.percentile(95),
                    s.percentile(99), s.median() / base);
        }
        if (!latency.retries().isEmpty()) {
            line("");
            line("Answered 409 (the workflow tick was moving the same application on) and tried again: %s.", latency.retries());
        }
        if (!latency.failures().isEmpty()) {
            line("");
            line("Unexpected answers: %s; first: %s", latency.failures(), latency.firstFailure());
        }
        line("");
    }

    private void line(String format, Object... args) {
        report.add(args.length == 0 ? format : String.format(Locale.ROOT, format, args));
    }

}
