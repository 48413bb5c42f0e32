package org.fangkong.platform.errors;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * An RFC 9457 problem detail ({@code application/problem+json}), built from a gRPC status at the gateway so a
 * service's error reaches a phone or console with the right HTTP status and the fields it named.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail,
        @JsonProperty("invalid-params") List<InvalidParam> invalidParams) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid request field (RFC 9457 "invalid-params" extension). */
    public record InvalidParam(String name, String reason) {
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, List.of());
    }

    public static Problem invalid(List<FieldViolation> violations) {
        List<InvalidParam> params = violations.stream().map(v -> new InvalidParam(v.field(), v.rule())).toList();
        return new Problem("about:blank", "Bad Request", 400,
                new InvalidArgumentException(violations).getMessage(), params);
    }

    /** Maps a callee's status to the HTTP problem a client should see; internal details never pass through. */
    public static Problem fromGrpc(StatusRuntimeException sre) {
        Status status = sre.getStatus();
        String description = status.getDescription();
        return switch (status.getCode()) {
            case INVALID_ARGUMENT, OUT_OF_RANGE -> {
                List<FieldViolation> violations = GrpcStatuses.fieldViolations(sre);
                yield violations.isEmpty() ? of(400, "Bad Request", description) : invalid(violations);
            }
            case NOT_FOUND -> of(404, "Not Found", description);
            case ALREADY_EXISTS, ABORTED -> of(409, "Conflict", description);
            case FAILED_PRECONDITION -> {
                List<InvalidParam> refused = GrpcStatuses.refusedItems(sre).stream().map(v -> new InvalidParam(v.field(), v.rule())).toList();
                yield new Problem("about:blank", "Conflict", 409, description, refused);
            }
            case PERMISSION_DENIED -> of(403, "Forbidden", description);
            case UNAUTHENTICATED -> of(401, "Unauthorized", "the token was not accepted");
            case RESOURCE_EXHAUSTED -> of(429, "Too Many Requests", description);
            case UNAVAILABLE -> of(503, "Service Unavailable", "a platform service is unavailable, try again");
            case DEADLINE_EXCEEDED -> of(504, "Gateway Timeout", "a platform service did not answer in time");
            default -> of(500, "Internal Server Error", "internal error");
        };
    }
}
