package org.fangkong.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.fangkong.proto.units.v1.FindNearestUnitsRequest;
import org.fangkong.proto.units.v1.FindNearestUnitsResponse;
import org.fangkong.proto.units.v1.UnitsServiceGrpc;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;

/**
 * Scenario 6: the suite's unary path (units-service's closest-unit search: token check, Redis GEOSEARCH, mapping)
 * against a bare grpc-java server answering the same message, with the same client, request and concurrency.
 */
final class GrpcOverhead {

    static final String NAME = "grpc-overhead";

    private GrpcOverhead() {
    }

    static List<Result> run(String unitsHostPort, String token, FindNearestUnitsRequest request, int concurrency, Duration warmUp,
            Duration measure) {
        FindNearestUnitsResponse canned;
        Measured suite;
        ManagedChannel channel = NettyChannelBuilder.forTarget(unitsHostPort).usePlaintext().build();
        try {
            UnitsServiceGrpc.UnitsServiceFutureStub stub = stub(channel, token);
            canned = UnitsServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(token)).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .findNearestUnits(request);
            suite = closedLoop(stub, request, concurrency, warmUp, measure);
        } finally {
            channel.shutdownNow();
        }
        Server bare = bareServer(canned);
        Measured baseline;
        ManagedChannel bareChannel = NettyChannelBuilder.forTarget("127.0.0.1:" + bare.getPort()).usePlaintext().build();
        try {
            baseline = closedLoop(stub(bareChannel, token), request, concurrency, warmUp, measure);
        } finally {
            bareChannel.shutdownNow();
            bare.shutdownNow();
        }
        String shape = canned.getUnitsCount() + " units in each answer, " + concurrency + " calls in flight";
        return List.of(
                new Result(NAME, "unary calls/s (" + shape + ")", suite.throughput(), "calls/s", "bare grpc-java server", baseline.throughput(),
                        true, "", null),
                new Result(NAME, "p50 latency", Latencies.millis(suite.latencies, 50), "ms", "bare grpc-java server",
                        Latencies.millis(baseline.latencies, 50), false, "", null),
                new Result(NAME, "p99 latency", Latencies.millis(suite.latencies, 99), "ms", "bare grpc-java server",
                        Latencies.millis(baseline.latencies, 99), false, "", null),
                new Result(NAME, "failed calls", suite.failures, "calls", "bare grpc-java server", baseline.failures, false, "0",
                        suite.failures == 0));
    }

    private record Measured(Histogram latencies, double throughput, long failures) {
    }

    private static UnitsServiceGrpc.UnitsServiceFutureStub stub(ManagedChannel channel, String token) {
        return UnitsServiceGrpc.newFutureStub(channel).withInterceptors(bearer(token));
    }

    /** The caller's token on every call, as the services expect it. */
    static io.grpc.ClientInterceptor bearer(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    /** {@code concurrency} chains of calls, each sending its next call when the previous one answers. */
    private static Measured closedLoop(UnitsServiceGrpc.UnitsServiceFutureStub stub, FindNearestUnitsRequest request, int concurrency,
            Duration warmUp, Duration measure) {
        Latencies latencies = new Latencies();
        AtomicLong completed = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long warmUntil = System.nanoTime() + warmUp.toNanos();
        long stopAt = warmUntil + measure.toNanos();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            next(stub, request, latencies, completed, failures, stopAt, done);
        }
        sleepUntil(warmUntil);
        latencies.take();
        long countAtStart = completed.get();
        long failuresAtStart = failures.get();
        try {
            done.await(measure.toSeconds() + 60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double seconds = measure.toNanos() / 1e9;
        return new Measured(latencies.take(), (completed.get() - countAtStart) / seconds, failures.get() - failuresAtStart);
    }

    private static void next(UnitsServiceGrpc.UnitsServiceFutureStub stub, FindNearestUnitsRequest request, Latencies latencies,
            AtomicLong completed, AtomicLong failures, long stopAt, CountDownLatch done) {
        if (System.nanoTime() >= stopAt) {
            done.countDown();
            return;
        }
        long sent = System.nanoTime();
        Futures.addCallback(stub.withDeadlineAfter(10, TimeUnit.SECONDS).findNearestUnits(request), new FutureCallback<>() {
            @Override
            public void onSuccess(FindNearestUnitsResponse response) {
                latencies.record(System.nanoTime() - sent);
                completed.incrementAndGet();
                next(stub, request, latencies, completed, failures, stopAt, done);
            }

            @Override
            public void onFailure(Throwable failure) {
                failures.incrementAndGet();
                next(stub, request, latencies, completed, failures, stopAt, done);
            }
        }, MoreExecutors.directExecutor());
    }

    private static Server bareServer(FindNearestUnitsResponse canned) {
        try {
            return NettyServerBuilder.forAddress(new java.net.InetSocketAddress("127.0.0.1", 0)).addService(new UnitsServiceGrpc.UnitsServiceImplBase() {
                @Override
                public void findNearestUnits(FindNearestUnitsRequest request, StreamObserver<FindNearestUnitsResponse> answer) {
                    answer.onNext(canned);
                    answer.onCompleted();
                }
            }).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleepUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
