package org.fangkong.gateway.errors;

import java.util.Map;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.fangkong.gateway.client.ServiceRefusal;
import org.fangkong.platform.errors.GrpcStatuses;
import org.fangkong.platform.errors.InvalidArgumentException;
import org.fangkong.platform.errors.Problem;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.grpc.StatusRuntimeException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Every error leaves the gateway as {@code application/problem+json}; nothing internal leaks. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response grpc(StatusRuntimeException failure) {
        return respond(FieldRenames.toProblem(failure, Map.of()));
    }

    @ServerExceptionMapper
    public Response refusal(ServiceRefusal failure) {
        return respond(FieldRenames.toProblem(failure.status(), Map.of()));
    }

    /** A service's breaker is open: fail fast for its domain only. */
    @ServerExceptionMapper
    public Response breakerOpen(CircuitBreakerOpenException failure) {
        return Response.fromResponse(respond(Problem.of(503, "Service Unavailable", "a platform service this request needs is unavailable, try again")))
                .header(HttpHeaders.RETRY_AFTER, "5")
                .build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException failure) {
        return respond(failure.problem());
    }

    @ServerExceptionMapper
    public Response invalid(InvalidArgumentException failure) {
        return respond(Problem.invalid(failure.violations()));
    }

    @ServerExceptionMapper
    public Response constraints(ConstraintViolationException failure) {
        // Same field naming as a service's refusal: the parameter's name as the client sent it.
        return respond(FieldRenames.toProblem(GrpcStatuses.toStatus(failure), Map.of()));
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized() {
        return Response.fromResponse(respond(Problem.of(401, "Unauthorized", "a valid bearer token is required")))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException failure) {
        return respond(Problem.of(403, "Forbidden", "the caller's roles do not allow this"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException failure) {
        Response.StatusType status = failure.getResponse().getStatusInfo();
        return respond(Problem.of(status.getStatusCode(), status.getReasonPhrase(), failure.getMessage()));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable failure) {
        // The services' mapping: a full Redis pool is 503 and a call past its deadline 504, as in every app; anything
        // else is logged there with a reference and answered 500 with only the reference.
        io.grpc.Status status = GrpcStatuses.toStatus(failure).getStatus();
        if (status.getCode() == io.grpc.Status.Code.INTERNAL) {
            return respond(Problem.of(500, "Internal Server Error", status.getDescription()));
        }
        Response answer = respond(Problem.fromGrpc(status.asRuntimeException()));
        return status.getCode() == io.grpc.Status.Code.UNAVAILABLE ? Response.fromResponse(answer).header(HttpHeaders.RETRY_AFTER, "1").build() : answer;
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
