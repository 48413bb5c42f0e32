package org.fangkong.gateway.client;

import java.util.function.Function;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.fangkong.gateway.config.GatewayConfig;
import org.fangkong.platform.identity.ServiceIdentity;
import org.fangkong.proto.alerts.v1.MutinyAlertServiceGrpc.MutinyAlertServiceStub;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;

/** alert-service: incidents, command modes and reports. */
@Singleton
public class AlertsClient extends ServiceClient<MutinyAlertServiceStub> {

    private final ServiceIdentity identity;

    public AlertsClient(@GrpcClient("alerts") MutinyAlertServiceStub alerts, GatewayConfig config, ServiceIdentity identity) {
        super(alerts, config.callDeadline());
        this.identity = identity;
    }

    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = ServiceRefusal.class)
    @CircuitBreakerName("alert-service")
    public <T> Uni<T> call(String token, Function<MutinyAlertServiceStub, Uni<T>> rpc) {
        return invoke(token, rpc);
    }

    /** On the gateway's own account, for callers without a user token (agencies). */
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = ServiceRefusal.class)
    @CircuitBreakerName("alert-service-gateway")
    public <T> Uni<T> callAsGateway(Function<MutinyAlertServiceStub, Uni<T>> rpc) {
        return invokeAsGateway(identity, rpc);
    }
}
