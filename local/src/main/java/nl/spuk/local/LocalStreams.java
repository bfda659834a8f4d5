package nl.spuk.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Local mode's DynamoDB event source mapping: reads DynamoDB Local's stream of the table (DescribeStream,
 * GetShardIterator, GetRecords) on a thread of its own, applies the template's {@code FilterCriteria}, and calls the
 * function with a {@link DynamodbEvent} built as Lambda builds it, in batches of the template's {@code BatchSize}.
 * As Lambda does with {@code ReportBatchItemFailures}, a batch is retried from the first record the function reports
 * failed (or whole, when it throws), {@code MaximumRetryAttempts} times, after which the batch is written to the
 * dead-letter file ({@code notifier-dead-letters.jsonl} in the data folder: the on-failure destination) and left
 * behind. How far the stream was read is kept in the data folder, so a restart goes on where it stopped.
 */
final class LocalStreams implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStreams.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String DEAD_LETTERS = "notifier-dead-letters.jsonl";
    private static final String CHECKPOINTS = "notifier-stream-checkpoints.json";
    private static final long POLL_MILLIS = 100;
    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long MAX_RETRY_MILLIS = 2000;
    private static final long DESCRIBE_EVERY_MILLIS = 5000;

    /** The event source's settings, from the template's event. */
    record Settings(int batchSize, int maximumRetryAttempts, EventFilter filter) {
        static Settings of(SamTemplate.EventFunction event) {
            Map<String, Object> p = event.properties();
            int batch = p.get("BatchSize") instanceof Number n ? n.intValue() : 100;
            int retries = p.get("MaximumRetryAttempts") instanceof Number n ? n.intValue() : 3;
            return new Settings(batch, retries, EventFilter.of(p.get("FilterCriteria")));
        }
    }

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final LocalFunction function;
    private final Settings settings;
    private final String region;
    private final Path dataDir;
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final Map<String, String> checkpoints;
    /** Shards read to their end (closed); DescribeStream still lists them for a while. */
    private final java.util.Set<String> finished = new java.util.HashSet<>();
    private final AtomicLong delivered = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private long lastDescribe;

    private LocalStreams(DynamoDbStreamsClient streams, String streamArn, LocalFunction function, Settings settings,
                         String region, Path dataDir) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.function = function;
        this.settings = settings;
        this.region = region;
        this.dataDir = dataDir;
        this.checkpoints = readCheckpoints(dataDir.resolve(CHECKPOINTS));
        this.thread = new Thread(this::run, "local-dynamodb-stream");
        this.thread.setDaemon(true);
    }

    static LocalStreams start(DynamoDbStreamsClient streams, String streamArn, LocalFunction function,
                              SamTemplate.EventFunction event, String region, Path dataDir) {
        LocalStreams s = new LocalStreams(streams, streamArn, function, Settings.of(event), region, dataDir);
        s.thread.start();
        return s;
    }

    /** How many records the function took without failing so far. */
    long delivered() {
        return delivered.get();
    }

    private void run() {
        while (running) {
            try {
                boolean read = pollOnce();
                if (!read) {
                    Thread.sleep(POLL_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("reading the table's stream failed; trying again", e);
                iterators.clear();
                sleep(1000);
            }
        }
    }

    /** Reads each open shard once; true when records came. */
    private boolean pollOnce() {
        long now = System.currentTimeMillis();
        if (iterators.isEmpty() || now - lastDescribe > DESCRIBE_EVERY_MILLIS) {
            lastDescribe = now;
            for (Shard shard : streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
                if (!finished.contains(shard.shardId())) {
                    iterators.computeIfAbsent(shard.shardId(), this::iterator);
                }
            }
            iterators.values().removeIf(v -> v == null);
        }
        boolean read = false;
        for (String shardId : new ArrayList<>(iterators.keySet())) {
            String iterator = iterators.get(shardId);
            GetRecordsResponse response;
            try {
                response = streams.getRecords(b -> b.shardIterator(iterator).limit(1000));
            } catch (ExpiredIteratorException | TrimmedDataAccessException e) {
                iterators.put(shardId, iterator(shardId));
                continue;
            }
            List<Record> records = response.records();
            if (!records.isEmpty()) {
                read = true;
                handle(shardId, records);
                checkpoint(shardId, records.get(records.size() - 1).dynamodb().sequenceNumber());
            }
            if (response.nextShardIterator() == null) {
                iterators.remove(shardId); // closed and read to its end; a child shard follows
                finished.add(shardId);
            } else {
                iterators.put(shardId, response.nextShardIterator());
            }
        }
        return read;
    }

    /** After the checkpoint where there is one, else from the oldest record (TRIM_HORIZON). */
    private String iterator(String shardId) {
        String after = checkpoints.get(shardId);
        try {
            return streams.getShardIterator(b -> {
                b.streamArn(streamArn).shardId(shardId);
                if (after != null) {
                    b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after);
                } else {
                    b.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
                }
            }).shardIterator();
        } catch (TrimmedDataAccessException e) {
            return streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        }
    }

    private void handle(String shardId, List<Record> records) {
        List<Record> passing = records.stream().filter(r -> settings.filter().matches(filterView(r))).toList();
        for (int from = 0; from < passing.size(); from += settings.batchSize()) {
            deliver(shardId, passing.subList(from, Math.min(passing.size(), from + settings.batchSize())));
        }
    }

    /** Calls the function with the batch, retrying from the first failed record, then dead-lettering the rest. */
    private void deliver(String shardId, List<Record> batch) {
        List<Record> pending = batch;
        String error = null;
        for (int attempt = 0; attempt <= settings.maximumRetryAttempts() && running; attempt++) {
            if (attempt > 0) {
                sleep(Math.min(MAX_RETRY_MILLIS, FIRST_RETRY_MILLIS << (attempt - 1)));
            }
            try {
                Object result = function.invoke(event(pending, streamArn, region), UUID.randomUUID().toString());
                int failedAt = firstFailure(pending, result);
                delivered.addAndGet(failedAt < 0 ? pending.size() : failedAt);
                if (failedAt < 0) {
                    return;
                }
                error = "the function reported record " + pending.get(failedAt).dynamodb().sequenceNumber() + " failed";
                pending = pending.subList(failedAt, pending.size());
            } catch (RuntimeException e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            LOG.warn("{} failed on {} stream record(s) (attempt {} of {}): {}", function.name(), pending.size(),
                    attempt + 1, settings.maximumRetryAttempts() + 1, error);
        }
        if (running) {
            deadLetter(shardId, pending, error);
        }
    }

    /** The index of the first record the function reported failed, or -1. */
    private static int firstFailure(List<Record> batch, Object result) {
        if (!(result instanceof StreamsEventResponse response) || response.getBatchItemFailures() == null) {
            return -1;
        }
        int first = -1;
        for (StreamsEventResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i).dynamodb().sequenceNumber().equals(failure.getItemIdentifier()) && (first < 0 || i < first)) {
                    first = i;
                }
            }
            if (failure.getItemIdentifier() == null || failure.getItemIdentifier().isEmpty()) {
                return 0; // Lambda retries the whole batch then
            }
        }
        return first;
    }

    /** What the on-failure destination receives, plus the records' keys: one JSON line, never lost. */
    private void deadLetter(String shardId, List<Record> records, String error) {
        ObjectNode line = JSON.createObjectNode();
        line.put("at", Instant.now().toString());
        line.put("function", function.name());
        line.put("streamArn", streamArn);
        line.put("shardId", shardId);
        line.put("startSequenceNumber", records.get(0).dynamodb().sequenceNumber());
        line.put("endSequenceNumber", records.get(records.size() - 1).dynamodb().sequenceNumber());
        line.put("batchSize", records.size());
        line.put("error", error);
        ArrayNode keys = line.putArray("keys");
        for (Record r : records) {
            ObjectNode key = keys.addObject();
            r.dynamodb().keys().forEach((name, value) -> key.put(name, value.s()));
        }
        try {
            Files.writeString(dataDir.resolve(DEAD_LETTERS), line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.error("{} failed on {} stream record(s) after {} attempts; described in {}: {}", function.name(),
                records.size(), settings.maximumRetryAttempts() + 1, dataDir.resolve(DEAD_LETTERS), error);
    }

    private void checkpoint(String shardId, String sequenceNumber) {
        checkpoints.put(shardId, sequenceNumber);
        try {
            DataFiles.writeAtomically(dataDir.resolve(CHECKPOINTS), JSON.writeValueAsString(checkpoints));
        } catch (IOException e) {
            LOG.warn("cannot keep how far the stream was read", e);
        }
    }

    private static Map<String, String> readCheckpoints(Path file) {
        Map<String, String> out = new TreeMap<>();
        if (Files.exists(file)) {
            try {
                JSON.readTree(Files.readString(file, StandardCharsets.UTF_8)).fields()
                        .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
            } catch (IOException | RuntimeException e) {
                LOG.warn("ignoring the unreadable stream checkpoints in {}", file, e);
            }
        }
        return out;
    }

    /** The record as Lambda's event filtering sees it: DynamoDB JSON under {@code dynamodb}. */
    static ObjectNode filterView(Record r) {
        ObjectNode event = JSON.createObjectNode();
        event.put("eventID", r.eventID());
        event.put("eventName", r.eventNameAsString());
        event.put("eventSource", "aws:dynamodb");
        ObjectNode dynamodb = event.putObject("dynamodb");
        if (r.dynamodb().hasKeys()) {
            dynamodb.set("Keys", image(r.dynamodb().keys()));
        }
        if (r.dynamodb().hasNewImage()) {
            dynamodb.set("NewImage", image(r.dynamodb().newImage()));
        }
        if (r.dynamodb().hasOldImage()) {
            dynamodb.set("OldImage", image(r.dynamodb().oldImage()));
        }
        return event;
    }

    private static ObjectNode image(Map<String, AttributeValue> image) {
        ObjectNode node = JSON.createObjectNode();
        image.forEach((name, value) -> node.set(name, dynamoJson(value)));
        return node;
    }

    private static ObjectNode dynamoJson(AttributeValue v) {
        ObjectNode node = JSON.createObjectNode();
        if (v.s() != null) {
            node.put("S", v.s());
        } else if (v.n() != null) {
            node.put("N", v.n());
        } else if (v.b() != null) {
            node.put("B", Base64.getEncoder().encodeToString(v.b().asByteArray()));
        } else if (v.bool() != null) {
            node.put("BOOL", v.bool());
        } else if (Boolean.TRUE.equals(v.nul())) {
            node.put("NULL", true);
        } else if (v.hasM()) {
            node.set("M", image(v.m()));
        } else if (v.hasL()) {
            ArrayNode list = node.putArray("L");
            v.l().forEach(e -> list.add(dynamoJson(e)));
        } else if (v.hasSs()) {
            ArrayNode list = node.putArray("SS");
            v.ss().forEach(list::add);
        } else if (v.hasNs()) {
            ArrayNode list = node.putArray("NS");
            v.ns().forEach(list::add);
        } else if (v.hasBs()) {
            ArrayNode list = node.putArray("BS");
            v.bs().forEach(b -> list.add(Base64.getEncoder().encodeToString(b.asByteArray())));
        }
        return node;
    }

    /** The event Lambda gives the function for these records of the stream. */
    static DynamodbEvent event(List<Record> records, String streamArn, String region) {
        List<DynamodbEvent.DynamodbStreamRecord> out = new ArrayList<>();
        for (Record r : records) {
            DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
            record.setEventID(r.eventID());
            record.setEventName(r.eventNameAsString());
            record.setEventVersion(r.eventVersion() == null ? "1.1" : r.eventVersion());
            record.setEventSource("aws:dynamodb");
            record.setAwsRegion(region);
            record.setEventSourceARN(streamArn);
            StreamRecord stream = new StreamRecord();
            var d = r.dynamodb();
            stream.setApproximateCreationDateTime(d.approximateCreationDateTime() == null ? new Date()
                    : Date.from(d.approximateCreationDateTime()));
            stream.setKeys(d.hasKeys() ? lambdaImage(d.keys()) : null);
            stream.setNewImage(d.hasNewImage() ? lambdaImage(d.newImage()) : null);
            stream.setOldImage(d.hasOldImage() ? lambdaImage(d.oldImage()) : null);
            stream.setSequenceNumber(d.sequenceNumber());
            stream.setSizeBytes(d.sizeBytes());
            stream.setStreamViewType(d.streamViewType() == null ? null
                    : com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.fromValue(d.streamViewTypeAsString()));
            record.setDynamodb(stream);
            out.add(record);
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(out);
        return event;
    }

    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> lambdaImage(
            Map<String, AttributeValue> image) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out = new LinkedHashMap<>();
        image.forEach((name, value) -> out.put(name, lambdaValue(value)));
        return out;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue lambdaValue(AttributeValue v) {
        var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        if (v.s() != null) {
            out.setS(v.s());
        } else if (v.n() != null) {
            out.setN(v.n());
        } else if (v.b() != null) {
            out.setB(v.b().asByteBuffer());
        } else if (v.bool() != null) {
            out.setBOOL(v.bool());
        } else if (Boolean.TRUE.equals(v.nul())) {
            out.setNULL(true);
        } else if (v.hasM()) {
            out.setM(lambdaImage(v.m()));
        } else if (v.hasL()) {
            out.setL(v.l().stream().map(LocalStreams::lambdaValue).toList());
        } else if (v.hasSs()) {
            out.setSS(v.ss());
        } else if (v.hasNs()) {
            out.setNS(v.ns());
        } else if (v.hasBs()) {
            out.setBS(v.bs().stream().map(SdkBytes::asByteBuffer).toList());
        }
        return out;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
