package org.fangkong.gateway;

import static org.fangkong.infra.testing.TestOrgs.*;

import static io.restassured.RestAssured.given;
import static org.fangkong.infra.testing.AppContractTest.assertStatus;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.grpc.BearerToken;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.units.v1.GetUnitRequest;
import org.fangkong.proto.units.v1.MutinyUnitsServiceGrpc;
import org.fangkong.proto.units.v1.PositionFix;
import org.fangkong.proto.units.v1.UnitsServiceGrpc;
import org.junit.jupiter.api.Test;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status.Code;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.mutiny.Multi;

@GatewayTest
class UnitsApiTest {
    static final String PROBLEM = "application/problem+json";

    static RequestSpecification as(String subject, String org, String... roles) {
        return given().auth().oauth2(TestTokens.user(subject, org, roles));
    }

    static Map<String, Object> patrolCar(String org) {
        return Map.of("callSign", "XW-" + UUID.randomUUID().toString().substring(0, 8), "orgCode", org,
                "forceType", "SPECIAL_PATROL", "tier", "MAIN_ROAD", "headCount", 3, "armedCount", 1,
                "vehiclePlate", "苏A7Q123");
    }

    static String register(Map<String, Object> unit) {
        return as("it-nanjing", NANJING, "admin").contentType(ContentType.JSON).body(unit)
                .post("/api/v1/units").then().statusCode(201).extract().path("id");
    }

    @Test
    void anAdminRegistersAUnitAndADispatcherOfTheCityReadsIt() {
        Map<String, Object> unit = patrolCar(XUANWU);
        String location = as("it-nanjing", NANJING, "admin").contentType(ContentType.JSON).body(unit)
                .post("/api/v1/units").then()
                .statusCode(201)
                .body("callSign", equalTo(unit.get("callSign")))
                .body("orgCode", equalTo(XUANWU))
                .body("status", equalTo("OFF_DUTY"))
                .extract().header("Location");

        as("duty-nanjing", NANJING, "dispatcher").get(location).then()
                .statusCode(200)
                .body("callSign", equalTo(unit.get("callSign")))
                .body("forceType", equalTo("SPECIAL_PATROL"))
                .body("tier", equalTo("MAIN_ROAD"))
                .body("headCount", equalTo(3))
                .body("armedCount", equalTo(1))
                .body("vehiclePlate", equalTo("苏A7Q123"));
    }

    @Test
    void withoutATokenItIs401() {
        given().get("/api/v1/units/" + UUID.randomUUID()).then().statusCode(401);
        given().contentType(ContentType.JSON).body(patrolCar(XUANWU)).post("/api/v1/units").then().statusCode(401);
        given().auth().oauth2(TestTokens.forged("mallory", NANJING, "admin")).contentType(ContentType.JSON)
                .body(patrolCar(XUANWU)).post("/api/v1/units").then().statusCode(401);
    }

    @Test
    void theWrongRoleIs403() {
        as("duty-nanjing", NANJING, "dispatcher").contentType(ContentType.JSON).body(patrolCar(XUANWU))
                .post("/api/v1/units").then().statusCode(403).contentType(PROBLEM);
        String id = register(patrolCar(XUANWU));
        as("officer", NANJING, "officer").get("/api/v1/units/" + id).then().statusCode(403);
    }

    @Test
    void aUnitOfAnotherOrganisationIs404() {
        String id = register(patrolCar(XUANWU));
        as("duty-suzhou", SUZHOU, "dispatcher").get("/api/v1/units/" + id).then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("status", equalTo(404))
                .body("detail", equalTo("unit " + id + " not found"));
    }

