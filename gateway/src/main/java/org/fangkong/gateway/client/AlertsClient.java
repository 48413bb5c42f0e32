package org.fangkong.gateway.client;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.fangkong.gateway.config.GatewayConfig;
import org.fangkong.platform.grpc.BearerToken;
import org.fangkong.proto.alerts.v1.MutinyAlertServiceGrpc.MutinyAlertServiceStub;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;

/**
 * alert-service, on behalf of the caller whose token is passed along: every call with a deadline, none retried (the
 * calls change state), behind this service's own circuit breaker, so an alert-service that is down fails only the
 * incident endpoints, fast.
 */
@ApplicationScoped
public class AlertsClient {

    private final MutinyAlertServiceStub alerts;
    private final GatewayConfig config;

    public AlertsClient(@GrpcClient("alerts") MutinyAlertServiceStub alerts, GatewayConfig config) {
        this.alerts = alerts;
        this.config = config;
    }

    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = ServiceRefusal.class)
    @CircuitBreakerName("alert-service")
    public <T> Uni<T> call(String token, Function<MutinyAlertServiceStub, Uni<T>> rpc) {
        return rpc.apply(alerts.withCallCredentials(BearerToken.of(token)).withDeadlineAfter(config.callDeadline().toMillis(), TimeUnit.MILLISECONDS))
                .onFailure().transform(ServiceRefusal::classify);
    }
}
