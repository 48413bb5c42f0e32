package org.fangkong.gateway;

import static io.restassured.RestAssured.given;
import static org.fangkong.gateway.UnitsApiTest.as;
import static org.fangkong.infra.testing.TestOrgs.NANJING;
import static org.fangkong.infra.testing.TestOrgs.XUANWU;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;

import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.terminals.v1.FixBatch;
import org.fangkong.proto.terminals.v1.MutinyTerminalIngestGrpc;
import org.fangkong.proto.terminals.v1.ReportResult;
import org.fangkong.proto.terminals.v1.TerminalFix;
import org.junit.jupiter.api.Test;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.smallrye.mutiny.Multi;

/** The Traccar Client app's requests (the OsmAnd protocol) replayed in every form it sends, against the real units-service. */
@GatewayTest
class DevicesApiTest {

    /** A phone bound to a unit of its own, somewhere no other test puts units. */
    record Phone(String unitId, String deviceId, double lat, double lon) {
    }

    static Phone phone() {
        String deviceId = "traccar-" + UUID.randomUUID() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> unit = new HashMap<>(UnitsApiTest.patrolCar(XUANWU));
        unit.put("terminalIds", java.util.List.of(deviceId));
        String id = as("it-nanjing", NANJING, "admin").contentType(ContentType.JSON).body(unit).post("/api/v1/units").then().statusCode(201)
                .extract().path("id");
        return new Phone(id, deviceId, 30.5 + ThreadLocalRandom.current().nextDouble(0.3), 117.5 + ThreadLocalRandom.current().nextDouble(0.3));
    }

    /** A device's request from an address of its own, as the ingress passes it on, so throttling one test's address spares the others. */
    static RequestSpecification device() {
        return given().header("X-Forwarded-For", "10.77." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(256));
    }

    /** Where the units API has the unit now: its nearest neighbour within a few metres of the point, and when. */
    static JsonPath at(Phone phone, double lat, double lon) {
        return as("duty-nanjing", NANJING, "dispatcher").queryParam("lat", lat).queryParam("lon", lon).queryParam("radiusMeters", 5)
                .get("/api/v1/units/nearest").then().statusCode(200).extract().jsonPath();
    }

    static void assertAt(Phone phone, double lat, double lon) {
        assertEquals(java.util.List.of(phone.unitId()), at(phone, lat, lon).getList("units.unit.id"), "the unit stands at " + lat + "," + lon);
    }

    @Test
    void everyFormTheAppSendsMovesTheUnit() {
        Phone phone = phone();
        long now = Instant.now().getEpochSecond();
        device().queryParam("id", phone.deviceId()).queryParam("lat", phone.lat()).queryParam("lon", phone.lon()).queryParam("timestamp", now - 50)
                .queryParam("speed", 10).queryParam("bearing", 90).queryParam("altitude", 12).queryParam("accuracy", 5).queryParam("batt", 80)
                .get("/osmand").then().statusCode(200).body(emptyString());
        assertAt(phone, phone.lat(), phone.lon());

        device().contentType(ContentType.URLENC).formParam("deviceid", phone.deviceId()).formParam("location", (phone.lat() + 0.001) + "," + phone.lon())
                .formParam("timestamp", (now - 40) * 1000).post("/osmand").then().statusCode(200).body(emptyString());
        assertAt(phone, phone.lat() + 0.001, phone.lon());

        device().queryParam("id", phone.deviceId()).queryParam("lat", phone.lat() + 0.002).queryParam("lon", phone.lon())
                .queryParam("timestamp", Instant.ofEpochSecond(now - 30).toString()).post("/osmand").then().statusCode(200).body(emptyString());
        assertAt(phone, phone.lat() + 0.002, phone.lon());

        Map<String, Object> json = Map.of("device_id", phone.deviceId(), "location", Map.of("timestamp", Instant.ofEpochSecond(now - 20).toString(),
                "coords", Map.of("latitude", phone.lat() + 0.003, "longitude", phone.lon(), "speed", 4.2, "heading", 180, "accuracy", 8),
                "battery", Map.of("level", 0.6)));
        device().contentType(ContentType.JSON).body(json).post("/osmand").then().statusCode(200).body(emptyString());
        assertAt(phone, phone.lat() + 0.003, phone.lon());
    }

