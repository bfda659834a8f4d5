package nl.spuk.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Counts the product's AWS SDK calls per service and the time they take, to show where a lifecycle's time goes;
 * counts them per route and operation; and records the requests of one lifecycle for the {@link Floor} to replay.
 */
final class SdkTimer implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("bench-started");
    private static final ExecutionAttribute<SdkRequest> REQUEST = new ExecutionAttribute<>("bench-request");
    /** What the calling thread is doing (the route it handles), to count calls per route. */
    private static final ThreadLocal<String> ROUTE = ThreadLocal.withInitial(() -> "other");
    /** The commands of the lifecycle the calling thread is recording, if it records one. */
    private static final ThreadLocal<List<Command>> RECORDING = new ThreadLocal<>();

    /** Calls and milliseconds of one service. */
    record Usage(long calls, double ms) {
    }

    /** One command of a recorded lifecycle: its route and the requests of its successful calls, in order. */
    record Command(String route, List<SdkRequest> requests) {
    }

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> operationCalls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> operationActions = new ConcurrentHashMap<>();
    /** Whether calls are counted: from {@link #reset} to {@link #stop}, a measured window. */
    private volatile boolean counting = true;

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
        // the request as the caller made it, before the SDK's own interceptors add to it
        attributes.putAttribute(REQUEST, context.request());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        if (counting) {
            calls.computeIfAbsent(service, s -> new LongAdder()).increment();
            nanos.computeIfAbsent(service, s -> new LongAdder()).add(System.nanoTime() - attributes.getAttribute(STARTED));
        }
        count(service + " " + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), attributes.getAttribute(REQUEST));
    }

    /**
     * Counts (and records, when recording) the client's upload of a document through its presigned URL: an S3 PUT
     * of the lifecycle that no SDK call of ours makes.
     */
    void clientPut(String bucket, String key, long bytes, String contentType) {
        count("S3 PutObject", PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType).contentLength(bytes).build());
    }

    private void count(String operation, SdkRequest request) {
        if (counting) {
            String key = ROUTE.get() + "\t" + operation;
            operationCalls.computeIfAbsent(key, s -> new LongAdder()).increment();
            if (request instanceof TransactWriteItemsRequest transaction) {
                operationActions.computeIfAbsent(key, s -> new LongAdder()).add(transaction.transactItems().size());
            }
        }
        List<Command> recording = RECORDING.get();
        if (recording != null) {
            recording.get(recording.size() - 1).requests().add(request);
        }
    }

    /** Forgets what was counted and counts from now on. */
    void reset() {
        calls.clear();
        nanos.clear();
        operationCalls.clear();
        operationActions.clear();
        counting = true;
    }

    /** Counts no more calls (until the next {@link #reset}); recording goes on. */
    void stop() {
        counting = false;
    }

    /** Counts the calls the current thread makes from now on under this route; a recording starts a command. */
    static void route(String route) {
        ROUTE.set(route);
        List<Command> recording = RECORDING.get();
        if (recording != null) {
            recording.add(new Command(route, new ArrayList<>()));
        }
    }

    /** Runs the work on this thread and answers the commands it handled with the requests their calls made. */
    static List<Command> record(Runnable work) {
        // calls before the work names its first route count under the route the thread had
        List<Command> recording = new ArrayList<>(List.of(new Command(ROUTE.get(), new ArrayList<>())));
        RECORDING.set(recording);
        try {
            work.run();
        } finally {
            RECORDING.remove();
        }
        if (recording.get(0).requests().isEmpty()) {
            recording.remove(0);
        }
        return List.copyOf(recording);
    }

    /** Calls per route and operation, as "route TAB service operation". */
    Map<String, Long> operations() {
        return sums(operationCalls);
    }

    /** The actions of the transactions, per route and operation as in {@link #operations()}. */
    Map<String, Long> actions() {
        return sums(operationActions);
    }

    private static Map<String, Long> sums(Map<String, LongAdder> adders) {
        Map<String, Long> sums = new TreeMap<>();
        adders.forEach((operation, n) -> sums.put(operation, n.sum()));
        return sums;
    }

    Map<String, Usage> usage() {
        Map<String, Usage> usage = new TreeMap<>();
        calls.forEach((service, n) -> usage.put(service, new Usage(n.sum(), nanos.get(service).sum() / 1e6)));
        return usage;
    }
}
