package org.fangkong.platform.errors;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;

import org.jboss.logging.Logger;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.PreconditionFailure;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.security.AuthenticationException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Turns exceptions into gRPC statuses: our domain exceptions keep their message, bad input carries a
 * {@code google.rpc.BadRequest} detail naming each field, and anything unexpected becomes {@code INTERNAL}
 * with a reference id only (the stack trace stays in our log).
 */
public final class GrpcStatuses {

    private static final Logger LOG = Logger.getLogger(GrpcStatuses.class);

    private GrpcStatuses() {
    }

    public static StatusRuntimeException toStatus(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof StatusRuntimeException sre) {
            return sre;
        }
        if (t instanceof StatusException se) {
            return new StatusRuntimeException(se.getStatus(), se.getTrailers());
        }
        if (t instanceof InvalidArgumentException iae) {
            return invalidArgument(iae.getMessage(), iae.violations());
        }
        if (t instanceof ConstraintViolationException cve) {
            List<FieldViolation> violations = cve.getConstraintViolations().stream()
                    .map(v -> new FieldViolation(fieldName(v), v.getMessage()))
                    .sorted((a, b) -> a.field().compareTo(b.field()))
                    .toList();
            return invalidArgument(new InvalidArgumentException(violations).getMessage(), violations);
        }
        if (t instanceof NotFoundException) {
            return simple(Code.NOT_FOUND, t.getMessage());
        }
        if (t instanceof ConflictException) {
            return simple(Code.ALREADY_EXISTS, t.getMessage());
        }
        if (t instanceof FailedPreconditionException fpe) {
            return fpe.refused().isEmpty() ? simple(Code.FAILED_PRECONDITION, t.getMessage()) : failedPrecondition(fpe);
        }
        if (t instanceof AbortedException) {
            return simple(Code.ABORTED, t.getMessage());
        }
        if (t instanceof jakarta.persistence.OptimisticLockException || isStaleState(t)) {
            return simple(Code.ABORTED, "the record was changed concurrently; read it again and retry");
        }
        if (t instanceof OverloadedException) {
            return simple(Code.RESOURCE_EXHAUSTED, t.getMessage());
        }
        if (t instanceof org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException) {
            return simple(Code.RESOURCE_EXHAUSTED, "the service is at capacity; retry with backoff");
        }
        if (t instanceof org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException) {
            // A callee this app protects itself from is failing or at capacity: nothing was done, retry later.
            return simple(Code.UNAVAILABLE, "a platform service is unavailable; retry with backoff");
        }
        if (t instanceof io.vertx.core.http.ConnectionPoolTooBusyException) {
            // A burst beyond the Redis or database pool's queue: the caller may retry, nothing was done.
            return simple(Code.UNAVAILABLE, "the service is busy; retry with backoff");
        }
        if (t instanceof io.smallrye.mutiny.TimeoutException) {
            // A call this app made did not answer within its own deadline.
            return simple(Code.DEADLINE_EXCEEDED, "a platform service did not answer in time; retry with backoff");
        }
        if (t instanceof PermissionDeniedException || t instanceof ForbiddenException) {
            return simple(Code.PERMISSION_DENIED, t.getMessage() == null ? "permission denied" : t.getMessage());
        }
        if (t instanceof UnauthorizedException || t instanceof AuthenticationException) {
            return simple(Code.UNAUTHENTICATED, "a valid bearer token is required");
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(t, "Unexpected failure, reference %s", reference);
        return simple(Code.INTERNAL, "internal error, reference " + reference);
    }

    private static StatusRuntimeException simple(Code code, String message) {
        return Status.fromCodeValue(code.getNumber()).withDescription(message).asRuntimeException();
    }

    private static StatusRuntimeException invalidArgument(String message, List<FieldViolation> violations) {
        BadRequest.Builder badRequest = BadRequest.newBuilder();
        violations.forEach(v -> badRequest.addFieldViolationsBuilder().setField(v.field()).setDescription(v.rule()));
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE)
                .setMessage(message)
                .addDetails(Any.pack(badRequest.build()))
                .build();
        return StatusProto.toStatusRuntimeException(status);
    }

    private static StatusRuntimeException failedPrecondition(FailedPreconditionException failure) {
        PreconditionFailure.Builder detail = PreconditionFailure.newBuilder();
        failure.refused().forEach(v -> detail.addViolationsBuilder().setType("STATE").setSubject(v.field()).setDescription(v.rule()));
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(Code.FAILED_PRECONDITION_VALUE)
                .setMessage(failure.getMessage())
                .addDetails(Any.pack(detail.build()))
                .build();
        return StatusProto.toStatusRuntimeException(status);
    }

    /** The items a {@code FAILED_PRECONDITION} status names as refused (a bulk request's), if any. */
    public static List<FieldViolation> refusedItems(StatusRuntimeException sre) {
        return details(sre, PreconditionFailure.class, failure -> failure.getViolationsList().stream()
                .map(v -> new FieldViolation(v.getSubject(), v.getDescription())));
    }

    /** The field violations carried by an {@code INVALID_ARGUMENT} status, if any. */
    public static List<FieldViolation> fieldViolations(StatusRuntimeException sre) {
        return details(sre, BadRequest.class, badRequest -> badRequest.getFieldViolationsList().stream()
                .map(v -> new FieldViolation(v.getField(), v.getDescription())));
    }

    /** What the status's details of one type say, as field violations. */
    private static <T extends com.google.protobuf.Message> List<FieldViolation> details(StatusRuntimeException sre, Class<T> type,
            java.util.function.Function<T, java.util.stream.Stream<FieldViolation>> read) {
        com.google.rpc.Status status = StatusProto.fromThrowable(sre);
        if (status == null) {
            return List.of();
        }
        return status.getDetailsList().stream()
                .filter(any -> any.is(type))
                .flatMap(any -> {
                    try {
                        return read.apply(any.unpack(type));
                    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                        return java.util.stream.Stream.empty();
                    }
                })
                .toList();
    }

    /** The leaf of a Bean Validation path in proto field style: {@code create.command.callSign} → {@code call_sign}. */
    static String fieldName(ConstraintViolation<?> violation) {
        String leaf = "";
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getName() != null) {
                leaf = node.getName();
            }
        }
        return leaf.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** Hibernate's version clash, matched by name: apps without Hibernate do not have the class. */
    private static boolean isStaleState(Throwable t) {
        for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals("org.hibernate.StaleStateException")) {
                return true;
            }
        }
        return false;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof java.util.concurrent.CompletionException
                || current instanceof io.smallrye.mutiny.CompositeException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
