package nl.spuk.application.port;

import java.util.Map;

/** Renders a mail's plain-text and HTML parts from the templates, filling in a model of named values. */
public interface MailTemplates {

    /** The two parts of a mail. */
    record Parts(String text, String html) {
    }

    /**
     * Renders the parts from the model; the HTML part escapes every value.
     *
     * @param model named values and lists of them ({@code List<Map<String, String>>})
     */
    Parts render(Map<String, Object> model);
}
