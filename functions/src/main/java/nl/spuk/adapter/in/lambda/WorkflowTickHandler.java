package nl.spuk.adapter.in.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import nl.spuk.application.UploadCheck;
import nl.spuk.application.port.Workflow;
import nl.spuk.config.LambdaContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled tick: runs the engine's due timers and jobs (Lambda has no job executor thread), then checks the uploads
 * that wait longest, so one whose notification was lost is settled all the same.
 */
public final class WorkflowTickHandler implements RequestHandler<ScheduledEvent, Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(WorkflowTickHandler.class);

    private final Workflow workflow;
    private final UploadCheck uploads;

    public WorkflowTickHandler() {
        this(LambdaContainer.components().workflow(), LambdaContainer.components().uploads());
    }

    public WorkflowTickHandler(Workflow workflow, UploadCheck uploads) {
        this.workflow = workflow;
        this.uploads = uploads;
    }

    /** @return how many due jobs ran */
    @Override
    public Integer handleRequest(ScheduledEvent event, Context context) {
        try (LogContext logContext = LogContext.open(context, this)) {
            int ran = workflow.runDueJobs();
            try {
                int settled = uploads.sweep();
                if (settled > 0) {
                    LOG.info("settled {} uploads that waited for their check", settled);
                }
            } catch (RuntimeException e) {
                // the timers ran; a failed sweep is logged, not made the tick's failure, and the next tick sweeps again
                LOG.error("the sweep of uploads waiting for their check failed", e);
            }
            return ran;
        }
    }
}
