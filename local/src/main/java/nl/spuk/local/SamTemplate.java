package nl.spuk.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * What local mode needs from the AWS SAM template: every function's handler class and its events. The
 * template is the single source of the routes, so the local server reads them from here instead of keeping
 * its own list. A bucket's own notification of a function ({@code NotificationConfiguration}) counts as that
 * function's S3 event, as SAM's {@code S3} event does.
 */
public final class SamTemplate {

    /**
     * A route of the HTTP API: an {@code HttpApi} event of a function.
     *
     * @param open whether the route is open to anyone ({@code Auth: {Authorizer: NONE}}) rather than behind the
     *     API's default JWT authorizer
     */
    public record HttpRoute(String method, String path, String functionName, String handlerClass, boolean open) {
        /** The route key as API Gateway names it, e.g. {@code POST /applications/{id}/submit}. */
        public String routeKey() {
            return method + " " + path;
        }
    }

    /**
     * A function triggered by something other than HTTP.
     *
     * @param properties the event's {@code Properties}, intrinsic functions in their long form ({@code Ref}, {@code Fn::Sub})
     */
    public record EventFunction(String functionName, String handlerClass, String eventType, Map<String, Object> properties) {
    }

    private static final String FUNCTION_TYPE = "AWS::Serverless::Function";
    private static final String BUCKET_TYPE = "AWS::S3::Bucket";

    private final List<HttpRoute> httpRoutes;
    private final List<EventFunction> otherEvents;

    private SamTemplate(List<HttpRoute> httpRoutes, List<EventFunction> otherEvents) {
        this.httpRoutes = List.copyOf(httpRoutes);
        this.otherEvents = List.copyOf(otherEvents);
    }

    /** Reads a template; CloudFormation's short-form tags ({@code !Ref}, {@code !Sub}, ...) are accepted. */
    public static SamTemplate read(InputStream in) {
        return from(load(in));
    }

