package org.fangkong.gateway.client;

import java.util.function.Function;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.fangkong.gateway.config.GatewayConfig;
import org.fangkong.proto.video.v1.MutinyVideoServiceGrpc.MutinyVideoServiceStub;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;

/** video-service: video points, cameras, vehicle trajectories and video patrol. */
@Singleton
public class VideoClient extends ServiceClient<MutinyVideoServiceStub> {

    public VideoClient(@GrpcClient("video") MutinyVideoServiceStub video, GatewayConfig config) {
        super(video, config.callDeadline());
    }

    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = ServiceRefusal.class)
    @CircuitBreakerName("video-service")
    public <T> Uni<T> call(String token, Function<MutinyVideoServiceStub, Uni<T>> rpc) {
        return invoke(token, rpc);
    }
}
