package org.fangkong.infra.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.grpc.ManagedChannel;
import io.quarkus.test.common.http.TestHTTPResource;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.restassured.RestAssured;

/**
 * What every app promises its operators, checked against the running app: health endpoints that really check
 * their dependencies, and refusal of calls without a valid token. Each app's test extends it (or
 * {@link ServiceContractTest}) inside its own {@code @QuarkusTest}.
 */
public abstract class AppContractTest {

    protected ManagedChannel channel;

    /** Health is served on the management port, as probes reach it in a cluster (path relative to its root, /q). */
    @TestHTTPResource(value = "/health", management = true)
    URL health;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    /** Names of the readiness checks that must be present and UP. */
    protected abstract List<String> readinessChecks();

    /**
     * Makes one call to a protected method with the given token (null: no token), letting failures through; a
     * refusal must surface as a {@code StatusRuntimeException} (REST callers translate 401 to UNAUTHENTICATED).
     */
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
        given().get(health + "/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(readinessChecks().toArray(String[]::new)));
    }

    @Test
    void livenessIsUp() {
        given().get(health + "/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    /** The paths the Kubernetes probes and Prometheus use (k8s/base). */
    @Test
    void startupAndMetricsAreServedOnTheManagementPort() {
        given().get(health + "/started").then().statusCode(200).body("status", equalTo("UP"));
        given().get(metrics.toString()).then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void healthIsNotServedOnTheApplicationPort() {
        given().get("/q/health/ready").then().statusCode(404);
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
