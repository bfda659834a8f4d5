package nl.spuk.config;

import java.util.Map;
import java.util.function.Supplier;
import nl.spuk.application.ProcessCommand;
import nl.spuk.application.port.Workflow;
import nl.spuk.domain.TaskType;

/**
 * The workflow as the use cases hold it: the engine's steps (and the letter renderer they use) are built on the first
 * call that moves a process, so a use case that may move one but is asked only to read costs nothing of it.
 */
final class DeferredWorkflow implements Workflow {
    private final Supplier<Workflow> workflow;

    DeferredWorkflow(Supplier<Workflow> workflow) {
        this.workflow = workflow;
    }

    @Override
    public void start(String applicationId) {
        workflow.get().start(applicationId);
    }

    @Override
    public void complete(ProcessCommand command, TaskType type, Map<String, Object> processVariables) {
        workflow.get().complete(command, type, processVariables);
    }

    @Override
    public void send(ProcessCommand command, String message, Map<String, Object> processVariables) {
        workflow.get().send(command, message, processVariables);
    }

    @Override
    public int runDueJobs() {
        return workflow.get().runDueJobs();
    }
}
