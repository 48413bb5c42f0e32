package org.fangkong.infra.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import io.restassured.RestAssured;

/**
 * What every app promises its operators, checked against the running app: health endpoints that really check
 * their dependencies, the standard gRPC health service, server reflection on the HTTP port, and refusal of
 * calls without a valid token. Each app's test extends it inside its own {@code @QuarkusTest}.
 */
public abstract class ServiceContractTest {

    protected ManagedChannel channel;

    /** The fully qualified gRPC service the app serves, e.g. {@code fangkong.units.v1.UnitsService}. */
    protected abstract String grpcService();

    /** Names of the readiness checks that must be present and UP. */
    protected abstract List<String> readinessChecks();

    /** Makes one call to a protected method with the given token (null: no token), letting failures through. */
    protected abstract void callProtectedMethod(ManagedChannel channel, String token);

    @BeforeEach
    void openChannel() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", RestAssured.port).usePlaintext().build();
    }

    @AfterEach
    void closeChannel() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void readinessChecksItsDependencies() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(readinessChecks().toArray(String[]::new)));
    }

    @Test
    void livenessIsUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void grpcHealthServiceReportsServing() throws InterruptedException {
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        ServingStatus status = ServingStatus.UNKNOWN;
        while (Instant.now().isBefore(deadline)) {
            status = health.check(HealthCheckRequest.newBuilder().setService(grpcService()).build()).getStatus();
            if (status == ServingStatus.SERVING) {
                break;
            }
            Thread.sleep(200);
        }
        assertEquals(ServingStatus.SERVING, status);
    }

    @Test
    void reflectionListsTheService() throws InterruptedException {
        List<String> services = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        response.getListServicesResponse().getServiceList().forEach(s -> services.add(s.getName()));
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.countDown();
                    }

                    @Override
                    public void onCompleted() {
                        done.countDown();
                    }
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());
        requests.onCompleted();
        assertTrue(done.await(10, TimeUnit.SECONDS), "reflection did not answer");
        assertTrue(services.contains(grpcService()), "reflection lists " + services);
    }

    @Test
    void refusesCallsWithoutAToken() {
        assertStatus(Status.Code.UNAUTHENTICATED, () -> callProtectedMethod(channel, null));
    }

    @Test
    void refusesTokensNotSignedByTheRealm() {
        String forged = TestTokens.forged("mallory", "320000000000", "admin", "dispatcher", "commander", "service");
        assertStatus(Status.Code.UNAUTHENTICATED, () -> callProtectedMethod(channel, forged));
    }

    /** Runs a call and checks it failed with exactly this status code; returns the failure for more checks. */
    public static StatusRuntimeException assertStatus(Status.Code expected, Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            assertEquals(expected, e.getStatus().getCode(), () -> "status was " + e.getStatus());
            return e;
        }
        throw new AssertionError("expected " + expected + " but the call succeeded");
    }
}