    /**
     * A template as plain maps and lists, each CloudFormation function in its long form ({@code !Ref X} as
     * {@code {Ref: X}}, {@code !If [...]} as {@code {Fn::If: [...]}}).
     */
    public static Map<String, Object> load(InputStream in) {
        try (in) {
            return asMap(new Yaml(new CloudFormationConstructor()).load(in), "the template");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SamTemplate from(Map<String, Object> template) {
        Map<String, Object> globals = asMap(template.getOrDefault("Globals", Map.of()), "Globals");
        Map<String, Object> globalFunction = asMap(globals.getOrDefault("Function", Map.of()), "Globals.Function");
        List<HttpRoute> routes = new ArrayList<>();
        List<EventFunction> others = new ArrayList<>();
        Map<String, String> handlers = new LinkedHashMap<>();
        Map<String, Object> resources = asMap(template.get("Resources"), "Resources");
        for (Map.Entry<String, Object> resource : resources.entrySet()) {
            Map<String, Object> body = asMap(resource.getValue(), resource.getKey());
            if (!FUNCTION_TYPE.equals(body.get("Type"))) {
                continue;
            }
            String name = resource.getKey();
            Map<String, Object> props = asMap(body.getOrDefault("Properties", Map.of()), name + ".Properties");
            String handler = handlerClass(props.getOrDefault("Handler", globalFunction.get("Handler")), name);
            handlers.put(name, handler);
            Map<String, Object> events = asMap(props.getOrDefault("Events", Map.of()), name + ".Events");
            for (Map.Entry<String, Object> event : events.entrySet()) {
                String where = name + ".Events." + event.getKey();
                Map<String, Object> eventBody = asMap(event.getValue(), where);
                String type = String.valueOf(eventBody.get("Type"));
                Map<String, Object> eventProps = asMap(eventBody.getOrDefault("Properties", Map.of()), where + ".Properties");
                if (type.equals("HttpApi")) {
                    routes.add(httpRoute(eventProps, name, handler, where));
                } else {
                    others.add(new EventFunction(name, handler, type, eventProps));
                }
            }
        }
        for (Map.Entry<String, Object> resource : resources.entrySet()) {
            Map<String, Object> body = asMap(resource.getValue(), resource.getKey());
            if (BUCKET_TYPE.equals(body.get("Type"))) {
                others.addAll(bucketNotifications(resource.getKey(), body, handlers));
            }
        }
        return new SamTemplate(routes, others);
    }

    /**
     * The bucket's notifications of the template's functions as S3 events, with SAM's event properties: {@code Bucket},
     * {@code Events} and the same {@code Filter}.
     */
    private static List<EventFunction> bucketNotifications(String bucket, Map<String, Object> body,
                                                           Map<String, String> handlers) {
        String where = bucket + ".Properties.NotificationConfiguration";
        Map<String, Object> props = asMap(body.getOrDefault("Properties", Map.of()), bucket + ".Properties");
        Map<String, Object> notifications = asMap(props.getOrDefault("NotificationConfiguration", Map.of()), where);
        if (!(notifications.getOrDefault("LambdaConfigurations", List.of()) instanceof List<?> configurations)) {
            throw new IllegalArgumentException(where + ".LambdaConfigurations must be a list");
        }
        List<EventFunction> events = new ArrayList<>();
        for (Object configuration : configurations) {
            Map<String, Object> lambda = asMap(configuration, where + ".LambdaConfigurations[]");
            Optional<String> function = functionReferredTo(lambda.get("Function")).filter(handlers::containsKey);
            if (function.isEmpty()) {
                continue; // a function outside this template
            }
            Map<String, Object> eventProps = new LinkedHashMap<>();
            eventProps.put("Bucket", Map.of("Ref", bucket));
            eventProps.put("Events", lambda.get("Event"));
            if (lambda.get("Filter") != null) {
                eventProps.put("Filter", lambda.get("Filter"));
            }
            events.add(new EventFunction(function.get(), handlers.get(function.get()), "S3", eventProps));
        }
        return events;
    }

    /** The function that {@code !Ref F}, {@code !Ref F.Alias} (SAM's alias of F) or {@code !GetAtt F.Arn} names. */
    private static Optional<String> functionReferredTo(Object reference) {
        if (reference instanceof Map<?, ?> intrinsic) {
            if (intrinsic.get("Ref") instanceof String ref) {
                return Optional.of(ref.endsWith(".Alias") ? ref.substring(0, ref.length() - ".Alias".length()) : ref);
            }
            if (intrinsic.get("Fn::GetAtt") instanceof List<?> getAtt && getAtt.size() == 2 && "Arn".equals(getAtt.get(1))) {
                return Optional.of(String.valueOf(getAtt.get(0)));
            }
        }
        return Optional.empty();
    }

    private static HttpRoute httpRoute(Map<String, Object> props, String function, String handler, String where) {
        if (!(props.get("Path") instanceof String path) || !(props.get("Method") instanceof String method)) {
            // An HttpApi event without Path and Method is the catch-all $default route, which this API never uses.
            throw new IllegalArgumentException(where + ": an HttpApi event needs a literal Path and Method");
        }
        if (!path.startsWith("/") || path.contains("+}")) {
            throw new IllegalArgumentException(where + ": unsupported path " + path);
        }
        boolean open = props.get("Auth") instanceof Map<?, ?> auth && "NONE".equals(auth.get("Authorizer"));
        return new HttpRoute(method.toUpperCase(Locale.ROOT), path, function, handler, open);
    }

    private static String handlerClass(Object handler, String function) {
        if (!(handler instanceof String h) || h.isBlank()) {
            throw new IllegalArgumentException(function + ": no Handler");
        }
        int separator = h.indexOf("::");
        return separator < 0 ? h : h.substring(0, separator);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value, String where) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(where + " must be a mapping");
        }
        return (Map<String, Object>) map;
    }

    /** Every {@code HttpApi} event in template order. */
    public List<HttpRoute> httpRoutes() {
        return httpRoutes;
    }

    /** The functions with an event of this type ({@code S3}, {@code Schedule}, ...), in template order. */
    public List<EventFunction> functionsWithEvent(String eventType) {
        return otherEvents.stream().filter(e -> e.eventType().equals(eventType)).toList();
    }

    /** The literal value of an S3 event's {@code prefix} filter rule, if it has one. */
    public static Optional<String> s3KeyPrefix(EventFunction s3Event) {
        if (s3Event.properties().get("Filter") instanceof Map<?, ?> filter
                && filter.get("S3Key") instanceof Map<?, ?> key
                && key.get("Rules") instanceof List<?> rules) {
            for (Object rule : rules) {
                if (rule instanceof Map<?, ?> r && "prefix".equalsIgnoreCase(String.valueOf(r.get("Name")))
                        && r.get("Value") instanceof String value) {
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Builds CloudFormation's short-form intrinsics into their long form: {@code !Ref X} becomes
     * {@code {Ref: X}}, {@code !GetAtt A.B} becomes {@code {Fn::GetAtt: [A, B]}}, {@code !Sub s} becomes
     * {@code {Fn::Sub: s}} and so on, so the template loads as plain maps and lists.
     */
    private static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor() {
            super(new LoaderOptions());
            yamlMultiConstructors.put("!", new Intrinsic());
        }

        private final class Intrinsic extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                String tag = node.getTag().getValue().substring(1);
                String name = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    value = tag.equals("GetAtt") ? List.of(text.split("\\.", 2)) : text;
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                Map<String, Object> intrinsic = new LinkedHashMap<>();
                intrinsic.put(name, value);
                return intrinsic;
            }
        }
    }
}
