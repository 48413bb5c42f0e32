package org.fangkong.units;

import static org.fangkong.infra.testing.TestOrgs.*;

import org.fangkong.infra.testing.Eventually;
import org.fangkong.infra.testing.ServiceTest;

import io.quarkus.test.junit.QuarkusTest;
import static org.fangkong.infra.testing.AppContractTest.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.errors.FieldViolation;
import org.fangkong.platform.errors.GrpcStatuses;
import org.fangkong.platform.grpc.BearerToken;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.units.v1.FindNearestUnitsRequest;
import org.fangkong.proto.units.v1.MutinyUnitsServiceGrpc;
import org.fangkong.proto.units.v1.NearbyUnit;
import org.fangkong.proto.units.v1.PositionFix;
import org.fangkong.proto.units.v1.ReportPositionsResponse;
import org.fangkong.proto.units.v1.Unit;
import org.fangkong.proto.units.v1.UnitsServiceGrpc;
import org.fangkong.proto.units.v1.UnitsServiceGrpc.UnitsServiceBlockingStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.restassured.RestAssured;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;

@QuarkusTest
@ServiceTest
class PositionsTest {

    @Inject
    RedisDataSource redis;

    private ManagedChannel channel;
    /** A spot of its own per test, so tests never see each other's units. */
    private double lat;
    private double lon;