    @Test
    void anAdminOfAnotherCityCannotRegisterHere() {
        as("it-suzhou", SUZHOU, "admin").contentType(ContentType.JSON).body(patrolCar(XUANWU))
                .post("/api/v1/units").then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void badInputIs400NamingEachField() {
        as("it-nanjing", NANJING, "admin").contentType(ContentType.JSON)
                .body(Map.of("callSign", "", "orgCode", "32010", "forceType", "SWAT", "tier", "MAIN_ROAD", "headCount", 0))
                .post("/api/v1/units").then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("'invalid-params'.name", containsInAnyOrder("forceType"))
                .body("'invalid-params'.reason", hasItem(startsWith("must be one of SPECIAL_PATROL")));

        as("it-nanjing", NANJING, "admin").contentType(ContentType.JSON)
                .body(Map.of("callSign", "", "orgCode", "32010", "forceType", "STATION", "tier", "COMMUNITY", "headCount", 0))
                .post("/api/v1/units").then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("'invalid-params'.name", hasItems("callSign", "orgCode", "headCount"));
    }

    @Test
    void aDuplicateCallSignIs409() {
        Map<String, Object> unit = patrolCar(XUANWU);
        register(unit);
        as("it-nanjing", NANJING, "admin").contentType(ContentType.JSON).body(unit)
                .post("/api/v1/units").then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void nearestListsUnitsByDistanceFromTheirLiveFixes() {
        double lat = 31.5 + ThreadLocalRandom.current().nextDouble(0.5);
        double lon = 118.4 + ThreadLocalRandom.current().nextDouble(0.5);
        String further = register(patrolCar(XUANWU));
        String closer = register(patrolCar(XUANWU));
        Instant now = Instant.now();
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", GatewayTestResources.units().port()).usePlaintext().build();
        try {
            MutinyUnitsServiceGrpc.newMutinyStub(channel)
                    .withCallCredentials(BearerToken.of(TestTokens.user("officer", NANJING, "officer")))
                    .reportPositions(Multi.createFrom().items(fix(further, lat + 0.004, lon, now), fix(closer, lat + 0.001, lon, now)))
                    .await().atMost(Duration.ofSeconds(10));
        } finally {
            channel.shutdownNow();
        }

        as("duty-nanjing", NANJING, "dispatcher")
                .queryParam("lat", lat).queryParam("lon", lon).queryParam("radiusMeters", 1000)
                .get("/api/v1/units/nearest").then()
                .statusCode(200)
                .body("unit.id", contains(closer, further))
                .body("[0].distanceMeters", org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThan(109f)).and(org.hamcrest.Matchers.lessThan(113f)))
                .body("[0].positionAt", org.hamcrest.Matchers.notNullValue());

        as("duty-suzhou", SUZHOU, "dispatcher")
                .queryParam("lat", lat).queryParam("lon", lon).queryParam("radiusMeters", 1000)
                .get("/api/v1/units/nearest").then()
                .statusCode(200)
                .body("unit.id", org.hamcrest.Matchers.not(hasItem(closer)));
    }

    @Test
    void nearestValidatesItsParameters() {
        as("duty-nanjing", NANJING, "dispatcher").queryParam("lon", 118.7).queryParam("radiusMeters", 1000)
                .get("/api/v1/units/nearest").then()
                .statusCode(400).contentType(PROBLEM)
                .body("'invalid-params'.name", contains("lat"));
        as("duty-nanjing", NANJING, "dispatcher").queryParam("lat", 32.05).queryParam("lon", 118.7).queryParam("radiusMeters", 0)
                .get("/api/v1/units/nearest").then()
                .statusCode(400).contentType(PROBLEM)
                .body("'invalid-params'.name", contains("radiusMeters"));
        as("duty-nanjing", NANJING, "dispatcher").queryParam("lat", "north").queryParam("lon", 118.7).queryParam("radiusMeters", 100)
                .get("/api/v1/units/nearest").then()
                .statusCode(400).contentType(PROBLEM)
                .body("'invalid-params'[0].name", equalTo("lat"))
                .body("'invalid-params'[0].reason", equalTo("must be a decimal number"));
        as("duty-nanjing", NANJING, "dispatcher").queryParam("lat", 95).queryParam("lon", 118.7).queryParam("radiusMeters", 100)
                .get("/api/v1/units/nearest").then()
                .statusCode(400).contentType(PROBLEM)
                .body("'invalid-params'.name", contains("lat"));
        as("it", NANJING, "admin").queryParam("lat", 32.05).queryParam("lon", 118.7).queryParam("radiusMeters", 100)
                .get("/api/v1/units/nearest").then().statusCode(403);
    }

    @Test
    void unitsServiceRefusesCallsThatBypassTheGatewayWithoutAToken() {
        String id = register(patrolCar(XUANWU));
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", GatewayTestResources.units().port()).usePlaintext().build();
        try {
            GetUnitRequest get = GetUnitRequest.newBuilder().setId(id).build();
            UnitsServiceGrpc.UnitsServiceBlockingStub direct = UnitsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
            assertStatus(Code.UNAUTHENTICATED, () -> direct.getUnit(get));
            assertStatus(Code.PERMISSION_DENIED, () -> direct.withCallCredentials(BearerToken.of(TestTokens.user("o", NANJING, "officer"))).getUnit(get));
            assertStatus(Code.NOT_FOUND, () -> direct.withCallCredentials(BearerToken.of(TestTokens.user("d", SUZHOU, "dispatcher"))).getUnit(get));
            org.junit.jupiter.api.Assertions.assertEquals(id,
                    direct.withCallCredentials(BearerToken.of(TestTokens.user("d", NANJING, "dispatcher"))).getUnit(get).getId());
        } finally {
            channel.shutdownNow();
        }
    }

    private static PositionFix fix(String unitId, double lat, double lon, Instant at) {
        return PositionFix.newBuilder().setUnitId(unitId).setPoint(GeoPoint.newBuilder().setLat(lat).setLon(lon))
                .setRecordedAt(Timestamps.of(at)).build();
    }
}
