package nl.spuk.adapter.camunda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import nl.spuk.adapter.out.camunda.ChildNameXPathFactory;
import org.apache.ibatis.builder.xml.XMLMapperEntityResolver;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The XPath of the engine's mapper parse answers as the JDK's does, on Camunda's own mappers. */
class ChildNameXPathFactoryTest {
    private static final List<String> EXPRESSIONS = List.of("selectKey", "select|insert|update|delete", "include", "if",
            "where", "foreach", "cache-ref", "/mapper/resultMap", "/mapper/sql", "@id");

    private final XPath jdk = XPathFactory.newDefaultInstance().newXPath();
    private final XPath ours = new ChildNameXPathFactory().newXPath();

    @Test
    void everyChildOfEveryMapperGivesTheJdksNodesInTheJdksOrder() throws Exception {
        int compared = 0;
        int found = 0;
        for (String resource : mappers()) {
            Document doc = parse(resource);
            List<Node> contexts = new ArrayList<>(List.of(doc, doc.getDocumentElement()));
            contexts.addAll(elements(doc.getDocumentElement().getChildNodes()));
            for (Node context : contexts) {
                for (String expression : EXPRESSIONS) {
                    List<Node> expected = nodes((NodeList) jdk.evaluate(expression, context, XPathConstants.NODESET));
                    assertThat(nodes((NodeList) ours.evaluate(expression, context, XPathConstants.NODESET)))
                            .as("%s on %s in %s", expression, context.getNodeName(), resource).isEqualTo(expected);
                    assertThat(ours.evaluate(expression, context, XPathConstants.NODE))
                            .isSameAs(jdk.evaluate(expression, context, XPathConstants.NODE));
                    compared++;
                    found += expected.size();
                }
            }
        }
        assertThat(compared).isGreaterThan(5000);
        assertThat(found).isGreaterThan(1000);
    }

    @Test
    void otherAnswersThanNodesComeFromTheJdk() throws Exception {
        Document doc = parse("org/camunda/bpm/engine/impl/mapping/entity/Property.xml");
        assertThat(ours.evaluate("@namespace", doc.getDocumentElement(), XPathConstants.STRING))
                .isEqualTo(jdk.evaluate("@namespace", doc.getDocumentElement(), XPathConstants.STRING))
                .isEqualTo("org.camunda.bpm.engine.impl.persistence.entity.PropertyEntity");
        assertThat(ours.evaluate("count(select)", doc.getDocumentElement(), XPathConstants.NUMBER))
                .isEqualTo(jdk.evaluate("count(select)", doc.getDocumentElement(), XPathConstants.NUMBER));
    }

    private static List<String> mappers() throws Exception {
        try (InputStream in = ChildNameXPathFactoryTest.class.getClassLoader()
                .getResourceAsStream("org/camunda/bpm/engine/impl/mapping/mappings.xml")) {
            Matcher m = Pattern.compile("<mapper resource=\"([^\"]+)\"").matcher(new String(in.readAllBytes()));
            List<String> resources = new ArrayList<>();
            while (m.find()) {
                resources.add(m.group(1));
            }
            assertThat(resources).hasSizeGreaterThan(50);
            return resources;
        }
    }

    /** As MyBatis parses a mapper: not namespace aware, its DTD from the jar. */
    private static Document parse(String resource) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        var builder = factory.newDocumentBuilder();
        builder.setEntityResolver(new XMLMapperEntityResolver());
        try (InputStream in = ChildNameXPathFactoryTest.class.getClassLoader().getResourceAsStream(resource)) {
            return builder.parse(in);
        }
    }

    private static List<Node> elements(NodeList list) {
        List<Node> elements = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            if (list.item(i) instanceof Element) {
                elements.add(list.item(i));
            }
        }
        return elements;
    }

    private static List<Node> nodes(NodeList list) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            nodes.add(list.item(i));
        }
        return nodes;
    }
}
