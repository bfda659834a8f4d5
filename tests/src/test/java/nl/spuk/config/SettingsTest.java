package nl.spuk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import nl.spuk.adapter.out.camunda.EngineSettings;
import org.junit.jupiter.api.Test;

/** The engine's settings as the environment gives them: local mode needs none, AWS names its secret and schema step. */
class SettingsTest {

    @Test
    void withoutEngineSettingsTheEngineLogsInPlainlyAndMakesItsTables() {
        Settings settings = Settings.from(Map.<String, String>of()::get);

        assertThat(settings.engineSchema()).isEqualTo(EngineSettings.Schema.CREATE);
        assertThat(settings.engineDbSecretArn()).isEmpty();
    }

    @Test
    void inAwsTheEngineReadsItsLoginFromTheSecretAndOnlyChecksItsTables() {
        String arn = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:spuk-engine-AbCdEf";
        Settings settings = Settings.from(Map.of(Settings.ENGINE_DB_SECRET_ARN, arn, Settings.ENGINE_SCHEMA, "verify")::get);

        assertThat(settings.engineSchema()).isEqualTo(EngineSettings.Schema.VERIFY);
        assertThat(settings.engineDbSecretArn()).hasValue(arn);
        assertThatThrownBy(() -> Settings.from(Map.of(Settings.ENGINE_SCHEMA, "update")::get))
                .hasMessageContaining("'create' or 'verify'");
    }
}