    @Test
    void anOlderFixDoesNotMoveTheUnitBack() {
        Phone phone = phone();
        long now = Instant.now().getEpochSecond();
        device().queryParam("id", phone.deviceId()).queryParam("lat", phone.lat()).queryParam("lon", phone.lon()).queryParam("timestamp", now - 10)
                .get("/osmand").then().statusCode(200);
        // A phone that was offline sends its backlog late.
        device().queryParam("id", phone.deviceId()).queryParam("lat", phone.lat() + 0.01).queryParam("lon", phone.lon()).queryParam("timestamp", now - 60)
                .get("/osmand").then().statusCode(200);
        assertAt(phone, phone.lat(), phone.lon());
    }

    @Test
    void unknownAndMalformedReportsAreRefusedAsTraccarExpects() {
        Phone phone = phone();
        String unknown = "traccar-" + UUID.randomUUID() + "-unknown";
        device().queryParam("id", unknown).queryParam("lat", 31).queryParam("lon", 118).get("/osmand").then().statusCode(400);
        device().contentType(ContentType.JSON).body(Map.of("device_id", unknown, "location", Map.of("coords", Map.of("latitude", 31, "longitude", 118))))
                .post("/osmand").then().statusCode(404);
        device().queryParam("id", phone.deviceId()).queryParam("lon", 118).get("/osmand").then()
                .statusCode(400).contentType("application/problem+json").body("'invalid-params'.name", contains("lat"));
        device().queryParam("id", phone.deviceId()).queryParam("lat", 31).queryParam("lon", 118).queryParam("timestamp", "yesterday").get("/osmand")
                .then().statusCode(400).body("'invalid-params'.name", contains("timestamp"));
        device().queryParam("id", phone.deviceId()).queryParam("lat", 91).queryParam("lon", 118).get("/osmand").then()
                .statusCode(400).body("'invalid-params'.name", contains("lat"));
        device().contentType(ContentType.JSON).body("{not json").post("/osmand").then().statusCode(400);
    }

    @Test
    void anAddressThatKeepsFailingIsThrottledWhileOthersReport() {
        String guesser = "10.66.0." + ThreadLocalRandom.current().nextInt(256);
        for (int i = 0; i < 20; i++) {
            given().header("X-Forwarded-For", guesser).queryParam("id", "guess-" + UUID.randomUUID()).queryParam("lat", 31).queryParam("lon", 118)
                    .get("/osmand").then().statusCode(400);
        }
        given().header("X-Forwarded-For", guesser).queryParam("id", "guess-" + UUID.randomUUID()).queryParam("lat", 31).queryParam("lon", 118)
                .get("/osmand").then().statusCode(429);
        Phone phone = phone();
        device().queryParam("id", phone.deviceId()).queryParam("lat", phone.lat()).queryParam("lon", phone.lon()).get("/osmand").then().statusCode(200);
    }

    @Test
    void aRelayStreamsBatchesOfManyTerminalsAndEachUnitMoves() {
        Phone car = phone();
        Phone van = phone();
        Instant now = Instant.now();
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", RestAssured.port).usePlaintext().build();
        try {
            MutinyTerminalIngestGrpc.MutinyTerminalIngestStub relay = MutinyTerminalIngestGrpc.newMutinyStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
            List<FixBatch> batches = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                batches.add(FixBatch.newBuilder()
                        .addFixes(terminalFix(car, car.lat() + i * 0.001, now.minusSeconds(30 - i)))
                        .addFixes(terminalFix(van, van.lat() + i * 0.001, now.minusSeconds(30 - i))).build());
            }
            ReportResult stored = relay.report(Multi.createFrom().iterable(batches)).await().atMost(java.time.Duration.ofSeconds(20));
            assertEquals(6, stored.getAccepted());
            assertAt(car, car.lat() + 0.002, car.lon());
            assertAt(van, van.lat() + 0.002, van.lon());

            FixBatch stranger = FixBatch.newBuilder().addFixes(terminalFix(new Phone("", "relay-" + UUID.randomUUID() + "-unknown", 31, 118), 31,
                    now)).build();
            StatusRuntimeException refused = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
                    () -> relay.report(Multi.createFrom().item(stranger)).await().atMost(java.time.Duration.ofSeconds(20)));
            assertEquals(Status.Code.NOT_FOUND, refused.getStatus().getCode());
        } finally {
            channel.shutdownNow();
        }
    }

    private static TerminalFix terminalFix(Phone phone, double lat, Instant at) {
        return TerminalFix.newBuilder().setTerminalId(phone.deviceId()).setPoint(GeoPoint.newBuilder().setLat(lat).setLon(phone.lon()))
                .setRecordedAt(Timestamps.of(at)).build();
    }
}
