package nl.spuk.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import nl.spuk.adapter.out.camunda.EngineSettings;
import nl.spuk.bench.Throughput.RawEngine.Step;
import nl.spuk.bench.Throughput.RawEngine;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.utils.builder.SdkBuilder;
import software.amazon.awssdk.utils.builder.ToCopyableBuilder;

/**
 * The floor of this design on this machine: the raw engine's lifecycle ({@link RawEngine}, steps doing nothing)
 * where each command also makes, directly with the AWS SDK, the DynamoDB and S3 calls the handlers made for it,
 * against the same DynamoDB Local table and S3Proxy bucket.
 *
 * <p>The calls are not listed here: they are recorded from one lifecycle through the handlers in the same run
 * ({@link SdkTimer#record}), the requests themselves, so the floor has the handlers' operations per route, the
 * same items, condition expressions, actions per transaction and object sizes, and follows the handlers when they
 * change what they store. Each lifecycle replays them with fresh ids: every UUID in them (application, document,
 * task and change ids) becomes a new one, the same within the lifecycle, and the recorded municipality becomes the
 * worker's, so the replayed conditions hold as they did (attribute_not_exists on new keys, the version sequence,
 * the allocation's headroom) and the workers touch different municipalities as the handlers' workers do. The
 * plan's upload by the client (a presigned PUT, no SDK call of ours) is replayed as a PutObject of the same size.
 *
 * <p>Not in the floor: what the handlers do besides storing, among it the award letter's PDF rendering. The letter
 * must be stored (its PutObject is replayed, same size, and its document item is in the approval's transaction),
 * but rendering it is our code, whose cost the ratio handlers / floor is there to judge (it once took a third of a
 * lifecycle); the same holds for reading events, JSON, validation and the domain. Within a command the calls come
 * before the engine step; in the handlers most of them are made inside it (by the process's steps), which changes
 * when, not how much, the machine works.
 */
