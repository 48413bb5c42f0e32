package org.fangkong.platform.identity;

import java.util.Objects;
import java.util.regex.Pattern;

import org.fangkong.platform.errors.InvalidArgumentException;

/**
 * A 12-digit organisation code: a 6-digit GB/T 2260 division code followed by a 6-digit unit serial.
 * <p>
 * An organisation whose serial is {@code 000000} is the public-security bureau of its division and sees the
 * division's whole subtree: a province ({@code 32xxxx}) every code starting with its first 2 digits, a city
 * ({@code 3201xx}) its first 4, a district ({@code 320102}) all 6. Any other organisation (a station, a squad)
 * sees only itself.
 */
public final class OrgCode {

    /** The rule every organisation code must satisfy, as quoted in validation errors. */
    public static final String RULE = "must be 12 digits: a 6-digit GB/T 2260 division code and a 6-digit unit serial";

    private static final Pattern FORMAT = Pattern.compile("[1-9]\\d{11}");
    private static final String BUREAU_SERIAL = "000000";

    private final String value;

    private OrgCode(String value) {
        this.value = value;
    }

    /** Parses a code, or fails with an {@link InvalidArgumentException} naming {@code field}. */
    public static OrgCode parse(String field, String value) {
        if (!isValid(value)) {
            throw new InvalidArgumentException(field, RULE);
        }
        return new OrgCode(value);
    }

    /** Parses a code already known to be valid (read from our own storage). */
    public static OrgCode of(String value) {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not an organisation code: " + value);
        }
        return new OrgCode(value);
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches() && !value.startsWith("000000", 0);
    }

    public String value() {
        return value;
    }

    /** The 6-digit GB/T 2260 administrative division. */
    public String division() {
        return value.substring(0, 6);
    }

    /** The 2-digit province part of the division, e.g. {@code 32} for Jiangsu. */
    public String province() {
        return value.substring(0, 2);
    }

    public boolean isBureau() {
        return value.endsWith(BUREAU_SERIAL);
    }

    /** The prefix that every organisation code within this organisation's scope starts with. */
    public String scopePrefix() {
        if (!isBureau()) {
            return value;
        }
        String division = division();
        if (division.endsWith("0000")) {
            return division.substring(0, 2);
        }
        if (division.endsWith("00")) {
            return division.substring(0, 4);
        }
        return division;
    }

    /** Whether {@code other} lies within this organisation's scope (itself included). */
    public boolean covers(OrgCode other) {
        return other.value.startsWith(scopePrefix());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrgCode other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
