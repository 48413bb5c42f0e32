package org.fangkong.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.fangkong.infra.ReflectionClient;
import org.fangkong.launcher.DemoProvince;
import org.fangkong.launcher.DemoRealm;
import org.fangkong.launcher.RealmTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;

/**
 * Each test acts as a user, an agency or an outsider would, against the running suite ({@link RunningPlatform}).
 */
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformEndToEndTest {

    private static final String GUSU = "320508000000";

    private static Properties running;
    private static RealmTokens tokens;
    private static DemoProvince.Seeded province;

    @BeforeAll
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    static void up() {
        RunningPlatform platform = RunningPlatform.get();
        running = platform.running;
        tokens = platform.tokens;
        province = platform.province;
    }

    private static RequestSpecification as(String username) {
        return RestAssured.given().auth().oauth2(tokens.user(username)).contentType("application/json");
    }

    @Test
    @Order(1)
    void aPersonsRealmTokenIsAcceptedByTheGatewayAndTheServicesBehindIt() {
        JsonPath units = as("commander").get("/api/v1/units?orgCode=" + DemoRealm.NANJING + "&pageSize=100").then().statusCode(200).extract().jsonPath();
        assertFalse(units.getList("units").isEmpty(), "the commander sees Nanjing's units");
        assertTrue(units.getList("units.orgCode", String.class).stream().allMatch(org -> org.startsWith("3201")), "and only Nanjing's");

        // units-service finds officer1's unit by the crew roster, which names the subject of officer1's Keycloak token.
        JsonPath me = as("officer1").get("/api/v1/me").then().statusCode(200).extract().jsonPath();
        assertEquals(province.crewUnits().get("officer1"), me.getString("unit.unit.id"), me.prettify());
        assertEquals(tokens.subject("officer1"), me.getString("subject"));

        RestAssured.given().auth().oauth2(tokens.user("suzhou-commander")).get("/api/v1/units?orgCode=" + DemoRealm.NANJING).then().statusCode(403);
    }

    @Test
    @Order(2)
    void aTokenSignedByAnotherKeyIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = Jwt.issuer(running.getProperty("realm")).subject(tokens.subject("commander")).preferredUserName("commander")
                .claim("realm_access", Map.of("roles", List.of("commander", "admin"))).claim("org", DemoRealm.JIANGSU).expiresIn(600)
                .jws().keyId("forged").sign(generator.generateKeyPair().getPrivate());
        RestAssured.given().auth().oauth2(forged).get("/api/v1/units?orgCode=" + DemoRealm.NANJING).then().statusCode(401);
        RestAssured.given().get("/api/v1/units?orgCode=" + DemoRealm.NANJING).then().statusCode(401);
    }

    @Test
    @Order(3)
    void anAgencyCallsItsApiWithClientCredentials() throws Exception {
        DemoRealm.Agency traffic = DemoRealm.AGENCIES.get(0);
        String token = tokens.client(traffic.clientId(), DemoRealm.secret(traffic.clientId()));
        ManagedChannel channel = ManagedChannelBuilder.forTarget(running.getProperty("gateway").replace("http://", "")).usePlaintext().build();
        try {
            ReflectionClient client = new ReflectionClient(channel);
            var agency = client.service("fangkong.agency.v1.AgencyService");
            DemoProvince.DemoUnit xuanwu = province.units().stream().filter(u -> u.orgCode().equals(DemoRealm.XUANWU)).findFirst().orElseThrow();
            String near = "{\"point\": {\"lat\": " + (xuanwu.south() + xuanwu.north()) / 2 + ", \"lon\": " + (xuanwu.west() + xuanwu.east()) / 2
                    + "}, \"radiusM\": 4000, \"limit\": 200}";
            Awaitility.await("units near Xuanwu's centre").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonPath found = new JsonPath(client.call(agency, "FindUnitsNear", near, ReflectionClient.bearer(token)));
                assertFalse(found.getList("units").isEmpty(), found.prettify());
            });
            StatusRuntimeException anonymous = assertThrows(StatusRuntimeException.class, () -> client.call(agency, "FindUnitsNear", near, null));
            assertEquals(Status.Code.UNAUTHENTICATED, anonymous.getStatus().getCode());
            String suzhou = near.replace("}, \"radiusM\"", "}, \"region\": \"" + DemoRealm.SUZHOU + "\", \"radiusM\"");
            StatusRuntimeException outside = assertThrows(StatusRuntimeException.class, () -> client.call(agency, "FindUnitsNear", suzhou, ReflectionClient.bearer(token)));
            assertEquals(Status.Code.PERMISSION_DENIED, outside.getStatus().getCode());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(4)
    void simulatedUnitsMove() {
        String unit = province.crewUnits().get("officer3");
        Set<String> places = new HashSet<>();
        Awaitility.await("two different places in the unit's track").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).until(() -> {
            JsonPath track = as("commander").get("/api/v1/units/" + unit + "/track?from=" + Instant.now().minusSeconds(600) + "&to="
                    + Instant.now().plusSeconds(60)).then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> fixes = track.getList("fixes");
            fixes.forEach(fix -> places.add(String.valueOf(fix.get("point"))));
            return places.size() >= 2;
        });
    }

    @Test
    @Order(5)
    void anIncidentGoesFromIntakeToResolvedByADispatcherAndAnOfficer() {
        DemoProvince.DemoUnit unit = province.units().stream().filter(u -> u.orgCode().equals(GUSU)).findFirst().orElseThrow();
        Instant now = Instant.now();
        as("suzhou-commander").body(Map.of("subject", tokens.subject("suzhou-officer"), "shiftStart", now.minusSeconds(60).toString(),
                "shiftEnd", now.plusSeconds(8 * 3600).toString())).post("/api/v1/units/" + unit.id() + "/crew").then().statusCode(201);

        double lat = (unit.south() + unit.north()) / 2;
        double lon = (unit.west() + unit.east()) / 2;
        String id = as("suzhou-dispatcher").body(Map.of("idempotencyKey", "e2e-" + UUID.randomUUID(), "type", "THEFT", "priority", 2, "orgCode", GUSU,
                "location", Map.of("lat", lat, "lon", lon), "address", "观前街", "source", "CALL_110")).post("/api/v1/incidents").then().statusCode(201)
                .extract().path("id");
        as("suzhou-dispatcher").body(Map.of("unitIds", List.of(unit.id()))).post("/api/v1/incidents/" + id + "/dispatch").then().statusCode(200);
        as("suzhou-officer").get("/api/v1/me/dispatches").then().statusCode(200).body("dispatches.incident.id", org.hamcrest.Matchers.hasItem(id));
        as("suzhou-officer").post("/api/v1/incidents/" + id + "/units/" + unit.id() + "/acknowledge").then().statusCode(200);
        as("suzhou-commander").get("/api/v1/units/" + unit.id()).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("EN_ROUTE"));
        as("suzhou-officer").post("/api/v1/incidents/" + id + "/units/" + unit.id() + "/arrive").then().statusCode(200);
        as("suzhou-officer").body(Map.of("outcome", "bicycle recovered")).post("/api/v1/incidents/" + id + "/resolve").then().statusCode(200);
        as("suzhou-dispatcher").post("/api/v1/incidents/" + id + "/close").then().statusCode(200);

        JsonPath incident = as("suzhou-dispatcher").get("/api/v1/incidents/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("CLOSED", incident.getString("status"));
        List<String> steps = new ArrayList<>(incident.getList("timeline.what", String.class));
        assertTrue(steps.containsAll(List.of("reported", "dispatched", "acknowledged", "arrived", "resolved", "closed")), steps.toString());
        as("suzhou-commander").get("/api/v1/units/" + unit.id()).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("AVAILABLE"));
    }
}
