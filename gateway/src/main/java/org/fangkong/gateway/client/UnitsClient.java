package org.fangkong.gateway.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.fangkong.gateway.config.GatewayConfig;
import org.fangkong.platform.identity.ServiceIdentity;
import org.fangkong.proto.units.v1.PositionFix;
import org.fangkong.proto.units.v1.ReportPositionsResponse;
import org.fangkong.proto.units.v1.MutinyUnitsServiceGrpc.MutinyUnitsServiceStub;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** units-service: units, crews, positions, organisations and zones. */
@Singleton
public class UnitsClient extends ServiceClient<MutinyUnitsServiceStub> {

    private final ServiceIdentity identity;
    private final Duration relayDeadline;

    public UnitsClient(@GrpcClient("units") MutinyUnitsServiceStub units, GatewayConfig config, ServiceIdentity identity) {
        super(units, config.callDeadline());
        this.identity = identity;
        this.relayDeadline = config.devices().relayDeadline();
    }

    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = ServiceRefusal.class)
    @CircuitBreakerName("units-service")
    public <T> Uni<T> call(String token, Function<MutinyUnitsServiceStub, Uni<T>> rpc) {
        return invoke(token, rpc);
    }

    /** Devices' fixes, on the gateway's own service account (devices have no user token); a breaker of their own. */
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = ServiceRefusal.class)
    @CircuitBreakerName("units-service-devices")
    public Uni<ReportPositionsResponse> relay(Multi<PositionFix> fixes) {
        return invokeAsGateway(identity, stub -> stub.withDeadlineAfter(relayDeadline.toMillis(), TimeUnit.MILLISECONDS).reportPositions(fixes));
    }

    /** On the gateway's own account, for callers without a user token (agencies). */
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = ServiceRefusal.class)
    @CircuitBreakerName("units-service-gateway")
    public <T> Uni<T> callAsGateway(Function<MutinyUnitsServiceStub, Uni<T>> rpc) {
        return invokeAsGateway(identity, rpc);
    }
}