final class Floor implements AutoCloseable {
    /**
     * The routes of a lifecycle that move the process, and the raw engine's step each makes: creating an
     * application starts the process, the other commands complete its user task (the command handlers of
     * {@code template.yaml}, through the {@code Workflow} port's {@code start} and {@code complete}). The only
     * hard-coded part of the floor; checked against the recorded lifecycle.
     */
    static final Map<String, Step> ENGINE_STEPS = Map.of(
            "POST /v1/applications", Step.START,
            "POST /v1/applications/{id}/submit", Step.PREPARE,
            "POST /v1/applications/{id}/advice", Step.REVIEW,
            "POST /v1/applications/{id}/decision", Step.DECIDE,
            "POST /v1/applications/{id}/decision/approve", Step.APPROVE_DECISION);

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final RawEngine engine;
    private final DynamoDbClient dynamo;
    private final S3Client s3;
    private final List<SdkTimer.Command> recording;
    private final String recordedMunicipality;
    /** The objects of the recording, by identity, that hold an id: a UUID or the recorded municipality's code. */
    private final Set<Object> holdingIds = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * @param engineDatabase the raw engine's own database
     * @param recording a lifecycle through the handlers, recorded for {@code recordedMunicipality}
     */
    Floor(BenchStack stack, EngineSettings engineDatabase, List<SdkTimer.Command> recording, String recordedMunicipality) {
        List<String> routes = recording.stream().map(SdkTimer.Command::route).toList();
        ENGINE_STEPS.keySet().forEach(route -> {
            if (routes.indexOf(route) < 0 || routes.indexOf(route) != routes.lastIndexOf(route)) {
                throw new IllegalStateException("the floor moves the process on " + route + ", which the recorded lifecycle"
                        + " called " + routes.stream().filter(route::equals).count() + " times: " + routes);
            }
        });
        if (!EnumSet.copyOf(ENGINE_STEPS.values()).equals(EnumSet.allOf(Step.class))) {
            throw new IllegalStateException("every step of the raw engine needs its route: " + ENGINE_STEPS);
        }
        this.recording = recording;
        this.recordedMunicipality = recordedMunicipality;
        recording.forEach(command -> command.requests().forEach(this::findIds));
        // the product's own DynamoDB client (local mode's), which counts the calls per route
        this.dynamo = stack.dynamoClient;
        // as the product builds its S3 client (URL-connection HTTP client, path-style, default credentials chain)
        this.s3 = S3Client.builder().region(Region.of(BenchStack.REGION)).endpointOverride(stack.s3Endpoint).forcePathStyle(true)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.addExecutionInterceptor(stack.sdkTimer)).build();
        this.engine = new RawEngine(engineDatabase);
    }

    /** One lifecycle: the recorded commands in order, each its calls replayed, then its engine step. */
    void lifecycle(String municipality, String businessKey) {
        Renaming renaming = new Renaming(municipality);
        for (SdkTimer.Command command : recording) {
            SdkTimer.route(command.route());
            for (SdkRequest request : command.requests()) {
                call((SdkRequest) renaming.value(request));
            }
            Step step = ENGINE_STEPS.get(command.route());
            if (step != null) {
                engine.step(businessKey, step);
            }
        }
    }

    /** Makes the call the request stands for; the operations a lifecycle of the handlers makes, and the like. */
    private void call(SdkRequest request) {
        if (request instanceof GetItemRequest r) {
            dynamo.getItem(r);
        } else if (request instanceof QueryRequest r) {
            dynamo.query(r);
        } else if (request instanceof TransactWriteItemsRequest r) {
            dynamo.transactWriteItems(r);
        } else if (request instanceof PutItemRequest r) {
            dynamo.putItem(r);
        } else if (request instanceof UpdateItemRequest r) {
            dynamo.updateItem(r);
        } else if (request instanceof DeleteItemRequest r) {
            dynamo.deleteItem(r);
        } else if (request instanceof BatchGetItemRequest r) {
            dynamo.batchGetItem(r);
        } else if (request instanceof TransactGetItemsRequest r) {
            dynamo.transactGetItems(r);
        } else if (request instanceof PutObjectRequest r) {
            if (r.contentLength() == null) {
                throw new IllegalStateException("the floor needs the size of " + r.key());
            }
            // S3Proxy stores the bytes as they come: their size matters, not what they say
            s3.putObject(r, RequestBody.fromBytes(new byte[Math.toIntExact(r.contentLength())]));
        } else if (request instanceof GetObjectRequest r) {
            s3.getObjectAsBytes(r);
        } else if (request instanceof HeadObjectRequest r) {
            s3.headObject(r);
        } else if (request instanceof DeleteObjectRequest r) {
            s3.deleteObject(r);
        } else {
            throw new IllegalStateException("the floor does not make " + request.getClass().getSimpleName() + " calls yet");
        }
    }

    /** Notes the objects of the recording that hold an id, wherever it stands; whether {@code value} does. */
    private boolean findIds(Object value) {
        boolean found = false;
        if (value instanceof String s) {
            found = s.contains(recordedMunicipality) || UUID_TEXT.matcher(s).find();
        } else if (value instanceof Collection<?> collection) {
            for (Object element : collection) {
                found |= findIds(element);
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                found |= findIds(entry.getKey()) | findIds(entry.getValue());
            }
        } else if (value instanceof SdkPojo pojo) {
            for (SdkField<?> field : pojo.sdkFields()) {
                found |= findIds(field.getValueOrDefault(pojo));
            }
        }
        if (found) {
            holdingIds.add(value);
        }
        return found;
    }

    /**
     * The recorded requests with one lifecycle's own ids: what holds an id is copied with it renamed, the rest
     * (SDK objects are immutable) shared, so renaming costs less than building the requests anew.
     */
    private final class Renaming {
        private final String municipality;
        private final Map<String, String> ids = new HashMap<>();

        Renaming(String municipality) {
            this.municipality = municipality;
        }

        Object value(Object value) {
            if (!holdingIds.contains(value)) {
                return value;
            }
            if (value instanceof String s) {
                return UUID_TEXT.matcher(s.replace(recordedMunicipality, municipality))
                        .replaceAll(id -> ids.computeIfAbsent(id.group(), recorded -> UUID.randomUUID().toString()));
            }
            if (value instanceof List<?> list) {
                List<Object> renamed = new ArrayList<>(list.size());
                list.forEach(element -> renamed.add(value(element)));
                return renamed;
            }
            if (value instanceof Map<?, ?> map) {
                Map<Object, Object> renamed = new LinkedHashMap<>();
                map.forEach((k, v) -> renamed.put(value(k), value(v)));
                return renamed;
            }
            if (value instanceof SdkPojo pojo && value instanceof ToCopyableBuilder<?, ?> copyable) {
                Object builder = copyable.toBuilder();
                for (SdkField<?> field : pojo.sdkFields()) {
                    Object fieldValue = field.getValueOrDefault(pojo);
                    if (holdingIds.contains(fieldValue)) {
                        field.set(builder, value(fieldValue));
                    }
                }
                return ((SdkBuilder<?, ?>) builder).build();
            }
            throw new IllegalStateException("cannot rename ids in a " + value.getClass().getName());
        }
    }

    @Override
    public void close() {
        s3.close();
        engine.close();
    }
}
