package org.fangkong.units;

import static org.fangkong.infra.testing.AppContractTest.assertStatus;
import static org.fangkong.infra.testing.TestOrgs.QINHUAI;
import static org.fangkong.infra.testing.TestOrgs.SUZHOU;
import static org.fangkong.infra.testing.TestOrgs.XUANWU;
import static org.fangkong.units.UnitsTestClient.ADMIN;
import static org.fangkong.units.UnitsTestClient.ALERT_SERVICE;
import static org.fangkong.units.UnitsTestClient.COMMANDER;
import static org.fangkong.units.UnitsTestClient.DISPATCHER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.fangkong.infra.testing.ServiceTest;
import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.errors.FieldViolation;
import org.fangkong.platform.errors.GrpcStatuses;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.proto.units.v1.ApplyIncidentMoveRequest;
import org.fangkong.proto.units.v1.AssignCrewMemberRequest;
import org.fangkong.proto.units.v1.CreateUnitRequest;
import org.fangkong.proto.units.v1.ForceType;
import org.fangkong.proto.units.v1.GetUnitRequest;
import org.fangkong.proto.units.v1.ImportUnitsRequest;
import org.fangkong.proto.units.v1.IncidentMove;
import org.fangkong.proto.units.v1.PatrolTier;
import org.fangkong.proto.units.v1.SetUnitStatusesRequest;
import org.fangkong.proto.units.v1.SetUnitStatusesResponse;
import org.fangkong.proto.units.v1.Unit;
import org.fangkong.proto.units.v1.UnitStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.grpc.Status.Code;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;

/** A duty room starting or ending a shift: many units to one duty status in one call, all or none. */
@QuarkusTest
@ServiceTest
class ShiftStartTest {

    @Inject
    RedisDataSource redis;

    private UnitsTestClient units;

    @BeforeEach
    void open() {
        units = new UnitsTestClient(RestAssured.port);
    }

    @AfterEach
    void close() throws InterruptedException {
        units.close();
    }

    private SetUnitStatusesResponse shift(String token, UnitStatus status, List<String> ids) {
        return units.as(token).setUnitStatuses(SetUnitStatusesRequest.newBuilder().addAllUnitIds(ids).setStatus(status).setReason("shift start").build());
    }

    private Unit get(Unit unit) {
        return units.as(ADMIN).getUnit(GetUnitRequest.newBuilder().setId(unit.getId()).build());
    }

