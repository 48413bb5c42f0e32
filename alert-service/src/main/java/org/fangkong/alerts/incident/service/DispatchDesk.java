package org.fangkong.alerts.incident.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.alerts.client.UnitsClient;
import org.fangkong.alerts.command.CommandModes;
import org.fangkong.alerts.config.AlertsConfig;
import org.fangkong.alerts.incident.Assignment;
import org.fangkong.alerts.incident.Incident;
import org.fangkong.alerts.incident.IncidentStatus;
import org.fangkong.platform.errors.FailedPreconditionException;
import org.fangkong.platform.errors.InvalidArgumentException;
import org.fangkong.platform.errors.NotFoundException;
import org.fangkong.platform.errors.PermissionDeniedException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.Roles;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.units.v1.FindNearestUnitsRequest;
import org.fangkong.proto.units.v1.IncidentMove;
import org.fangkong.proto.units.v1.NearbyUnit;
import org.fangkong.proto.units.v1.Unit;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Recommendation, dispatch and the crews' steps. Units are moved in units-service first (its moves are idempotent, so
 * a retried call repeats them harmlessly), then the incident, its assignments, timeline and event change in one
 * transaction here. Steps that are not allowed are refused before anything moves.
 */
@ApplicationScoped
public class DispatchDesk {

    private static final int MAX_UNITS = 20;

    private final UnitsClient units;
    private final CommandModes modes;
    private final IncidentEvents events;
    private final Stopwatch stopwatch;
    private final AlertsConfig config;
    private final Clock clock;
    private final IncidentQueue queue;
    private final Pool database;

    public DispatchDesk(UnitsClient units, CommandModes modes, IncidentEvents events, Stopwatch stopwatch, AlertsConfig config, Clock clock,
            IncidentQueue queue, Pool database) {
        this.units = units;
        this.database = database;
        this.queue = queue;
        this.modes = modes;
        this.events = events;
        this.stopwatch = stopwatch;
        this.config = config;
        this.clock = clock;
    }

    /** Ranked units and the rules that chose them. */
    public record Recommendation(List<NearbyUnit> units, int wanted, List<String> rules) {
    }

    /** What a recommendation needs of an incident: read as one row, without an entity or a session. */
    private record Whereabouts(String orgCode, String type, int priority, double lat, double lon) {
    }

    public Uni<Recommendation> recommend(Caller caller, UUID incidentId, double radiusM) {
        new Violations().require(radiusM >= 0 && radiusM <= 50_000, "radius_m", "must be between 0 and 50000 metres").throwIfAny();
        return whereabouts(caller, incidentId).chain(incident -> {
            List<String> rules = new ArrayList<>();
            FindNearestUnitsRequest.Builder search = FindNearestUnitsRequest.newBuilder()
                    .setPoint(GeoPoint.newBuilder().setLat(incident.lat()).setLon(incident.lon()))
                    .setRadiusM(radiusM > 0 ? radiusM : config.recommend().radiusM())
                    .setWithinOrgCode(incident.orgCode().substring(0, 4) + "00000000")
                    .setOnlyAvailable(true)
                    .setLimit(10);
            if (config.recommend().armedTypes().contains(incident.type())) {
                search.setMinArmedCount(1);
                rules.add(incident.type() + ": units carrying firearms only");
            }
            int wanted = incident.priority() == 1 ? config.recommend().priorityOneUnits() : 1;
            if (wanted > 1) {
                rules.add("priority 1: at least " + wanted + " units");
            }
            rules.add("available units with a fresh position, nearest first");
            return units.nearest(caller, search.build()).map(found -> new Recommendation(found.getUnitsList(), wanted, rules));
        });
    }

    private Uni<Whereabouts> whereabouts(Caller caller, UUID incidentId) {
        return database.preparedQuery("select org_code, type, priority, lat, lon from incident where id = $1").execute(Tuple.of(incidentId))
                .map(rows -> {
                    Optional<Whereabouts> found = Optional.empty();
                    for (Row row : rows) {
                        found = Optional.of(new Whereabouts(row.getString("org_code"), row.getString("type"), row.getInteger("priority"),
                                row.getDouble("lat"), row.getDouble("lon")));
                    }
                    return found.flatMap(incident -> caller.visible(incident, Whereabouts::orgCode))
                            .orElseThrow(NotFoundException.of("incident", incidentId.toString()));
                });
    }

