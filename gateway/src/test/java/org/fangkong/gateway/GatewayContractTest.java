package org.fangkong.gateway;

import static io.restassured.RestAssured.given;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.fangkong.infra.testing.AppContractTest;

import io.grpc.ManagedChannel;

@GatewayTest
class GatewayContractTest extends AppContractTest {

    @Override
    protected List<String> readinessChecks() {
        return List.of("Redis connection health check");
    }

    @Override
    protected void callProtectedMethod(ManagedChannel channel, String token) {
        // The gateway's door so far is REST (its gRPC agency API comes later): refusal is checked there.
        int status = token == null
                ? given().get("/api/v1/units/00000000-0000-4000-8000-000000000000").statusCode()
                : given().auth().oauth2(token).get("/api/v1/units/00000000-0000-4000-8000-000000000000").statusCode();
        if (status == 401) {
            throw io.grpc.Status.UNAUTHENTICATED.asRuntimeException();
        }
        throw new AssertionError("expected 401, got " + status);
    }

    @Test
    void openApiDescribesTheUnitsApi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/units/nearest'.get.parameters.name", org.hamcrest.Matchers.hasItems("lat", "lon", "radiusMeters"));
    }
}
