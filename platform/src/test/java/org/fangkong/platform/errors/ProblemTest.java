package org.fangkong.platform.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

class ProblemTest {

    @Test
    void badInputTravelsAsFieldViolationsAndBecomesA400NamingEachField() {
        StatusRuntimeException status = GrpcStatuses.toStatus(new InvalidArgumentException(List.of(
                new FieldViolation("call_sign", "must not be blank"), new FieldViolation("head_count", "must be at least 1"))));

        assertEquals(Status.Code.INVALID_ARGUMENT, status.getStatus().getCode());
        Problem problem = Problem.fromGrpc(status);
        assertEquals(400, problem.status());
        assertEquals(List.of(new Problem.InvalidParam("call_sign", "must not be blank"),
                new Problem.InvalidParam("head_count", "must be at least 1")), problem.invalidParams());
    }

    @Test
    void domainFailuresMapToTheirStatusAndHttpCode() {
        assertEquals(404, Problem.fromGrpc(GrpcStatuses.toStatus(new NotFoundException("unit", "u-1"))).status());
        assertEquals("unit u-1 not found", Problem.fromGrpc(GrpcStatuses.toStatus(new NotFoundException("unit", "u-1"))).detail());
        assertEquals(409, Problem.fromGrpc(GrpcStatuses.toStatus(new ConflictException("taken"))).status());
        assertEquals(403, Problem.fromGrpc(GrpcStatuses.toStatus(new PermissionDeniedException("no"))).status());
        assertEquals(503, Problem.fromGrpc(Status.UNAVAILABLE.asRuntimeException()).status());
        assertEquals(504, Problem.fromGrpc(Status.DEADLINE_EXCEEDED.asRuntimeException()).status());
        // An open circuit breaker is the callee's state, not an internal error of ours.
        StatusRuntimeException open = GrpcStatuses.toStatus(new org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException("open"));
        assertEquals(Status.Code.UNAVAILABLE, open.getStatus().getCode());
        assertEquals(503, Problem.fromGrpc(open).status());
        // So are a full Redis or database pool (503) and a call that outlived its deadline (504).
        StatusRuntimeException busy = GrpcStatuses.toStatus(new io.vertx.core.http.ConnectionPoolTooBusyException("max wait queue size of 2048"));
        assertEquals(503, Problem.fromGrpc(busy).status());
        StatusRuntimeException late = GrpcStatuses.toStatus(new io.smallrye.mutiny.TimeoutException());
        assertEquals(Status.Code.DEADLINE_EXCEEDED, late.getStatus().getCode());
        assertEquals(504, Problem.fromGrpc(late).status());
    }

    @Test
    void unexpectedFailuresLeakNothing() {
        StatusRuntimeException status = GrpcStatuses.toStatus(new IllegalStateException("relation \"unit\" does not exist at SQL ..."));

        assertEquals(Status.Code.INTERNAL, status.getStatus().getCode());
        assertFalse(status.getStatus().getDescription().contains("relation"));
        assertTrue(status.getStatus().getDescription().startsWith("internal error, reference "));
        Problem problem = Problem.fromGrpc(Status.INTERNAL.withDescription("NullPointerException at Foo.java:12").asRuntimeException());
        assertEquals(500, problem.status());
        assertEquals("internal error", problem.detail());
    }
}
