package org.fangkong.gateway;

import static io.restassured.RestAssured.given;
import static org.fangkong.infra.testing.TestOrgs.NANJING;
import static org.fangkong.infra.testing.TestOrgs.SUZHOU;
import static org.fangkong.infra.testing.TestOrgs.XUANWU;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.fangkong.infra.AppProcess;
import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.grpc.BearerToken;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.units.v1.MutinyUnitsServiceGrpc;
import org.fangkong.proto.units.v1.PositionFix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.mutiny.Multi;

/**
 * The live channel across two packaged gateway replicas in front of the real services, sharing Redis as replicas in a
 * cluster do: events reach clients of either replica, resume from Last-Event-ID, reach only whom they concern, dispatch
 * orders are delivered when a phone comes back, and a client that stops reading is dropped.
 */
class LiveEventsIT {

    static final String DUTY = TestTokens.user("duty-live", XUANWU, "dispatcher");
    static final Duration WAIT = Duration.ofSeconds(20);

    private static AppProcess first;
    private static AppProcess second;

    @BeforeAll
    static void start() {
        Map<String, String> config = new HashMap<>(new GatewayTestResources().start());
        // Every position goes out, so the stalled-client test's flood (50,000 positions) is far past the unread limit;
        // the limit is the production one, which a reading client on a busy two-core machine stays under.
        config.put("fangkong.gateway.live.position-interval", "0s");
        config.put("fangkong.gateway.rate-limit-per-second", "1000");
        Path app = Path.of("target/quarkus-app");
        CompletableFuture<AppProcess> starting = CompletableFuture.supplyAsync(
                () -> AppProcess.start("gateway", app, config, Path.of("target/live-gateway-1.log"), Duration.ofSeconds(120)));
        try {
            second = AppProcess.start("gateway", app, config, Path.of("target/live-gateway-2.log"), Duration.ofSeconds(120));
        } finally {
            first = starting.join();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable app : new AutoCloseable[] { first, second }) {
            if (app != null) {
                app.close();
            }
        }
    }

    static RequestSpecification on(AppProcess gateway, String token) {
        return given().port(gateway.port()).auth().oauth2(token).contentType(ContentType.JSON);
    }

    static String report(AppProcess gateway, String org) {
        return on(gateway, TestTokens.user("duty-live", org, "dispatcher")).body(IncidentsApiTest.report(org)).post("/api/v1/incidents").then()
                .statusCode(201).extract().path("id");
    }

    /** An available unit of Xuanwu with the officer on its crew this shift, set up through the gateway as the unit console does. */
    static String crewedUnit(String officer) {
        String unit = on(second, TestTokens.user("it-nanjing", NANJING, "admin")).body(UnitsApiTest.patrolCar(XUANWU)).post("/api/v1/units").then()
                .statusCode(201).extract().path("id");
        String commander = TestTokens.user("commander-nanjing", NANJING, "commander");
        on(second, commander).body(Map.of("status", "AVAILABLE", "reason", "on patrol")).put("/api/v1/units/" + unit + "/status").then().statusCode(200);
        Instant now = Instant.now();
        on(second, commander).body(Map.of("subject", officer, "shiftStart", now.minusSeconds(60).toString(), "shiftEnd", now.plusSeconds(8 * 3600).toString()))
                .post("/api/v1/units/" + unit + "/crew").then().statusCode(201);
        return unit;
    }

    static void dispatch(String incident, String unit) {
        on(second, DUTY).body(Map.of("unitIds", List.of(unit))).post("/api/v1/incidents/" + incident + "/dispatch").then().statusCode(200);
    }

    static boolean about(SseClient.Event event, String type, String incident) {
        return event.name().equals(type) && incident.equals(event.data().getString("incidentChanged.incidentId"));
    }

