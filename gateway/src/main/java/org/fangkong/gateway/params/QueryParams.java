package org.fangkong.gateway.params;

import org.fangkong.platform.errors.InvalidArgumentException;

/**
 * Query parameters parsed by hand: JAX-RS answers a parameter that does not convert ({@code lat=north}) with 404,
 * where a client needs a 400 naming the parameter.
 */
public final class QueryParams {

    private QueryParams() {
    }

    public static double requiredDecimal(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidArgumentException(name, "is required");
        }
        return decimal(name, value);
    }

    public static int optionalInteger(String name, String value, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException(name, "must be a whole number");
        }
    }

    private static double decimal(String name, String value) {
        try {
            double parsed = Double.parseDouble(value.strip());
            if (Double.isNaN(parsed) || Double.isInfinite(parsed)) {
                throw new NumberFormatException(value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException(name, "must be a decimal number");
        }
    }
}
