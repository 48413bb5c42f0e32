package org.fangkong.units.unit.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.errors.FailedPreconditionException;
import org.fangkong.platform.errors.FieldViolation;
import org.fangkong.platform.errors.NotFoundException;
import org.fangkong.platform.errors.PermissionDeniedException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.OrgCode;
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
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.tuples.Tuple2;

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

    /** What a bulk change did: units moved, and units already in the status asked. */
    public record BulkOutcome(int changed, int unchanged) {
    }

    /**
     * A shift starting or ending: every unit to one duty status, all or none, with the single change's roles and scope
     * (an officer only units they are crew of). Each unit that cannot move is named as {@code unit_ids[i]}, the way a
     * bulk import names its rows; one transaction, then one Redis script and one timer round trip for the mirror.
     */
    public Uni<BulkOutcome> setDutyStatuses(Caller caller, List<String> unitIds, UnitStatus target, String reason, int maxUnits) {
        Violations violations = new Violations()
                .require(!unitIds.isEmpty(), "unit_ids", "must name at least one unit")
                .require(unitIds.size() <= maxUnits, "unit_ids", "must name at most " + maxUnits + " units per call")
                .require(target != null && UnitStatus.DUTY_STATES.contains(target), "status",
                        "must be OFF_DUTY, AVAILABLE or UNAVAILABLE (incident moves are made by alert-service)");
        checkReason(violations, reason);
        Map<UUID, Integer> rowOf = new LinkedHashMap<>();
        for (int i = 0; i < unitIds.size() && unitIds.size() <= maxUnits; i++) {
            UUID id = violations.uuid(unitIds.get(i), "unit_ids[" + i + "]");
            if (id != null) {
                Integer earlier = rowOf.putIfAbsent(id, i);
                violations.require(earlier == null, "unit_ids[" + i + "]", "repeats unit_ids[" + earlier + "]");
            }
        }
        violations.throwIfAny();
        boolean desk = caller.hasRole(Roles.COMMANDER) || caller.hasRole(Roles.ADMIN) || caller.isService();
        Instant now = now();
        return Panache.withTransaction(() -> (desk ? Uni.createFrom().item(List.<String>of()) : notOwnUnits(caller, rowOf))
                .chain(notOwn -> {
                    if (!notOwn.isEmpty()) {
                        throw new PermissionDeniedException("officers change the status of their own unit only: " + String.join(", ", notOwn));
                    }
                    return registry.findAll(List.copyOf(rowOf.keySet()));
                })
                .chain(found -> {
                    Map<UUID, Unit> byId = new HashMap<>();
                    found.forEach(unit -> byId.put(unit.getId(), unit));
                    List<String> missing = new ArrayList<>();
                    rowOf.forEach((id, row) -> {
                        Unit unit = byId.get(id);
                        // An officer's own unit was established by the crew; a desk sees its scope only.
                        if (unit == null || (desk && !caller.canSee(OrgCode.of(unit.getOrgCode())))) {
                            missing.add("unit_ids[" + row + "]");
                        }
                    });
                    if (!missing.isEmpty()) {
                        throw NotFoundException.among("unit", missing);
                    }
                    List<FieldViolation> refused = new ArrayList<>();
                    List<Unit> ordered = new ArrayList<>(rowOf.size());
                    Map<Unit, StatusChange> made = new LinkedHashMap<>();
                    rowOf.forEach((id, row) -> {
                        Unit unit = byId.get(id);
                        try {
                            unit.setDutyStatus(target, now).ifPresent(change -> made.put(unit, change));
                            ordered.add(unit);
                        } catch (FailedPreconditionException cannot) {
                            refused.add(new FieldViolation("unit_ids[" + row + "]", cannot.getMessage()));
                        }
                    });
                    if (!refused.isEmpty()) {
                        // Nothing is flushed: the transaction rolls back with the entities it changed.
                        throw new FailedPreconditionException(refused.size() + " of " + rowOf.size() + " units cannot become " + target
                                + "; nothing was changed", refused);
                    }
                    BulkOutcome outcome = new BulkOutcome(made.size(), ordered.size() - made.size());
                    return record(caller, made, reason).replaceWith(Tuple2.of(outcome, ordered));
                }))
                .call(done -> mirrorAll(done.getItem2()))
                .map(Tuple2::getItem1);
    }

    /** The rows naming units the officer is not crew of this shift. */
    private Uni<List<String>> notOwnUnits(Caller caller, Map<UUID, Integer> rowOf) {
        return Multi.createFrom().iterable(rowOf.entrySet())
                .onItem().transformToUniAndConcatenate(entry -> crews.isOnUnit(caller.subject(), entry.getKey())
                        .map(onUnit -> onUnit ? "" : "unit_ids[" + entry.getValue() + "]"))
                .filter(row -> !row.isEmpty())
                .collect().asList();
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
        return change.isEmpty() ? Uni.createFrom().voidItem() : record(caller, Map.of(unit, change.get()), reason);
    }

    /**
     * The history entries and events of changes made, persisted as two lists in the current transaction: not a Uni per
     * unit, since thousands of chained steps that complete at once nest as deep.
     */
    private Uni<Void> record(Caller caller, Map<Unit, StatusChange> made, String reason) {
        if (made.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<UnitStatusChange> entries = new ArrayList<>(made.size());
        List<Outbox.Pending> events = new ArrayList<>(made.size());
        made.forEach((unit, change) -> {
            entries.add(new UnitStatusChange(unit.getId(), change, unit.getStatusChangedAt(), caller.auditName(), reason));
            events.add(event(caller, unit, change, reason));
        });
        return history.persist(entries).chain(() -> outbox.recordAll(UnitEvents.STREAM, events)).chain(() -> history.flush());
    }

    /** The unit.status event of a change, for the outbox. */
    private static Outbox.Pending event(Caller caller, Unit unit, StatusChange made, String reason) {
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
                .setTime(Timestamps.of(unit.getStatusChangedAt()))
                .setUnitStatusChanged(payload)
                .build();
        return new Outbox.Pending(eventId, event.toByteArray());
    }

    private Uni<Void> mirror(Unit unit) {
        return mirrorAll(List.of(unit));
    }

    /**
     * After commit: the Redis mirror, and the stale timers that watch on-duty units' fixes; for many units, their states
     * in one script and their watchdogs in one round trip each way.
     */
    private Uni<Void> mirrorAll(List<Unit> units) {
        List<Unit> onDuty = units.stream().filter(unit -> unit.getStatus().onDuty()).toList();
        List<Unit> offDuty = units.stream().filter(unit -> !unit.getStatus().onDuty()).toList();
        return liveStates.putAll(units).chain(() -> staleUnits.watchAll(onDuty)).chain(() -> staleUnits.forgetAll(offDuty));
    }

    private static void checkReason(Violations violations, String reason) {
        violations.require(reason == null || reason.length() <= 500, "reason", "must be at most 500 characters");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
