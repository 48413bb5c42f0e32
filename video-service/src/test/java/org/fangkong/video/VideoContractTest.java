package org.fangkong.video;

import java.util.List;

import org.fangkong.infra.testing.ServiceContractTest;
import org.fangkong.platform.grpc.BearerToken;
import org.fangkong.proto.video.v1.GetVideoPointRequest;
import org.fangkong.proto.video.v1.VideoServiceGrpc;

import io.grpc.ManagedChannel;

@VideoServiceTest
class VideoContractTest extends ServiceContractTest {

    @Override
    protected String grpcService() {
        return "fangkong.video.v1.VideoService";
    }

    @Override
    protected List<String> readinessChecks() {
        return List.of("Reactive PostgreSQL connections health check", "Redis connection health check");
    }

    @Override
    protected void callProtectedMethod(ManagedChannel channel, String token) {
        VideoServiceGrpc.VideoServiceBlockingStub stub = VideoServiceGrpc.newBlockingStub(channel);
        if (token != null) {
            stub = stub.withCallCredentials(BearerToken.of(token));
        }
        stub.getVideoPoint(GetVideoPointRequest.newBuilder().setId("7f1c2d7e-0000-4000-8000-000000000000").build());
    }
}
