package org.fangkong.alerts.hits;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.alerts.client.CheckpointsClient;
import org.fangkong.alerts.client.UnitsClient;
import org.fangkong.alerts.config.AlertsConfig;
import org.fangkong.alerts.incident.Incident;
import org.fangkong.alerts.incident.IncidentSource;
import org.fangkong.alerts.incident.IncidentType;
import org.fangkong.alerts.incident.service.IncidentEvents;
import org.fangkong.alerts.incident.service.IncidentIntake;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.platform.identity.Roles;
import org.fangkong.proto.alerts.v1.InterceptionProposal;
import org.fangkong.proto.alerts.v1.ProposedCheckpoint;
import org.fangkong.proto.alerts.v1.ProposedUnit;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.units.v1.FindNearestUnitsRequest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Hits become interceptions (flow 3). A hit is stored once by its id; the first hit of a wanted subject opens a
 * {@code WANTED_HIT} incident, and later hits within the window join it as sightings (its trail) instead of opening
 * new ones. Every sighting refreshes the interception proposal: the nearest available units carrying firearms and
 * the nearest open checkpoints. Hits of one subject are serialised by a transaction-scoped advisory lock, so
 * concurrent consumers never open two incidents for it.
 */
@ApplicationScoped
public class WantedHits {

    static final Caller SYSTEM = new Caller("alert-service", Set.of(Roles.SERVICE), Optional.empty());

    private final IncidentIntake intake;
    private final IncidentEvents events;
    private final UnitsClient units;
    private final CheckpointsClient checkpoints;
    private final AlertsConfig config;
    private final Clock clock;

    public WantedHits(IncidentIntake intake, IncidentEvents events, UnitsClient units, CheckpointsClient checkpoints, AlertsConfig config,
            Clock clock) {
        this.intake = intake;
        this.events = events;
        this.units = units;
        this.checkpoints = checkpoints;
        this.config = config;
        this.clock = clock;
    }

    /** A hit as read from either stream. */
    public record Hit(String hitId, UUID wantedEntryId, IncidentSource source, String orgCode, String plate, String subject, int severity,
            double lat, double lon, Instant seenAt, String where) {
    }

    /** What a hit came to: nothing (seen before), a sighting of an open incident, or a new incident. */
    private record Landing(UUID incidentId, boolean fresh) {
    }

    public Uni<Void> handle(Hit hit) {
        return Panache.withTransaction(() -> lock(hit).chain(() -> record(hit)).chain(isNew -> isNew ? join(hit) : Uni.createFrom().item(Optional.<Landing>empty())))
                .chain(landing -> {
                    if (landing.isPresent()) {
                        return Uni.createFrom().item(landing);
                    }
                    return alreadyLanded(hit).chain(landed -> landed ? Uni.createFrom().item(Optional.<Landing>empty()) : open(hit));
                })
                .chain(landing -> landing.map(l -> propose(l.incidentId(), hit)).orElse(Uni.createFrom().voidItem()));
    }

