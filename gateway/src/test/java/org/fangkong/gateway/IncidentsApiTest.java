package org.fangkong.gateway;

import static io.restassured.RestAssured.given;
import static org.fangkong.infra.testing.TestOrgs.NANJING;
import static org.fangkong.infra.testing.TestOrgs.SUZHOU;
import static org.fangkong.infra.testing.TestOrgs.XUANWU;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.grpc.BearerToken;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.proto.units.v1.AssignCrewMemberRequest;
import org.fangkong.proto.units.v1.CreateUnitRequest;
import org.fangkong.proto.units.v1.ForceType;
import org.fangkong.proto.units.v1.GetUnitRequest;
import org.fangkong.proto.units.v1.PatrolTier;
import org.fangkong.proto.units.v1.SetUnitStatusRequest;
import org.fangkong.proto.units.v1.Unit;
import org.fangkong.proto.units.v1.UnitStatus;
import org.fangkong.proto.units.v1.UnitsServiceGrpc;
import org.fangkong.proto.units.v1.UnitsServiceGrpc.UnitsServiceBlockingStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Incidents through the gateway, end to end against the real alert-service and units-service. */
@GatewayTest
class IncidentsApiTest {

    static final String PROBLEM = "application/problem+json";
    static final String DUTY = TestTokens.user("duty-xuanwu", XUANWU, "dispatcher");

    private ManagedChannel channel;

