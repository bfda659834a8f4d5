package nl.spuk.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The repository's {@code template.yaml}, read for tests independently of the local server's own reader:
 * a CloudFormation short-form intrinsic loads as a string: {@code !Ref X} as {@code "!Ref X"}, one with a
 * list or mapping as its tag alone ({@code "!If"}).
 */
public final class TemplateFile {
    private TemplateFile() {
    }

    static Path path() {
        return Path.of(System.getProperty("basedir", "."), "..", "template.yaml").normalize();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> load() throws IOException {
        SafeConstructor constructor = new SafeConstructor(new LoaderOptions()) {
            {
                yamlMultiConstructors.put("!", new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        String tag = node.getTag().getValue();
                        return node instanceof ScalarNode scalar ? tag + " " + scalar.getValue() : tag;
                    }
                });
            }
        };
        try (Reader reader = Files.newBufferedReader(path(), StandardCharsets.UTF_8)) {
            return (Map<String, Object>) new Yaml(constructor).load(reader);
        }
    }

    /** The template with each CloudFormation function in its long form, as the local server reads it ({@link SamTemplate#load}). */
    static Map<String, Object> loadLongForm() throws IOException {
        return SamTemplate.load(Files.newInputStream(path()));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Map<String, Object>> resources(Map<String, Object> template) {
        return (Map<String, Map<String, Object>>) template.get("Resources");
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
    }

    /** {@code METHOD /path} of every HttpApi event. */
    @SuppressWarnings("unchecked")
    static Set<String> routeKeys(Map<String, Object> template) {
        Set<String> keys = new TreeSet<>();
        resources(template).values().forEach(resource -> {
            var events = (Map<String, Map<String, Object>>) properties(resource).getOrDefault("Events", Map.of());
            events.values().stream().filter(e -> "HttpApi".equals(e.get("Type"))).forEach(e -> {
                Map<String, Object> p = properties(e);
                keys.add(p.get("Method") + " " + p.get("Path"));
            });
        });
        return keys;
    }
}
