package org.fangkong.units.crew.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.errors.ConflictException;
import org.fangkong.platform.errors.NotFoundException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.identity.Caller;
import org.fangkong.units.config.UnitsConfig;
import org.fangkong.units.crew.CrewMember;
import org.fangkong.units.crew.repository.CrewRepository;
import org.fangkong.units.unit.Unit;
import org.fangkong.units.unit.service.UnitRegistry;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Who is on which unit for a shift; "my unit" for an officer comes from here. */
@ApplicationScoped
public class CrewRoster {

    private final CrewRepository crews;
    private final UnitRegistry units;
    private final Clock clock;
    private final UnitsConfig.Crews config;

    public CrewRoster(CrewRepository crews, UnitRegistry units, Clock clock, UnitsConfig config) {
        this.crews = crews;
        this.units = units;
        this.clock = clock;
        this.config = config.crews();
    }

    /** The unit and the shift an officer is on now. */
    public record Assignment(Unit unit, CrewMember shift) {
    }

    @WithTransaction
    public Uni<CrewMember> assign(Caller caller, UUID unitId, String subject, Instant start, Instant end) {
        Instant now = now();
        Violations violations = new Violations()
                .notBlank(subject, "subject")
                .require(subject == null || subject.length() <= 128, "subject", "must be at most 128 characters")
                .require(start != null, "shift_start", "is required")
                .require(end != null, "shift_end", "is required");
        violations.throwIfAny();
        violations.require(end.isAfter(start), "shift_end", "must be after shift_start")
                .require(!end.isAfter(start.plus(config.maxShift())), "shift_end",
                        "must be at most " + config.maxShift().toHours() + "h after shift_start")
                .require(end.isAfter(now), "shift_end", "must be in the future");
        violations.throwIfAny();
        String who = subject.strip();
        return units.require(caller, unitId)
                .call(unit -> crews.lockSubject(who))
                .call(unit -> crews.overlapping(who, start, end).invoke(clashes -> {
                    if (!clashes.isEmpty()) {
                        CrewMember clash = clashes.get(0);
                        throw new ConflictException("user " + who + " is already on unit " + clash.getUnitId() + " from "
                                + clash.getShiftStart() + " to " + clash.getShiftEnd());
                    }
                }))
                .chain(unit -> crews.persist(new CrewMember(unitId, who, truncate(start), truncate(end), now, caller.auditName())));
    }

    /** Ends the user's running shift on the unit now and drops their future ones; returns how many were touched. */
    @WithTransaction
    public Uni<Integer> remove(Caller caller, UUID unitId, String subject) {
        new Violations().notBlank(subject, "subject").throwIfAny();
        Instant now = now();
        return units.require(caller, unitId)
                .chain(unit -> crews.currentAndFuture(unitId, subject.strip(), now))
                .chain(shifts -> Multi.createFrom().iterable(shifts)
                        .onItem().transformToUniAndConcatenate(shift -> {
                            if (shift.startsAfter(now)) {
                                return crews.delete(shift);
                            }
                            shift.endAt(now);
                            return Uni.createFrom().voidItem();
                        })
                        .collect().last()
                        .replaceWith(shifts.size()));
    }

    @WithSession
    public Uni<List<CrewMember>> list(Caller caller, UUID unitId, Instant at) {
        Instant when = at == null ? now() : at;
        return units.require(caller, unitId).chain(unit -> crews.onUnitAt(unitId, when));
    }

    /** The unit the caller is on now, if any. */
    @WithSession
    public Uni<Assignment> myUnit(Caller caller) {
        return crews.shiftOf(caller.subject(), now())
                .chain(shift -> shift
                        .map(found -> units.findAny(found.getUnitId()).map(unit -> new Assignment(unit, found)))
                        .orElseGet(() -> Uni.createFrom().failure(new NotFoundException("unit this shift of user", caller.subject()))));
    }

    /** Whether the subject is on the unit now: what lets an officer change their own unit's duty status. */
    public Uni<Boolean> isOnUnit(String subject, UUID unitId) {
        return crews.shiftOf(subject, now()).map(shift -> shift.map(s -> s.getUnitId().equals(unitId)).orElse(false));
    }

    public Uni<Optional<CrewMember>> shiftOf(String subject) {
        return crews.shiftOf(subject, now());
    }

    private Instant now() {
        return truncate(clock.instant());
    }

    private static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
