package org.fangkong.units;

import static org.fangkong.infra.testing.AppContractTest.assertStatus;
import static org.fangkong.infra.testing.TestOrgs.NANJING;
import static org.fangkong.infra.testing.TestOrgs.QINHUAI;
import static org.fangkong.infra.testing.TestOrgs.XUANWU;
import static org.fangkong.units.UnitsTestClient.ADMIN;
import static org.fangkong.units.UnitsTestClient.ALERT_SERVICE;
import static org.fangkong.units.UnitsTestClient.COMMANDER;
import static org.fangkong.units.UnitsTestClient.DISPATCHER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.fangkong.infra.testing.Eventually;
import org.fangkong.infra.testing.ServiceTest;
import org.fangkong.infra.testing.TestTokens;
import org.fangkong.platform.errors.GrpcStatuses;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.proto.events.v1.Event;
import org.fangkong.proto.events.v1.UnitStatusChanged;
import org.fangkong.proto.units.v1.ApplyIncidentMoveRequest;
import org.fangkong.proto.units.v1.AssignCrewMemberRequest;
import org.fangkong.proto.units.v1.ForceType;
import org.fangkong.proto.units.v1.GetMyUnitRequest;
import org.fangkong.proto.units.v1.GetUnitRequest;
import org.fangkong.proto.units.v1.IncidentMove;
import org.fangkong.proto.units.v1.ListCrewRequest;
import org.fangkong.proto.units.v1.MyUnit;
import org.fangkong.proto.units.v1.RemoveCrewMemberRequest;
import org.fangkong.proto.units.v1.Unit;
import org.fangkong.proto.units.v1.UnitStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.grpc.Status.Code;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;

@QuarkusTest
@ServiceTest
class UnitLifecycleTest {

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

    private Unit move(Unit unit, UUID incident, IncidentMove move, int priority) {
        return units.as(ALERT_SERVICE).applyIncidentMove(ApplyIncidentMoveRequest.newBuilder()
                .setUnitId(unit.getId())
                .setIncidentId(incident.toString())
                .setMove(move)
                .setIncidentPriority(priority)
                .build());
    }

    private Unit get(Unit unit) {
        return units.as(ADMIN).getUnit(GetUnitRequest.newBuilder().setId(unit.getId()).build());
    }

    /** The unit's status events on the unit events stream, in order, waiting for the outbox to relay {@code expected}. */
    private List<UnitStatusChanged> statusEvents(Unit unit, int expected) throws Exception {
        Eventually.until(expected + " status events", Duration.ofSeconds(10), () -> streamedStatusEvents(unit).size() >= expected);
        return streamedStatusEvents(unit);
    }

