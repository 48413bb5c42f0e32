package org.fangkong.units;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.fangkong.infra.AppProcess;
import org.fangkong.infra.EmbeddedRedisServer;
import org.fangkong.infra.testing.Eventually;
import org.fangkong.infra.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

/**
 * The packaged units-service tells Kubernetes and gRPC clients the truth: when its Redis goes away it stops being
 * ready (HTTP and gRPC health both), stays alive, and is ready again once Redis is back.
 */
class ReadinessIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readinessFollowsRedisAndRecovers() throws Exception {
        Path redisData = Files.createTempDirectory("units-readiness-redis");
        EmbeddedRedisServer redis = EmbeddedRedisServer.start(0, redisData);
        int redisPort = redis.port();
        Map<String, String> config = new HashMap<>(TestInfrastructure.get().serviceConfig("units"));
        config.put("quarkus.redis.hosts", redis.url());
        config.put("fangkong.health.grpc-refresh", "1s");
        try (AppProcess units = AppProcess.start("units-service", Path.of("target/quarkus-app"), config,
                Path.of("target/readiness-it.log"), Duration.ofSeconds(120))) {
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", units.port()).usePlaintext().build();
            try {
                Supplier<ServingStatus> grpcHealth = () -> HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                        .check(HealthCheckRequest.newBuilder().setService("fangkong.units.v1.UnitsService").build()).getStatus();
                assertEquals(200, status(units, "/q/health/ready"));
                awaitEquals(ServingStatus.SERVING, grpcHealth);

                redis.close();
                awaitEquals(503, () -> status(units, "/q/health/ready"));
                awaitEquals(ServingStatus.NOT_SERVING, grpcHealth);
                assertEquals(200, status(units, "/q/health/live"), "losing Redis must not get the pod restarted");

                redis = EmbeddedRedisServer.start(redisPort, redisData);
                awaitEquals(200, () -> status(units, "/q/health/ready"));
                awaitEquals(ServingStatus.SERVING, grpcHealth);
            } finally {
                channel.shutdownNow();
            }
        } finally {
            redis.close();
        }
    }

    private int status(AppProcess app, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(app.managementUrl() + path)).timeout(Duration.ofSeconds(10)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> void awaitEquals(T expected, Supplier<T> actual) {
        Eventually.until(String.valueOf(expected), Duration.ofSeconds(30), () -> expected.equals(actual.get()));
    }
}
