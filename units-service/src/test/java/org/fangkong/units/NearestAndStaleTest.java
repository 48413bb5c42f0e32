package org.fangkong.units;

import static org.fangkong.infra.testing.AppContractTest.assertStatus;
import static org.fangkong.infra.testing.TestOrgs.NANJING;
import static org.fangkong.infra.testing.TestOrgs.XUANWU;
import static org.fangkong.units.UnitsTestClient.ALERT_SERVICE;
import static org.fangkong.units.UnitsTestClient.COMMANDER;
import static org.fangkong.units.UnitsTestClient.DISPATCHER;
import static org.fangkong.units.UnitsTestClient.point;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.fangkong.infra.testing.Eventually;
import org.fangkong.infra.testing.ServiceTest;
import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.errors.GrpcStatuses;
import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.proto.events.v1.Event;
import org.fangkong.proto.units.v1.ApplyIncidentMoveRequest;
import org.fangkong.proto.units.v1.FindNearestUnitsRequest;
import org.fangkong.proto.units.v1.ForceType;
import org.fangkong.proto.units.v1.GetUnitRequest;
import org.fangkong.proto.units.v1.IncidentMove;
import org.fangkong.proto.units.v1.ListLivePositionsRequest;
import org.fangkong.proto.units.v1.LivePosition;
import org.fangkong.proto.units.v1.NearbyUnit;
import org.fangkong.proto.units.v1.Unit;
import org.fangkong.proto.units.v1.UnitStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.grpc.Status.Code;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;

/** The recommendation search: only available, fresh units of the asked kind, nearest first, across city borders. */
@QuarkusTest
@ServiceTest
class NearestAndStaleTest {

    /** Test profile: a unit is stale 4 s after its last fix. */
    private static final long STALE_AFTER_MS = 4000;

    @Inject
    RedisDataSource redis;

    private UnitsTestClient units;
    private double lat;
    private double lon;

    @BeforeEach
    void open() {
        units = new UnitsTestClient(RestAssured.port);
        double[] spot = UnitsTestClient.freshSpot();
        lat = spot[0];
        lon = spot[1];
    }

    @AfterEach
    void close() throws InterruptedException {
        units.close();
    }

    private FindNearestUnitsRequest.Builder recommend() {
        return FindNearestUnitsRequest.newBuilder().setPoint(point(lat, lon)).setRadiusM(5000).setOnlyAvailable(true);
    }

    private List<String> ids(List<NearbyUnit> found) {
        return found.stream().map(n -> n.getUnit().getId()).toList();
    }

    @Test
    void aRecommendationHasOnlyAvailableFreshUnitsOfTheAskedKindNearestFirst() {
        Unit car = units.available(XUANWU, ForceType.SPECIAL_PATROL, 2, true);
        Unit foot = units.available(XUANWU, ForceType.AUXILIARY, 0, false);
        Unit armedFar = units.available(XUANWU, ForceType.RAPID_RESPONSE, 4, true);
        Unit offDuty = units.unit(XUANWU, ForceType.SPECIAL_PATROL, 2, true);
        Unit busy = units.available(XUANWU, ForceType.SPECIAL_PATROL, 2, true);
        Unit standingDown = units.available(XUANWU, ForceType.SPECIAL_PATROL, 2, true);
        units.as(ALERT_SERVICE).applyIncidentMove(ApplyIncidentMoveRequest.newBuilder().setUnitId(busy.getId())
                .setIncidentId(UUID.randomUUID().toString()).setMove(IncidentMove.DISPATCH).setIncidentPriority(2).build());
        units.setStatus(COMMANDER, standingDown, UnitStatus.UNAVAILABLE);
        // Roughly 300 m, 500 m and 2 km north; the others right at the point.
        units.at(car, lat + 0.0027, lon);
        units.at(foot, lat + 0.0045, lon);
        units.at(armedFar, lat + 0.018, lon);
        units.at(offDuty, lat, lon);
        units.at(busy, lat, lon);
        units.at(standingDown, lat, lon);

        List<NearbyUnit> all = units.as(DISPATCHER).findNearestUnits(recommend().build()).getUnitsList();
        assertEquals(List.of(car.getId(), foot.getId(), armedFar.getId()), ids(all));
        // Everyone with a position, whatever the status, when not asking for a recommendation.
        assertEquals(6, units.as(DISPATCHER).findNearestUnits(recommend().setOnlyAvailable(false).build()).getUnitsCount());

        // Straight-line ETA: a car at 30 km/h covers 300 m in 36 s; on foot at 5 km/h, 500 m takes 360 s.
        assertEquals(300, all.get(0).getDistanceM(), 5);
        assertEquals(36, all.get(0).getEtaSeconds(), 2);
        assertEquals(360, all.get(1).getEtaSeconds(), 5);

        assertEquals(List.of(armedFar.getId()), ids(units.as(DISPATCHER).findNearestUnits(recommend().setMinArmedCount(3).build()).getUnitsList()));
        assertEquals(List.of(foot.getId()), ids(units.as(DISPATCHER).findNearestUnits(recommend().addForceTypes(ForceType.AUXILIARY).build()).getUnitsList()));
        assertEquals(List.of(car.getId(), armedFar.getId()), ids(units.as(DISPATCHER).findNearestUnits(recommend()
                .addForceTypes(ForceType.SPECIAL_PATROL).addForceTypes(ForceType.RAPID_RESPONSE).build()).getUnitsList()));
        var negative = assertStatus(Code.INVALID_ARGUMENT, () -> units.as(DISPATCHER).findNearestUnits(recommend().setMinArmedCount(-1).build()));
        assertEquals("min_armed_count", GrpcStatuses.fieldViolations(negative).get(0).field());
    }

