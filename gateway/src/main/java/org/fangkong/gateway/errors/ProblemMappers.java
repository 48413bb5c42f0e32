package org.fangkong.gateway.errors;

import java.util.Map;
import java.util.UUID;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.fangkong.gateway.client.ServiceRefusal;
import org.fangkong.platform.errors.GrpcStatuses;
import org.fangkong.platform.errors.InvalidArgumentException;
import org.fangkong.platform.errors.Problem;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.grpc.StatusRuntimeException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Every error leaves the gateway as {@code application/problem+json}; nothing internal leaks. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

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
        String reference = UUID.randomUUID().toString();
        LOG.errorf(failure, "Unexpected failure, reference %s", reference);
        return respond(Problem.of(500, "Internal Server Error", "internal error, reference " + reference));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
