package nl.spuk.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import nl.spuk.adapter.out.dynamodb.DynamoDbTable;
import nl.spuk.adapter.out.mail.SmtpMailer;
import nl.spuk.adapter.out.reference.MunicipalityList;
import nl.spuk.adapter.out.s3.S3Clients;
import nl.spuk.adapter.out.camunda.EngineCredentials;
import nl.spuk.config.Components;
import nl.spuk.config.MailSettings;
import nl.spuk.config.MovableClock;
import nl.spuk.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole product on one machine, in one JVM: DynamoDB Local, S3Proxy, the engine on an H2 file and an HTTP
 * server that plays API Gateway for the functions of {@code template.yaml}. Everything lives in one data
 * folder and survives a restart, also after {@code kill -9}.
 *
 * <p>Run {@code java -jar local/target/spuk-local.jar}; environment: {@code SPUK_PORT} (default 8080, 0 for
 * any free port), {@code SPUK_DATA_DIR} (default {@code ./.spuk-data}), {@code SPUK_TICK_SECONDS} (default 5,
 * 0 for no periodic tick), {@code SPUK_REQUEST_TIMEOUT_SECONDS} (default 30, how long a client may take to send a
 * request), {@code SPUK_SMTP_HOST}/{@code PORT}/{@code USER}/{@code PASSWORD} (a mail relay instead of the SMTP server
 * in this JVM), {@code SPUK_MAIL_FROM}, {@code SPUK_ADVISORY_TEAM_EMAIL}, {@code SPUK_MINISTRY_EMAIL}. Tests embed it with {@link #start(Options)}; several may run in one JVM, each with its
 * own data folder and components. The JVM-wide settings (system properties named like the deployment's
 * environment variables, and the installed {@link Components}) belong to the most recently started one.
 */
public final class LocalServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalServer.class);
    static final String ACCOUNT_ID = "000000000000";
    static final String TABLE = "spuk";
    static final String BUCKET = "spuk-documents";
    static final String REGION = "eu-central-1";
    private static final String CLOCK_FILE = "workflow-clock-offset-millis";
    /**
     * Threads for requests. The JDK's server reads a request's line, headers and body on the thread that then handles
     * it, so a client that sends slowly holds a thread until the request timeout. Browsers open at most 6 connections
     * to a server, the tests and the benchmark at most 8 clients; the rest leaves room for slow clients beside them.
     * An idle thread costs little more than its stack, and ends after a minute without work.
     */
    private static final int HTTP_THREADS = 64;
    /** Connections waiting for a thread; past this a new one is closed rather than queued behind the others. */
    private static final int HTTP_QUEUE = 256;
    /**
     * How long a client may take to send its request, the body included: a browser or curl on this machine sends even
     * a 10 MiB body within a second, and a slow client's thread is free again after this. The JDK server's only such
     * limit (JDK 17 has no separate one for the headers) is {@code sun.net.httpserver.maxReqTime}, a JVM-wide system
     * property read once, when the JVM creates its first HTTP server. No limit is set on answering (its
     * {@code maxRspTime}): that time includes the handler's, and moving the workflow clock years ahead runs long.
     */
    private static final long REQUEST_TIMEOUT_SECONDS = 30;
    private static final String MAX_REQUEST_SECONDS_PROPERTY = "sun.net.httpserver.maxReqTime";

    /**
     * How to run.
     *
     * @param port HTTP port, 0 for any free one
     * @param dataDir folder for all data (created if missing)
     * @param tickPeriod how often the scheduled function runs; zero for never (then only {@code POST /local/clock} runs due jobs)
     * @param template a SAM template to serve instead of the packaged {@code template.yaml} (tests)
     * @param hooks what fault-injection tests hook into the product's DynamoDB and S3 clients and engine database
     */
    /**
     * What a fault-injection test hooks into the product's connections: interceptors on the AWS SDK clients and a
     * rewrite of the engine's JDBC URL (to a wrapping driver, say). {@link #NONE} when the server runs for people.
     *
     * @param sdkInterceptors added to the product's DynamoDB and S3 clients
     * @param engineJdbcUrl turns the engine JDBC URL into the one the engine connects to
     */
    public record Hooks(List<ExecutionInterceptor> sdkInterceptors, UnaryOperator<String> engineJdbcUrl) {
        /** No hooks: the clients and the URL as configured. */
        public static final Hooks NONE = new Hooks(List.of(), UnaryOperator.identity());

        public Hooks {
            sdkInterceptors = List.copyOf(sdkInterceptors);
            Objects.requireNonNull(engineJdbcUrl, "engineJdbcUrl");
        }
    }

    /**
     * @param smtpRelay an SMTP server to send notification mail through instead of the one local mode runs in its JVM
     *     (then {@code GET /local/mail} has nothing to show)
     */
    public record Options(int port, Path dataDir, Duration tickPeriod, Optional<Path> template, Hooks hooks,
                          Optional<SmtpMailer.Server> smtpRelay) {
        public Options {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("no such port: " + port);
            }
            if (tickPeriod.isNegative()) {
                throw new IllegalArgumentException("the tick period cannot be negative");
            }
            Objects.requireNonNull(hooks, "hooks");
            Objects.requireNonNull(smtpRelay, "smtpRelay");
        }

        /** Without a mail relay. */
        public Options(int port, Path dataDir, Duration tickPeriod, Optional<Path> template, Hooks hooks) {
            this(port, dataDir, tickPeriod, template, hooks, Optional.empty());
        }

        /** Without hooks. */
        public Options(int port, Path dataDir, Duration tickPeriod, Optional<Path> template) {
            this(port, dataDir, tickPeriod, template, Hooks.NONE);
        }

        /** From {@code SPUK_PORT}, {@code SPUK_DATA_DIR} and {@code SPUK_TICK_SECONDS}, with their defaults. */
        public static Options fromEnvironment() {
            return new Options(
                    Integer.parseInt(env("SPUK_PORT", "8080")),
                    Path.of(env("SPUK_DATA_DIR", "./.spuk-data")),
                    Duration.ofSeconds(Long.parseLong(env("SPUK_TICK_SECONDS", "5"))),
                    Optional.empty(), Hooks.NONE, MailSettings.from(System::getenv).smtp());
        }

        /** Any free port, the given folder, no periodic tick, the packaged template. */
        public static Options forTests(Path dataDir) {
            return new Options(0, dataDir, Duration.ZERO, Optional.empty());
        }

        public Options withTickPeriod(Duration period) {
            return new Options(port, dataDir, period, template, hooks, smtpRelay);
        }

        public Options withTemplate(Path samTemplate) {
            return new Options(port, dataDir, tickPeriod, Optional.of(samTemplate), hooks, smtpRelay);
        }

        public Options withHooks(Hooks productHooks) {
            return new Options(port, dataDir, tickPeriod, template, productHooks, smtpRelay);
        }

        /** Notification mail goes to this SMTP server instead of the one in local mode's JVM. */
        public Options withSmtpRelay(SmtpMailer.Server relay) {
            return new Options(port, dataDir, tickPeriod, template, hooks, Optional.of(relay));
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value.strip();
        }
    }

    /** What runs; filled while starting, so a failed start stops exactly what had started. */
    private static final class Parts {
        HttpServer http;
        ExecutorService httpThreads;
        LocalDynamoDb dynamoDb;
        LocalS3 s3;
        S3Client s3Client;
        Components components;
        JvmGlobals.Owner globals;
        LocalMail mail;
        final List<WorkflowTicker> tickers = new ArrayList<>();
        final List<LocalStreams> streams = new ArrayList<>();

        /** Requests first, then the schedule and S3 events (still calling handlers), then what handlers use. */
        void close() {
            if (http != null) {
                quietly("the HTTP server", () -> http.stop(1));
            }
            if (httpThreads != null) {
                httpThreads.shutdown();
            }
            tickers.forEach(t -> quietly("the workflow tick", t::close));
            streams.forEach(t -> quietly("the table's stream", t::close));
            if (s3 != null) {
                quietly("S3Proxy", s3::close);
            }
            if (components != null) {
                quietly("the components", components::close);
            }
            if (s3Client != null) {
                quietly("the S3 client", s3Client::close);
            }
            if (dynamoDb != null) {
                quietly("DynamoDB Local", dynamoDb::close);
            }
            if (mail != null) {
                quietly("the SMTP server", mail::close);
            }
            if (globals != null) {
                JvmGlobals.release(globals);
            }
        }

        private static void quietly(String what, Runnable close) {
            try {
                close.run();
            } catch (RuntimeException e) {
                LOG.warn("stopping {} failed", what, e);
            }
        }
    }

    private final Path dataDir;
    private final Parts parts;
    private final Set<String> routeKeys;
    private boolean closed;

    private LocalServer(Path dataDir, Parts parts, Set<String> routeKeys) {
        this.dataDir = dataDir;
        this.parts = parts;
        this.routeKeys = routeKeys;
    }

    public static void main(String[] args) {
        LocalServer server;
        try {
            limitRequestTime(Long.parseLong(Options.env("SPUK_REQUEST_TIMEOUT_SECONDS", Long.toString(REQUEST_TIMEOUT_SECONDS))));
            server = start(Options.fromEnvironment());
        } catch (RuntimeException | Error e) {
            // exit rather than return: threads already started (the HTTP server's, say) would keep the JVM alive
            LOG.error("the local server did not start", e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "local-server-shutdown"));
        System.out.println("SPUK local server ready on http://localhost:" + server.port() + " (data: " + server.dataDir() + ")");
    }

    /** Starts everything and answers once every route is served; on failure stops what had started. */
    public static LocalServer start(Options options) {
        Parts parts = new Parts();
        try {
            return start(options, parts);
        } catch (IOException e) {
            parts.close();
            throw new UncheckedIOException("the local server did not start", e);
        } catch (RuntimeException | Error e) {
            parts.close();
            throw e;
        }
    }

    private static LocalServer start(Options options, Parts parts) throws IOException {
        Path dataDir = DataFiles.privateFolder(options.dataDir().toAbsolutePath().normalize());
        SamTemplate template = readTemplate(options.template());
        LocalTokens tokens = LocalTokens.open(dataDir, Clock.systemUTC());

        // Listen first, answering 503 until ready, so a starter can poll /health.
        limitRequestTime(REQUEST_TIMEOUT_SECONDS);
        parts.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 64);
        int port = parts.http.getAddress().getPort();
        ApiGateway gateway = new ApiGateway(tokens, StaticFiles.fromClasspath(), new RequestGuard(port));
        parts.httpThreads = httpThreads();
        parts.http.setExecutor(parts.httpThreads);
        parts.http.createContext("/", gateway);
        parts.http.start();

        parts.dynamoDb = withoutStandardOutput(() -> LocalDynamoDb.start(dataDir.resolve("dynamodb")));
        DynamoDbTable.createIfMissing(parts.dynamoDb.client(), TABLE);

        // S3Proxy reports objects from its start on; they go nowhere until the handlers exist (none arrive before)
        AtomicReference<Consumer<String>> onObjectCreated = new AtomicReference<>(key -> {
        });
        parts.s3 = LocalS3.start(dataDir.resolve("s3"), LocalS3Credentials.open(dataDir), RequestGuard.ownOrigins(port),
                key -> onObjectCreated.get().accept(key));
        parts.s3Client = S3Clients.client(REGION, Optional.of(parts.s3.endpoint()),
                S3Clients.staticCredentials(parts.s3.accessKey(), parts.s3.secretKey()));
        S3Clients.createBucketIfMissing(parts.s3Client, BUCKET);

        // Explicit settings, not the environment: a developer's SPUK_* variables must not point local mode elsewhere.
        Settings settings = new Settings(TABLE, BUCKET, REGION, Optional.of(parts.dynamoDb.endpoint()),
                Optional.of(parts.s3.endpoint()), engineJdbcUrl(dataDir), "sa", "");
        MovableClock workflowClock = persistentClock(dataDir.resolve(CLOCK_FILE));
        // DynamoDB Local's own client: the Apache HTTP client is several times faster against it
        Hooks hooks = options.hooks();
        AwsCredentialsProvider s3Credentials = S3Clients.staticCredentials(parts.s3.accessKey(), parts.s3.secretKey());
        // Mail: a relay named by the options (SPUK_SMTP_*), else the SMTP server in this JVM; links to this server.
        if (options.smtpRelay().isEmpty()) {
            parts.mail = LocalMail.start();
        }
        MailSettings mail = MailSettings.fromEnvironment().withWebUrl("http://localhost:" + port)
                .withSmtp(options.smtpRelay().orElseGet(() -> parts.mail.server()));
        parts.components = new Components(withEngineJdbcUrl(settings, hooks.engineJdbcUrl().apply(settings.engineJdbcUrl())),
                workflowClock, new Components.Clients(
                        parts.dynamoDb.client(hooks.sdkInterceptors()),
                        S3Clients.client(REGION, settings.s3Endpoint(), s3Credentials, hooks.sdkInterceptors()),
                        S3Clients.presigner(REGION, settings.s3Endpoint(), s3Credentials)),
                EngineCredentials.fixed(settings.engineJdbcUser(), settings.engineJdbcPassword()), mail);
        parts.globals = new JvmGlobals.Owner(properties(settings, parts.s3), parts.components);
        // before any handler exists: their no-arg constructors use the installed components
        JvmGlobals.take(parts.globals);

        Map<String, LocalFunction> functions = instantiate(template);
        Map<String, ApiGateway.Target> byRoute = new LinkedHashMap<>();
        for (SamTemplate.HttpRoute route : template.httpRoutes()) {
            if (byRoute.put(route.routeKey(), new ApiGateway.Target(functions.get(route.functionName()), route.open())) != null) {
                throw new IllegalStateException("the template declares " + route.routeKey() + " twice");
            }
        }
        RouteTable<ApiGateway.Target> routes = RouteTable.of(byRoute);

        Consumer<String> notifications = key -> {
        };
        for (SamTemplate.EventFunction s3Event : template.functionsWithEvent("S3")) {
            notifications = notifications.andThen(new S3Notifications(functions.get(s3Event.functionName()),
                    SamTemplate.s3KeyPrefix(s3Event).orElse(""), BUCKET, REGION, parts.s3Client));
        }
        onObjectCreated.set(notifications);
        redeliverObjectCreated(parts.s3Client, notifications);

        // The table's stream, as Lambda's event source mappings read it (the notifier's outbox items)
        List<SamTemplate.EventFunction> streamEvents = template.functionsWithEvent("DynamoDB");
        if (!streamEvents.isEmpty()) {
            String streamArn = DynamoDbTable.streamArn(parts.dynamoDb.client(), TABLE);
            for (SamTemplate.EventFunction streamEvent : streamEvents) {
                parts.streams.add(LocalStreams.start(parts.dynamoDb.streamsClient(), streamArn,
                        functions.get(streamEvent.functionName()), streamEvent, REGION, dataDir));
            }
        }

        Components components = parts.components;
        DueJobs dueJobs = new DueJobs(() -> components.workflow().runDueJobs());
        if (!options.tickPeriod().isZero()) {
            for (SamTemplate.EventFunction schedule : template.functionsWithEvent("Schedule")) {
                parts.tickers.add(WorkflowTicker.start(functions.get(schedule.functionName()), dueJobs, REGION,
                        options.tickPeriod()));
            }
        }

        // Boots the engine now rather than in the first request, and catches up on timers that fell due while stopped.
        int caughtUp = dueJobs.runUntilNoneDue();
        if (caughtUp > 0) {
            LOG.info("ran {} jobs that fell due while the server was stopped", caughtUp);
        }
        LocalMail localMail = parts.mail;
        String relay = options.smtpRelay().map(Object::toString).orElse(null);
        gateway.ready(routes, new LocalEndpoints(tokens, municipalityCodes(), workflowClock, dueJobs,
                () -> localMail != null ? GatewayResponse.json(200, Map.of("items", localMail.received()))
                        : GatewayResponse.problem(404, "local mode sends mail through the relay " + relay
                                + " and keeps no copy: GET /local/mail lists what local mode's own SMTP server received")));
        return new LocalServer(dataDir, parts, routes.routeKeys());
    }

    /**
     * S3 keeps an object-created event until it is delivered; local mode's events wait in memory, so a {@code kill -9}
     * between an upload and its event loses the event, and the document would wait for its upload forever. On start
     * every stored object's event is delivered again (confirming a confirmed upload changes nothing), on a thread of
     * its own, so the start does not wait for it.
     */
    private static void redeliverObjectCreated(S3Client s3, Consumer<String> notifications) {
        Thread thread = new Thread(() -> {
            try {
                s3.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().forEach(object -> notifications.accept(object.key()));
            } catch (RuntimeException e) {
                LOG.warn("delivering the events of the stored objects again failed", e);
            }
        }, "local-s3-redeliver");
        thread.setDaemon(true);
        thread.start();
    }

    /** DynamoDB Local prints its configuration to standard output; local mode's output is the one ready line. */
    private static <T> T withoutStandardOutput(Supplier<T> noisy) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return noisy.get();
        } finally {
            System.setOut(out);
        }
    }

    private static SamTemplate readTemplate(Optional<Path> file) throws IOException {
        if (file.isPresent()) {
            return SamTemplate.read(Files.newInputStream(file.get()));
        }
        InputStream packaged = LocalServer.class.getResourceAsStream("/template.yaml");
        if (packaged == null) {
            throw new IllegalStateException("template.yaml is not on the classpath (build the local module)");
        }
        return SamTemplate.read(packaged);
    }

    /** One instance per function, as one Lambda container per function. */
    private static Map<String, LocalFunction> instantiate(SamTemplate template) {
        Map<String, String> handlerByFunction = new LinkedHashMap<>();
        template.httpRoutes().forEach(r -> handlerByFunction.put(r.functionName(), r.handlerClass()));
        for (String type : List.of("S3", "Schedule", "DynamoDB")) {
            template.functionsWithEvent(type).forEach(e -> handlerByFunction.put(e.functionName(), e.handlerClass()));
        }
        Map<String, LocalFunction> functions = new LinkedHashMap<>();
        handlerByFunction.forEach((name, handler) -> functions.put(name, LocalFunction.instantiate(name, handler)));
        return functions;
    }

    /**
     * H2 in file mode. WRITE_DELAY=0 writes every commit to the file before the commit returns: with H2's
     * default, a {@code kill -9} right after the first commits of a new database file was seen to lose them,
     * the schema included.
     * DB_CLOSE_ON_EXIT=FALSE: our shutdown hook closes the engine, then H2; H2's own hook must not close the
     * database under the engine.
     */
    private static Settings withEngineJdbcUrl(Settings s, String url) {
        return new Settings(s.tableName(), s.bucketName(), s.region(), s.dynamoDbEndpoint(), s.s3Endpoint(), url,
                s.engineJdbcUser(), s.engineJdbcPassword(), s.engineDbSecretArn(), s.engineSchema());
    }

    private static String engineJdbcUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("engine").resolve("spuk") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    private static MovableClock persistentClock(Path file) throws IOException {
        long offset = Files.exists(file) ? Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip()) : 0;
        return new MovableClock(Clock.systemUTC(), offset, newOffset -> {
            try {
                DataFiles.writeAtomically(file, Long.toString(newOffset));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep the workflow clock in " + file, e);
            }
        });
    }

    private static Set<String> municipalityCodes() {
        Set<String> codes = new LinkedHashSet<>();
        MunicipalityList.load().all().forEach(m -> codes.add(m.code().value()));
        return codes;
    }

    /**
     * The settings as system properties named like the environment variables {@link Settings#fromEnvironment()}
     * reads, and the AWS SDK's default credentials: S3Proxy checks them, DynamoDB Local accepts any.
     */
    private static Map<String, String> properties(Settings settings, LocalS3 s3) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(Settings.TABLE, settings.tableName());
        properties.put(Settings.BUCKET, settings.bucketName());
        properties.put(Settings.REGION, settings.region());
        properties.put(Settings.DYNAMODB_ENDPOINT, settings.dynamoDbEndpoint().orElseThrow().toString());
        properties.put(Settings.S3_ENDPOINT, settings.s3Endpoint().orElseThrow().toString());
        properties.put(Settings.ENGINE_JDBC_URL, settings.engineJdbcUrl());
        properties.put(Settings.ENGINE_JDBC_USER, settings.engineJdbcUser());
        properties.put(Settings.ENGINE_JDBC_PASSWORD, settings.engineJdbcPassword());
        properties.put("aws.accessKeyId", s3.accessKey());
        properties.put("aws.secretAccessKey", s3.secretKey());
        properties.put("aws.region", settings.region());
        return properties;
    }

    /**
     * Sets the JDK server's request timeout unless the JVM was started with one; it takes effect only before the JVM's
     * first HTTP server, so in a JVM that runs several servers the first one's value holds for all.
     */
    private static void limitRequestTime(long seconds) {
        if (System.getProperty(MAX_REQUEST_SECONDS_PROPERTY) == null) {
            System.setProperty(MAX_REQUEST_SECONDS_PROPERTY, Long.toString(seconds));
        }
    }

    private static ExecutorService httpThreads() {
        ThreadPoolExecutor threads = new ThreadPoolExecutor(HTTP_THREADS, HTTP_THREADS, 1, TimeUnit.MINUTES,
                new ArrayBlockingQueue<>(HTTP_QUEUE), daemonThreads("local-http"));
        threads.allowCoreThreadTimeOut(true);
        return threads;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    public int port() {
        return parts.http.getAddress().getPort();
    }

    /** {@code http://localhost:PORT}. */
    public URI baseUri() {
        return URI.create("http://localhost:" + port());
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The route keys the gateway serves (from the template), e.g. {@code GET /applications/{id}}. */
    public Set<String> routeKeys() {
        return routeKeys;
    }

    /** Stops accepting requests, then stops everything else; the data stays in the data folder. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            parts.close();
        }
    }
}
