package org.fangkong.platform.errors;

import java.util.List;
import java.util.stream.Collectors;

/** Bad input: becomes {@code INVALID_ARGUMENT} over gRPC and 400 problem+json over REST, naming each field. */
public class InvalidArgumentException extends RuntimeException {

    private final List<FieldViolation> violations;

    public InvalidArgumentException(String field, String rule) {
        this(List.of(new FieldViolation(field, rule)));
    }

    public InvalidArgumentException(List<FieldViolation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.rule()).collect(Collectors.joining("; ")), null, false, false);
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
