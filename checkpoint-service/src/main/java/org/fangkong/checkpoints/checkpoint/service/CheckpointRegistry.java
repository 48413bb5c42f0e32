package org.fangkong.checkpoints.checkpoint.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotNull;

import org.fangkong.checkpoints.checkpoint.Checkpoint;
import org.fangkong.checkpoints.checkpoint.CheckpointStaff;
import org.fangkong.checkpoints.checkpoint.CheckpointState;
import org.fangkong.checkpoints.checkpoint.CheckpointType;
import org.fangkong.checkpoints.checkpoint.NewCheckpoint;
import org.fangkong.checkpoints.checkpoint.repository.CheckpointRepository;
import org.fangkong.platform.errors.ConflictException;
import org.fangkong.platform.errors.DatabaseConstraints;
import org.fangkong.platform.errors.NotFoundException;
import org.fangkong.platform.errors.PermissionDeniedException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.geo.GeoLocation;
import org.fangkong.platform.geo.GreatCircle;
import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.platform.identity.Roles;
import org.fangkong.platform.paging.Paging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Checkpoints: registry, state, staff and the nearest open ones. */
@ApplicationScoped
public class CheckpointRegistry {


    private final CheckpointRepository checkpoints;
    private final MobileLocations mobile;
    private final CheckpointStates states;
    private final Clock clock;

    public CheckpointRegistry(CheckpointRepository checkpoints, MobileLocations mobile, CheckpointStates states, Clock clock) {
        this.checkpoints = checkpoints;
        this.mobile = mobile;
        this.states = states;
        this.clock = clock;
    }

    /** A checkpoint with where it is now (a mobile one: its unit's live position, or null). */
    public record Located(Checkpoint checkpoint, GeoLocation location, double distanceMeters) {
    }

    @WithSession
    public Uni<Optional<Checkpoint>> find(@NotNull Caller caller, @NotNull UUID id) {
        return checkpoints.findById(id).map(found -> Optional.ofNullable(found).flatMap(c -> caller.visible(c, Checkpoint::getOrgCode)));
    }

    public Uni<Checkpoint> require(Caller caller, UUID id) {
        return checkpoints.findById(id).map(found -> Optional.ofNullable(found).flatMap(c -> caller.visible(c, Checkpoint::getOrgCode))
                .orElseThrow(NotFoundException.of("checkpoint", id.toString())));
    }

    public Uni<Checkpoint> create(Caller caller, NewCheckpoint spec) {
        caller.requireScope("org_code", OrgCode.of(spec.orgCode()));
        return Panache.withTransaction(() -> checkpoints.codeTaken(spec.code()).chain(taken -> {
            if (taken) {
                throw new ConflictException("checkpoint code " + spec.code() + " is already registered");
            }
            return checkpoints.persist(new Checkpoint(spec, caller.auditName(), now())).call(() -> checkpoints.flush());
        })).onFailure(failure -> DatabaseConstraints.violated(failure, "checkpoint_code_key"))
                .transform(failure -> new ConflictException("checkpoint code " + spec.code() + " was registered concurrently"))
                .call(created -> states.put(List.of(created)));
    }

    /** A fixed checkpoint may move; a mobile one's place stays its unit's. */
    public Uni<Checkpoint> update(Caller caller, UUID id, String name, GeoLocation location, java.util.Set<String> rings, int lanes,
            int staffedHeadCount) {
        return Panache.withTransaction(() -> require(caller, id).invoke(checkpoint -> {
            if (checkpoint.isMobile() && location != null) {
                throw new org.fangkong.platform.errors.InvalidArgumentException("location",
                        "must be empty for a mobile checkpoint: its unit's live position is used");
            }
            checkpoint.revise(name, location, rings, lanes, staffedHeadCount);
        }).call(() -> checkpoints.flush()));
    }

    @WithSession
    public Uni<Paging.Slice<Checkpoint>> list(OrgCode scope, List<CheckpointType> types, String ring, List<CheckpointState> states,
            Paging.Page page) {
        return checkpoints.page(scope.scopePrefix(), types, ring, states, page.after(), page.fetchSize())
                .map(found -> page.sliceByKey(found, Checkpoint::getCode));
    }

    /**
     * NORMAL, HEIGHTENED or OUT_OF_SERVICE. Staff change only the checkpoint they work this shift; while a cordon
     * holds it, the state set is the one it returns to.
     */
    public Uni<Checkpoint> setState(Caller caller, UUID id, CheckpointState state, String reason) {
        new Violations()
                .require(state == CheckpointState.NORMAL || state == CheckpointState.HEIGHTENED || state == CheckpointState.OUT_OF_SERVICE,
                        "state", "must be NORMAL, HEIGHTENED or OUT_OF_SERVICE (SEALED comes from confirming a cordon)")
                .require(reason == null || reason.length() <= 500, "reason", "must be at most 500 characters")
                .throwIfAny();
        boolean desk = caller.isService() || caller.hasRole(Roles.COMMANDER) || caller.hasRole(Roles.ADMIN);
        return Panache.withTransaction(() -> require(caller, id).call(checkpoint -> {
            Uni<Boolean> allowed = desk ? Uni.createFrom().item(true) : worksAt(caller.subject(), id);
            return allowed.invoke(ok -> {
                if (!ok) {
                    throw new PermissionDeniedException("checkpoint staff change the state of their own checkpoint only");
                }
                checkpoint.setState(state);
            });
        }).call(() -> checkpoints.flush())).call(changed -> states.put(List.of(changed)));
    }

