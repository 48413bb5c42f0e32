package org.fangkong.gateway;

import static org.fangkong.gateway.IncidentsApiTest.as;
import static org.fangkong.infra.testing.TestOrgs.NANJING;
import static org.fangkong.infra.testing.TestOrgs.SUZHOU;
import static org.fangkong.infra.testing.TestOrgs.XUANWU;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.fangkong.infra.ReflectionClient;
import org.fangkong.infra.testing.Eventually;
import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.grpc.BearerToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.protobuf.Descriptors.ServiceDescriptor;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/** The agency API as another agency's system sees it: through server reflection only, with a client-credentials token. */
@GatewayTest
class AgencyApiTest {

    static final String SERVICE = "fangkong.agency.v1.AgencyService";
    static final String TRAFFIC_POLICE = TestTokens.agency("nanjing-traffic-police", NANJING);

    @Inject
    MeterRegistry meters;

    private ManagedChannel channel;
    private ReflectionClient client;
    private ServiceDescriptor agency;

    @BeforeEach
    void open() throws Exception {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", RestAssured.port).usePlaintext().build();
        client = new ReflectionClient(channel);
        agency = client.service(SERVICE);
    }

    @AfterEach
    void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private double liveSessions() {
        return meters.get("fangkong.gateway.live.sessions").gauge().value();
    }

    private JsonPath call(String method, String json, String token) throws Exception {
        return new JsonPath(client.call(agency, method, json, token == null ? null : BearerToken.of(token)));
    }

    private static Code refusal(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(StatusRuntimeException.class, call).getStatus().getCode();
    }

    @Test
    void aClientThatKnowsOnlyReflectionFindsAndCallsTheAgencyApi() throws Exception {
        assertTrue(client.services().contains(SERVICE), "reflection lists " + client.services());
        assertTrue(client.services().stream().noneMatch(name -> name.startsWith("fangkong.units.") || name.startsWith("fangkong.alerts.")),
                "internal service APIs are not on the gateway: " + client.services());
        assertEquals("SERVING", new JsonPath(client.call(client.service("grpc.health.v1.Health"), "Check", "{}", null)).getString("status"),
                "health answers without a token, as load balancers call it");

        double lat = 31.6 + ThreadLocalRandom.current().nextDouble(0.3);
        String unit = UnitsApiTest.register(UnitsApiTest.patrolCar(XUANWU));
        UnitsApiTest.report(UnitsApiTest.fix(unit, lat, 118.5, Instant.now()));
        JsonPath near = call("FindUnitsNear", "{\"point\": {\"lat\": " + lat + ", \"lon\": 118.5}, \"radiusM\": 200}", TRAFFIC_POLICE);
        assertEquals(unit, near.getString("units[0].unitId"));
        assertEquals("SPECIAL_PATROL", near.getString("units[0].forceType"));

        String plate = "苏A" + ThreadLocalRandom.current().nextInt(10000, 99999);
        as(TestTokens.user("commander-nanjing", NANJING, "commander")).body(Map.of("kind", "VEHICLE", "plate", plate, "plateColour", "BLUE",
                "reason", "hit and run", "severity", 2, "issuingAgency", "南京市公安局交警支队")).post("/api/v1/wanted").then().statusCode(201);
        JsonPath checked = call("CheckWanted", "{\"plate\": \"" + plate + "\", \"reason\": \"traffic stop T-0412\"}", TRAFFIC_POLICE);
        assertEquals(true, checked.getBoolean("wanted"));
        assertEquals(2, checked.getInt("severity"));
        assertEquals(false, call("CheckWanted", "{\"plate\": \"苏A00001\", \"reason\": \"traffic stop\"}", TRAFFIC_POLICE).getBoolean("wanted"));
        assertEquals(Code.INVALID_ARGUMENT, refusal(() -> call("CheckWanted", "{\"plate\": \"" + plate + "\"}", TRAFFIC_POLICE)));

        String report = "{\"idempotencyKey\": \"" + UUID.randomUUID() + "\", \"type\": \"TRAFFIC\", \"priority\": 2, \"orgCode\": \"" + XUANWU
                + "\", \"location\": {\"lat\": 32.05, \"lon\": 118.79}, \"address\": \"龙蟠路\", \"description\": \"lorry overturned\"}";
        JsonPath reported = call("ReportIncident", report, TRAFFIC_POLICE);
        assertEquals("NEW", reported.getString("status"));
        assertEquals(reported.getString("incidentId"), call("ReportIncident", report, TRAFFIC_POLICE).getString("incidentId"), "idempotent");
        assertEquals("TRAFFIC", call("GetIncidentStatus", "{\"incidentId\": \"" + reported.getString("incidentId") + "\"}", TRAFFIC_POLICE)
                .getString("type"));
    }

