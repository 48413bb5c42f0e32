package org.fangkong.gateway.api;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.fangkong.platform.errors.InvalidArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;

/**
 * Why a body did not fit a request message, named by the field's path in the body ({@code units[3].forceType}) and
 * the rule it broke. The proto JSON parser only says what went wrong, not where; this walks the body against the
 * message's descriptor to find the first field at fault.
 */
final class BodyDiagnosis {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BodyDiagnosis() {
    }

    /** The first field at fault, or empty when the body is not JSON at all or the fault lies elsewhere. */
    static Optional<InvalidArgumentException> of(byte[] body, Descriptor message) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (tree == null || !tree.isObject()) {
            return Optional.of(new InvalidArgumentException("body", "must be a JSON object"));
        }
        return object(tree, message, "");
    }

    private static Optional<InvalidArgumentException> object(JsonNode node, Descriptor message, String prefix) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> entry = fields.next();
            String path = prefix + entry.getKey();
            FieldDescriptor field = field(message, entry.getKey());
            if (field == null) {
                return fault(path, "is not a field of this request");
            }
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                continue;
            }
            Optional<InvalidArgumentException> found;
            if (field.isMapField()) {
                found = value.isObject() ? Optional.empty() : fault(path, "must be a JSON object");
            } else if (field.isRepeated()) {
                found = value.isArray() ? elements(value, field, path) : fault(path, "must be a JSON array");
            } else {
                found = single(value, field, path);
            }
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<InvalidArgumentException> elements(JsonNode array, FieldDescriptor field, String path) {
        for (int i = 0; i < array.size(); i++) {
            Optional<InvalidArgumentException> found = single(array.get(i), field, path + "[" + i + "]");
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<InvalidArgumentException> single(JsonNode value, FieldDescriptor field, String path) {
        return switch (field.getJavaType()) {
            case ENUM -> value.isIntegralNumber() || value.isTextual() && field.getEnumType().findValueByName(value.asText()) != null
                    ? Optional.empty()
                    : fault(path, "must be one of " + names(field.getEnumType()));
            case INT, LONG -> integral(value) ? Optional.empty() : fault(path, "must be a whole number");
            case FLOAT, DOUBLE -> decimal(value) ? Optional.empty() : fault(path, "must be a number");
            case BOOLEAN -> value.isBoolean() ? Optional.empty() : fault(path, "must be true or false");
            case STRING, BYTE_STRING -> value.isTextual() ? Optional.empty() : fault(path, "must be text");
            case MESSAGE -> message(value, field.getMessageType(), path);
        };
    }

    private static Optional<InvalidArgumentException> message(JsonNode value, Descriptor type, String path) {
        if (type.getFullName().equals(Timestamp.getDescriptor().getFullName())) {
            return value.isTextual() && parses(() -> Timestamps.parse(value.asText())) ? Optional.empty()
                    : fault(path, "must be an RFC 3339 time such as 2026-12-01T08:00:00Z");
        }
        if (type.getFullName().equals(Duration.getDescriptor().getFullName())) {
            return value.isTextual() && parses(() -> Durations.parse(value.asText())) ? Optional.empty()
                    : fault(path, "must be a duration in seconds such as 90s");
        }
        if (type.getFullName().startsWith("google.protobuf.")) {
            return Optional.empty();
        }
        return value.isObject() ? object(value, type, path + ".") : fault(path, "must be a JSON object");
    }

    private static FieldDescriptor field(Descriptor message, String name) {
        for (FieldDescriptor field : message.getFields()) {
            if (field.getJsonName().equals(name) || field.getName().equals(name)) {
                return field;
            }
        }
        return null;
    }

    private static boolean integral(JsonNode value) {
        if (value.isIntegralNumber()) {
            return true;
        }
        try {
            return (value.isTextual() || value.isNumber()) && new BigDecimal(value.asText()).stripTrailingZeros().scale() <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean decimal(JsonNode value) {
        if (value.isNumber()) {
            return true;
        }
        return value.isTextual() && parses(() -> Double.parseDouble(value.asText()));
    }

    private static boolean parses(ThrowingCall call) {
        try {
            call.run();
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String names(EnumDescriptor type) {
        return type.getValues().stream().map(v -> v.getName()).filter(n -> !n.endsWith("UNSPECIFIED")).collect(Collectors.joining(", "));
    }

    private static Optional<InvalidArgumentException> fault(String path, String reason) {
        return Optional.of(new InvalidArgumentException(path, reason));
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }
}