    /** alert-service acting on its own account, as for an automatic dispatch. */
    private static final Caller SYSTEM = new Caller(Stopwatch.SYSTEM, Set.of(Roles.SERVICE), Optional.empty());

    /**
     * A priority-1 incident inside a key site, when so configured: the recommended units are sent at once, on
     * alert-service's own account. Finding none (or a refusal) leaves the incident for the desk, as the timeline shows.
     */
    public Uni<Void> autoDispatch(Incident incident) {
        return recommend(SYSTEM, incident.getId(), 0).chain(found -> {
            List<UUID> chosen = found.units().stream().limit(found.wanted()).map(n -> UUID.fromString(n.getUnit().getId())).toList();
            if (chosen.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return dispatch(SYSTEM, incident.getId(), chosen).replaceWithVoid();
        }).onFailure().recoverWithUni(failure -> Panache.withTransaction(() -> reload(incident.getId())
                .chain(current -> events.record(current, Stopwatch.SYSTEM, "auto-dispatch-failed", String.valueOf(failure.getMessage()), List.of()))));
    }

    public Uni<Incident> dispatch(Caller caller, UUID incidentId, List<UUID> unitIds) {
        checkUnits(unitIds, "unit_ids");
        return commanded(caller, incidentId).chain(incident -> {
            incident.requireOpen("dispatched");
            return assignments(incidentId).chain(current -> {
                Set<UUID> busy = new LinkedHashSet<>();
                current.stream().filter(a -> !a.isReleased()).forEach(a -> busy.add(a.getUnitId()));
                List<UUID> fresh = unitIds.stream().distinct().filter(id -> !busy.contains(id)).toList();
                if (fresh.isEmpty()) {
                    return Uni.createFrom().item(incident);
                }
                return moveAll(caller, incident, fresh, "unit_ids").chain(moved -> Panache.withTransaction(() -> reload(incidentId).chain(fresh2 -> {
                    fresh2.dispatched();
                    Instant now = now();
                    return Panache.getSession().chain(session -> Multi.createFrom().iterable(moved)
                            .onItem().transformToUniAndConcatenate(unit -> session.merge(new Assignment(incidentId, UUID.fromString(unit.getId()),
                                    unit.getCallSign(), unit.getForceType().name(), caller.auditName(), now)))
                            .collect().asList())
                            .chain(() -> events.record(fresh2, caller.auditName(), "dispatched",
                                    "units " + String.join(", ", moved.stream().map(Unit::getCallSign).toList()), fresh))
                            .replaceWith(fresh2);
                })));
            });
        });
    }

    /** Moves every unit to DISPATCHED, or none: the ones already moved are released again when one is refused. */
    private Uni<List<Unit>> moveAll(Caller caller, Incident incident, List<UUID> unitIds, String field) {
        List<Unit> moved = new ArrayList<>();
        return Multi.createFrom().range(0, unitIds.size())
                .onItem().transformToUniAndConcatenate(i -> units.move(caller, unitIds.get(i), incident.getId(), IncidentMove.DISPATCH,
                        incident.getPriority(), "incident " + incident.getNumber())
                        .onFailure(StatusRuntimeException.class).transform(failure -> refusal((StatusRuntimeException) failure, field + "[" + i + "]"))
                        .invoke(moved::add))
                .collect().asList()
                .onFailure().call(() -> Multi.createFrom().iterable(List.copyOf(moved))
                        .onItem().transformToUniAndConcatenate(unit -> units.move(caller, UUID.fromString(unit.getId()), incident.getId(),
                                IncidentMove.RELEASE, incident.getPriority(), "dispatch of incident " + incident.getNumber() + " undone")
                                .onFailure().recoverWithNull())
                        .collect().asList());
    }

    /** units-service's refusal of one unit, named by the field that asked for it. */
    private static RuntimeException refusal(StatusRuntimeException failure, String field) {
        Status.Code code = failure.getStatus().getCode();
        String why = failure.getStatus().getDescription();
        return switch (code) {
            case NOT_FOUND, INVALID_ARGUMENT -> new InvalidArgumentException(field, "names no unit this dispatch can take (" + why + ")");
            case FAILED_PRECONDITION -> new FailedPreconditionException(field + ": " + why);
            default -> failure;
        };
    }

    /** The order reached the officer's phone: recorded, shown to the dispatcher, distinct from acknowledging. */
    public Uni<Incident> delivered(Caller caller, UUID incidentId, UUID unitId) {
        return crewStep(caller, incidentId, unitId, null, (incident, assignment) -> assignment.delivered(now()) ? "delivered" : null);
    }

    /** The crew took the order: the unit sets out; the first acknowledgement stops the react clock. */
    public Uni<Incident> acknowledge(Caller caller, UUID incidentId, UUID unitId) {
        return crewStep(caller, incidentId, unitId, IncidentMove.SET_OUT, (incident, assignment) -> {
            Instant now = now();
            if (!assignment.acknowledged(now)) {
                return null;
            }
            return incident.acknowledged(now) ? "acknowledged" : "acknowledged-also";
        });
    }

    /** The crew is on scene; the first arrival stops the arrive clock. */
    public Uni<Incident> arrive(Caller caller, UUID incidentId, UUID unitId) {
        return crewStep(caller, incidentId, unitId, IncidentMove.ARRIVE, (incident, assignment) -> {
            Instant now = now();
            if (!assignment.arrived(now)) {
                return null;
            }
            return incident.arrived(now) ? "arrived" : "arrived-also";
        });
    }

    /**
     * A step of one unit's crew, by an officer on that crew now (or a service). The unit's move in units-service comes
     * first; the step then changes the assignment and the incident and names what happened (null: it had already).
     */
    private Uni<Incident> crewStep(Caller caller, UUID incidentId, UUID unitId, IncidentMove move, BiFunction<Incident, Assignment, String> step) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.find(Incident.class, incidentId)
                .chain(incident -> session.find(Assignment.class, new Assignment.Key(incidentId, unitId)).map(assignment -> {
                    if (incident == null) {
                        throw new NotFoundException("incident", incidentId.toString());
                    }
                    // Beyond this, an officer of another organisation learns nothing unless on the unit's crew.
                    boolean sees = sees(caller, incident);
                    if (assignment == null || assignment.isReleased()) {
                        if (!sees) {
                            throw new NotFoundException("incident", incidentId.toString());
                        }
                        throw new FailedPreconditionException(assignment == null ? "unit " + unitId + " is not dispatched to incident " + incident.getNumber()
                                : "unit " + assignment.getCallSign() + " was released from incident " + incident.getNumber());
                    }
                    incident.requireOpen("worked on");
                    return incident;
                }))))
                .call(incident -> onCrew(caller, unitId, incident))
                .call(incident -> move == null ? Uni.createFrom().voidItem()
                        : units.move(caller, unitId, incidentId, move, incident.getPriority(), "incident " + incident.getNumber()).replaceWithVoid())
                .chain(() -> Panache.withTransaction(() -> reload(incidentId).chain(incident -> Panache.getSession()
                        .chain(session -> session.find(Assignment.class, new Assignment.Key(incidentId, unitId)))
                        .chain(assignment -> {
                            String what = step.apply(incident, assignment);
                            if (what == null) {
                                return Uni.createFrom().item(incident);
                            }
                            String name = what.replace("-also", "");
                            return events.record(incident, caller.auditName(), name, "unit " + assignment.getCallSign()
                                    + (what.endsWith("-also") ? " (clock already stopped)" : ""), List.of(unitId)).replaceWith(incident);
                        }))))
                .call(stopwatch::stopped);
    }

    /** A dispatch order still open: the unit's assignment, its incident and the incident's breached clocks. */
    public record OpenDispatch(Incident incident, Assignment assignment, List<String> breached) {
    }

    /**
     * The unit's open dispatch orders, oldest first. An officer asks for a unit whose crew they are on now; the desk
     * sees only incidents within its scope.
     */
    public Uni<List<OpenDispatch>> openDispatches(Caller caller, UUID unitId) {
        Uni<Void> allowed = caller.isService() || deskRole(caller) ? Uni.createFrom().voidItem()
                : units.crew(unitId).map(crew -> {
                    if (!crew.contains(caller.subject())) {
                        throw new PermissionDeniedException("you are not on the crew of unit " + unitId + " this shift");
                    }
                    return null;
                });
        return allowed.chain(() -> Panache.withSession(() -> Panache.getSession().chain(session -> session.createQuery(
                "select a, i from Assignment a, Incident i where a.unitId = :unit and a.releasedAt is null and i.id = a.incidentId"
                        + " and i.status in :open order by a.dispatchedAt, i.id", Object[].class)
                .setParameter("unit", unitId)
                .setParameter("open", Incident.OPEN)
                .getResultList())))
                .map(rows -> rows.stream().filter(row -> !deskRole(caller) || sees(caller, (Incident) row[1])).toList())
                .chain(rows -> queue.breached(rows.stream().map(row -> ((Incident) row[1]).getId()).toList())
                        .map(breached -> rows.stream().map(row -> new OpenDispatch((Incident) row[1], (Assignment) row[0],
                                breached.getOrDefault(((Incident) row[1]).getId(), List.of()))).toList()));
    }

    /** Whether the caller works the desk (not only as an officer on a crew). */
    private static boolean deskRole(Caller caller) {
        return !caller.isService() && (caller.hasRole(Roles.DISPATCHER) || caller.hasRole(Roles.COMMAND_CENTER) || caller.hasRole(Roles.COMMANDER));
    }

    private static boolean sees(Caller caller, Incident incident) {
        return caller.isService() || caller.canSee(org.fangkong.platform.identity.OrgCode.of(incident.getOrgCode()));
    }

    /** An officer acts only for a unit whose crew they are on now; services act for the officer they forward. */
    private Uni<Void> onCrew(Caller caller, UUID unitId, Incident incident) {
        if (caller.isService()) {
            return Uni.createFrom().voidItem();
        }
        return units.crew(unitId).map(crew -> {
            if (!crew.contains(caller.subject())) {
                if (!sees(caller, incident)) {
                    throw new NotFoundException("incident", incident.getId().toString());
                }
                throw new PermissionDeniedException("you are not on the crew of unit " + unitId + " this shift");
            }
            return null;
        });
    }

    public Uni<Incident> resolve(Caller caller, UUID incidentId, String outcome) {
        new Violations().require(outcome == null || outcome.length() <= 1000, "outcome", "must be at most 1000 characters").throwIfAny();
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.find(Incident.class, incidentId)))
                .map(found -> Optional.ofNullable(found).orElseThrow(NotFoundException.of("incident", incidentId.toString())))
                .call(incident -> mayResolve(caller, incident))
                .chain(incident -> {
                    if (incident.getStatus() == IncidentStatus.NEW) {
                        throw new FailedPreconditionException("incident " + incident.getNumber() + " has no unit dispatched: it cannot be resolved yet");
                    }
                    incident.requireOpen("resolved");
                    return release(caller, incident, "resolved", outcome == null ? "" : outcome.strip(), null, inc -> inc.resolve(now()));
                });
    }

    /** An officer on an assigned unit's crew, or the desk where it commands. */
    private Uni<Void> mayResolve(Caller caller, Incident incident) {
        boolean desk = caller.isService() || caller.hasRole(Roles.DISPATCHER) || caller.hasRole(Roles.COMMAND_CENTER) || caller.hasRole(Roles.COMMANDER);
        if (desk) {
            if (!caller.isService() && !caller.canSee(org.fangkong.platform.identity.OrgCode.of(incident.getOrgCode()))) {
                throw new NotFoundException("incident", incident.getId().toString());
            }
            return modes.requireCommand(caller, incident.getOrgCode());
        }
        return assignments(incident.getId()).chain(all -> Multi.createFrom().iterable(all.stream().filter(a -> !a.isReleased()).toList())
                .onItem().transformToUniAndConcatenate(a -> units.crew(a.getUnitId()))
                .collect().asList()
                .map(crews -> {
                    if (crews.stream().noneMatch(crew -> crew.contains(caller.subject()))) {
                        if (!sees(caller, incident)) {
                            throw new NotFoundException("incident", incident.getId().toString());
                        }
                        throw new PermissionDeniedException("you are not on the crew of a unit working incident " + incident.getNumber());
                    }
                    return null;
                }));
    }

    public Uni<Incident> close(Caller caller, UUID incidentId) {
        return commanded(caller, incidentId).chain(incident -> {
            if (incident.getStatus() != IncidentStatus.RESOLVED) {
                throw new FailedPreconditionException("incident " + incident.getNumber() + " is " + incident.getStatus() + ": only a resolved incident can be closed");
            }
            return Panache.withTransaction(() -> reload(incidentId).chain(current -> {
                current.close(now());
                return events.record(current, caller.auditName(), "closed", "", List.of()).replaceWith(current);
            }));
        });
    }

    public Uni<Incident> cancel(Caller caller, UUID incidentId, String reason) {
        new Violations().notBlank(reason, "reason").require(reason == null || reason.length() <= 500, "reason", "must be at most 500 characters")
                .throwIfAny();
        return commanded(caller, incidentId).chain(incident -> {
            incident.requireOpen("cancelled");
            return release(caller, incident, "cancelled", reason.strip(), null, inc -> inc.cancel(now()));
        });
    }

    public Uni<Incident> redispatch(Caller caller, UUID incidentId, List<UUID> release, List<UUID> dispatch, String reason) {
        new Violations().require(!release.isEmpty() || !dispatch.isEmpty(), "release_unit_ids", "name units to release or to dispatch")
                .notBlank(reason, "reason").throwIfAny();
        if (!dispatch.isEmpty()) {
            checkUnits(dispatch, "dispatch_unit_ids");
        }
        return commanded(caller, incidentId).chain(incident -> {
            incident.requireOpen("re-dispatched");
            return assignments(incidentId).chain(all -> {
                for (int i = 0; i < release.size(); i++) {
                    UUID unit = release.get(i);
                    if (all.stream().noneMatch(a -> a.getUnitId().equals(unit) && !a.isReleased())) {
                        throw new InvalidArgumentException("release_unit_ids[" + i + "]", "names no unit working this incident");
                    }
                }
                Set<UUID> toRelease = Set.copyOf(release);
                return release(caller, incident, "redispatched", reason.strip(), toRelease, inc -> {
                });
            });
        }).chain(incident -> dispatch.isEmpty() ? Uni.createFrom().item(incident) : dispatch(caller, incidentId, dispatch));
    }

    /**
     * Releases units (all unreleased ones, or those named) in units-service, then records the step: the incident's
     * own change, the releases, the timeline line and the event, in one transaction.
     */
    private Uni<Incident> release(Caller caller, Incident incident, String what, String detail, Set<UUID> only,
            java.util.function.Consumer<Incident> change) {
        return assignments(incident.getId()).chain(all -> {
            List<Assignment> releasing = all.stream().filter(a -> !a.isReleased() && (only == null || only.contains(a.getUnitId()))).toList();
            return Multi.createFrom().iterable(releasing)
                    .onItem().transformToUniAndConcatenate(a -> units.move(caller, a.getUnitId(), incident.getId(), IncidentMove.RELEASE,
                            incident.getPriority(), "incident " + incident.getNumber() + " " + what))
                    .collect().asList()
                    .chain(() -> Panache.withTransaction(() -> reload(incident.getId()).chain(current -> {
                        change.accept(current);
                        Instant now = now();
                        List<UUID> released = releasing.stream().map(Assignment::getUnitId).toList();
                        return Panache.getSession().chain(session -> Multi.createFrom().iterable(released)
                                .onItem().transformToUniAndConcatenate(unit -> session.find(Assignment.class, new Assignment.Key(current.getId(), unit))
                                        .invoke(a -> a.release(now)))
                                .collect().asList())
                                .chain(() -> events.record(current, caller.auditName(), what, detail, released))
                                .replaceWith(current);
                    })));
        }).call(stopwatch::stopped);
    }

    private static void checkUnits(List<UUID> unitIds, String field) {
        new Violations().require(!unitIds.isEmpty(), field, "must name at least one unit")
                .require(unitIds.size() <= MAX_UNITS, field, "may name at most " + MAX_UNITS + " units").throwIfAny();
    }

    /** An incident within the caller's scope. */
    public Uni<Incident> visible(Caller caller, UUID id) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.find(Incident.class, id)))
                .map(found -> caller.visible(found, Incident::getOrgCode).orElseThrow(NotFoundException.of("incident", id.toString())));
    }

    /** An incident within the caller's scope where the caller may command now. */
    private Uni<Incident> commanded(Caller caller, UUID id) {
        return visible(caller, id).call(incident -> modes.requireCommand(caller, incident.getOrgCode()));
    }

    private Uni<Incident> reload(UUID id) {
        return Panache.getSession().chain(session -> session.find(Incident.class, id));
    }

    private Uni<List<Assignment>> assignments(UUID incidentId) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createQuery("from Assignment where incidentId = ?1 order by dispatchedAt", Assignment.class)
                .setParameter(1, incidentId).getResultList()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
