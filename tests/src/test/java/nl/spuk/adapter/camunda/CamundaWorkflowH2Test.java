package nl.spuk.adapter.camunda;

import java.util.UUID;
import nl.spuk.adapter.out.camunda.EngineSettings;

/** The workflow adapter on an in-memory H2 database, as in local mode and the integration tests. */
class CamundaWorkflowH2Test extends CamundaWorkflowContract {
    @Override
    EngineSettings newDatabase() {
        return new EngineSettings("jdbc:h2:mem:engine-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }
}
