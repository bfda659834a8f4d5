package nl.spuk.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Numbers the product's DynamoDB and S3 calls for the {@link FaultPlan} and fails the armed one: before it is sent
 * (the service never sees it) or after its answer arrived (the service applied it; the product sees a failure). A
 * call is numbered once however often the SDK tries it, and every attempt of the armed call fails, so the fault
 * reaches the product as it would after the SDK's retries gave up. The exception is not one the SDK retries.
 */
final class SdkFaults implements ExecutionInterceptor {
    private static final ExecutionAttribute<FaultPlan.Call> CALL = new ExecutionAttribute<>("spuk-fault-call");

    private final FaultPlan plan;

    SdkFaults(FaultPlan plan) {
        this.plan = plan;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        FaultPlan.Kind kind = "S3".equalsIgnoreCase(service) ? FaultPlan.Kind.S3 : FaultPlan.Kind.DYNAMODB;
        FaultPlan.Call call = plan.enter(kind, service + "." + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        if (call != null) {
            attributes.putAttribute(CALL, call);
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        FaultPlan.Call call = attributes.getAttribute(CALL);
        if (plan.fails(call, FaultPlan.Phase.BEFORE)) {
            throw SdkClientException.create("injected fault: " + call + " not sent");
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        FaultPlan.Call call = attributes.getAttribute(CALL);
        if (plan.fails(call, FaultPlan.Phase.AFTER)) {
            // read the answer to its end, so its connection goes back to the pool, and lose it
            context.responseBody().ifPresent(body -> {
                try (InputStream in = body) {
                    in.transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            throw SdkClientException.create("injected fault: the answer to " + call + " was lost");
        }
    }
}
