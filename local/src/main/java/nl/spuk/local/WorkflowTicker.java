package nl.spuk.local;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local mode's EventBridge schedule: calls the template's scheduled function every period with a real
 * {@link ScheduledEvent}, one tick at a time (as the reserved concurrency of 1 does in AWS).
 */
final class WorkflowTicker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkflowTicker.class);

    private final LocalFunction function;
    private final DueJobs dueJobs;
    private final String region;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "local-workflow-tick");
        thread.setDaemon(true);
        return thread;
    });

    private WorkflowTicker(LocalFunction function, DueJobs dueJobs, String region) {
        this.function = function;
        this.dueJobs = dueJobs;
        this.region = region;
    }

    static WorkflowTicker start(LocalFunction function, DueJobs dueJobs, String region, Duration period) {
        WorkflowTicker ticker = new WorkflowTicker(function, dueJobs, region);
        ticker.scheduler.scheduleWithFixedDelay(ticker::tick, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return ticker;
    }

    private void tick() {
        String id = UUID.randomUUID().toString();
        ScheduledEvent event = new ScheduledEvent()
                .withVersion("0")
                .withId(id)
                .withDetailType("Scheduled Event")
                .withSource("aws.events")
                .withAccount(LocalServer.ACCOUNT_ID)
                .withRegion(region)
                .withTime(new DateTime(DateTimeZone.UTC))
                .withResources(List.of("arn:aws:events:" + region + ":" + LocalServer.ACCOUNT_ID + ":rule/local-tick"))
                .withDetail(Map.of());
        try {
            Object ran = dueJobs.exclusively(() -> function.invoke(event, id));
            if (ran instanceof Integer n && n > 0) {
                LOG.info("workflow tick ran {} due jobs", n);
            }
        } catch (RuntimeException | Error e) {
            // a failed tick must not end the schedule: the next one tries again, as EventBridge would
            LOG.error("workflow tick failed", e);
        }
    }

    @Override
    public void close() {
        // no interrupt: a tick inside an engine transaction finishes (an interrupt can close H2's file channel)
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
