package org.fangkong.video;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.fangkong.platform.grpc.BearerToken;
import org.fangkong.proto.video.v1.VideoServiceGrpc;
import org.fangkong.proto.video.v1.VideoServiceGrpc.VideoServiceBlockingStub;
import org.fangkong.proto.video.v1.VideoServiceGrpc.VideoServiceStub;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

/** A gRPC client of the video-service under test, calling as the token given. */
final class VideoTestClient implements AutoCloseable {

    private final ManagedChannel channel;

    VideoTestClient(int port) {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    VideoServiceBlockingStub as(String token) {
        return VideoServiceGrpc.newBlockingStub(channel).withCallCredentials(BearerToken.of(token)).withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    /** The asynchronous stub, for streaming calls. */
    VideoServiceStub streaming(String token) {
        return VideoServiceGrpc.newStub(channel).withCallCredentials(BearerToken.of(token)).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    /** A GB/T 28181 code of Xuanwu district: division 32010200, industry 00, the type given, network 5, a random serial. */
    static String code(String type) {
        return "32010200" + "00" + type + "5" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