    private List<UnitStatusChanged> streamedStatusEvents(Unit unit) throws Exception {
        List<UnitStatusChanged> found = new ArrayList<>();
        for (StreamMessage<String, String, byte[]> message : redis.stream(String.class, String.class, byte[].class)
                .xrange(RedisKeys.eventStream("unit-events"), io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"))) {
            Event event = Event.parseFrom(message.payload().get("event"));
            if (event.hasUnitStatusChanged() && event.getUnitStatusChanged().getUnitId().equals(unit.getId())) {
                assertEquals("unit.status", event.getType());
                assertEquals(unit.getOrgCode(), event.getOrgCode());
                found.add(event.getUnitStatusChanged());
            }
        }
        return found;
    }

    private String mirroredState(Unit unit) {
        return redis.hash(String.class).hget(RedisKeys.unitStates("32"), unit.getId());
    }

    @Test
    void aUnitGoesFromSignOnThroughAnIncidentAndBackWithEveryStepRecordedAndAnnounced() throws Exception {
        Unit unit = units.unit(XUANWU, ForceType.SPECIAL_PATROL, 2, true);
        UUID incident = UUID.randomUUID();

        assertEquals(UnitStatus.AVAILABLE, units.setStatus(COMMANDER, unit, UnitStatus.AVAILABLE).getStatus());
        Unit dispatched = move(unit, incident, IncidentMove.DISPATCH, 2);
        assertEquals(UnitStatus.DISPATCHED, dispatched.getStatus());
        assertEquals(incident.toString(), dispatched.getIncidentId());
        assertEquals(UnitStatus.EN_ROUTE, move(unit, incident, IncidentMove.SET_OUT, 0).getStatus());
        assertEquals(UnitStatus.ON_SCENE, move(unit, incident, IncidentMove.ARRIVE, 0).getStatus());
        Unit released = move(unit, incident, IncidentMove.RELEASE, 0);
        assertEquals(UnitStatus.AVAILABLE, released.getStatus());
        assertEquals("", released.getIncidentId());
        // alert-service retrying a move it already made changes nothing.
        assertEquals(released.getVersion(), move(unit, incident, IncidentMove.RELEASE, 0).getVersion());

        List<UnitStatusChanged> events = statusEvents(unit, 5);
        assertEquals(List.of(UnitStatus.AVAILABLE, UnitStatus.DISPATCHED, UnitStatus.EN_ROUTE, UnitStatus.ON_SCENE, UnitStatus.AVAILABLE),
                events.stream().map(UnitStatusChanged::getTo).toList());
        assertEquals(UnitStatus.OFF_DUTY, events.get(0).getFrom());
        assertEquals(incident.toString(), events.get(1).getIncidentId());
        assertEquals("commander-nanjing", events.get(0).getChangedBy());
        // The Redis mirror the search scripts read follows PostgreSQL.
        assertTrue(mirroredState(unit).startsWith(released.getVersion() + "|AVAILABLE|SPECIAL_PATROL|2|1|"), mirroredState(unit));
    }

    @Test
    void anIllegalMoveIsRefusedAndChangesNothing() throws Exception {
        Unit unit = units.unit(XUANWU, ForceType.AUXILIARY, 0, false);
        UUID incident = UUID.randomUUID();

        // Off duty: it cannot be dispatched, nor arrive anywhere.
        assertStatus(Code.FAILED_PRECONDITION, () -> move(unit, incident, IncidentMove.DISPATCH, 1));
        assertStatus(Code.FAILED_PRECONDITION, () -> move(unit, incident, IncidentMove.ARRIVE, 0));
        Unit unchanged = get(unit);
        assertEquals(UnitStatus.OFF_DUTY, unchanged.getStatus());
        assertEquals(unit.getVersion(), unchanged.getVersion());

        units.setStatus(COMMANDER, unit, UnitStatus.AVAILABLE);
        Unit dispatched = move(unit, incident, IncidentMove.DISPATCH, 2);
        // A dispatched unit cannot go off duty or stand down until released, and cannot arrive at another incident.
        assertStatus(Code.FAILED_PRECONDITION, () -> units.setStatus(COMMANDER, unit, UnitStatus.OFF_DUTY));
        assertStatus(Code.FAILED_PRECONDITION, () -> units.setStatus(COMMANDER, unit, UnitStatus.UNAVAILABLE));
        assertStatus(Code.FAILED_PRECONDITION, () -> move(unit, UUID.randomUUID(), IncidentMove.ARRIVE, 0));
        Unit after = get(unit);
        assertEquals(UnitStatus.DISPATCHED, after.getStatus());
        assertEquals(dispatched.getVersion(), after.getVersion());
        assertEquals(incident.toString(), after.getIncidentId());
        // Only the two legal moves were announced.
        statusEvents(unit, 2);
        Eventually.holdsFor("only the two legal moves announced", Duration.ofMillis(600), () -> streamedStatusEvents(unit).size() == 2);
    }

    @Test
    void aBusyUnitIsTakenOnlyForAHigherPriorityIncident() {
        Unit unit = units.available(XUANWU, ForceType.RAPID_RESPONSE, 4, true);
        UUID theft = UUID.randomUUID();
        UUID robbery = UUID.randomUUID();
        move(unit, theft, IncidentMove.DISPATCH, 3);
        move(unit, theft, IncidentMove.SET_OUT, 0);

        assertStatus(Code.FAILED_PRECONDITION, () -> move(unit, robbery, IncidentMove.DISPATCH, 3));
        Unit redirected = move(unit, robbery, IncidentMove.DISPATCH, 1);
        assertEquals(UnitStatus.DISPATCHED, redirected.getStatus());
        assertEquals(robbery.toString(), redirected.getIncidentId());
        // Closing the theft afterwards must not free a unit now on the robbery.
        assertEquals(robbery.toString(), move(unit, theft, IncidentMove.RELEASE, 0).getIncidentId());
        assertEquals(UnitStatus.AVAILABLE, move(unit, robbery, IncidentMove.RELEASE, 0).getStatus());
    }

    @Test
    void incidentMovesAreForServicesAndDutyMovesNamedAsSuch() {
        Unit unit = units.available(XUANWU, ForceType.SPECIAL_PATROL, 2, true);
        ApplyIncidentMoveRequest dispatch = ApplyIncidentMoveRequest.newBuilder().setUnitId(unit.getId())
                .setIncidentId(UUID.randomUUID().toString()).setMove(IncidentMove.DISPATCH).setIncidentPriority(1).build();
        assertStatus(Code.PERMISSION_DENIED, () -> units.as(DISPATCHER).applyIncidentMove(dispatch));
        assertStatus(Code.PERMISSION_DENIED, () -> units.as(COMMANDER).applyIncidentMove(dispatch));

        var refused = assertStatus(Code.INVALID_ARGUMENT, () -> units.setStatus(COMMANDER, unit, UnitStatus.DISPATCHED));
        assertEquals("status", GrpcStatuses.fieldViolations(refused).get(0).field());
        var noPriority = assertStatus(Code.INVALID_ARGUMENT, () -> units.as(ALERT_SERVICE).applyIncidentMove(
                dispatch.toBuilder().setIncidentPriority(0).build()));
        assertEquals("incident_priority", GrpcStatuses.fieldViolations(noPriority).get(0).field());
        // A dispatcher of another city does not learn the unit exists.
        assertStatus(Code.NOT_FOUND, () -> units.setStatus(TestTokens.user("c", "320500000000", "commander"), unit, UnitStatus.OFF_DUTY));
    }

    @Test
    void officersChangeTheirOwnUnitOnlyAndFindItAsMyUnit() {
        Unit mine = units.unit(XUANWU, ForceType.SPECIAL_PATROL, 2, true);
        Unit other = units.unit(XUANWU, ForceType.SPECIAL_PATROL, 2, true);
        String subject = "officer-" + UUID.randomUUID();
        String officer = TestTokens.user(subject, XUANWU, "officer");
        Instant now = Instant.now();
        units.as(COMMANDER).assignCrewMember(AssignCrewMemberRequest.newBuilder().setUnitId(mine.getId()).setSubject(subject)
                .setShiftStart(Timestamps.of(now.minusSeconds(3600))).setShiftEnd(Timestamps.of(now.plusSeconds(6 * 3600))).build());

        MyUnit myUnit = units.as(officer).getMyUnit(GetMyUnitRequest.getDefaultInstance());
        assertEquals(mine.getId(), myUnit.getUnit().getId());
        assertEquals(subject, myUnit.getShift().getSubject());
        assertEquals("commander-nanjing", myUnit.getShift().getAssignedBy());

        assertEquals(UnitStatus.AVAILABLE, units.setStatus(officer, mine, UnitStatus.AVAILABLE).getStatus());
        assertEquals(UnitStatus.UNAVAILABLE, units.setStatus(officer, mine, UnitStatus.UNAVAILABLE).getStatus());
        assertStatus(Code.PERMISSION_DENIED, () -> units.setStatus(officer, other, UnitStatus.AVAILABLE));
        assertEquals(UnitStatus.OFF_DUTY, get(other).getStatus());

        // Taken off the unit, the officer has no unit and cannot change it any more.
        assertEquals(1, units.as(COMMANDER).removeCrewMember(RemoveCrewMemberRequest.newBuilder()
                .setUnitId(mine.getId()).setSubject(subject).build()).getRemoved());
        assertStatus(Code.NOT_FOUND, () -> units.as(officer).getMyUnit(GetMyUnitRequest.getDefaultInstance()));
        assertStatus(Code.PERMISSION_DENIED, () -> units.setStatus(officer, mine, UnitStatus.OFF_DUTY));
    }

    @Test
    void aUserIsOnOneUnitAtATimeAndShiftsAreChecked() {
        Unit first = units.unit(QINHUAI, ForceType.STATION, 0, false);
        Unit second = units.unit(QINHUAI, ForceType.STATION, 0, false);
        String subject = "aux-" + UUID.randomUUID();
        Instant start = Instant.now().plusSeconds(3600);
        AssignCrewMemberRequest day = AssignCrewMemberRequest.newBuilder().setUnitId(first.getId()).setSubject(subject)
                .setShiftStart(Timestamps.of(start)).setShiftEnd(Timestamps.of(start.plusSeconds(8 * 3600))).build();
        units.as(ADMIN).assignCrewMember(day);

        var overlapping = assertStatus(Code.ALREADY_EXISTS, () -> units.as(ADMIN).assignCrewMember(day.toBuilder()
                .setUnitId(second.getId()).setShiftStart(Timestamps.of(start.plusSeconds(7 * 3600)))
                .setShiftEnd(Timestamps.of(start.plusSeconds(12 * 3600))).build()));
        assertTrue(overlapping.getStatus().getDescription().contains(first.getId()), overlapping.getStatus().getDescription());
        // The next shift, back to back, is fine.
        units.as(ADMIN).assignCrewMember(day.toBuilder().setUnitId(second.getId())
                .setShiftStart(Timestamps.of(start.plusSeconds(8 * 3600))).setShiftEnd(Timestamps.of(start.plusSeconds(16 * 3600))).build());

        var backwards = assertStatus(Code.INVALID_ARGUMENT, () -> units.as(ADMIN).assignCrewMember(day.toBuilder()
                .setShiftEnd(Timestamps.of(start.minusSeconds(60))).build()));
        assertEquals("shift_end", GrpcStatuses.fieldViolations(backwards).get(0).field());
        var tooLong = assertStatus(Code.INVALID_ARGUMENT, () -> units.as(ADMIN).assignCrewMember(day.toBuilder()
                .setShiftEnd(Timestamps.of(start.plus(Duration.ofHours(30)))).build()));
        assertEquals("shift_end", GrpcStatuses.fieldViolations(tooLong).get(0).field());

        // The crew list answers for the time asked.
        assertEquals(List.of(subject), units.as(DISPATCHER).listCrew(ListCrewRequest.newBuilder().setUnitId(first.getId())
                .setAt(Timestamps.of(start.plusSeconds(60))).build()).getMembersList().stream().map(m -> m.getSubject()).toList());
        assertEquals(0, units.as(DISPATCHER).listCrew(ListCrewRequest.newBuilder().setUnitId(first.getId()).build()).getMembersCount());
        // Officers do not assign crews; other cities' commanders do not see the unit.
        assertStatus(Code.PERMISSION_DENIED, () -> units.as(TestTokens.user("o", NANJING, "officer")).assignCrewMember(day));
        assertStatus(Code.NOT_FOUND, () -> units.as(TestTokens.user("c", "320500000000", "commander")).assignCrewMember(day));
    }
}
