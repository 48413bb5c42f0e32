package org.fangkong.gateway.client;

import java.util.function.Function;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.fangkong.gateway.config.GatewayConfig;
import org.fangkong.proto.units.v1.MutinyUnitsServiceGrpc.MutinyUnitsServiceStub;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;

/** units-service: units, crews, positions, organisations and zones. */
@Singleton
public class UnitsClient extends ServiceClient<MutinyUnitsServiceStub> {

    public UnitsClient(@GrpcClient("units") MutinyUnitsServiceStub units, GatewayConfig config) {
        super(units, config.callDeadline());
    }

    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = ServiceRefusal.class)
    @CircuitBreakerName("units-service")
    public <T> Uni<T> call(String token, Function<MutinyUnitsServiceStub, Uni<T>> rpc) {
        return invoke(token, rpc);
    }
}
