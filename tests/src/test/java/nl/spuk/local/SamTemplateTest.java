package nl.spuk.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The local server's reader of the template: a bucket's own notification is its function's S3 event. */
class SamTemplateTest {

    @Test
    void a_bucket_notification_of_a_functions_alias_is_that_functions_s3_event() {
        SamTemplate template = read("""
                Resources:
                  Uploads:
                    Type: AWS::S3::Bucket
                    Properties:
                      NotificationConfiguration:
                        LambdaConfigurations:
                          - Event: s3:ObjectCreated:*
                            Filter:
                              S3Key:
                                Rules:
                                  - Name: prefix
                                    Value: incoming/
                            Function: !Ref CheckFunction.Alias
                          - Event: s3:ObjectRemoved:*
                            Function: !GetAtt AuditFunction.Arn
                          - Event: s3:ObjectCreated:*
                            Function: arn:aws:lambda:eu-central-1:123456789012:function:elsewhere
                  CheckFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.CheckHandler::handleRequest
                  AuditFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.AuditHandler
                """);

        assertThat(template.functionsWithEvent("S3"))
                .extracting(SamTemplate.EventFunction::functionName, SamTemplate.EventFunction::handlerClass)
                .containsExactly(tuple("CheckFunction", "example.CheckHandler"),
                        tuple("AuditFunction", "example.AuditHandler"));
        assertThat(SamTemplate.s3KeyPrefix(template.functionsWithEvent("S3").get(0))).contains("incoming/");
        assertThat(SamTemplate.s3KeyPrefix(template.functionsWithEvent("S3").get(1))).isEmpty();
    }

    @Test
    void the_repository_template_notifies_the_upload_check_of_documents_under_applications() throws Exception {
        SamTemplate template = SamTemplate.read(Files.newInputStream(TemplateFile.path()));

        assertThat(template.functionsWithEvent("S3")).singleElement().satisfies(event -> {
            assertThat(event.handlerClass()).isEqualTo("nl.spuk.adapter.in.lambda.DocumentUploadedHandler");
            assertThat(SamTemplate.s3KeyPrefix(event)).contains("applications/");
        });
    }

    private static SamTemplate read(String yaml) {
        return SamTemplate.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
