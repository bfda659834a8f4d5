package nl.spuk.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.spuk.adapter.in.lambda.EngineSchemaHandler;
import nl.spuk.config.Settings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a first deploy of {@code template.yaml} needs beyond valid CloudFormation: a failed first create can be
 * retried, the engine's tables are made once before the engine functions publish, the engine database's login is
 * read at run time, the live alias follows every change, each function may do what its code does and no more, and
 * the stack keeps its logs and raises alarms.
 */
@SuppressWarnings("unchecked")
class DeployReadinessTest {
    /** The sender's domain identity in SES, as {@link TemplateGrants} names it. */
    private static final String SES_IDENTITY = "ses-identity/${MailDomain}";
    private static final String VPC_ACCESS_POLICY =
            "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole";
    private static final Map<String, Object> NO_VALUE = Map.of("Ref", "AWS::NoValue");

    private static Map<String, Object> template;
    private static Map<String, Map<String, Object>> resources;

    @BeforeAll
    static void load() throws IOException {
        template = TemplateFile.loadLongForm();
        resources = TemplateFile.resources(template);
    }

    @Test
    void buckets_with_fixed_names_are_kept_except_after_a_failed_first_create() {
        Map<String, Map<String, Object>> named = ofType("AWS::S3::Bucket");
        named.values().removeIf(bucket -> !TemplateFile.properties(bucket).containsKey("BucketName"));

        assertThat(named).containsOnlyKeys("DocumentsBucket", "WebBucket");
        named.forEach((name, bucket) -> {
            assertThat(bucket.get("DeletionPolicy")).as(name).isEqualTo("RetainExceptOnCreate");
            assertThat(bucket.get("UpdateReplacePolicy")).as(name).isEqualTo("Retain");
        });
    }

    @Test
    void a_change_of_configuration_alone_moves_the_live_alias() {
        Map<String, Object> function = globalFunction();

        assertThat(function.get("AutoPublishAlias")).isEqualTo("live");
        assertThat(function.get("AutoPublishAliasAllProperties")).isEqualTo(true);
    }

    @Test
    void the_engine_tables_are_made_once_per_deploy_by_the_schema_step_before_the_engine_functions_publish() {
        Map<String, Object> schema = resources.get("EngineSchema");
        assertThat(schema).as("the schema step's custom resource").isNotNull();
        assertThat((String) schema.get("Type")).matches("Custom::.+|AWS::CloudFormation::CustomResource");
        Map<String, Object> step = TemplateFile.properties(schema);
        // the alias: a custom resource's service token may not change, and the alias runs the newest code
        assertThat(step.get("ServiceToken")).isEqualTo(Map.of("Ref", "EngineSchemaFunction.Alias"));
        // every new version of the step's function makes an Update, so new code (a new engine) runs the step again
        assertThat(step.get("FunctionVersion")).isEqualTo(Map.of("Ref", "EngineSchemaFunction.Version"));
        Map<String, Object> function = TemplateFile.properties(resources.get("EngineSchemaFunction"));
        assertThat(function.get("Handler")).isEqualTo(EngineSchemaHandler.class.getName() + "::handleRequest");
        assertThat(RequestHandler.class).isAssignableFrom(EngineSchemaHandler.class);
        assertThat(environment(function)).containsEntry(Settings.ENGINE_JDBC_URL, Map.of("Ref", "EngineJdbcUrl"));

        Map<String, Map<String, Object>> engines = withEngineDatabase();
        engines.remove("EngineSchemaFunction");
        assertThat(engines).containsOnlyKeys("ApplicationCommandsFunction", "DecisionsFunction", "ReportsFunction",
                "WorkflowTickFunction");
        engines.forEach((name, engine) -> {
            // they publish in parallel: none of their engines may make tables
            assertThat(environment(TemplateFile.properties(engine))).as(name).containsEntry(Settings.ENGINE_SCHEMA, "verify");
            Object dependsOn = engine.get("DependsOn");
            assertThat(dependsOn instanceof List<?> list ? list : List.of(String.valueOf(dependsOn))).as(name)
                    .contains("EngineSchema");
        });
    }

