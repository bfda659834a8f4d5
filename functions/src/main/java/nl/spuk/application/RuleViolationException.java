package nl.spuk.application;

import java.util.List;
import nl.spuk.domain.FieldError;

/** The request is well-formed but breaks a business rule; every broken rule is named. */
public class RuleViolationException extends RuntimeException {
    private final List<FieldError> errors;

    public RuleViolationException(String message, List<FieldError> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
