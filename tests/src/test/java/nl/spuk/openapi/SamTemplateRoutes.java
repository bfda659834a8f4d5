package nl.spuk.openapi;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The HTTP API routes declared in the SAM template, read independently of the local server's reader so the two
 * check each other: every {@code HttpApi} event of every function, with the handler class that serves it.
 */
final class SamTemplateRoutes {
    static final Path PATH = Path.of("..", "template.yaml");

    private SamTemplateRoutes() {
    }

    /** Route key ({@code GET /v1/applications/{id}}) to the fully qualified handler class of its function. */
    static Map<String, String> read() {
        Map<String, String> routes = new TreeMap<>();
        httpEvents((key, handler, properties) -> {
            String previous = routes.put(key, handler);
            if (previous != null) {
                throw new IllegalStateException("the template declares " + key + " twice");
            }
        });
        return routes;
    }

    /** The route keys that are open to anyone: {@code Auth: {Authorizer: NONE}} instead of the default authorizer. */
    static Set<String> openRouteKeys() {
        Set<String> open = new TreeSet<>();
        httpEvents((key, handler, properties) -> {
            if ("NONE".equals(map(properties.get("Auth")).get("Authorizer"))) {
                open.add(key);
            }
        });
        return open;
    }

    private interface HttpEvent {
        void accept(String routeKey, String handlerClass, Map<String, Object> properties);
    }

    private static void httpEvents(HttpEvent consumer) {
        Map<String, Object> template;
        try (Reader in = Files.newBufferedReader(PATH)) {
            template = map(new Yaml(new CloudFormationTags()).load(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Object globalHandler = map(map(template.get("Globals")).get("Function")).get("Handler");
        map(template.get("Resources")).forEach((name, value) -> {
            Map<String, Object> resource = map(value);
            if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
                return;
            }
            Map<String, Object> props = map(resource.get("Properties"));
            Object handler = props.getOrDefault("Handler", globalHandler);
            map(props.get("Events")).forEach((eventName, e) -> {
                Map<String, Object> event = map(e);
                if (!"HttpApi".equals(event.get("Type"))) {
                    return;
                }
                Map<String, Object> ep = map(event.get("Properties"));
                String key = String.valueOf(ep.get("Method")).toUpperCase(Locale.ROOT) + " " + ep.get("Path");
                consumer.accept(key, String.valueOf(handler).split("::", 2)[0], ep);
            });
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /**
     * Accepts every CloudFormation short-form tag ({@code !Ref}, {@code !Sub}, {@code !GetAtt}, {@code !If},
     * {@code !Equals}, ...) as its long form, {@code {"Fn::If": [...]}} (or {@code {"Ref": ...}}).
     */
    private static final class CloudFormationTags extends SafeConstructor {
        CloudFormationTags() {
            super(new LoaderOptions());
            this.yamlConstructors.put(null, new Intrinsic());
        }

        private final class Intrinsic extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                String tag = node.getTag().getValue();
                if (!tag.startsWith("!")) {
                    throw new IllegalStateException("unexpected YAML tag " + tag + " at " + node.getStartMark());
                }
                String name = tag.substring(1);
                String key = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
                Object value;
                if (node instanceof ScalarNode s) {
                    value = constructScalar(s);
                } else if (node instanceof SequenceNode s) {
                    value = constructSequence(s);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(key, value);
            }
        }
    }
}