    @WithTransaction
    public Uni<CheckpointStaff> assignStaff(Caller caller, UUID checkpointId, String subject, Instant start, Instant end) {
        Violations violations = new Violations().notBlank(subject, "subject")
                .require(start != null, "shift_start", "is required").require(end != null, "shift_end", "is required");
        violations.throwIfAny();
        violations.require(end.isAfter(start), "shift_end", "must be after shift_start")
                .require(!end.isAfter(start.plus(java.time.Duration.ofHours(24))), "shift_end", "must be at most 24h after shift_start")
                .throwIfAny();
        return require(caller, checkpointId).chain(checkpoint -> {
            CheckpointStaff staff = new CheckpointStaff(checkpointId, subject.strip(), start.truncatedTo(ChronoUnit.MICROS),
                    end.truncatedTo(ChronoUnit.MICROS), now(), caller.auditName());
            return Panache.getSession().chain(session -> session.persist(staff)).replaceWith(staff);
        });
    }

    /** Ends the user's running shift at the checkpoint now and drops future ones; returns how many were touched. */
    public Uni<Integer> removeStaff(Caller caller, UUID checkpointId, String subject) {
        new Violations().notBlank(subject, "subject").throwIfAny();
        Instant now = now();
        return Panache.withTransaction(() -> require(caller, checkpointId).chain(checkpoint -> Panache.getSession().chain(session -> session
                .createMutationQuery("delete from CheckpointStaff where checkpointId = ?1 and subject = ?2 and shiftStart > ?3")
                .setParameter(1, checkpointId).setParameter(2, subject.strip()).setParameter(3, now).executeUpdate()
                .chain(dropped -> session.createMutationQuery("update CheckpointStaff set shiftEnd = ?3 where checkpointId = ?1 "
                        + "and subject = ?2 and shiftStart <= ?3 and shiftEnd > ?3")
                        .setParameter(1, checkpointId).setParameter(2, subject.strip()).setParameter(3, now).executeUpdate()
                        .map(ended -> dropped + ended)))));
    }

    /** The checkpoint and shift the user works now. */
    @WithSession
    public Uni<Map.Entry<Checkpoint, CheckpointStaff>> myCheckpoint(Caller caller) {
        return shiftOf(caller.subject()).chain(shift -> shift
                .map(found -> checkpoints.findById(found.getCheckpointId()).map(c -> Map.entry(c, found)))
                .orElseGet(() -> Uni.createFrom().failure(new NotFoundException("checkpoint this shift of user", caller.subject()))));
    }

    /** Whether the user works the checkpoint this shift. */
    public Uni<Boolean> worksAt(String subject, UUID checkpointId) {
        return shiftOf(subject).map(shift -> shift.map(s -> s.getCheckpointId().equals(checkpointId)).orElse(false));
    }

    private Uni<Optional<CheckpointStaff>> shiftOf(String subject) {
        Instant now = now();
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("from CheckpointStaff where subject = ?1 and shiftStart <= ?2 and shiftEnd > ?2", CheckpointStaff.class)
                .setParameter(1, subject).setParameter(2, now).setMaxResults(1).getResultList())
                .map(found -> found.stream().findFirst());
    }

    /** Open checkpoints within the radius of the point, nearest first. */
    @WithSession
    public Uni<List<Located>> nearestOpen(OrgCode scope, double lat, double lon, double radiusMeters, int limit) {
        double latSpan = GreatCircle.latitudeSpan(radiusMeters);
        double lonSpan = latSpan / Math.max(0.01, Math.cos(Math.toRadians(lat)));
        return checkpoints.openNear(scope.scopePrefix(), lat - latSpan, lat + latSpan, lon - lonSpan, lon + lonSpan)
                .chain(candidates -> mobile.of(candidates).map(live -> {
                    List<Located> found = new ArrayList<>();
                    for (Checkpoint checkpoint : candidates) {
                        GeoLocation where = checkpoint.isMobile() ? live.get(checkpoint.getId()) : checkpoint.getLocation();
                        if (where == null) {
                            continue;
                        }
                        double distance = GreatCircle.meters(lat, lon, where.lat(), where.lon());
                        if (distance <= radiusMeters) {
                            found.add(new Located(checkpoint, where, distance));
                        }
                    }
                    found.sort(Comparator.comparingDouble(Located::distanceMeters));
                    return found.size() > limit ? List.copyOf(found.subList(0, limit)) : found;
                }));
    }

    public Uni<Map<UUID, GeoLocation>> liveLocations(List<Checkpoint> found) {
        return mobile.of(found);
    }


    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