    @Test
    void the_functions_on_the_engine_database_read_its_login_from_the_secret_when_they_run() throws IOException {
        // a login resolved into the environment while deploying goes stale when the password rotates
        assertThat(Files.readString(TemplateFile.path())).doesNotContain("{{resolve:secretsmanager",
                Settings.ENGINE_JDBC_USER, Settings.ENGINE_JDBC_PASSWORD);
        Map<String, Map<String, Object>> functions = withEngineDatabase();
        TemplateGrants grants = new TemplateGrants(template);

        assertThat(functions).containsOnlyKeys("ApplicationCommandsFunction", "DecisionsFunction", "ReportsFunction",
                "WorkflowTickFunction", "EngineSchemaFunction");
        functions.forEach((name, function) -> assertThat(environment(TemplateFile.properties(function))).as(name)
                .containsEntry(Settings.ENGINE_DB_SECRET_ARN, Map.of("Ref", "EngineDbSecretArn")));
        assertThat(grants.functions()).filteredOn(f -> grants.of(f).contains("secretsmanager:GetSecretValue engine-db-secret"))
                .containsExactlyInAnyOrderElementsOf(functions.keySet());
    }

    @Test
    void each_function_is_granted_the_calls_its_code_makes_and_nothing_else() {
        String letters = "s3:PutObject documents/letters/*";
        List<String> engineLogin = List.of("secretsmanager:GetSecretValue engine-db-secret");
        // the upload check: copies the upload to checked/, reads that copy, deletes what is not served
        List<String> uploadCheck = List.of("s3:GetObject documents/applications/*", "s3:GetObject documents/checked/*",
                "s3:PutObject documents/checked/*", "s3:DeleteObject documents/applications/*", "s3:DeleteObject documents/checked/*");
        Map<String, Set<String>> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("ApiDocumentFunction", Set.of()),
                Map.entry("MunicipalitiesFunction", grants(
                        table("Query", "UpdateItem", "PutItem", "DeleteItem"), index("GSI2"))),
                Map.entry("ApplicationQueriesFunction", grants(table("GetItem", "Query"),
                        index("GSI1", "GSI2", "GSI3"),
                        List.of("s3:GetObject documents/checked/*", "s3:GetObject documents/letters/*"))),
                Map.entry("DraftsFunction", grants(table("GetItem", "PutItem", "UpdateItem", "DeleteItem", "ConditionCheckItem"),
                        List.of("s3:PutObject documents/applications/*", "s3:DeleteObject documents/applications/*",
                                "s3:DeleteObject documents/checked/*"))),
                Map.entry("ApplicationCommandsFunction", grants(
                        table("GetItem", "Query", "PutItem", "UpdateItem", "DeleteItem", "ConditionCheckItem"), uploadCheck,
                        engineLogin)),
                Map.entry("AdvisoryFunction", grants(
                        table("GetItem", "Query", "PutItem", "UpdateItem", "DeleteItem", "ConditionCheckItem"))),
                Map.entry("DecisionsFunction", grants(
                        table("GetItem", "Query", "PutItem", "UpdateItem", "DeleteItem"), List.of(letters), engineLogin)),
                Map.entry("ReportsFunction", grants(
                        table("GetItem", "Query", "PutItem", "UpdateItem", "DeleteItem"), index("GSI1"), List.of(letters),
                        engineLogin)),
                Map.entry("MonitoringFunction", grants(table("GetItem", "BatchGetItem", "Query"), index("GSI2"))),
                Map.entry("MonitoringCheckFunction", grants(table("Query", "PutItem"), index("GSI3"))),
                Map.entry("DocumentUploadedFunction", grants(table("GetItem", "PutItem", "UpdateItem"), uploadCheck)),
                Map.entry("WorkflowTickFunction", grants(table("GetItem", "Query", "PutItem", "UpdateItem"), index("GSI2"),
                        uploadCheck, engineLogin)),
                Map.entry("EngineSchemaFunction", grants(engineLogin)),
                Map.entry("NotificationsFunction", grants(table("GetItem", "BatchGetItem", "PutItem", "DeleteItem"),
                        index("GSI1"))),
                Map.entry("NotifierFunction", grants(table("UpdateItem", "PutItem"),
                        List.of("ses:SendEmail " + SES_IDENTITY, "ses:SendRawEmail " + SES_IDENTITY)))));
        TemplateGrants grants = new TemplateGrants(template);

        Map<String, Set<String>> granted = new TreeMap<>();
        grants.functions().forEach(f -> granted.put(f, grants.of(f)));

        assertThat(granted).isEqualTo(expected);
    }

    /** The notifier mails from the configured address only, through that address's domain identity. */
    @Test
    void the_notifier_sends_mail_from_the_configured_address_only() {
        Map<String, Object> notifier = TemplateFile.properties(resources.get("NotifierFunction"));
        Map<String, Object> ses = ((List<Map<String, Object>>) ((Map<String, Object>) ((List<?>) notifier.get("Policies"))
                .get(0)).get("Statement")).stream().filter(st -> String.valueOf(st.get("Action")).contains("ses:"))
                .findFirst().orElseThrow();
        assertThat(ses.get("Condition")).isEqualTo(Map.of("StringEquals", Map.of("ses:FromAddress", Map.of("Ref", "MailFromAddress"))));
        assertThat(TemplateGrants.resourceName(ses.get("Resource"))).isEqualTo(SES_IDENTITY);
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) notifier.get("Environment")).get("Variables");
        assertThat(variables).containsKeys("SPUK_MAIL_FROM", "SPUK_WEB_URL")
                .containsEntry("SPUK_ADVISORY_TEAM_EMAIL", Map.of("Ref", "AdvisoryTeamEmail"))
                .containsEntry("SPUK_MINISTRY_EMAIL", Map.of("Ref", "MinistryEmail"));
    }

    /**
     * The notifier reads the table's stream of new images, filtered to outbox items waiting to be sent, reports the
     * records that failed, and sends what failed every attempt to a dead-letter queue.
     */
    @Test
    void the_notifier_reads_the_outbox_from_the_stream_with_a_filter_and_a_dead_letter_queue() {
        Map<String, Object> table = TemplateFile.properties(resources.get("Table"));
        assertThat(table.get("StreamSpecification")).isEqualTo(Map.of("StreamViewType", "NEW_IMAGE"));
        Map<String, Object> event = (Map<String, Object>) ((Map<String, Object>) TemplateFile.properties(
                resources.get("NotifierFunction")).get("Events")).get("Outbox");
        assertThat(event.get("Type")).isEqualTo("DynamoDB");
        Map<String, Object> p = (Map<String, Object>) event.get("Properties");
        assertThat(p.get("Stream")).isEqualTo(Map.of("Fn::GetAtt", List.of("Table", "StreamArn")));
        assertThat(p.get("FunctionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures"));
        assertThat((Integer) p.get("MaximumRetryAttempts")).isBetween(1, 10);
        assertThat(at(p, "DestinationConfig", "OnFailure")).isEqualTo(Map.of("Type", "SQS",
                "Destination", Map.of("Fn::GetAtt", List.of("NotificationsDeadLetterQueue", "Arn"))));
        String pattern = (String) ((Map<String, Object>) ((List<?>) ((Map<String, Object>) p.get("FilterCriteria"))
                .get("Filters")).get(0)).get("Pattern");
        assertThat(pattern).contains("\"type\":{\"S\":[\"OUTBOX\"]}").contains("\"state\":{\"S\":[\"PENDING\"]}");
    }

    @Test
    void nothing_scans_batch_writes_or_describes_the_table() throws IOException {
        String text = Files.readString(TemplateFile.path());

        assertThat(text).doesNotContain("DynamoDBCrudPolicy", "DynamoDBReadPolicy", "DynamoDBWritePolicy",
                "dynamodb:Scan", "dynamodb:BatchWriteItem", "dynamodb:DescribeTable", "dynamodb:*");
    }

    @Test
    void only_the_documents_bucket_of_this_account_may_invoke_the_upload_check() {
        assertThat(eventTypes()).doesNotContain("S3");
        Map<String, Map<String, Object>> fromS3 = ofType("AWS::Lambda::Permission");
        fromS3.values().removeIf(p -> !"s3.amazonaws.com".equals(TemplateFile.properties(p).get("Principal")));

        assertThat(fromS3).containsOnlyKeys("DocumentUploadedPermission");
        Map<String, Object> permission = TemplateFile.properties(fromS3.get("DocumentUploadedPermission"));
        assertThat(permission).containsEntry("SourceAccount", Map.of("Ref", "AWS::AccountId"))
                .containsEntry("SourceArn", Map.of("Fn::Sub", "arn:${AWS::Partition}:s3:::" + TemplateGrants.DOCUMENTS_BUCKET))
                .containsEntry("FunctionName", Map.of("Ref", "DocumentUploadedFunction.Alias"));
        Map<String, Object> bucket = resources.get("DocumentsBucket");
        assertThat(TemplateFile.properties(bucket).get("BucketName"))
                .isEqualTo(Map.of("Fn::Sub", TemplateGrants.DOCUMENTS_BUCKET));
        assertThat(bucket.get("DependsOn")).isEqualTo("DocumentUploadedPermission");
        assertThat((List<Map<String, Object>>) at(TemplateFile.properties(bucket), "NotificationConfiguration",
                "LambdaConfigurations")).singleElement().satisfies(notification -> assertThat(notification)
                        .containsEntry("Function", permission.get("FunctionName")));
    }

    @Test
    void the_vpc_access_policy_comes_with_a_vpc_only() {
        Map<String, Map<String, Object>> inVpc = ofType("AWS::Serverless::Function");
        inVpc.values().removeIf(f -> !TemplateFile.properties(f).containsKey("VpcConfig"));

        assertThat(inVpc).containsOnlyKeys("ApplicationCommandsFunction", "DecisionsFunction", "ReportsFunction",
                "WorkflowTickFunction", "EngineSchemaFunction");
        inVpc.forEach((name, function) -> {
            Map<String, Object> properties = TemplateFile.properties(function);
            // SAM adds the VPC access policy to a role it makes whenever VpcConfig is there, condition or not
            assertThat(properties).as(name).containsKey("Role").doesNotContainKey("Policies");
            assertThat(properties.get("VpcConfig")).as(name).isInstanceOf(Map.class)
                    .extracting(v -> ((List<?>) ((Map<?, ?>) v).get("Fn::If")).get(0)).isEqualTo("EngineInVpc");
            String role = (String) ((List<?>) ((Map<?, ?>) properties.get("Role")).get("Fn::GetAtt")).get(0);
            assertThat(TemplateFile.properties(resources.get(role)).get("ManagedPolicyArns")).as(role).isEqualTo(List.of(
                    Map.of("Fn::Sub", "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"),
                    Map.of("Fn::If", List.of("EngineInVpc", Map.of("Fn::Sub", VPC_ACCESS_POLICY), NO_VALUE))));
        });
    }

    @Test
    void a_vpc_config_has_subnets_and_security_groups_or_is_left_out() {
        Map<String, Object> vpcConfig = (Map<String, Object>) TemplateFile.properties(
                resources.get("WorkflowTickFunction")).get("VpcConfig");
        List<?> choice = (List<?>) vpcConfig.get("Fn::If");
        Conditions conditions = new Conditions(template);

        for (String subnets : List.of("", "subnet-1,subnet-2")) {
            for (String groups : List.of("", "sg-1")) {
                Map<String, String> parameters = Map.of("EngineSubnetIds", subnets, "EngineSecurityGroupIds", groups);
                String given = "subnets '" + subnets + "', security groups '" + groups + "'";
                if (!conditions.isTrue((String) choice.get(0), parameters)) {
                    assertThat(choice.get(2)).as(given).isEqualTo(NO_VALUE);
                    continue;
                }
                Map<?, ?> config = (Map<?, ?>) choice.get(1);
                for (Object list : config.values()) {
                    assertThat(conditions.values(list, parameters)).as(given).isNotEmpty().doesNotContain("");
                }
            }
        }
        // subnets without security groups are refused before anything is deployed, rather than left out quietly
        assertThat(conditions.rulesRefuse(Map.of("EngineSubnetIds", "subnet-1", "EngineSecurityGroupIds", ""))).isTrue();
        assertThat(conditions.rulesRefuse(Map.of("EngineSubnetIds", "subnet-1", "EngineSecurityGroupIds", "sg-1"))).isFalse();
        assertThat(conditions.rulesRefuse(Map.of("EngineSubnetIds", "", "EngineSecurityGroupIds", ""))).isFalse();
    }

    @Test
    void the_web_pages_connect_to_the_api_the_sign_in_domain_and_the_documents_bucket_only() {
        String csp = (String) ((Map<?, ?>) at(resources.get("WebSecurityHeaders"), "Properties",
                "ResponseHeadersPolicyConfig", "SecurityHeadersConfig", "ContentSecurityPolicy", "ContentSecurityPolicy"))
                .get("Fn::Sub");
        List<String> connectSrc = Arrays.stream(csp.split(";")).map(String::strip)
                .filter(d -> d.startsWith("connect-src ")).findFirst().map(d -> List.of(d.split("\\s+"))).orElseThrow();

        assertThat(connectSrc).containsExactly("connect-src", "'self'",
                // the API by region: its own id would make a dependency cycle (see the template)
                "https://*.execute-api.${AWS::Region}.${AWS::URLSuffix}",
                "https://${WebUserPoolDomain}.auth.${AWS::Region}.amazoncognito.com",
                "https://" + TemplateGrants.DOCUMENTS_BUCKET + ".s3.${AWS::Region}.${AWS::URLSuffix}");
    }

    @Test
    void the_documents_bucket_and_the_api_answer_browsers_of_the_site_only() {
        List<Object> siteOrigins = List.of(Map.of("Fn::Sub", "https://${WebDistribution.DomainName}"),
                Map.of("Fn::If", List.of("WebHasOwnDomain", Map.of("Fn::Sub", "https://${WebDomainName}"), NO_VALUE)));
        List<?> rules = (List<?>) at(TemplateFile.properties(resources.get("DocumentsBucket")), "CorsConfiguration", "CorsRules");

        assertThat(rules).singleElement().satisfies(rule -> assertThat(((Map<?, ?>) rule).get("AllowedOrigins"))
                .isEqualTo(siteOrigins));
        assertThat(at(TemplateFile.properties(resources.get("Api")), "CorsConfiguration", "AllowOrigins"))
                .isEqualTo(siteOrigins);
    }

    @Test
    void replaced_document_versions_are_kept_30_days_then_expire() {
        Map<String, Object> bucket = TemplateFile.properties(resources.get("DocumentsBucket"));
        List<?> rules = (List<?>) at(bucket, "LifecycleConfiguration", "Rules");

        assertThat(at(bucket, "VersioningConfiguration", "Status")).isEqualTo("Enabled");
        assertThat(rules).filteredOn(r -> ((Map<?, ?>) r).containsKey("NoncurrentVersionExpiration"))
                .singleElement().satisfies(rule -> {
                    assertThat(((Map<?, ?>) rule).get("Status")).isEqualTo("Enabled");
                    assertThat(((Map<?, ?>) rule).get("NoncurrentVersionExpiration"))
                            .isEqualTo(Map.of("NoncurrentDays", 30));
                });
    }

    @Test
    void the_site_asks_for_tls_1_2_on_its_own_domain_where_cloudfront_allows_it() {
        Map<String, Object> distribution = (Map<String, Object>) TemplateFile.properties(resources.get("WebDistribution"))
                .get("DistributionConfig");

        assertThat(distribution.get("Aliases"))
                .isEqualTo(Map.of("Fn::If", List.of("WebHasOwnDomain", List.of(Map.of("Ref", "WebDomainName")), NO_VALUE)));
        // CloudFront's default certificate (no domain of our own) takes no minimum protocol version: it is TLSv1
        assertThat(distribution.get("ViewerCertificate")).isEqualTo(Map.of("Fn::If", List.of("WebHasOwnDomain",
                Map.of("AcmCertificateArn", Map.of("Ref", "WebCertificateArn"), "SslSupportMethod", "sni-only",
                        "MinimumProtocolVersion", "TLSv1.2_2021"),
                Map.of("CloudFrontDefaultCertificate", true))));
        assertThat(conditionOf("WebHasOwnDomain")).isEqualTo(Map.of("Fn::Not",
                List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "WebDomainName"), "")))));
    }

    @Test
    void every_function_logs_to_a_group_of_its_own_that_keeps_its_lines_for_a_while() {
        Map<String, Map<String, Object>> functions = ofType("AWS::Serverless::Function");
        Set<Object> groups = new LinkedHashSet<>();

        functions.forEach((name, function) -> {
            Object group = at(TemplateFile.properties(function), "LoggingConfig", "LogGroup");
            assertThat(group).as(name).isInstanceOf(Map.class);
            assertThat(groups.add(group)).as(name + " has a group of its own").isTrue();
            assertKeptAWhile((String) ((Map<?, ?>) group).get("Ref"));
        });
        assertThat(groups).hasSize(functions.size());
    }

    @Test
    void the_api_writes_a_json_access_log_line_per_request_with_its_request_id() throws IOException {
        Map<String, Object> accessLog = (Map<String, Object>) TemplateFile.properties(resources.get("Api")).get("AccessLogSettings");

        assertThat(accessLog.get("DestinationArn")).isEqualTo(Map.of("Fn::GetAtt", List.of("ApiAccessLogs", "Arn")));
        assertKeptAWhile("ApiAccessLogs");
        JsonNode line = new ObjectMapper().readTree((String) accessLog.get("Format"));
        assertThat(line.get("requestId").asText()).isEqualTo("$context.requestId");
        assertThat(line.get("status").asText()).isEqualTo("$context.status");
        assertThat(line.get("routeKey").asText()).isEqualTo("$context.routeKey");
    }

    @Test
    void alarms_go_off_on_dead_letters_and_on_failing_workflow_ticks() {
        Map<String, Map<String, Object>> alarms = ofType("AWS::CloudWatch::Alarm");
        List<String> deadLetterQueues = new ArrayList<>();
        ofType("AWS::Serverless::Function").values().forEach(f -> {
            Object target = at(TemplateFile.properties(f), "DeadLetterQueue", "TargetArn");
            if (target != null) {
                deadLetterQueues.add((String) ((List<?>) ((Map<?, ?>) target).get("Fn::GetAtt")).get(0));
            }
            // an event source mapping's on-failure destination is a dead-letter queue too
            Map<String, Object> events = (Map<String, Object>) TemplateFile.properties(f).getOrDefault("Events", Map.of());
            events.values().forEach(e -> {
                Object onFailure = at((Map<String, Object>) ((Map<String, Object>) e).getOrDefault("Properties", Map.of()),
                        "DestinationConfig", "OnFailure");
                if (onFailure instanceof Map<?, ?> destination && destination.get("Destination") instanceof Map<?, ?> arn) {
                    deadLetterQueues.add((String) ((List<?>) arn.get("Fn::GetAtt")).get(0));
                }
            });
        });

        assertThat(deadLetterQueues).contains("DocumentEventsDeadLetterQueue", "NotificationsDeadLetterQueue");
        for (String queue : deadLetterQueues) {
            assertThat(alarms.values()).as(queue).anySatisfy(alarm -> assertAlarm(alarm, "AWS/SQS",
                    "ApproximateNumberOfMessagesVisible", "QueueName", Map.of("Fn::GetAtt", List.of(queue, "QueueName"))));
        }
        assertThat(alarms.values()).anySatisfy(alarm -> assertAlarm(alarm, "AWS/Lambda", "Errors", "FunctionName",
                Map.of("Ref", "WorkflowTickFunction")));
        Map<String, Object> subscription = resources.get("AlarmEmailSubscription");
        assertThat(subscription.get("Condition")).isEqualTo("AlarmsByEmail");
        assertThat(TemplateFile.properties(subscription)).containsEntry("Protocol", "email")
                .containsEntry("Endpoint", Map.of("Ref", "AlarmEmail"))
                .containsEntry("TopicArn", Map.of("Ref", "AlarmTopic"));
        assertThat(((Map<?, ?>) template.get("Parameters")).get("AlarmEmail")).extracting(p -> ((Map<?, ?>) p).get("Default"))
                .isEqualTo("");
    }

    private static void assertAlarm(Map<String, Object> alarm, String namespace, String metric, String dimension,
                                    Object dimensionValue) {
        Map<String, Object> p = TemplateFile.properties(alarm);
        assertThat(p).containsEntry("Namespace", namespace).containsEntry("MetricName", metric)
                .containsEntry("Threshold", 0).containsEntry("ComparisonOperator", "GreaterThanThreshold")
                .containsEntry("AlarmActions", List.of(Map.of("Ref", "AlarmTopic")));
        assertThat(p.get("Dimensions")).isEqualTo(List.of(Map.of("Name", dimension, "Value", dimensionValue)));
    }

    private static void assertKeptAWhile(String logGroup) {
        Map<String, Object> group = resources.get(logGroup);
        assertThat(group.get("Type")).as(logGroup).isEqualTo("AWS::Logs::LogGroup");
        assertThat(TemplateFile.properties(group).get("RetentionInDays")).as(logGroup)
                .isEqualTo(Map.of("Ref", "LogRetentionInDays"));
    }

    @SafeVarargs
    private static Set<String> grants(List<String>... parts) {
        return Stream.of(parts).flatMap(List::stream).collect(Collectors.toSet());
    }

    private static List<String> table(String... actions) {
        return Stream.of(actions).map(a -> "dynamodb:" + a + " table").toList();
    }

    private static List<String> index(String... indexes) {
        return Stream.of(indexes).map(i -> "dynamodb:Query table/index/" + i).toList();
    }

    private static Set<String> eventTypes() {
        Set<String> types = new LinkedHashSet<>();
        ofType("AWS::Serverless::Function").values().forEach(f -> ((Map<?, ?>) TemplateFile.properties(f)
                .getOrDefault("Events", Map.of())).values().forEach(e -> types.add((String) ((Map<?, ?>) e).get("Type"))));
        return types;
    }

    private static Map<String, Object> globalFunction() {
        return (Map<String, Object>) ((Map<?, ?>) template.get("Globals")).get("Function");
    }

    private static Object conditionOf(String name) {
        return ((Map<?, ?>) template.get("Conditions")).get(name);
    }

    /** The functions given the engine's database. */
    private static Map<String, Map<String, Object>> withEngineDatabase() {
        Map<String, Map<String, Object>> functions = ofType("AWS::Serverless::Function");
        functions.values().removeIf(f -> !environment(TemplateFile.properties(f)).containsKey(Settings.ENGINE_JDBC_URL));
        return functions;
    }

    private static Map<String, Object> environment(Map<String, Object> functionProperties) {
        Object variables = at(functionProperties, "Environment", "Variables");
        return variables == null ? Map.of() : (Map<String, Object>) variables;
    }

    private static Map<String, Map<String, Object>> ofType(String type) {
        Map<String, Map<String, Object>> found = new TreeMap<>();
        resources.forEach((name, resource) -> {
            if (type.equals(resource.get("Type"))) {
                found.put(name, resource);
            }
        });
        return found;
    }

    /** The value at the path of keys, or null where the path ends early. */
    private static Object at(Map<String, Object> map, String... keys) {
        Object value = map;
        for (String key : keys) {
            if (!(value instanceof Map<?, ?> m)) {
                return null;
            }
            value = m.get(key);
        }
        return value;
    }

    /**
     * The template's conditions and rules, evaluated for given parameter values: enough of CloudFormation's condition
     * functions (Fn::And, Or, Not, Equals, Contains, Join, Ref, Condition) for the template's own.
     */
    private static final class Conditions {
        private final Map<?, ?> declaredParameters;
        private final Map<?, ?> conditions;
        private final Map<?, ?> rules;

        Conditions(Map<String, Object> template) {
            this.declaredParameters = (Map<?, ?>) template.get("Parameters");
            this.conditions = (Map<?, ?>) template.get("Conditions");
            this.rules = (Map<?, ?>) template.getOrDefault("Rules", Map.of());
        }

        boolean isTrue(String condition, Map<String, String> parameters) {
            return test(conditions.get(condition), parameters);
        }

        /** Whether a rule whose condition holds has an assertion that fails; parameters not given have their default. */
        boolean rulesRefuse(Map<String, String> parameters) {
            for (Object r : rules.values()) {
                Map<?, ?> rule = (Map<?, ?>) r;
                if (rule.containsKey("RuleCondition") && !test(rule.get("RuleCondition"), parameters)) {
                    continue;
                }
                for (Object a : (List<?>) rule.get("Assertions")) {
                    Map<?, ?> assertion = (Map<?, ?>) a;
                    if (!test(assertion.get("Assert"), parameters)) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** A list parameter's values (CloudFormation splits a CommaDelimitedList at its commas). */
        List<String> values(Object expression, Map<String, String> parameters) {
            Object value = value(expression, parameters);
            return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
        }

        private boolean test(Object expression, Map<String, String> parameters) {
            Map<?, ?> f = (Map<?, ?>) expression;
            if (f.containsKey("Condition")) {
                return isTrue((String) f.get("Condition"), parameters);
            }
            List<?> args = (List<?>) f.values().iterator().next();
            return switch ((String) f.keySet().iterator().next()) {
                case "Fn::And" -> args.stream().allMatch(a -> test(a, parameters));
                case "Fn::Or" -> args.stream().anyMatch(a -> test(a, parameters));
                case "Fn::Not" -> !test(args.get(0), parameters);
                case "Fn::Equals" -> value(args.get(0), parameters).equals(value(args.get(1), parameters));
                case "Fn::Contains" -> values(args.get(0), parameters).contains(String.valueOf(value(args.get(1), parameters)));
                default -> throw new IllegalArgumentException("not a condition: " + f);
            };
        }

        private Object value(Object expression, Map<String, String> parameters) {
            if (expression instanceof String s) {
                return s;
            }
            Map<?, ?> f = (Map<?, ?>) expression;
            if (f.get("Ref") instanceof String name) {
                Map<?, ?> declared = (Map<?, ?>) declaredParameters.get(name);
                String value = parameters.getOrDefault(name, String.valueOf(declared.get("Default")));
                return "CommaDelimitedList".equals(declared.get("Type")) ? List.of(value.split(",", -1)) : value;
            }
            if (f.get("Fn::Join") instanceof List<?> join) {
                return values(join.get(1), parameters).stream().collect(Collectors.joining((String) join.get(0)));
            }
            throw new IllegalArgumentException("not a value: " + f);
        }
    }
}
