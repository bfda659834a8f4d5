package nl.spuk.local;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code template.yaml} lets each function do, as {@code "action resource"} lines with the resources named
 * briefly: {@code table}, {@code table/index/GSI2}, {@code documents/letters/*}, {@code engine-db-secret}. The grants
 * are the statements of the function's SAM {@code Policies} or, for a function with a {@code Role} of its own, of that
 * role's policies; anything else among SAM's policies (a policy template, a managed policy) shows as
 * {@code "policy ..."}, so a test sees it.
 */
final class TemplateGrants {
    static final String DOCUMENTS_BUCKET = "spuk-${EnvironmentName}-documents-${AWS::AccountId}-${AWS::Region}";

    private final Map<String, Map<String, Object>> resources;

    TemplateGrants(Map<String, Object> longFormTemplate) {
        this.resources = TemplateFile.resources(longFormTemplate);
    }

    /** The functions of the template ({@code AWS::Serverless::Function}), by logical id. */
    Set<String> functions() {
        Set<String> names = new TreeSet<>();
        resources.forEach((name, resource) -> {
            if ("AWS::Serverless::Function".equals(resource.get("Type"))) {
                names.add(name);
            }
        });
        return names;
    }

    /** The function's grants, each {@code "action resource"}. */
    @SuppressWarnings("unchecked")
    Set<String> of(String function) {
        Map<String, Object> properties = TemplateFile.properties(resources.get(function));
        Set<String> grants = new TreeSet<>();
        if (properties.get("Role") instanceof Map<?, ?> role) {
            List<Object> getAtt = (List<Object>) role.get("Fn::GetAtt");
            Map<String, Object> roleProperties = TemplateFile.properties(resources.get((String) getAtt.get(0)));
            for (Object policy : (List<Object>) roleProperties.getOrDefault("Policies", List.of())) {
                Map<String, Object> document = (Map<String, Object>) ((Map<String, Object>) policy).get("PolicyDocument");
                addStatements(grants, document.get("Statement"));
            }
            return grants;
        }
        for (Object policy : (List<Object>) properties.getOrDefault("Policies", List.of())) {
            if (policy instanceof Map<?, ?> map && map.keySet().equals(Set.of("Statement"))) {
                addStatements(grants, map.get("Statement"));
            } else {
                grants.add("policy " + policy);
            }
        }
        return grants;
    }

    @SuppressWarnings("unchecked")
    private static void addStatements(Set<String> grants, Object statements) {
        for (Object s : (List<Object>) statements) {
            Map<String, Object> statement = (Map<String, Object>) s;
            if (!"Allow".equals(statement.get("Effect"))) {
                grants.add("statement " + statement);
                continue;
            }
            for (Object action : listOf(statement.get("Action"))) {
                for (Object resource : listOf(statement.get("Resource"))) {
                    grants.add(action + " " + resourceName(resource));
                }
            }
        }
    }

    /**
     * {@code !GetAtt Table.Arn} as {@code table}, the documents bucket's objects as {@code documents/...}, the engine
     * database's secret ({@code !Ref EngineDbSecretArn}) as {@code engine-db-secret}, an SES identity of this account and
     * region as {@code ses-identity/...}.
     */
    static String resourceName(Object resource) {
        String text;
        if (resource instanceof Map<?, ?> map && "EngineDbSecretArn".equals(map.get("Ref"))) {
            return "engine-db-secret";
        } else if (resource instanceof Map<?, ?> map && map.get("Fn::GetAtt") instanceof List<?> getAtt) {
            text = "${" + getAtt.get(0) + "." + getAtt.get(1) + "}";
        } else if (resource instanceof Map<?, ?> map && map.get("Fn::Sub") instanceof String sub) {
            text = sub;
        } else if (resource instanceof Map<?, ?> map && map.get("Fn::Sub") instanceof List<?> sub
                && !sub.isEmpty() && sub.get(0) instanceof String withVariables) {
            text = withVariables; // !Sub [text, {variables}]: the text names the resource
        } else {
            return String.valueOf(resource);
        }
        return text.replace("${Table.Arn}", "table")
                .replace("arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/", "ses-identity/")
                .replace("arn:${AWS::Partition}:s3:::" + DOCUMENTS_BUCKET, "documents");
    }

    private static List<?> listOf(Object value) {
        return value instanceof List<?> list ? list : List.of(value);
    }
}
