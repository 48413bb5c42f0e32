package org.fangkong.gateway.client;

import java.util.Optional;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.smallrye.mutiny.Uni;

/**
 * A service answered, and refused (bad input, not found, not allowed): the caller's problem, not the service's, so it
 * does not count against the service's circuit breaker. Being down or slow stays a {@link StatusRuntimeException}.
 */
public class ServiceRefusal extends RuntimeException {

    private final StatusRuntimeException status;

    public ServiceRefusal(StatusRuntimeException status) {
        super(status.getMessage(), status, false, false);
        this.status = status;
    }

    public StatusRuntimeException status() {
        return status;
    }

    /** Whether the status means the service is unwell (counted by the breaker) rather than that it refused. */
    static boolean unwell(Status.Code code) {
        return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED || code == Status.Code.INTERNAL
                || code == Status.Code.UNKNOWN || code == Status.Code.RESOURCE_EXHAUSTED;
    }

    /** Turns a service's refusals into {@link ServiceRefusal}; lets failures of the service itself through. */
    public static Throwable classify(Throwable failure) {
        if (failure instanceof StatusRuntimeException status && !unwell(status.getStatus().getCode())) {
            return new ServiceRefusal(status);
        }
        return failure;
    }

    /** The caller's own record (their unit, their checkpoint), or empty when the service says there is none. */
    public static <M> Uni<Optional<M>> absentIfNotFound(Uni<M> call) {
        return call.map(Optional::of)
                .onFailure(failure -> failure instanceof ServiceRefusal refusal && refusal.status().getStatus().getCode() == Status.Code.NOT_FOUND)
                .recoverWithItem(Optional.empty());
    }
}
