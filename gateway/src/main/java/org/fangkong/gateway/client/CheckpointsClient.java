package org.fangkong.gateway.client;

import java.util.function.Function;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.fangkong.gateway.config.GatewayConfig;
import org.fangkong.platform.identity.ServiceIdentity;
import org.fangkong.proto.checkpoints.v1.MutinyCheckpointServiceGrpc.MutinyCheckpointServiceStub;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;

/** checkpoint-service: checkpoints, cordons, checks and the wanted list. */
@Singleton
public class CheckpointsClient extends ServiceClient<MutinyCheckpointServiceStub> {

    private final ServiceIdentity identity;

    public CheckpointsClient(@GrpcClient("checkpoints") MutinyCheckpointServiceStub checkpoints, GatewayConfig config, ServiceIdentity identity) {
        super(checkpoints, config.callDeadline());
        this.identity = identity;
    }

    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = ServiceRefusal.class)
    @CircuitBreakerName("checkpoint-service")
    public <T> Uni<T> call(String token, Function<MutinyCheckpointServiceStub, Uni<T>> rpc) {
        return invoke(token, rpc);
    }

    /** On the gateway's own account, for callers without a user token (agencies). */
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = ServiceRefusal.class)
    @CircuitBreakerName("checkpoint-service-gateway")
    public <T> Uni<T> callAsGateway(Function<MutinyCheckpointServiceStub, Uni<T>> rpc) {
        return invokeAsGateway(identity, rpc);
    }
}
