package nl.spuk.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Counts the product's AWS SDK calls per service and the time they take, to show where a lifecycle's time goes. */
final class SdkTimer implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("bench-started");
    /** What the calling thread is doing (the route it handles), to count calls per route. */
    private static final ThreadLocal<String> ROUTE = ThreadLocal.withInitial(() -> "other");

    /** Calls and milliseconds of one service. */
    record Usage(long calls, double ms) {
    }

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> operationCalls = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        calls.computeIfAbsent(service, s -> new LongAdder()).increment();
        nanos.computeIfAbsent(service, s -> new LongAdder()).add(System.nanoTime() - attributes.getAttribute(STARTED));
        operationCalls.computeIfAbsent(ROUTE.get() + "\t" + service + " " + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                s -> new LongAdder()).increment();
    }

    void reset() {
        calls.clear();
        nanos.clear();
        operationCalls.clear();
    }

    /** Counts the calls the current thread makes from now on under this route. */
    static void route(String route) {
        ROUTE.set(route);
    }

    /** Calls per route and operation, as "route TAB service operation". */
    Map<String, Long> operations() {
        Map<String, Long> operations = new TreeMap<>();
        operationCalls.forEach((operation, n) -> operations.put(operation, n.sum()));
        return operations;
    }

    Map<String, Usage> usage() {
        Map<String, Usage> usage = new TreeMap<>();
        calls.forEach((service, n) -> usage.put(service, new Usage(n.sum(), nanos.get(service).sum() / 1e6)));
        return usage;
    }
}
