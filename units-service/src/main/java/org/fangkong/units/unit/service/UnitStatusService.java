package org.fangkong.units.unit.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.errors.PermissionDeniedException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.Roles;
import org.fangkong.platform.outbox.Outbox;
import org.fangkong.proto.events.v1.Event;
import org.fangkong.proto.events.v1.UnitStatusChanged;
import org.fangkong.units.crew.service.CrewRoster;
import org.fangkong.units.position.stale.StaleUnits;
import org.fangkong.units.unit.IncidentMove;
import org.fangkong.units.unit.StatusChange;
import org.fangkong.units.unit.Unit;
import org.fangkong.units.unit.UnitEvents;
import org.fangkong.units.unit.UnitStatus;
import org.fangkong.units.unit.UnitStatusChange;
import org.fangkong.units.unit.live.LiveStates;
import org.fangkong.units.unit.repository.UnitStatusChangeRepository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Moves units through their lifecycle. A change is committed with its history entry and its event (through the
 * outbox) in one transaction, then mirrored to Redis; an illegal move fails before anything is written.
 */
@ApplicationScoped
public class UnitStatusService {

    private final UnitRegistry registry;
    private final CrewRoster crews;
    private final UnitStatusChangeRepository history;
    private final Outbox outbox;
    private final LiveStates liveStates;
    private final StaleUnits staleUnits;
    private final Clock clock;

    public UnitStatusService(UnitRegistry registry, CrewRoster crews, UnitStatusChangeRepository history, Outbox outbox,
            LiveStates liveStates, StaleUnits staleUnits, Clock clock) {
        this.registry = registry;
        this.crews = crews;
        this.history = history;
        this.outbox = outbox;
        this.liveStates = liveStates;
        this.staleUnits = staleUnits;
        this.clock = clock;
    }

    /**
     * Duty and availability. An officer may change only the unit they are crew of this shift; commanders, admins
     * and services any unit in their scope.
     */
    public Uni<Unit> setDutyStatus(Caller caller, UUID unitId, UnitStatus target, String reason) {
        Violations violations = new Violations()
                .require(target != null && UnitStatus.DUTY_STATES.contains(target), "status",
                        "must be OFF_DUTY, AVAILABLE or UNAVAILABLE (incident moves are made by alert-service)");
        checkReason(violations, reason);
        violations.throwIfAny();
        boolean desk = caller.hasRole(Roles.COMMANDER) || caller.hasRole(Roles.ADMIN) || caller.isService();
        return Panache.withTransaction(() -> {
            Uni<Unit> unit;
            if (desk) {
                unit = registry.require(caller, unitId);
            } else {
                unit = crews.isOnUnit(caller.subject(), unitId).chain(onUnit -> {
                    if (!onUnit) {
                        throw new PermissionDeniedException("officers change the status of their own unit only");
                    }
                    return registry.findAny(unitId);
                });
            }
            return unit.call(found -> record(caller, found, found.setDutyStatus(target, now()), reason));
        }).call(this::mirror);
    }

    /** An incident-linked move, made by alert-service for the dispatching user it names. */
    public Uni<Unit> applyIncidentMove(Caller caller, UUID unitId, UUID incidentId, IncidentMove move, int priority, String reason) {
        Violations violations = new Violations()
                .require(move != null, "move", "must name a move")
                .require(move != IncidentMove.DISPATCH || (priority >= 1 && priority <= 4), "incident_priority",
                        "must be between 1 and 4 for a dispatch");
        checkReason(violations, reason);
        violations.throwIfAny();
        return Panache.withTransaction(() -> registry.require(caller, unitId)
                .call(unit -> record(caller, unit, unit.apply(move, incidentId, priority, now()), reason)))
                .call(this::mirror);
    }

    private Uni<Void> record(Caller caller, Unit unit, Optional<StatusChange> change, String reason) {
        if (change.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StatusChange made = change.get();
        Instant at = unit.getStatusChangedAt();
        UUID eventId = UUID.randomUUID();
        UnitStatusChanged.Builder payload = UnitStatusChanged.newBuilder()
                .setUnitId(unit.getId().toString())
                .setCallSign(unit.getCallSign())
                .setFrom(org.fangkong.proto.units.v1.UnitStatus.valueOf(made.from().name()))
                .setTo(org.fangkong.proto.units.v1.UnitStatus.valueOf(made.to().name()))
                .setChangedBy(caller.auditName())
                .setReason(reason);
        if (made.incidentId() != null) {
            payload.setIncidentId(made.incidentId().toString());
        }
        Event event = Event.newBuilder()
                .setId(eventId.toString())
                .setType("unit.status")
                .setOrgCode(unit.getOrgCode())
                .setTime(Timestamps.of(at))
                .setUnitStatusChanged(payload)
                .build();
        return history.persist(new UnitStatusChange(unit.getId(), made, at, caller.auditName(), reason))
                .chain(() -> outbox.record(UnitEvents.STREAM, eventId, event.toByteArray()))
                .chain(() -> history.flush());
    }

    /** After commit: the Redis mirror, and the stale timer that watches an on-duty unit's fixes. */
    private Uni<Void> mirror(Unit unit) {
        return liveStates.put(unit).chain(() -> unit.getStatus().onDuty() ? staleUnits.watch(unit) : staleUnits.forget(unit));
    }

    private static void checkReason(Violations violations, String reason) {
        violations.require(reason == null || reason.length() <= 500, "reason", "must be at most 500 characters");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