    @BeforeEach
    void open() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", GatewayTestResources.units().port()).usePlaintext().build();
    }

    @AfterEach
    void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private UnitsServiceBlockingStub units(String token) {
        return UnitsServiceGrpc.newBlockingStub(channel).withCallCredentials(BearerToken.of(token)).withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    /** An available unit with the officer on its crew (set up in units-service, as the unit console does). */
    private Unit crewedUnit(String officer) {
        String admin = TestTokens.user("admin-nanjing", NANJING, "admin");
        Unit unit = units(admin).createUnit(CreateUnitRequest.newBuilder().setCallSign("GW-" + UUID.randomUUID().toString().substring(0, 8))
                .setOrgCode(XUANWU).setForceType(ForceType.SPECIAL_PATROL).setTier(PatrolTier.MAIN_ROAD).setHeadCount(2).setArmedCount(1).build());
        units(TestTokens.user("commander-nanjing", NANJING, "commander")).setUnitStatus(SetUnitStatusRequest.newBuilder().setUnitId(unit.getId())
                .setStatus(UnitStatus.AVAILABLE).build());
        Instant now = Instant.now();
        units(admin).assignCrewMember(AssignCrewMemberRequest.newBuilder().setUnitId(unit.getId()).setSubject(officer)
                .setShiftStart(Timestamps.of(now.minusSeconds(600))).setShiftEnd(Timestamps.of(now.plusSeconds(8 * 3600))).build());
        return unit;
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static Map<String, Object> report(String org) {
        double lat = 31.5 + ThreadLocalRandom.current().nextDouble(0.5);
        return Map.of("idempotencyKey", "call-" + UUID.randomUUID(), "type", "THEFT", "priority", 3, "orgCode", org,
                "location", Map.of("lat", lat, "lon", 118.9), "address", "中山东路 " + lat, "source", "CALL_110");
    }

    /** Reports an incident as the Xuanwu duty room; returns its id. */
    static String reported() {
        return as(DUTY).body(report(XUANWU)).post("/api/v1/incidents").then().statusCode(201).extract().path("id");
    }

    @Test
    void theDutyRoomAndTheCrewWorkAnIncidentFromReportToClosure() {
        String officer = "officer-gw-" + UUID.randomUUID().toString().substring(0, 6);
        Unit unit = crewedUnit(officer);
        String crew = TestTokens.user(officer, XUANWU, "officer");

        String location = as(DUTY).body(report(XUANWU)).post("/api/v1/incidents").then()
                .statusCode(201)
                .body("status", equalTo("NEW"))
                .body("number", startsWith(XUANWU + "-"))
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);

        as(DUTY).body(Map.of("unitIds", List.of(unit.getId()))).post("/api/v1/incidents/" + id + "/dispatch").then()
                .statusCode(200).body("status", equalTo("DISPATCHED"));
        as(crew).get("/api/v1/me/dispatches").then()
                .statusCode(200).body("dispatches.incident.id", contains(id)).body("dispatches[0].assignment.deliveredAt", nullValue());
        as(crew).post("/api/v1/incidents/" + id + "/units/" + unit.getId() + "/delivery").then()
                .statusCode(200).body("assignments[0].state", equalTo("DELIVERED"));
        as(crew).get("/api/v1/me/dispatches").then()
                .statusCode(200).body("dispatches[0].assignment.state", equalTo("DELIVERED")).body("dispatches[0].assignment.deliveredAt", notNullValue());
        as(crew).post("/api/v1/incidents/" + id + "/units/" + unit.getId() + "/acknowledge").then()
                .statusCode(200).body("status", equalTo("ACKNOWLEDGED"));
        assertUnit(unit, UnitStatus.EN_ROUTE);
        as(crew).post("/api/v1/incidents/" + id + "/units/" + unit.getId() + "/arrive").then()
                .statusCode(200).body("status", equalTo("ON_SCENE"));
        as(crew).body(Map.of("outcome", "suspect detained")).post("/api/v1/incidents/" + id + "/resolve").then()
                .statusCode(200).body("status", equalTo("RESOLVED"));
        assertUnit(unit, UnitStatus.AVAILABLE);
        as(crew).get("/api/v1/me/dispatches").then().statusCode(200).body("dispatches", empty());
        as(DUTY).post("/api/v1/incidents/" + id + "/close").then().statusCode(200).body("status", equalTo("CLOSED"));

        as(DUTY).get(location).then()
                .statusCode(200)
                .body("timeline.what", contains("reported", "dispatched", "delivered", "acknowledged", "arrived", "resolved", "closed"))
                .body("stopwatch.reactTargetS", equalTo(120));
        as(DUTY).queryParam("orgCode", XUANWU).queryParam("status", "CLOSED").get("/api/v1/incidents").then()
                .statusCode(200).body("incidents.id", hasItem(id));
    }

    private void assertUnit(Unit unit, UnitStatus status) {
        org.junit.jupiter.api.Assertions.assertEquals(status, units(TestTokens.user("admin-nanjing", NANJING, "admin"))
                .getUnit(GetUnitRequest.newBuilder().setId(unit.getId()).build()).getStatus());
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndNoFieldBeyondTheRequestIsTaken() {
        Map<String, Object> bad = new java.util.HashMap<>(report(XUANWU));
        bad.put("priority", 9);
        as(DUTY).body(bad).post("/api/v1/incidents").then()
                .statusCode(400).contentType(PROBLEM)
                .body("invalid-params.name", contains("priority"));

        Map<String, Object> sneaky = new java.util.HashMap<>(report(XUANWU));
        sneaky.put("status", "CLOSED");
        as(DUTY).body(sneaky).post("/api/v1/incidents").then()
                .statusCode(400).contentType(PROBLEM)
                .body("invalid-params.name", contains("status"));

        String id = reported();
        as(DUTY).body(Map.of("incidentId", UUID.randomUUID().toString(), "unitIds", List.of())).post("/api/v1/incidents/" + id + "/dispatch").then()
                .statusCode(400).body("invalid-params.name", contains("incidentId"));
        as(DUTY).queryParam("status", "SOLVED").get("/api/v1/incidents").then()
                .statusCode(400).body("invalid-params.name", contains("status"));
        as(DUTY).post("/api/v1/incidents/" + id + "/close").then().statusCode(409).contentType(PROBLEM);
        as(DUTY).get("/api/v1/incidents/not-a-uuid").then().statusCode(400).body("invalid-params.name", contains("id"));
    }

    @Test
    void anotherOrganisationsIncidentIsNotFound() {
        String id = reported();
        as(TestTokens.user("duty-suzhou", SUZHOU, "dispatcher")).get("/api/v1/incidents/" + id).then().statusCode(404).contentType(PROBLEM);
        as(TestTokens.user("duty-suzhou", SUZHOU, "dispatcher")).body(Map.of("reason", "x")).post("/api/v1/incidents/" + id + "/cancel").then()
                .statusCode(404);
        as(DUTY).get("/api/v1/incidents/" + id).then().statusCode(200).body("status", equalTo("NEW"));
    }

    @Test
    void commandModeAndReportsAnswerThroughTheGateway() {
        String centre = TestTokens.user("centre-nanjing", NANJING, "command-center");
        String qinhuai = "320104000000";
        as(centre).body(Map.of("mode", "EMERGENCY", "reason", "drill")).put("/api/v1/command-modes/" + qinhuai).then()
                .statusCode(200).body("mode", equalTo("EMERGENCY"));
        as(centre).body(Map.of("mode", "NORMAL", "reason", "drill over")).put("/api/v1/command-modes/" + qinhuai).then()
                .statusCode(200).body("mode", equalTo("NORMAL"));
        as(DUTY).get("/api/v1/command-modes/" + XUANWU).then().statusCode(200).body("mode", equalTo("NORMAL"));
        as(DUTY).queryParam("orgCode", XUANWU).queryParam("day", "2026-11-20").get("/api/v1/reports/situation").then()
                .statusCode(200).body("orgCode", equalTo(XUANWU)).body("fromDay", equalTo("2026-11-20"));
        as(DUTY).queryParam("orgCode", XUANWU).queryParam("day", "20.11.2026").get("/api/v1/reports/situation").then()
                .statusCode(400).body("invalid-params.name", contains("day"));
    }

    @Test
    void aCallerOverTheRateLimitGets429WhileOthersAreServed() throws Exception {
        String busy = TestTokens.user("duty-busy-" + UUID.randomUUID().toString().substring(0, 6), XUANWU, "dispatcher");
        List<io.restassured.response.Response> limited = burst(busy);
        org.junit.jupiter.api.Assertions.assertFalse(limited.isEmpty(), "200 requests from one caller at once meet the limit of 50 a second");
        org.junit.jupiter.api.Assertions.assertEquals("1", limited.get(0).header("Retry-After"));
        org.junit.jupiter.api.Assertions.assertTrue(limited.get(0).contentType().startsWith(PROBLEM));
        as(DUTY).get("/api/v1/command-modes/" + XUANWU).then().statusCode(200);

        // A relay given a limit of its own (fangkong.gateway.rate-limit-callers) is not held to the default.
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), burst(TestTokens.user("relay-" + GatewayTestResources.RELAY, XUANWU, "dispatcher")));
    }

    /** 200 requests from one caller at once, refused by the gateway itself (a bad status) so they come faster than any service answers; the 429s. */
    private static List<io.restassured.response.Response> burst(String token) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<io.restassured.response.Response>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                answers.add(pool.submit(() -> as(token).queryParam("status", "BAD").get("/api/v1/incidents")));
            }
            List<io.restassured.response.Response> limited = new java.util.ArrayList<>();
            for (var answer : answers) {
                io.restassured.response.Response response = answer.get(60, TimeUnit.SECONDS);
                if (response.statusCode() == 429) {
                    limited.add(response);
                } else {
                    org.junit.jupiter.api.Assertions.assertEquals(400, response.statusCode());
                }
            }
            return limited;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void meNamesTheCallerAndTheUnitTheyAreOnThisShift() {
        String officer = "officer-me-" + UUID.randomUUID().toString().substring(0, 6);
        Unit unit = crewedUnit(officer);
        as(TestTokens.user(officer, XUANWU, "officer")).get("/api/v1/me").then()
                .statusCode(200)
                .body("subject", equalTo(officer))
                .body("roles", contains("officer"))
                .body("orgCode", equalTo(XUANWU))
                .body("unit.unit.id", equalTo(unit.getId()))
                .body("checkpoint", org.hamcrest.Matchers.nullValue());
        as(DUTY).get("/api/v1/me").then().statusCode(200).body("unit", org.hamcrest.Matchers.nullValue());
    }
}