    @Test
    void theSearchCrossesDistrictBordersWithinTheCityButNotIntoAnotherCity() {
        Unit xuanwu = units.available(XUANWU, ForceType.SPECIAL_PATROL, 2, true);
        Unit gulou = units.available("320106000000", ForceType.SPECIAL_PATROL, 2, true);
        Unit suzhou = units.as(TestTokens.user("a", "320500000000", "admin")).createUnit(UnitRegistryTest.patrolCar("320505000000").build());
        units.setStatus(TestTokens.user("c", "320500000000", "commander"), suzhou, UnitStatus.AVAILABLE);
        units.at(xuanwu, lat + 0.001, lon);
        units.at(gulou, lat + 0.002, lon);
        units.at(suzhou, lat + 0.0015, lon);

        // Alert-service searching for a Xuanwu incident within Nanjing sees both districts, not Suzhou.
        assertEquals(List.of(xuanwu.getId(), gulou.getId()), ids(units.as(ALERT_SERVICE).findNearestUnits(recommend()
                .setWithinOrgCode(NANJING).build()).getUnitsList()));
        // Within Xuanwu only, the Gulou unit is left out; the province sees all three.
        assertEquals(List.of(xuanwu.getId()), ids(units.as(ALERT_SERVICE).findNearestUnits(recommend().setWithinOrgCode(XUANWU).build()).getUnitsList()));
        assertEquals(3, units.as(ALERT_SERVICE).findNearestUnits(recommend().setWithinOrgCode("320000000000").build()).getUnitsCount());
    }

    @Test
    void theLivePictureHasEveryPositionedUnitOfTheAskedSubtreeAndNothingElse() {
        Unit xuanwu = units.available(XUANWU, ForceType.SPECIAL_PATROL, 2, true);
        Unit gulou = units.available("320106000000", ForceType.AUXILIARY, 0, false);
        Unit unplaced = units.available(XUANWU, ForceType.STATION, 0, false);
        Unit suzhou = units.as(TestTokens.user("a", "320500000000", "admin")).createUnit(UnitRegistryTest.patrolCar("320505000000").build());
        units.at(xuanwu, lat + 0.001, lon);
        units.at(gulou, lat + 0.002, lon + 0.001);
        units.at(suzhou, lat + 0.003, lon);

        // The dispatcher's own organisation (Nanjing) when none is named: both districts, not Suzhou, not a unit never seen.
        Map<String, LivePosition> nanjing = live("");
        LivePosition car = nanjing.get(xuanwu.getId());
        assertEquals(lat + 0.001, car.getPoint().getLat(), 1e-5);
        assertEquals(lon, car.getPoint().getLon(), 1e-5);
        assertTrue(car.hasRecordedAt(), "since when");
        assertFalse(car.getStale());
        assertTrue(nanjing.containsKey(gulou.getId()));
        assertFalse(nanjing.containsKey(unplaced.getId()), "no position yet");
        assertFalse(nanjing.containsKey(suzhou.getId()), "another city");
        Map<String, LivePosition> district = live(XUANWU);
        assertTrue(district.containsKey(xuanwu.getId()));
        assertFalse(district.containsKey(gulou.getId()), "another district");

        assertStatus(Code.PERMISSION_DENIED, () -> live("320500000000"));
        var unreadable = assertStatus(Code.INVALID_ARGUMENT, () -> live("32"));
        assertEquals("org_code", GrpcStatuses.fieldViolations(unreadable).get(0).field());
        assertStatus(Code.PERMISSION_DENIED, () -> units.as(TestTokens.user("analyst", NANJING, "analyst"))
                .listLivePositions(ListLivePositionsRequest.getDefaultInstance()));
    }