    private List<Unit> offDuty(int count, String org) {
        List<Unit> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            made.add(units.unit(org, i % 2 == 0 ? ForceType.SPECIAL_PATROL : ForceType.AUXILIARY, i % 2 == 0 ? 1 : 0, i % 2 == 0));
        }
        return made;
    }

    private static List<String> ids(List<Unit> units) {
        return units.stream().map(Unit::getId).toList();
    }

    @Test
    void aShiftStartsForManyUnitsInOneCallWithEachChangeRecordedMirroredAndWatched() {
        List<Unit> crews = offDuty(4, XUANWU);
        crews.add(units.unit(QINHUAI, ForceType.STATION, 0, false));

        SetUnitStatusesResponse started = shift(COMMANDER, UnitStatus.AVAILABLE, ids(crews));
        assertEquals(5, started.getChanged());
        assertEquals(0, started.getUnchanged());
        for (Unit unit : crews) {
            Unit now = get(unit);
            assertEquals(UnitStatus.AVAILABLE, now.getStatus(), unit.getCallSign());
            assertEquals(unit.getVersion() + 1, now.getVersion());
            // The search scripts read the mirror, and the watchdog waits for the unit's first fix.
            String mirrored = redis.hash(String.class).hget(RedisKeys.unitStates("32"), unit.getId());
            assertTrue(mirrored.startsWith(now.getVersion() + "|AVAILABLE|"), mirrored);
            assertTrue(redis.sortedSet(String.class).zscore(RedisKeys.timersDue("unit-stale"), unit.getId()).isPresent(),
                    "stale watchdog of " + unit.getCallSign());
        }

        // Again: nothing to change, nothing recorded twice.
        SetUnitStatusesResponse again = shift(ADMIN, UnitStatus.AVAILABLE, ids(crews));
        assertEquals(0, again.getChanged());
        assertEquals(5, again.getUnchanged());
        assertEquals(crews.get(0).getVersion() + 1, get(crews.get(0)).getVersion());

        // The shift ends: off duty, no longer watched.
        assertEquals(5, shift(COMMANDER, UnitStatus.OFF_DUTY, ids(crews)).getChanged());
        assertEquals(UnitStatus.OFF_DUTY, get(crews.get(4)).getStatus());
        assertTrue(redis.sortedSet(String.class).zscore(RedisKeys.timersDue("unit-stale"), crews.get(4).getId()).isEmpty());
    }

    @Test
    void aWholeCitysShiftOfTheMostUnitsOneCallTakesStartsAndEnds() {
        // Qixia: a district no other test uses, so its thousands of units stay out of their counts.
        ImportUnitsRequest.Builder city = ImportUnitsRequest.newBuilder();
        for (int i = 0; i < 5_000; i++) {
            city.addUnits(CreateUnitRequest.newBuilder().setCallSign("QX-" + i + "-" + UUID.randomUUID().toString().substring(0, 4))
                    .setOrgCode("320113000000").setForceType(ForceType.AUXILIARY).setTier(PatrolTier.MAIN_ROAD).setHeadCount(2));
        }
        List<String> ids = units.as(ADMIN).withDeadlineAfter(2, TimeUnit.MINUTES).importUnits(city.build()).getUnitIdsList();

        SetUnitStatusesRequest.Builder shift = SetUnitStatusesRequest.newBuilder().addAllUnitIds(ids).setReason("night shift");
        assertEquals(5_000, units.as(COMMANDER).withDeadlineAfter(2, TimeUnit.MINUTES).setUnitStatuses(shift.setStatus(UnitStatus.AVAILABLE).build())
                .getChanged());
        assertEquals(5_000, redis.sortedSet(String.class).zmscore(RedisKeys.timersDue("unit-stale"), ids.toArray(String[]::new)).stream()
                .filter(java.util.OptionalDouble::isPresent).count(), "every unit watched for its first fix");
        assertEquals(5_000, units.as(COMMANDER).withDeadlineAfter(2, TimeUnit.MINUTES).setUnitStatuses(shift.setStatus(UnitStatus.OFF_DUTY).build())
                .getChanged());
        assertEquals(UnitStatus.OFF_DUTY, units.as(ADMIN).getUnit(GetUnitRequest.newBuilder().setId(ids.get(4_999)).build()).getStatus());
    }

    @Test
    void aUnitOnAnIncidentRefusesTheWholeShiftStartAndIsNamed() {
        List<Unit> crews = offDuty(3, XUANWU);
        shift(COMMANDER, UnitStatus.AVAILABLE, ids(crews));
        units.as(ALERT_SERVICE).applyIncidentMove(ApplyIncidentMoveRequest.newBuilder().setUnitId(crews.get(1).getId())
                .setIncidentId(UUID.randomUUID().toString()).setMove(IncidentMove.DISPATCH).setIncidentPriority(2).build());

        var refused = assertStatus(Code.FAILED_PRECONDITION, () -> shift(COMMANDER, UnitStatus.UNAVAILABLE, ids(crews)));
        List<FieldViolation> named = GrpcStatuses.refusedItems(refused);
        assertEquals(1, named.size(), named.toString());
        assertEquals("unit_ids[1]", named.get(0).field());
        assertTrue(named.get(0).rule().contains("DISPATCHED"), named.get(0).rule());
        // All or none: the others did not move.
        assertEquals(UnitStatus.AVAILABLE, get(crews.get(0)).getStatus());
        assertEquals(UnitStatus.AVAILABLE, get(crews.get(2)).getStatus());
        assertEquals(UnitStatus.DISPATCHED, get(crews.get(1)).getStatus());
        String mirrored = redis.hash(String.class).hget(RedisKeys.unitStates("32"), crews.get(0).getId());
        assertTrue(mirrored.contains("|AVAILABLE|"), mirrored);
    }

    @Test
    void badIdsAreNamedAndNothingChanges() {
        List<Unit> crews = offDuty(2, XUANWU);
        String first = crews.get(0).getId();

        var malformed = assertStatus(Code.INVALID_ARGUMENT, () -> shift(COMMANDER, UnitStatus.AVAILABLE, List.of(first, "not-a-uuid", first)));
        assertEquals(List.of("unit_ids[1]", "unit_ids[2]"), GrpcStatuses.fieldViolations(malformed).stream().map(FieldViolation::field).toList());
        var noStatus = assertStatus(Code.INVALID_ARGUMENT, () -> shift(COMMANDER, UnitStatus.DISPATCHED, List.of(first)));
        assertEquals("status", GrpcStatuses.fieldViolations(noStatus).get(0).field());
        var none = assertStatus(Code.INVALID_ARGUMENT, () -> shift(COMMANDER, UnitStatus.AVAILABLE, List.of()));
        assertEquals("unit_ids", GrpcStatuses.fieldViolations(none).get(0).field());
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 5_001; i++) {
            tooMany.add(UUID.randomUUID().toString());
        }
        var over = assertStatus(Code.INVALID_ARGUMENT, () -> shift(COMMANDER, UnitStatus.AVAILABLE, tooMany));
        assertTrue(GrpcStatuses.fieldViolations(over).get(0).rule().contains("at most 5000"), over.getMessage());

        // An unknown unit, and a unit of another city, are not found (and the other city's unit is not told apart).
        Unit suzhou = units.as(TestTokens.user("admin-suzhou", SUZHOU, "admin")).createUnit(CreateUnitRequest.newBuilder()
                .setCallSign("GS-" + UUID.randomUUID().toString().substring(0, 8)).setOrgCode("320508000000").setForceType(ForceType.STATION)
                .setTier(PatrolTier.COMMUNITY).setHeadCount(2).build());
        var unknown = assertStatus(Code.NOT_FOUND, () -> shift(COMMANDER, UnitStatus.AVAILABLE,
                List.of(first, UUID.randomUUID().toString(), suzhou.getId())));
        assertTrue(unknown.getStatus().getDescription().contains("unit_ids[1], unit_ids[2]"), unknown.getStatus().getDescription());
        assertEquals(UnitStatus.OFF_DUTY, get(crews.get(0)).getStatus());
        assertEquals(UnitStatus.OFF_DUTY, units.as(TestTokens.user("c-suzhou", SUZHOU, "commander"))
                .getUnit(GetUnitRequest.newBuilder().setId(suzhou.getId()).build()).getStatus());

        // The roles of the single change: a dispatcher does not sign units on.
        assertStatus(Code.PERMISSION_DENIED, () -> shift(DISPATCHER, UnitStatus.AVAILABLE, List.of(first)));
    }

    @Test
    void anOfficerStartsTheShiftOfTheirOwnUnitOnly() {
        List<Unit> crews = offDuty(2, XUANWU);
        String subject = "officer-" + UUID.randomUUID();
        String officer = TestTokens.user(subject, XUANWU, "officer");
        Instant now = Instant.now();
        units.as(COMMANDER).assignCrewMember(AssignCrewMemberRequest.newBuilder().setUnitId(crews.get(0).getId()).setSubject(subject)
                .setShiftStart(Timestamps.of(now.minusSeconds(60))).setShiftEnd(Timestamps.of(now.plusSeconds(3600))).build());

        var denied = assertStatus(Code.PERMISSION_DENIED, () -> shift(officer, UnitStatus.AVAILABLE, ids(crews)));
        assertTrue(denied.getStatus().getDescription().endsWith("unit_ids[1]"), denied.getStatus().getDescription());
        assertEquals(UnitStatus.OFF_DUTY, get(crews.get(0)).getStatus());

        assertEquals(1, shift(officer, UnitStatus.AVAILABLE, List.of(crews.get(0).getId())).getChanged());
        assertEquals(UnitStatus.AVAILABLE, get(crews.get(0)).getStatus());
    }
}
