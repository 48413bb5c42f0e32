package org.fangkong.platform.errors;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Collects violations of hand-checked rules (for proto messages, which carry no Bean Validation annotations),
 * then fails once with all of them.
 */
public final class Violations {

    private final List<FieldViolation> found = new ArrayList<>();

    public Violations require(boolean ok, String field, String rule) {
        if (!ok) {
            found.add(new FieldViolation(field, rule));
        }
        return this;
    }

    public Violations range(double value, double min, double max, String field) {
        if (!(value >= min && value <= max)) { // NaN fails too; the rule's text is built only then (hot ingest paths)
            found.add(new FieldViolation(field, "must be between " + min + " and " + max));
        }
        return this;
    }

    /**
     * An id another system assigned (a capture id, an idempotency key): 1 to 64 printable ASCII characters, no
     * spaces. Checked without a regex, since capture ingest checks one per capture.
     */
    public Violations externalId(String value, String field) {
        boolean ok = value != null && !value.isEmpty() && value.length() <= 64;
        for (int i = 0; ok && i < value.length(); i++) {
            ok = value.charAt(i) > 0x20 && value.charAt(i) < 0x7f;
        }
        return require(ok, field, "is required: 1 to 64 printable ASCII characters");
    }

    public Violations notBlank(String value, String field) {
        return require(value != null && !value.isBlank(), field, "must not be blank");
    }

    /**
     * Adds the Bean Validation violations of {@code bean}, named as API fields under {@code prefix}
     * (e.g. {@code units[3].} for one row of a bulk import).
     */
    public <T> Violations bean(jakarta.validation.Validator validator, T bean, String prefix) {
        validator.validate(bean).stream()
                .map(v -> new FieldViolation(prefix + GrpcStatuses.fieldName(v), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .forEach(found::add);
        return this;
    }

    /** Parses an optional UUID: empty gives null. */
    public UUID optionalUuid(String value, String field) {
        return value == null || value.isEmpty() ? null : uuid(value, field);
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** Parses a UUID, recording a violation (and returning null) when it is not one. */
    public UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            found.add(new FieldViolation(field, "must be a UUID"));
            return null;
        }
    }

    /** Parses a required decimal (e.g. a query parameter), recording a violation (and returning NaN) when it is not one. */
    public double decimal(String value, String field) {
        if (value == null || value.isBlank()) {
            found.add(new FieldViolation(field, "is required"));
            return Double.NaN;
        }
        try {
            double parsed = Double.parseDouble(value.strip());
            if (Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        found.add(new FieldViolation(field, "must be a decimal number"));
        return Double.NaN;
    }

    /** Parses an optional whole number, {@code absent} when not given; records a violation when it is not one. */
    public int integer(String value, String field, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            found.add(new FieldViolation(field, "must be a whole number"));
            return absent;
        }
    }

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidArgumentException(found);
        }
    }

    /** Shorthand for a single-field check of a UUID. */
    public static UUID requireUuid(String value, String field) {
        Violations violations = new Violations();
        UUID id = violations.uuid(value, field);
        violations.throwIfAny();
        return id;
    }
}
