package org.fangkong.gateway;

import static org.fangkong.gateway.UnitsApiTest.as;
import static org.fangkong.gateway.UnitsApiTest.fix;
import static org.fangkong.gateway.UnitsApiTest.patrolCar;
import static org.fangkong.gateway.UnitsApiTest.register;
import static org.fangkong.gateway.UnitsApiTest.report;
import static org.fangkong.infra.testing.TestOrgs.NANJING;
import static org.fangkong.infra.testing.TestOrgs.SUZHOU;
import static org.fangkong.infra.testing.TestOrgs.XUANWU;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** The organisation tree, patrol zones and key sites through the gateway, against the real units-service. */
@GatewayTest
class OrganisationsAndZonesApiTest {

    static final String PROBLEM = "application/problem+json";
    private static final AtomicInteger SPOTS = new AtomicInteger();

    static RequestSpecification admin() {
        return as("it-nanjing", NANJING, "admin").contentType(ContentType.JSON);
    }

    static RequestSpecification desk() {
        return as("duty-nanjing", NANJING, "dispatcher");
    }

    /** A square about 400 m across, somewhere no other zone of these tests lies. */
    static List<Map<String, Double>> square(double[] corner) {
        double lat = corner[0];
        double lon = corner[1];
        return List.of(point(lat, lon), point(lat, lon + 0.004), point(lat + 0.004, lon + 0.004), point(lat + 0.004, lon), point(lat, lon));
    }

    static double[] freshSpot() {
        int spot = SPOTS.getAndIncrement();
        return new double[] { 31.2 + spot * 0.05, 118.3 };
    }

    private static Map<String, Double> point(double lat, double lon) {
        return Map.of("lat", lat, "lon", lon);
    }

    @Test
    void anAdminGrowsTheTreeAndEveryoneReadsIt() {
        String station = UnitsApiTest.station();
        as("officer-tree", XUANWU, "officer").queryParam("rootCode", XUANWU).get("/api/v1/organisations").then()
                .statusCode(200)
                .body("organisations[0].code", equalTo(XUANWU))
                .body("organisations.code", hasItem(station));
        admin().body(Map.of("name", "玄武门派出所")).patch("/api/v1/organisations/" + station).then()
                .statusCode(200).body("name", equalTo("玄武门派出所"));
        as("video-tree", XUANWU, "video-operator").get("/api/v1/organisations/" + station).then()
                .statusCode(200).body("name", equalTo("玄武门派出所")).body("parentCode", equalTo(XUANWU));

        // Two districts of a new city, made neighbours: the relation reads the same from both sides.
        String east = "320180000000";
        String west = "320181000000";
        admin().body(Map.of("code", east, "name", "东区分局", "parentCode", NANJING)).post("/api/v1/organisations").then().statusCode(201);
        admin().body(Map.of("code", west, "name", "西区分局", "parentCode", NANJING)).post("/api/v1/organisations").then().statusCode(201);
        admin().body(Map.of("neighbourCodes", List.of(west))).put("/api/v1/organisations/" + east + "/neighbours").then()
                .statusCode(200).body("neighbourCodes", contains(west));
        desk().get("/api/v1/organisations/" + west).then().statusCode(200).body("neighbourCodes", contains(east));

        admin().body(Map.of("code", "32018", "name", "x", "parentCode", NANJING)).post("/api/v1/organisations").then()
                .statusCode(400).contentType(PROBLEM).body("'invalid-params'.name", contains("code"));
        as("it-suzhou", SUZHOU, "admin").contentType(ContentType.JSON).body(Map.of("name", "not theirs")).patch("/api/v1/organisations/" + station)
                .then().statusCode(403).contentType(PROBLEM);
        as("duty-nanjing", NANJING, "dispatcher").contentType(ContentType.JSON).body(Map.of("name", "x")).patch("/api/v1/organisations/" + station)
                .then().statusCode(403);

        admin().delete("/api/v1/organisations/" + west).then().statusCode(204);
        desk().get("/api/v1/organisations/" + west).then().statusCode(404).contentType(PROBLEM);
        desk().get("/api/v1/organisations/" + east).then().statusCode(200).body("neighbourCodes", org.hamcrest.Matchers.empty());
    }

