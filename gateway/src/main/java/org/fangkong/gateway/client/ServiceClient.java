package org.fangkong.gateway.client;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.fangkong.platform.grpc.BearerToken;
import org.fangkong.platform.identity.ServiceIdentity;

import io.grpc.CallCredentials;
import io.grpc.stub.AbstractStub;
import io.smallrye.mutiny.Uni;

/**
 * A service, on behalf of the caller whose token is passed along: every call with a deadline and none retried (most
 * change state). Each subclass puts its own circuit breaker around {@link #invoke}, so a service that is down fails
 * only its own domain's endpoints, fast; refusals ({@link ServiceRefusal}) do not count against it.
 */
abstract class ServiceClient<S extends AbstractStub<S>> {

    private final S stub;
    private final Duration deadline;

    ServiceClient(S stub, Duration deadline) {
        this.stub = stub;
        this.deadline = deadline;
    }

    <T> Uni<T> invoke(String token, Function<S, Uni<T>> rpc) {
        return invoke(BearerToken.of(token), rpc);
    }

    /** On the gateway's own service account (devices and agencies carry no user token the services take). */
    <T> Uni<T> invokeAsGateway(ServiceIdentity identity, Function<S, Uni<T>> rpc) {
        return identity.credentials(Optional.empty()).chain(credentials -> invoke(credentials, rpc));
    }

    <T> Uni<T> invoke(CallCredentials credentials, Function<S, Uni<T>> rpc) {
        return rpc.apply(stub.withCallCredentials(credentials).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS))
                .onFailure().transform(ServiceRefusal::classify);
    }
}