    private Map<String, LivePosition> live(String orgCode) {
        return units.as(DISPATCHER).listLivePositions(ListLivePositionsRequest.newBuilder().setOrgCode(orgCode).build()).getPositionsList().stream()
                .collect(Collectors.toMap(LivePosition::getUnitId, Function.identity()));
    }

    @Test
    void aUnitThatStopsReportingGoesStaleLeavesRecommendationsAndComesBackWithItsNextFix() throws Exception {
        Unit quiet = units.available(XUANWU, ForceType.SPECIAL_PATROL, 2, true);
        Unit chatty = units.available(XUANWU, ForceType.SPECIAL_PATROL, 2, true);
        units.at(quiet, lat + 0.001, lon);
        // The chatty unit keeps reporting twice a second meanwhile.
        Awaitility.await("no fix for longer than stale-after marks the unit stale").atMost(Duration.ofMillis(STALE_AFTER_MS * 3))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    units.at(chatty, lat + 0.002, lon);
                    return units.as(DISPATCHER).getUnit(GetUnitRequest.newBuilder().setId(quiet.getId()).build()).getStale();
                });
        assertFalse(units.as(DISPATCHER).getUnit(GetUnitRequest.newBuilder().setId(chatty.getId()).build()).getStale());
        assertEquals(List.of(chatty.getId()), ids(units.as(DISPATCHER).findNearestUnits(recommend().build()).getUnitsList()));
        Eventually.until("a unit.stale event on the unit events stream", Duration.ofSeconds(3), () -> streamedStaleEvent(quiet));

        units.at(quiet, lat + 0.001, lon);
        assertFalse(units.as(DISPATCHER).getUnit(GetUnitRequest.newBuilder().setId(quiet.getId()).build()).getStale());
        assertEquals(List.of(quiet.getId(), chatty.getId()), ids(units.as(DISPATCHER).findNearestUnits(recommend().build()).getUnitsList()));
    }

    @Test
    void aUnitSignedOnWithoutEverReportingGoesStaleAndOneGoneOffDutyDoesNot() throws Exception {
        Unit silent = units.available(XUANWU, ForceType.AUXILIARY, 0, false);
        Unit signedOff = units.available(XUANWU, ForceType.AUXILIARY, 0, false);
        units.setStatus(COMMANDER, signedOff, UnitStatus.OFF_DUTY);
        Eventually.until("a unit.stale event for the silent unit", Duration.ofMillis(STALE_AFTER_MS + 3000), () -> streamedStaleEvent(silent));
        // Both were signed on together: by now the one gone off duty would have gone stale too.
        Eventually.holdsFor("no unit.stale event for the unit gone off duty", Duration.ofSeconds(2), () -> !streamedStaleEvent(signedOff));
        assertFalse(redis.set(String.class).sismember(RedisKeys.staleUnits("32"), signedOff.getId()));
    }

    private boolean streamedStaleEvent(Unit unit) throws Exception {
        for (StreamMessage<String, String, byte[]> message : redis.stream(String.class, String.class, byte[].class)
                .xrange(RedisKeys.eventStream("unit-events"), StreamRange.of("-", "+"))) {
            Event event = Event.parseFrom(message.payload().get("event"));
            if (event.hasUnitStale() && event.getUnitStale().getUnitId().equals(unit.getId())) {
                assertEquals("unit.stale", event.getType());
                return true;
            }
        }
        return false;
    }
}