    @Test
    void aZoneIsDrawnLevelledAndItsCoverageCounted() {
        double[] corner = freshSpot();
        String zone = admin().body(Map.of("name", "新街口", "orgCode", XUANWU, "polygon", square(corner), "patrolLevel", 3))
                .post("/api/v1/zones").then().statusCode(201).body("patrolLevel", equalTo(3)).extract().path("id");
        as("commander-nanjing", NANJING, "commander").contentType(ContentType.JSON).body(Map.of("patrolLevel", 1, "reason", "three thefts this week"))
                .put("/api/v1/zones/" + zone + "/level").then().statusCode(200).body("patrolLevel", equalTo(1));
        desk().get("/api/v1/zones/" + zone + "/levels").then()
                .statusCode(200).body("changes[0].fromLevel", equalTo(3)).body("changes[0].toLevel", equalTo(1))
                .body("changes[0].reason", equalTo("three thefts this week")).body("changes[0].changedBy", equalTo("commander-nanjing"));
        as("duty-nanjing", NANJING, "dispatcher").contentType(ContentType.JSON).body(Map.of("patrolLevel", 2, "reason", "x"))
                .put("/api/v1/zones/" + zone + "/level").then().statusCode(403);

        String inside = register(patrolCar(XUANWU));
        as("commander-nanjing", NANJING, "commander").contentType(ContentType.JSON).body(Map.of("status", "AVAILABLE", "reason", "on patrol"))
                .put("/api/v1/units/" + inside + "/status").then().statusCode(200);
        report(fix(inside, corner[0] + 0.002, corner[1] + 0.002, Instant.now()));
        desk().get("/api/v1/zones/" + zone + "/units").then().statusCode(200).body("units.unit.id", contains(inside));
        JsonPath coverage = desk().get("/api/v1/zones/" + zone + "/coverage").then().statusCode(200).extract().jsonPath();
        assertEquals(1, coverage.getInt("zones[0].visibleUnits"));
        assertEquals(Math.max(0, coverage.getInt("zones[0].requiredUnits") - 1), coverage.getInt("zones[0].shortfall"));
        desk().queryParam("orgCode", XUANWU).get("/api/v1/zones/coverage").then().statusCode(200).body("zones.zone.id", hasItem(zone));
        desk().queryParam("orgCode", XUANWU).queryParam("pageSize", 200).get("/api/v1/zones").then().statusCode(200).body("zones.id", hasItem(zone));

        admin().body(Map.of("name", "北门")).patch("/api/v1/zones/" + zone).then().statusCode(200).body("name", equalTo("北门"))
                .body("patrolLevel", equalTo(1));
        as("duty-suzhou", SUZHOU, "dispatcher").get("/api/v1/zones/" + zone).then().statusCode(404);
        admin().body(Map.of("name", "open", "orgCode", XUANWU, "polygon", square(freshSpot()).subList(0, 4))).post("/api/v1/zones").then()
                .statusCode(400).contentType(PROBLEM).body("'invalid-params'.name", contains("polygon"));
        admin().body(Map.of("name", "x", "orgCode", XUANWU, "polygon", List.of(Map.of("lat", "north", "lon", 118.3)))).post("/api/v1/zones").then()
                .statusCode(400).body("'invalid-params'.name", contains("polygon[0].lat")).body("'invalid-params'.reason", contains("must be a number"));
        admin().delete("/api/v1/zones/" + zone).then().statusCode(204);
        desk().get("/api/v1/zones/" + zone).then().statusCode(404);
    }

    @Test
    void aKeySiteCarriesItsOwnTargets() {
        double[] spot = freshSpot();
        Map<String, Object> site = Map.of("name", "南京南站", "category", "TRANSPORT_HUB", "orgCode", XUANWU, "center", point(spot[0], spot[1]),
                "radiusM", 300, "reactTargetS", 45, "arriveTargetS", 150, "resolveTargetS", 240);
        String id = admin().body(site).post("/api/v1/key-sites").then().statusCode(201).body("reactTargetS", equalTo(45)).extract().path("id");
        desk().get("/api/v1/key-sites/" + id).then().statusCode(200).body("category", equalTo("TRANSPORT_HUB")).body("arriveTargetS", equalTo(150));
        Map<String, Object> changed = new java.util.HashMap<>(site);
        changed.put("radiusM", 500);
        changed.remove("orgCode");
        admin().body(changed).put("/api/v1/key-sites/" + id).then().statusCode(200).body("radiusM", equalTo(500f)).body("orgCode", equalTo(XUANWU));
        desk().queryParam("orgCode", XUANWU).queryParam("pageSize", 200).get("/api/v1/key-sites").then().statusCode(200).body("keySites.id", hasItem(id));
        admin().body(Map.of("name", "x", "category", "CASTLE", "orgCode", XUANWU)).post("/api/v1/key-sites").then()
                .statusCode(400).body("'invalid-params'.name", containsInAnyOrder("category"));
        as("duty-suzhou", SUZHOU, "dispatcher").get("/api/v1/key-sites/" + id).then().statusCode(404);
        admin().delete("/api/v1/key-sites/" + id).then().statusCode(204);
        desk().get("/api/v1/key-sites/" + id).then().statusCode(404);
    }
}
