package nl.spuk.adapter.out.camunda;

import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.util.xml.Parse;
import org.camunda.bpm.engine.impl.util.xml.Parser;

/**
 * A BPMN parse without XML Schema validation: loading and compiling the BPMN schemas costs a fresh JVM more than
 * parsing the process itself. The engine's own semantic checks still run; the schema check of our one process file
 * is a test ({@code ProcessModelTest}), and another test shows that both parses build the same process.
 * External entities and DOCTYPEs stay refused, as in the engine's own parser.
 */
final class UnvalidatedBpmnParse extends BpmnParse {
    private static final Parser PLAIN_XML = new Parser() {
        @Override
        public Parse createParse() {
            throw new UnsupportedOperationException("only a source of SAX parsers");
        }

        @Override
        protected SAXParser getSaxParser() throws Exception {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(NAMESPACE_PREFIXES, true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE_DECL, true);
            factory.setFeature(EXTERNAL_GENERAL_ENTITIES, false);
            factory.setFeature(EXTERNAL_PARAMETER_ENTITIES, false);
            return factory.newSAXParser();
        }
    };

    UnvalidatedBpmnParse(BpmnParser bpmnParser) {
        super(bpmnParser);
        setSchemaResource(null);
        // the engine's parser validates whenever it may; this one only reads
        this.parser = PLAIN_XML;
    }
}