    @Test
    void outsideItsRegionsWithoutATokenOrAsAnotherRoleItIsRefused() throws Exception {
        String suzhou = "{\"idempotencyKey\": \"" + UUID.randomUUID() + "\", \"type\": \"THEFT\", \"priority\": 3, \"orgCode\": \"" + SUZHOU
                + "\", \"location\": {\"lat\": 31.3, \"lon\": 120.6}}";
        assertEquals(Code.PERMISSION_DENIED, refusal(() -> call("ReportIncident", suzhou, TRAFFIC_POLICE)));
        String elsewhere = as(TestTokens.user("duty-suzhou", SUZHOU, "dispatcher")).body(IncidentsApiTest.report(SUZHOU)).post("/api/v1/incidents")
                .then().statusCode(201).extract().path("id");
        assertEquals(Code.NOT_FOUND, refusal(() -> call("GetIncidentStatus", "{\"incidentId\": \"" + elsewhere + "\"}", TRAFFIC_POLICE)));
        assertEquals(Code.PERMISSION_DENIED,
                refusal(() -> call("FindUnitsNear", "{\"point\": {\"lat\": 31.3, \"lon\": 120.6}, \"radiusM\": 200, \"region\": \"" + SUZHOU + "\"}",
                        TRAFFIC_POLICE)));
        assertEquals(Code.UNAUTHENTICATED, refusal(() -> call("GetIncidentStatus", "{\"incidentId\": \"" + elsewhere + "\"}", null)));
        assertEquals(Code.PERMISSION_DENIED, refusal(() -> call("GetIncidentStatus", "{\"incidentId\": \"" + elsewhere + "\"}",
                TestTokens.user("duty-nanjing", NANJING, "dispatcher"))));
    }

    @Test
    void anAgencyBeyondItsRateIsToldToSlowDown() throws Exception {
        String armedPolice = TestTokens.agency("jiangsu-armed-police", NANJING);
        String unknown = "{\"incidentId\": \"" + UUID.randomUUID() + "\"}";
        List<CompletableFuture<Code>> calls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> refusal(() -> call("GetIncidentStatus", unknown, armedPolice))));
        }
        Map<Code, Long> codes = calls.stream().map(CompletableFuture::join).collect(Collectors.groupingBy(code -> code, Collectors.counting()));
        assertEquals(java.util.Set.of(Code.RESOURCE_EXHAUSTED, Code.NOT_FOUND), codes.keySet(), "60 calls at once, 20 a second allowed: " + codes);
        assertTrue(codes.getOrDefault(Code.NOT_FOUND, 0L) >= 20, "the calls within the rate are answered: " + codes);
        assertEquals(Code.NOT_FOUND, refusal(() -> call("GetIncidentStatus", unknown, TRAFFIC_POLICE)), "another agency has its own rate");
    }

    @Test
    void anAgencyReceivesTheWantedHitIncidentItSubscribedTo() throws Exception {
        LinkedBlockingQueue<String> updates = new LinkedBlockingQueue<>();
        Thread listener = new Thread(() -> {
            try {
                Iterator<String> stream = client.stream(agency, "Subscribe", "{\"wantedHitsOnly\": true}", BearerToken.of(TRAFFIC_POLICE));
                while (stream.hasNext()) {
                    updates.add(stream.next());
                }
            } catch (Exception | Error ended) {
                // the channel closes at the end of the test
            }
        }, "agency-subscriber");
        double sessionsBefore = liveSessions();
        listener.setDaemon(true);
        listener.start();
        Eventually.until("the subscription joined the live feed", Duration.ofSeconds(10), () -> liveSessions() > sessionsBefore);

        String plate = "苏A" + ThreadLocalRandom.current().nextInt(10000, 99999);
        as(TestTokens.user("commander-nanjing", NANJING, "commander")).body(Map.of("kind", "VEHICLE", "plate", plate, "plateColour", "BLUE",
                "reason", "armed robbery", "severity", 1, "issuingAgency", "南京市公安局刑警支队")).post("/api/v1/wanted").then().statusCode(201);
        as(TestTokens.user("officer-agency", XUANWU, "officer")).body(Map.of("plate", plate, "plateColour", "BLUE", "reason", "routine patrol",
                "location", Map.of("lat", 32.06, "lon", 118.8), "orgCode", XUANWU)).post("/api/v1/checks").then().statusCode(200);

        String update = updates.poll(30, TimeUnit.SECONDS);
        assertTrue(update != null, "the wanted-hit incident reached the subscriber");
        JsonPath hit = new JsonPath(update);
        assertEquals("WANTED_HIT", hit.getString("type"));
        assertTrue(hit.getString("orgCode").startsWith(NANJING.substring(0, 4)), hit.getString("orgCode"));
    }
}
