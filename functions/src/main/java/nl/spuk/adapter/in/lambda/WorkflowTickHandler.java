package nl.spuk.adapter.in.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import nl.spuk.application.port.Workflow;
import nl.spuk.config.LambdaContainer;

/** The scheduled tick: runs the engine's due timers and jobs (Lambda has no job executor thread). */
public final class WorkflowTickHandler implements RequestHandler<ScheduledEvent, Integer> {
    private final Workflow workflow;

    public WorkflowTickHandler() {
        this(LambdaContainer.components().workflow());
    }

    public WorkflowTickHandler(Workflow workflow) {
        this.workflow = workflow;
    }

    @Override
    public Integer handleRequest(ScheduledEvent event, Context context) {
        try (LogContext logContext = LogContext.open(context, this)) {
            return workflow.runDueJobs();
        }
    }
}