    @Test
    void anEventProducedThroughOneReplicaReachesAClientOfTheOther() throws Exception {
        try (SseClient console = SseClient.open(first.port(), DUTY, null)) {
            assertEquals(200, console.status());
            String incident = report(second, XUANWU);
            SseClient.Event reported = console.next(event -> about(event, "incident.reported", incident), WAIT);
            assertEquals(XUANWU, reported.data().getString("orgCode"));
            assertTrue(!reported.id().isEmpty(), "stream events carry an id to resume from");
        }
    }

    @Test
    void aClientThatReconnectsGetsExactlyWhatItMissed() throws Exception {
        String seenIncident;
        String seen;
        try (SseClient console = SseClient.open(first.port(), DUTY, null)) {
            console.status();
            seenIncident = report(second, XUANWU);
            seen = console.next(event -> about(event, "incident.reported", seenIncident), WAIT).id();
        }
        List<String> missed = List.of(report(second, XUANWU), report(first, XUANWU), report(second, XUANWU));
        // Back on the other replica, from the last event it saw.
        try (SseClient console = SseClient.open(second.port(), DUTY, seen)) {
            List<String> reported = console.during(Duration.ofSeconds(4)).stream().filter(event -> event.name().equals("incident.reported"))
                    .map(event -> event.data().getString("incidentChanged.incidentId"))
                    .filter(id -> missed.contains(id) || id.equals(seenIncident)).toList();
            assertEquals(missed, reported, "exactly the missed incidents, in order, and not the one already seen");
        }
    }

    @Test
    void anOfficerReceivesTheirOwnDispatchOrderAndNothingOfOthers() throws Exception {
        String officer = "officer-live-" + UUID.randomUUID().toString().substring(0, 6);
        String mine = crewedUnit(officer);
        String theirs = crewedUnit("officer-other-" + UUID.randomUUID().toString().substring(0, 6));
        try (SseClient phone = SseClient.open(first.port(), TestTokens.user(officer, XUANWU, "officer"), null)) {
            assertEquals(200, phone.status());
            String forMe = report(second, XUANWU);
            String forThem = report(second, XUANWU);
            String elsewhere = report(second, SUZHOU);
            dispatch(forThem, theirs);
            dispatch(forMe, mine);
            SseClient.Event order = phone.next(event -> about(event, "incident.dispatched", forMe), WAIT);
            assertEquals(List.of(mine), order.data().getList("incidentChanged.unitIds"));
            for (SseClient.Event event : phone.during(Duration.ofSeconds(2))) {
                String about = event.data().getString("incidentChanged.incidentId");
                assertTrue(!forThem.equals(about) && !elsewhere.equals(about), "the officer saw " + event.name() + " of " + about);
                assertTrue(event.data().get("unitPosition") == null && event.data().get("cameraStateChanged") == null, "officers get no console feed");
            }
        }
    }

    @Test
    void anOrderSentWhileThePhoneWasAwayIsDeliveredOnReconnectAndShowsDelivered() throws Exception {
        String officer = "officer-away-" + UUID.randomUUID().toString().substring(0, 6);
        String unit = crewedUnit(officer);
        String incident = report(second, XUANWU);
        dispatch(incident, unit);
        String phoneToken = TestTokens.user(officer, XUANWU, "officer");
        try (SseClient console = SseClient.open(first.port(), DUTY, null); SseClient phone = SseClient.open(second.port(), phoneToken, null)) {
            console.status();
            SseClient.Event pending = phone.next(event -> event.name().equals("dispatch.pending"), WAIT);
            assertEquals(incident, pending.data().getString("incident.id"));
            assertEquals("", pending.id(), "a resent order is not a stream position");
            on(second, phoneToken).post("/api/v1/incidents/" + incident + "/units/" + unit + "/delivery").then().statusCode(200);
            console.next(event -> about(event, "incident.delivered", incident), WAIT);
        }
        on(first, DUTY).get("/api/v1/incidents/" + incident).then()
                .statusCode(200).body("assignments[0].state", equalTo("DELIVERED")).body("assignments[0].deliveredAt", notNullValue());
        try (SseClient phone = SseClient.open(first.port(), phoneToken, null)) {
            phone.status();
            assertTrue(phone.during(Duration.ofSeconds(2)).stream().noneMatch(event -> event.name().equals("dispatch.pending")),
                    "a delivered order is not resent");
        }
    }

