package nl.spuk.adapter.out.camunda;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.xml.namespace.NamespaceContext;
import javax.xml.namespace.QName;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import javax.xml.xpath.XPathFactoryConfigurationException;
import javax.xml.xpath.XPathFunctionResolver;
import javax.xml.xpath.XPathVariableResolver;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The XPath that MyBatis uses while it parses the engine's mappers ({@link #during}). For every statement MyBatis asks
 * for child elements by name ({@code selectKey}); the JDK's XPath first models the whole document up to that element,
 * so a mapper's parse grows with the square of its length, and it was the largest part of an engine boot. A name, or
 * names joined by {@code |}, asked of an element for nodes is answered here by walking its children, in document
 * order as XPath would; every other expression goes to the JDK's XPath.
 */
public final class ChildNameXPathFactory extends XPathFactory {
    private static final String PROPERTY = "javax.xml.xpath.XPathFactory:" + DEFAULT_OBJECT_MODEL_URI;
    private static final Pattern CHILD_NAMES = Pattern.compile("[A-Za-z_][\\w.-]*(\\|[A-Za-z_][\\w.-]*)*");

    private final XPathFactory jdk = XPathFactory.newDefaultInstance();

    /** Public, as JAXP instantiates the factory it is told of by name. */
    public ChildNameXPathFactory() {
    }

    /**
     * Runs the work with this factory as the JVM's XPath factory (MyBatis asks JAXP for one per parser), then puts the
     * previous choice back. The engine boot is the only XPath user of a function's JVM while it runs.
     */
    static <T> T during(Supplier<T> work) {
        String previous = System.getProperty(PROPERTY);
        System.setProperty(PROPERTY, ChildNameXPathFactory.class.getName());
        try {
            return work.get();
        } finally {
            if (previous == null) {
                System.clearProperty(PROPERTY);
            } else {
                System.setProperty(PROPERTY, previous);
            }
        }
    }

    @Override
    public boolean isObjectModelSupported(String objectModel) {
        return DEFAULT_OBJECT_MODEL_URI.equals(objectModel);
    }

    @Override
    public void setFeature(String name, boolean value) throws XPathFactoryConfigurationException {
        jdk.setFeature(name, value);
    }

    @Override
    public boolean getFeature(String name) throws XPathFactoryConfigurationException {
        return jdk.getFeature(name);
    }

    @Override
    public void setXPathVariableResolver(XPathVariableResolver resolver) {
        jdk.setXPathVariableResolver(resolver);
    }

    @Override
    public void setXPathFunctionResolver(XPathFunctionResolver resolver) {
        jdk.setXPathFunctionResolver(resolver);
    }

    @Override
    public XPath newXPath() {
        return new ChildNameXPath(jdk.newXPath());
    }

    /** Child elements by name, walked; all else delegated. */
    private record ChildNameXPath(XPath jdk) implements XPath {
        @Override
        public Object evaluate(String expression, Object item, QName returnType) throws XPathExpressionException {
            boolean nodes = XPathConstants.NODESET.equals(returnType) || XPathConstants.NODE.equals(returnType);
            if (!nodes || !(item instanceof Node parent) || !CHILD_NAMES.matcher(expression).matches()) {
                return jdk.evaluate(expression, item, returnType);
            }
            Set<String> names = Set.of(expression.split("\\|"));
            List<Node> found = new ArrayList<>();
            for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
                // a name without prefix matches elements in no namespace
                if (child.getNodeType() == Node.ELEMENT_NODE && child.getNamespaceURI() == null
                        && names.contains(child.getNodeName())) {
                    found.add(child);
                }
            }
            if (XPathConstants.NODE.equals(returnType)) {
                return found.isEmpty() ? null : found.get(0);
            }
            return new NodeList() {
                @Override
                public Node item(int index) {
                    return index >= 0 && index < found.size() ? found.get(index) : null;
                }

                @Override
                public int getLength() {
                    return found.size();
                }
            };
        }

        @Override
        public String evaluate(String expression, Object item) throws XPathExpressionException {
            return jdk.evaluate(expression, item);
        }

        @Override
        public Object evaluate(String expression, InputSource source, QName returnType) throws XPathExpressionException {
            return jdk.evaluate(expression, source, returnType);
        }

        @Override
        public String evaluate(String expression, InputSource source) throws XPathExpressionException {
            return jdk.evaluate(expression, source);
        }

        @Override
        public XPathExpression compile(String expression) throws XPathExpressionException {
            return jdk.compile(expression);
        }

        @Override
        public void reset() {
            jdk.reset();
        }

        @Override
        public void setXPathVariableResolver(XPathVariableResolver resolver) {
            jdk.setXPathVariableResolver(resolver);
        }

        @Override
        public XPathVariableResolver getXPathVariableResolver() {
            return jdk.getXPathVariableResolver();
        }

        @Override
        public void setXPathFunctionResolver(XPathFunctionResolver resolver) {
            jdk.setXPathFunctionResolver(resolver);
        }

        @Override
        public XPathFunctionResolver getXPathFunctionResolver() {
            return jdk.getXPathFunctionResolver();
        }

        @Override
        public void setNamespaceContext(NamespaceContext context) {
            jdk.setNamespaceContext(context);
        }

        @Override
        public NamespaceContext getNamespaceContext() {
            return jdk.getNamespaceContext();
        }
    }
}
