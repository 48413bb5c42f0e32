package org.fangkong.platform.errors;

/** One invalid input: the field as the caller named it, and the rule it broke. */
public record FieldViolation(String field, String rule) {
}
