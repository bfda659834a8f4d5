package nl.spuk.adapter.out.mail;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;
import nl.spuk.application.port.MailTemplates;

/**
 * The mail's parts from the Mustache templates {@code mail/notification.txt.mustache} and
 * {@code mail/notification.html.mustache} on the classpath, compiled once. The HTML template escapes every value
 * (Mustache's {@code {{name}}}); the text template writes values as they are.
 */
public final class MustacheMailTemplates implements MailTemplates {
    static final String TEXT = "mail/notification.txt.mustache";
    static final String HTML = "mail/notification.html.mustache";

    private final Mustache text;
    private final Mustache html;

    public MustacheMailTemplates() {
        this.text = new PlainTextFactory().compile(TEXT);
        this.html = new DefaultMustacheFactory().compile(HTML);
    }

    @Override
    public Parts render(Map<String, Object> model) {
        return new Parts(render(text, model), render(html, model));
    }

    private static String render(Mustache template, Map<String, Object> model) {
        StringWriter out = new StringWriter();
        template.execute(out, model);
        return out.toString();
    }

    /** Mustache escapes HTML by default; a plain-text part must show a value's {@code &} as it is. */
    private static final class PlainTextFactory extends DefaultMustacheFactory {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
