package org.fangkong.gateway.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.fangkong.platform.errors.InvalidArgumentException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.proto.common.v1.PageRequest;
import org.fangkong.platform.grpc.Timestamps;

/** Query and path values read the same way on every endpoint. */
public final class Queries {

    private Queries() {
    }

    /** An absent query parameter as the empty text the services take for "not given". */
    public static String text(String value) {
        return value == null ? "" : value;
    }

    /** A field the path gives may not also come in the body. */
    public static void pathOnly(String value, String field) {
        if (!value.isEmpty()) {
            throw new InvalidArgumentException(field, "is given by the path, not the body");
        }
    }

    /** A page request from the {@code pageSize} and {@code pageToken} every list takes. */
    public static PageRequest page(String pageSize, String pageToken, Violations violations) {
        return PageRequest.newBuilder().setPageSize(violations.integer(pageSize, "pageSize", 0)).setPageToken(text(pageToken)).build();
    }

    /** An optional true/false query parameter; false when absent. */
    public static boolean flag(String value, String field, Violations violations) {
        if (value == null || value.isBlank()) {
            return false;
        }
        violations.require(value.equals("true") || value.equals("false"), field, "must be true or false");
        return value.equals("true");
    }

    public static <E extends Enum<E> & com.google.protobuf.ProtocolMessageEnum> E named(Class<E> type, String value, String field) {
        try {
            E found = Enum.valueOf(type, value.strip().toUpperCase(java.util.Locale.ROOT));
            if (found.name().endsWith("UNSPECIFIED") || found.name().equals("UNRECOGNIZED")) {
                throw new IllegalArgumentException(value);
            }
            return found;
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException(field, "must be one of " + String.join(", ", java.util.Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).filter(n -> !n.endsWith("UNSPECIFIED") && !n.equals("UNRECOGNIZED")).toList()));
        }
    }

    public static void time(String value, String field, Violations violations, java.util.function.Consumer<com.google.protobuf.Timestamp> set) {
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            set.accept(Timestamps.of(Instant.parse(value.strip())));
        } catch (DateTimeParseException e) {
            violations.require(false, field, "must be an RFC 3339 time such as 2026-12-01T08:00:00Z");
        }
    }
}
