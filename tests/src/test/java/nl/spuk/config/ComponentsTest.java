package nl.spuk.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import nl.spuk.adapter.out.camunda.CamundaWorkflow;
import nl.spuk.adapter.out.s3.S3Clients;
import nl.spuk.local.LocalDynamoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The composition root builds what a function uses, when it uses it. */
class ComponentsTest {
    private static LocalDynamoDb dynamoDb;

    @BeforeAll
    static void start() throws Exception {
        dynamoDb = LocalDynamoDb.start(null);
    }

    @AfterAll
    static void stop() throws Exception {
        dynamoDb.close();
    }

    private static Components components() {
        Settings settings = new Settings("spuk", "spuk-documents", "eu-central-1", Optional.empty(), Optional.empty(),
                "jdbc:h2:mem:components-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        return new Components(settings, Clock.systemUTC(), new Components.Clients(dynamoDb.client(),
                S3Clients.client(settings.region(), Optional.empty()), S3Clients.presigner(settings.region(), Optional.empty())));
    }

    @Test
    void theUseCasesOfReadFunctionsBuildNeitherTheProcessStepsNorTheEngine() {
        try (Components components = components()) {
            assertThat(components.applicationQueries()).isNotNull();
            assertThat(components.municipalities()).isNotNull();
            assertThat(components.monitoring()).isNotNull();
            // the queries function lists reports and documents through use cases that can also move the process
            assertThat(components.reports()).isNotNull();
            assertThat(components.documents()).isNotNull();
            assertThat(components.decisions()).isNotNull();

            assertThat(components.processStepsBuilt()).as("process steps and letter renderer built").isFalse();
            assertThat(components.engine().connectionPoolOpen()).as("engine booted").isFalse();
        }
    }

    @Test
    void aFunctionThatMovesProcessesPreparesStepsAndEngineBeforeItsFirstRequest() {
        try (Components components = components()) {
            components.prepareToMoveProcesses();
            assertThat(components.processStepsBuilt()).isTrue();
            CamundaWorkflow engine = (CamundaWorkflow) components.workflow();
            engine.runDueJobs();
            assertThat(engine.connectionPoolOpen()).isTrue();
        }
    }
}