    @BeforeEach
    void open() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", RestAssured.port).usePlaintext().build();
        double[] spot = UnitsTestClient.freshSpot();
        lat = spot[0];
        lon = spot[1];
    }

    @AfterEach
    void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private UnitsServiceBlockingStub as(String token) {
        return UnitsServiceGrpc.newBlockingStub(channel).withCallCredentials(BearerToken.of(token)).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private ReportPositionsResponse report(String token, PositionFix... fixes) {
        return MutinyUnitsServiceGrpc.newMutinyStub(channel)
                .withCallCredentials(BearerToken.of(token))
                .reportPositions(Multi.createFrom().items(fixes))
                .await().atMost(Duration.ofSeconds(10));
    }

    private Unit unit(String org) {
        return as(TestTokens.user("it", NANJING, "admin")).createUnit(UnitRegistryTest.patrolCar(org).build());
    }

    private static PositionFix fix(Unit unit, double lat, double lon, Instant at) {
        return PositionFix.newBuilder()
                .setUnitId(unit.getId())
                .setPoint(GeoPoint.newBuilder().setLat(lat).setLon(lon))
                .setRecordedAt(Timestamps.of(at))
                .setAccuracyM(8)
                .setSpeedMps(11.5)
                .setHeadingDeg(90)
                .build();
    }

    private FindNearestUnitsRequest near(double radiusMeters) {
        return FindNearestUnitsRequest.newBuilder()
                .setPoint(GeoPoint.newBuilder().setLat(lat).setLon(lon))
                .setRadiusM(radiusMeters)
                .build();
    }

    @Test
    void nearestUnitsComeBackInDistanceOrderWithTheirLatestPosition() {
        Unit far = unit(XUANWU);
        Unit near = unit(XUANWU);
        Unit middle = unit(XUANWU);
        Instant now = Instant.now();
        String officer = TestTokens.user("officer-1", NANJING, "officer");

        // ~1.1 km, ~110 m and ~550 m north of the search point; the near unit first reported from further away.
        ReportPositionsResponse response = report(officer,
                fix(near, lat + 0.02, lon, now.minusSeconds(30)),
                fix(far, lat + 0.01, lon, now),
                fix(near, lat + 0.001, lon, now.minusSeconds(10)),
                fix(middle, lat + 0.005, lon, now));
        assertEquals(4, response.getAccepted());
        assertEquals(0, response.getOutOfOrder());

        List<NearbyUnit> found = as(TestTokens.user("duty-nanjing", NANJING, "dispatcher")).findNearestUnits(near(2000)).getUnitsList();

        assertEquals(List.of(near.getId(), middle.getId(), far.getId()), found.stream().map(n -> n.getUnit().getId()).toList());
        assertEquals(111, found.get(0).getDistanceM(), 2);
        assertEquals(lat + 0.001, found.get(0).getPosition().getLat(), 1e-5);
        assertEquals(near.getCallSign(), found.get(0).getUnit().getCallSign());
        assertEquals(now.minusSeconds(10).toEpochMilli(), Timestamps.toInstant(found.get(0).getPositionAt()).toEpochMilli());
        // Radius and limit are honoured.
        assertEquals(2, as(TestTokens.user("duty-nanjing", NANJING, "dispatcher")).findNearestUnits(near(700)).getUnitsCount());
        assertEquals(1, as(TestTokens.user("duty-nanjing", NANJING, "dispatcher")).findNearestUnits(near(2000).toBuilder().setLimit(1).build()).getUnitsCount());
    }

    @Test
    void aFixOlderThanTheStoredOneIsDroppedAndCounted() {
        Unit unit = unit(XUANWU);
        Instant now = Instant.now();
        String officer = TestTokens.user("officer-2", NANJING, "officer");
        report(officer, fix(unit, lat + 0.001, lon, now));

        ReportPositionsResponse late = report(officer, fix(unit, lat + 0.04, lon, now.minusSeconds(60)), fix(unit, lat + 0.001, lon, now));

        assertEquals(0, late.getAccepted());
        assertEquals(2, late.getOutOfOrder());
        NearbyUnit found = as(TestTokens.user("duty", NANJING, "dispatcher")).findNearestUnits(near(500)).getUnits(0);
        assertEquals(lat + 0.001, found.getPosition().getLat(), 1e-5);
    }

    @Test
    void everyAcceptedFixIsOnThePositionsStream() {
        Unit unit = unit(XUANWU);
        String stream = RedisKeys.positionsStream("32");
        var streams = redis.stream(String.class, String.class, byte[].class);
        // Counted after the newest entry: the stream's length is no measure, as the trimmer removes consumed entries.
        var newest = streams.xrevrange(stream, StreamRange.of("+", "-"), 1);
        String after = newest.isEmpty() ? "-" : "(" + newest.get(0).id();
        Instant now = Instant.now();

        ReportPositionsResponse reported = report(TestTokens.user("officer-3", NANJING, "officer"),
                fix(unit, lat, lon, now.minusSeconds(2)), fix(unit, lat, lon, now.minusSeconds(1)), fix(unit, lat, lon, now.minusSeconds(5)));

        assertEquals(2, reported.getAccepted());
        assertTrue(streams.xrange(stream, StreamRange.of(after, "+")).size() >= 2, "both accepted fixes were appended");
    }

    @Inject
    io.vertx.mutiny.sqlclient.Pool database;

    private long historyOf(Unit unit) {
        return database.preparedQuery("select count(*) from position_fix where unit_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(java.util.UUID.fromString(unit.getId())))
                .await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void acceptedFixesReachTheHistoryOnceAndDroppedOnesDoNot() throws InterruptedException {
        Unit unit = unit(XUANWU);
        Instant now = Instant.now();
        String officer = TestTokens.user("officer-h", NANJING, "officer");
        report(officer, fix(unit, lat, lon, now.minusSeconds(3)), fix(unit, lat, lon, now.minusSeconds(2)), fix(unit, lat, lon, now.minusSeconds(1)));
        report(officer, fix(unit, lat, lon, now.minusSeconds(30)));

        Eventually.until("the accepted fixes in the history", Duration.ofSeconds(10), () -> historyOf(unit) >= 3);
        Eventually.holdsFor("only the accepted fixes in the history", Duration.ofMillis(500), () -> historyOf(unit) == 3);
    }

    @Test
    void dispatchersOnlySeeUnitsOfTheirOwnScope() {
        Unit unit = unit(XUANWU);
        report(TestTokens.user("officer-4", NANJING, "officer"), fix(unit, lat, lon, Instant.now()));

        List<String> seenBySuzhou = as(TestTokens.user("duty-suzhou", SUZHOU, "dispatcher")).findNearestUnits(near(1000))
                .getUnitsList().stream().map(n -> n.getUnit().getId()).toList();
        List<String> seenByNanjing = as(TestTokens.user("duty-nanjing", NANJING, "dispatcher")).findNearestUnits(near(1000))
                .getUnitsList().stream().map(n -> n.getUnit().getId()).toList();

        assertTrue(seenByNanjing.contains(unit.getId()));
        assertTrue(!seenBySuzhou.contains(unit.getId()), seenBySuzhou.toString());
    }

    @Test
    void anOfficerCannotReportForAUnitOfAnotherCity() {
        Unit unit = unit(XUANWU);
        assertStatus(Code.NOT_FOUND, () -> report(TestTokens.user("officer-sz", SUZHOU, "officer"), fix(unit, lat, lon, Instant.now())));
    }

    @Test
    void invalidFixesAreRefusedNamingTheFixAndField() {
        Unit unit = unit(XUANWU);
        String officer = TestTokens.user("officer-5", NANJING, "officer");

        StatusRuntimeException refused = assertStatus(Code.INVALID_ARGUMENT,
                () -> report(officer, fix(unit, lat, lon, Instant.now()), fix(unit, 91, lon, Instant.now()), fix(unit, lat, lon, Instant.now().plusSeconds(3600))));

        List<FieldViolation> violations = GrpcStatuses.fieldViolations(refused);
        assertEquals(List.of("fixes[1].point.lat", "fixes[2].recorded_at"), violations.stream().map(FieldViolation::field).toList());
        assertTrue(violations.get(1).rule().contains("future"), violations.get(1).rule());
        // Nothing of the refused batch was stored.
        assertEquals(0, as(TestTokens.user("duty", NANJING, "dispatcher")).findNearestUnits(near(100)).getUnitsList().stream()
                .filter(n -> n.getUnit().getId().equals(unit.getId())).count());
    }

    @Test
    void searchParametersAreValidated() {
        StatusRuntimeException refused = assertStatus(Code.INVALID_ARGUMENT, () -> as(TestTokens.user("duty", NANJING, "dispatcher"))
                .findNearestUnits(near(0).toBuilder().setLimit(-1).build()));
        assertEquals(List.of("radius_m", "limit"), GrpcStatuses.fieldViolations(refused).stream().map(FieldViolation::field).toList());
    }

    @Test
    void onlyOfficersAndServicesReportPositions() {
        Unit unit = unit(XUANWU);
        assertStatus(Code.PERMISSION_DENIED, () -> report(TestTokens.user("duty", NANJING, "dispatcher"), fix(unit, lat, lon, Instant.now())));
        assertEquals(1, report(TestTokens.service("gateway"), fix(unit, lat, lon, Instant.now())).getAccepted());
    }
}
