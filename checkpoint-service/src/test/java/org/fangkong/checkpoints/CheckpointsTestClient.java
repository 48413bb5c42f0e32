package org.fangkong.checkpoints;

import java.util.concurrent.TimeUnit;

import org.fangkong.platform.grpc.BearerToken;
import org.fangkong.proto.checkpoints.v1.CheckpointServiceGrpc;
import org.fangkong.proto.checkpoints.v1.CheckpointServiceGrpc.CheckpointServiceBlockingStub;
import org.fangkong.proto.checkpoints.v1.CheckpointServiceGrpc.CheckpointServiceStub;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

/** A gRPC client of the checkpoint-service under test, calling as the token given. */
final class CheckpointsTestClient implements AutoCloseable {

    private final ManagedChannel channel;

    CheckpointsTestClient(int port) {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    CheckpointServiceBlockingStub as(String token) {
        return CheckpointServiceGrpc.newBlockingStub(channel).withCallCredentials(BearerToken.of(token)).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    /** The asynchronous stub, for streaming calls. */
    CheckpointServiceStub streaming(String token) {
        return CheckpointServiceGrpc.newStub(channel).withCallCredentials(BearerToken.of(token)).withDeadlineAfter(5, TimeUnit.MINUTES);
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
