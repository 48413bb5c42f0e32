package org.fangkong.checkpoints;

import java.util.List;

import org.fangkong.infra.testing.ServiceContractTest;
import org.fangkong.platform.grpc.BearerToken;
import org.fangkong.proto.checkpoints.v1.CheckpointServiceGrpc;
import org.fangkong.proto.checkpoints.v1.GetCheckpointRequest;

import io.grpc.ManagedChannel;

@CheckpointServiceTest
class CheckpointContractTest extends ServiceContractTest {

    @Override
    protected String grpcService() {
        return "fangkong.checkpoints.v1.CheckpointService";
    }

    @Override
    protected List<String> readinessChecks() {
        return List.of("Reactive PostgreSQL connections health check", "Redis connection health check");
    }

    @Override
    protected void callProtectedMethod(ManagedChannel channel, String token) {
        CheckpointServiceGrpc.CheckpointServiceBlockingStub stub = CheckpointServiceGrpc.newBlockingStub(channel);
        if (token != null) {
            stub = stub.withCallCredentials(BearerToken.of(token));
        }
        stub.getCheckpoint(GetCheckpointRequest.newBuilder().setId("7f1c2d7e-0000-4000-8000-000000000000").build());
    }
}