    private Uni<Void> lock(Hit hit) {
        return Panache.getSession().chain(session -> session.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 7))")
                .setParameter(1, "wanted:" + hit.wantedEntryId()).getSingleResult()).replaceWithVoid();
    }

    /** Stores the hit unless it was stored before; true when this hit still has to land on an incident. */
    private Uni<Boolean> record(Hit hit) {
        return Panache.getSession().chain(session -> session.createNativeQuery("insert into wanted_hit (hit_id, wanted_entry_id, source, plate, lat, lon, "
                + "seen_at, where_seen, received_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) on conflict (hit_id) do nothing")
                .setParameter(1, hit.hitId()).setParameter(2, hit.wantedEntryId()).setParameter(3, hit.source().name()).setParameter(4, hit.plate())
                .setParameter(5, hit.lat()).setParameter(6, hit.lon()).setParameter(7, hit.seenAt().atOffset(ZoneOffset.UTC))
                .setParameter(8, hit.where()).setParameter(9, clock.instant().atOffset(ZoneOffset.UTC)).executeUpdate()
                .chain(() -> session.createNativeQuery("select count(*) from wanted_hit where hit_id = ?1 and incident_id is null", Long.class)
                        .setParameter(1, hit.hitId()).getSingleResult()))
                .map(pending -> pending > 0);
    }

    private Uni<Boolean> alreadyLanded(Hit hit) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "select count(*) from wanted_hit where hit_id = ?1 and incident_id is not null", Long.class).setParameter(1, hit.hitId()).getSingleResult()))
                .map(count -> count > 0);
    }

    /** Joins the subject's open incident if its last sighting lies within the window; empty when a new one is needed. */
    private Uni<Optional<Landing>> join(Hit hit) {
        return Panache.getSession().chain(session -> session.createNativeQuery("select s.incident_id from wanted_subject s join incident i on i.id = s.incident_id "
                + "where s.wanted_entry_id = ?1 and s.last_seen_at > ?2 and i.status in ('NEW', 'DISPATCHED', 'ACKNOWLEDGED', 'ON_SCENE')", UUID.class)
                .setParameter(1, hit.wantedEntryId()).setParameter(2, hit.seenAt().minus(config.hits().window()).atOffset(ZoneOffset.UTC))
                .getResultList()
                .chain(found -> {
                    if (found.isEmpty()) {
                        return Uni.createFrom().item(Optional.<Landing>empty());
                    }
                    UUID incidentId = found.get(0);
                    return land(hit, incidentId)
                            .chain(() -> session.find(Incident.class, incidentId))
                            .chain(incident -> events.record(incident, SYSTEM.auditName(), "sighted", describe(hit), List.of()))
                            .replaceWith(Optional.of(new Landing(incidentId, false)));
                }));
    }

    /** Opens the subject's incident (placed by units-service first, outside the transaction), or joins one opened meanwhile. */
    private Uni<Optional<Landing>> open(Hit hit) {
        OrgCode org = OrgCode.of(hit.orgCode());
        IncidentIntake.Report report = new IncidentIntake.Report("wanted-" + hit.hitId(), IncidentType.WANTED_HIT, Math.max(1, Math.min(4, hit.severity())),
                org.value(), hit.lat(), hit.lon(), hit.where().isEmpty() ? "street check" : hit.where(), hit.source(),
                "wanted " + hit.subject() + ": " + describe(hit), false);
        return intake.locate(org, hit.lat(), hit.lon())
                .chain(place -> Panache.withTransaction(() -> lock(hit).chain(() -> join(hit)).chain(joined -> {
                    if (joined.isPresent()) {
                        return Uni.createFrom().item(joined.get());
                    }
                    return intake.insert(SYSTEM, report, org, SYSTEM.subject() + ":" + report.idempotencyKey(), place)
                            .call(incident -> land(hit, incident.getId()))
                            .map(incident -> new Landing(incident.getId(), true));
                })))
                .call(landing -> landing.fresh() ? Panache.withSession(() -> Panache.getSession()
                        .chain(session -> session.find(Incident.class, landing.incidentId())))
                        .chain(incident -> intake.started(SYSTEM, incident)) : Uni.createFrom().voidItem())
                .map(Optional::of);
    }

    /** The hit joins the incident, which becomes the subject's current one. */
    private Uni<Void> land(Hit hit, UUID incidentId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("update wanted_hit set incident_id = ?2 where hit_id = ?1")
                .setParameter(1, hit.hitId()).setParameter(2, incidentId).executeUpdate()
                .chain(() -> session.createNativeQuery("insert into wanted_subject (wanted_entry_id, incident_id, last_seen_at) values (?1, ?2, ?3) "
                        + "on conflict (wanted_entry_id) do update set incident_id = excluded.incident_id, "
                        + "last_seen_at = greatest(wanted_subject.last_seen_at, excluded.last_seen_at)")
                        .setParameter(1, hit.wantedEntryId()).setParameter(2, incidentId).setParameter(3, hit.seenAt().atOffset(ZoneOffset.UTC))
                        .executeUpdate()))
                .replaceWithVoid();
    }

    /**
     * Refreshes the interception proposal from the latest sighting: the nearest available units carrying firearms and
     * the nearest open checkpoints. A neighbour that does not answer leaves the previous proposal standing.
     */
    private Uni<Void> propose(UUID incidentId, Hit hit) {
        int size = config.hits().proposalSize();
        String city = hit.orgCode().substring(0, 4) + "00000000";
        GeoPoint point = GeoPoint.newBuilder().setLat(hit.lat()).setLon(hit.lon()).build();
        Uni<List<ProposedUnit>> nearUnits = units.nearest(SYSTEM, FindNearestUnitsRequest.newBuilder().setPoint(point)
                .setRadiusM(config.hits().unitRadiusM()).setLimit(size).setWithinOrgCode(city).setMinArmedCount(1).setOnlyAvailable(true).build())
                .map(found -> found.getUnitsList().stream().map(n -> ProposedUnit.newBuilder().setUnitId(n.getUnit().getId())
                        .setCallSign(n.getUnit().getCallSign()).setDistanceM(n.getDistanceM()).setEtaSeconds(n.getEtaSeconds()).build()).toList());
        Uni<List<ProposedCheckpoint>> nearCheckpoints = checkpoints.nearest(point, config.hits().checkpointRadiusM(), size, city)
                .map(found -> found.getCheckpointsList().stream().map(n -> ProposedCheckpoint.newBuilder().setCheckpointId(n.getCheckpoint().getId())
                        .setName(n.getCheckpoint().getName()).setDistanceM(n.getDistanceM()).build()).toList());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Uni.combine().all().unis(nearUnits, nearCheckpoints).asTuple()
                .chain(found -> {
                    InterceptionProposal proposal = InterceptionProposal.newBuilder().addAllUnits(found.getItem1())
                            .addAllCheckpoints(found.getItem2()).setRefreshedAt(Timestamps.of(now)).build();
                    return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                            "insert into interception_proposal (incident_id, proposal, refreshed_at) values (?1, ?2, ?3) on conflict (incident_id) "
                                    + "do update set proposal = excluded.proposal, refreshed_at = excluded.refreshed_at "
                                    + "where interception_proposal.refreshed_at <= excluded.refreshed_at")
                            .setParameter(1, incidentId).setParameter(2, proposal.toByteArray()).setParameter(3, now.atOffset(ZoneOffset.UTC))
                            .executeUpdate()
                            .chain(() -> session.find(Incident.class, incidentId))
                            .chain(incident -> events.record(incident, SYSTEM.auditName(), "interception",
                                    found.getItem1().size() + " units, " + found.getItem2().size() + " checkpoints proposed",
                                    found.getItem1().stream().map(u -> UUID.fromString(u.getUnitId())).toList(),
                                    changed -> changed.addAllCheckpointIds(found.getItem2().stream().map(ProposedCheckpoint::getCheckpointId).toList())))));
                })
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private static String describe(Hit hit) {
        return (hit.source() == IncidentSource.CAPTURE_HIT ? "camera " : "check ") + (hit.where().isEmpty() ? "in the street" : hit.where())
                + " at " + hit.seenAt() + (hit.plate() == null || hit.plate().isEmpty() ? "" : ", plate " + hit.plate());
    }
}
