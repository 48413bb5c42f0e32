package org.fangkong.gateway;

import static org.fangkong.infra.testing.TestOrgs.*;

import static io.restassured.RestAssured.given;
import static org.fangkong.infra.testing.AppContractTest.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
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
        report(fix(further, lat + 0.004, lon, now), fix(closer, lat + 0.001, lon, now));

        as("duty-nanjing", NANJING, "dispatcher")
                .queryParam("lat", lat).queryParam("lon", lon).queryParam("radiusMeters", 1000)
                .get("/api/v1/units/nearest").then()
                .statusCode(200)
                .body("units.unit.id", contains(closer, further))
                .body("units[0].distanceM", org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThan(109f)).and(org.hamcrest.Matchers.lessThan(113f)))
                .body("units[0].positionAt", org.hamcrest.Matchers.notNullValue());

        as("duty-suzhou", SUZHOU, "dispatcher")
                .queryParam("lat", lat).queryParam("lon", lon).queryParam("radiusMeters", 1000)
                .get("/api/v1/units/nearest").then()
                .statusCode(200)
                .body("units.unit.id", org.hamcrest.Matchers.not(hasItem(closer)));
    }

    @Test
    void theLivePictureHasTheSubtreesPositionedUnitsOnly() {
        double lat = 31.5 + ThreadLocalRandom.current().nextDouble(0.5);
        double lon = 118.4 + ThreadLocalRandom.current().nextDouble(0.5);
        String car = register(patrolCar(XUANWU));
        report(fix(car, lat, lon, Instant.now()));

        io.restassured.path.json.JsonPath live = as("duty-nanjing", NANJING, "dispatcher").get("/api/v1/units/positions").then()
                .statusCode(200).extract().jsonPath();
        String mine = "positions.find { it.unitId == '" + car + "' }";
        // Redis keeps positions as geohashes: within a metre of the reported point, not bit for bit.
        assertEquals(lat, live.getDouble(mine + ".point.lat"), 1e-5);
        assertEquals(lon, live.getDouble(mine + ".point.lon"), 1e-5);
        assertNotNull(live.getString(mine + ".recordedAt"));
        assertEquals(false, live.getBoolean(mine + ".stale"));
        as("duty-suzhou", SUZHOU, "dispatcher").get("/api/v1/units/positions").then()
                .statusCode(200)
                .body("positions.unitId", org.hamcrest.Matchers.not(hasItem(car)));
        as("duty-nanjing", NANJING, "dispatcher").queryParam("orgCode", "3201").get("/api/v1/units/positions").then()
                .statusCode(400).contentType(PROBLEM)
                .body("'invalid-params'[0].name", equalTo("orgCode"));
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

    /** Fixes as a phone reports them (the reporting door itself is not the gateway's REST API). */
    static void report(PositionFix... fixes) {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", GatewayTestResources.units().port()).usePlaintext().build();
        try {
            MutinyUnitsServiceGrpc.newMutinyStub(channel)
                    .withCallCredentials(BearerToken.of(TestTokens.user("officer", NANJING, "officer")))
                    .reportPositions(Multi.createFrom().items(fixes))
                    .await().atMost(Duration.ofSeconds(10));
        } finally {
            channel.shutdownNow();
        }
    }

    /** A station of Xuanwu of its own, so lists show only what a test put there. */
    static String station() {
        String code = XUANWU.substring(0, 6) + ThreadLocalRandom.current().nextInt(100000, 999999);
        as("it-nanjing", NANJING, "admin").contentType(ContentType.JSON).body(Map.of("code", code, "name", "派出所 " + code, "parentCode", XUANWU))
                .post("/api/v1/organisations").then().statusCode(201);
        return code;
    }

    @Test
    void theRosterIsImportedListedChangedAndStaffed() {
        String station = station();
        RequestSpecification admin = as("it-nanjing", NANJING, "admin").contentType(ContentType.JSON);
        List<Map<String, Object>> three = List.of(with(patrolCar(station), "callSign", "A-" + station), with(patrolCar(station), "callSign", "B-" + station),
                with(patrolCar(station), "callSign", "C-" + station, "headCount", 4));
        List<String> ids = admin.body(Map.of("units", three)).post("/api/v1/units/import").then().statusCode(200).extract().path("unitIds");
        assertEquals(3, ids.size());
        as("it-nanjing", NANJING, "admin").contentType(ContentType.JSON)
                .body(Map.of("units", List.of(with(patrolCar(station), "callSign", "D-" + station), with(patrolCar(station), "forceType", "SWAT"))))
                .post("/api/v1/units/import").then().statusCode(400).contentType(PROBLEM).body("'invalid-params'.name", contains("units[1].forceType"));

        java.util.function.Supplier<RequestSpecification> desk = () -> as("duty-nanjing", NANJING, "dispatcher");
        desk.get().queryParam("orgCode", station).queryParam("pageSize", 2).get("/api/v1/units").then()
                .statusCode(200).body("units.callSign", contains("A-" + station, "B-" + station));
        String next = as("duty-nanjing", NANJING, "dispatcher").queryParam("orgCode", station).queryParam("pageSize", 2).get("/api/v1/units")
                .then().extract().path("page.nextPageToken");
        as("duty-nanjing", NANJING, "dispatcher").queryParam("orgCode", station).queryParam("pageSize", 2).queryParam("pageToken", next)
                .get("/api/v1/units").then().statusCode(200).body("units.callSign", contains("C-" + station)).body("page.nextPageToken", equalTo(""));
        as("duty-nanjing", NANJING, "dispatcher").queryParam("orgCode", station).queryParam("status", "ON_FIRE").get("/api/v1/units").then()
                .statusCode(400).body("'invalid-params'.name", contains("status"));

        String unit = ids.get(2);
        String version = as("duty-nanjing", NANJING, "dispatcher").get("/api/v1/units/" + unit).then().extract().path("version");
        Map<String, Object> change = Map.of("updateMask", "headCount", "unit", Map.of("headCount", 5), "expectedVersion", version);
        as("it-nanjing", NANJING, "admin").contentType(ContentType.JSON).body(change).patch("/api/v1/units/" + unit).then()
                .statusCode(200).body("headCount", equalTo(5)).body("callSign", equalTo("C-" + station));
        as("it-nanjing", NANJING, "admin").contentType(ContentType.JSON).body(change).patch("/api/v1/units/" + unit).then()
                .statusCode(409).contentType(PROBLEM);
        as("it-nanjing", NANJING, "admin").contentType(ContentType.JSON).body(Map.of("updateMask", "status", "unit", Map.of("status", "AVAILABLE")))
                .patch("/api/v1/units/" + unit).then().statusCode(400).body("'invalid-params'.name", contains("unit.status"));

        String officer = "officer-roster-" + station;
        Instant now = Instant.now();
        as("commander-nanjing", NANJING, "commander").contentType(ContentType.JSON)
                .body(Map.of("subject", officer, "shiftStart", now.minusSeconds(60).toString(), "shiftEnd", now.plusSeconds(8 * 3600).toString()))
                .post("/api/v1/units/" + unit + "/crew").then().statusCode(201).body("subject", equalTo(officer));
        desk.get().get("/api/v1/units/" + unit + "/crew").then().statusCode(200).body("members.subject", contains(officer));
        as(officer, XUANWU, "officer").contentType(ContentType.JSON).body(Map.of("status", "AVAILABLE", "reason", "start of shift"))
                .put("/api/v1/units/" + unit + "/status").then().statusCode(200).body("status", equalTo("AVAILABLE"));
        as("officer-not-on-it", XUANWU, "officer").contentType(ContentType.JSON).body(Map.of("status", "OFF_DUTY", "reason", "x"))
                .put("/api/v1/units/" + unit + "/status").then().statusCode(403).contentType(PROBLEM);
        desk.get().queryParam("orgCode", station).get("/api/v1/duty-strength").then()
                .statusCode(200).body("total.units", equalTo(1)).body("total.people", equalTo(5)).body("total.cars", equalTo(1))
                .body("byForceType.find { it.forceType == 'SPECIAL_PATROL' }.units", equalTo(1))
                .body("byForceType.find { it.forceType == 'AUXILIARY' }.units", equalTo(0));

        report(fix(unit, 32.0501, 118.7901, now.minusSeconds(20)), fix(unit, 32.0502, 118.7902, now.minusSeconds(10)));
        // The history writer stores fixes a moment after they are acknowledged.
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> desk.get().queryParam("from", now.minusSeconds(60).toString())
                .queryParam("to", now.plusSeconds(60).toString()).get("/api/v1/units/" + unit + "/track").then()
                .statusCode(200).body("fixes.point.lat", contains(32.0501f, 32.0502f)));
        as("duty-suzhou", SUZHOU, "dispatcher").queryParam("from", now.minusSeconds(60).toString()).queryParam("to", now.plusSeconds(60).toString())
                .get("/api/v1/units/" + unit + "/track").then().statusCode(404);

        as("commander-nanjing", NANJING, "commander").delete("/api/v1/units/" + unit + "/crew/" + officer).then()
                .statusCode(200).body("removed", equalTo(1));
        desk.get().get("/api/v1/units/" + unit + "/crew").then().statusCode(200).body("members", org.hamcrest.Matchers.empty());
    }

    @Test
    void aCommanderStartsAShiftInOneCallAndAUnitOnAnIncidentRefusesItByName() {
        List<String> crews = List.of(register(patrolCar(XUANWU)), register(patrolCar(XUANWU)), register(patrolCar(XUANWU)));
        java.util.function.Supplier<RequestSpecification> commander = () -> as("commander-nanjing", NANJING, "commander").contentType(ContentType.JSON);

        commander.get().body(Map.of("unitIds", crews, "status", "AVAILABLE", "reason", "day shift")).put("/api/v1/units/status").then()
                .statusCode(200).body("changed", equalTo(3));
        commander.get().body(Map.of("unitIds", crews, "status", "AVAILABLE", "reason", "day shift")).put("/api/v1/units/status").then()
                .statusCode(200).body("unchanged", equalTo(3));
        as("duty-nanjing", NANJING, "dispatcher").get("/api/v1/units/" + crews.get(2)).then().statusCode(200).body("status", equalTo("AVAILABLE"));

        // The second unit goes to an incident; ending the shift then refuses the whole call and names it.
        String incident = IncidentsApiTest.reported();
        IncidentsApiTest.as(IncidentsApiTest.DUTY).body(Map.of("unitIds", List.of(crews.get(1)))).post("/api/v1/incidents/" + incident + "/dispatch")
                .then().statusCode(200);
        commander.get().body(Map.of("unitIds", crews, "status", "OFF_DUTY", "reason", "end of shift")).put("/api/v1/units/status").then()
                .statusCode(409).contentType(PROBLEM).body("'invalid-params'.name", contains("unitIds[1]"));
        as("duty-nanjing", NANJING, "dispatcher").get("/api/v1/units/" + crews.get(0)).then().statusCode(200).body("status", equalTo("AVAILABLE"));

        commander.get().body(Map.of("unitIds", List.of(crews.get(0), "XW-01"), "status", "OFF_DUTY")).put("/api/v1/units/status").then()
                .statusCode(400).contentType(PROBLEM).body("'invalid-params'.name", contains("unitIds[1]"));
        as("commander-suzhou", SUZHOU, "commander").contentType(ContentType.JSON).body(Map.of("unitIds", crews, "status", "OFF_DUTY"))
                .put("/api/v1/units/status").then().statusCode(404).contentType(PROBLEM);
        as("duty-nanjing", NANJING, "dispatcher").contentType(ContentType.JSON).body(Map.of("unitIds", crews, "status", "OFF_DUTY"))
                .put("/api/v1/units/status").then().statusCode(403).contentType(PROBLEM);
    }

    static Map<String, Object> with(Map<String, Object> base, Object... more) {
        Map<String, Object> body = new java.util.HashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    static PositionFix fix(String unitId, double lat, double lon, Instant at) {
        return PositionFix.newBuilder().setUnitId(unitId).setPoint(GeoPoint.newBuilder().setLat(lat).setLon(lon))
                .setRecordedAt(Timestamps.of(at)).build();
    }
}