    @Test
    void aBrowserOpensTheStreamWithASingleUseTicket() throws Exception {
        String ticket = on(first, DUTY).post("/api/v1/events/tickets").then().statusCode(200).extract().path("ticket");
        try (SseClient browser = SseClient.withTicket(second.port(), ticket)) {
            assertEquals(200, browser.status());
            String incident = report(first, XUANWU);
            browser.next(event -> about(event, "incident.reported", incident), WAIT);
        }
        try (SseClient again = SseClient.withTicket(first.port(), ticket)) {
            assertEquals(401, again.status(), "a ticket opens one stream only");
        }
        try (SseClient nobody = SseClient.open(first.port(), null, null)) {
            assertEquals(401, nobody.status());
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedWhileOthersKeepUp() throws Exception {
        List<String> units = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            units.add(crewedUnit("officer-flood-" + i + "-" + UUID.randomUUID().toString().substring(0, 4)));
        }
        try (Socket stalled = stalledConsole(first.port()); SseClient console = SseClient.open(first.port(), DUTY, null)) {
            assertEquals(200, console.status());
            String last = flood(units, 2500);
            String marker = report(second, XUANWU);
            console.next(event -> about(event, "incident.reported", marker), Duration.ofSeconds(60));
            // The reading console gets every position, to the last one.
            console.next(event -> event.name().equals("unit.position") && event.json().contains(last)
                    && event.json().contains(units.get(units.size() - 1)), Duration.ofSeconds(60));
            // The stalled client's connection was cut: once it reads what the network held, the stream ends.
            stalled.setSoTimeout(30_000);
            InputStream in = stalled.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            long read = 0;
            try {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    read += n;
                }
            } catch (SocketException reset) {
                // a reset ends it as well
            }
            assertTrue(read < 30L * 1024 * 1024, "the stalled client was not fed without bound: " + read + " bytes");
        }
    }

    /** A console that connects and never reads, with a small receive window. */
    private static Socket stalledConsole(int port) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + DUTY + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** Fixes for every unit, each newer than the last, straight into units-service as the terminals' relay does; answers the last one's time. */
    private static String flood(List<String> units, int perUnit) {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", GatewayTestResources.units().port()).usePlaintext().build();
        try {
            Instant start = Instant.now().minusSeconds(perUnit);
            List<PositionFix> fixes = new ArrayList<>();
            for (int i = 0; i < perUnit; i++) {
                for (int u = 0; u < units.size(); u++) {
                    fixes.add(PositionFix.newBuilder().setUnitId(units.get(u))
                            .setPoint(GeoPoint.newBuilder().setLat(32.05 + u * 0.001).setLon(118.78 + i * 0.00001))
                            .setRecordedAt(Timestamps.of(start.plusSeconds(i))).build());
                }
            }
            var relay = MutinyUnitsServiceGrpc.newMutinyStub(channel).withCallCredentials(BearerToken.of(TestTokens.service("terminal-relay")));
            for (int from = 0; from < fixes.size(); from += 1000) {
                List<PositionFix> batch = fixes.subList(from, Math.min(fixes.size(), from + 1000));
                // A relay backs off when units-service says it is at capacity, and sends the batch again.
                relay.withDeadlineAfter(60, TimeUnit.SECONDS).reportPositions(Multi.createFrom().iterable(batch))
                        .onFailure(failure -> failure instanceof StatusRuntimeException refused && refused.getStatus().getCode() == Code.RESOURCE_EXHAUSTED)
                        .retry().withBackOff(Duration.ofMillis(50), Duration.ofMillis(500)).atMost(50)
                        .await().atMost(Duration.ofSeconds(60));
            }
            return Timestamps.toInstant(fixes.get(fixes.size() - 1).getRecordedAt()).toString();
        } finally {
            channel.shutdownNow();
        }
    }
}
