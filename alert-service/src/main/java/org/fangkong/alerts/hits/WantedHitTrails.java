package org.fangkong.alerts.hits;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.time.SqlTimes;
import org.fangkong.proto.alerts.v1.IncidentSource;
import org.fangkong.proto.alerts.v1.InterceptionProposal;
import org.fangkong.proto.alerts.v1.Sighting;
import org.fangkong.proto.alerts.v1.WantedHitTrail;
import org.fangkong.proto.common.v1.GeoPoint;

import com.google.protobuf.InvalidProtocolBufferException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The sightings of a wanted-hit incident in time order, with its latest interception proposal. */
@ApplicationScoped
public class WantedHitTrails {

    /** Callers check the incident's visibility first. */
    public Uni<WantedHitTrail> trail(UUID incidentId) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "select hit_id, source, lat, lon, seen_at, where_seen, coalesce(plate, ''), wanted_entry_id from wanted_hit where incident_id = ?1 "
                        + "order by seen_at, hit_id", Object[].class).setParameter(1, incidentId).getResultList()
                .chain(rows -> session.createNativeQuery("select proposal from interception_proposal where incident_id = ?1", byte[].class)
                        .setParameter(1, incidentId).getResultList()
                        .map(proposals -> {
                            WantedHitTrail.Builder trail = WantedHitTrail.newBuilder().setIncidentId(incidentId.toString());
                            for (Object[] row : rows) {
                                trail.setWantedEntryId(row[7].toString());
                                trail.addSightings(Sighting.newBuilder().setHitId((String) row[0]).setSource(IncidentSource.valueOf((String) row[1]))
                                        .setLocation(GeoPoint.newBuilder().setLat(((Number) row[2]).doubleValue()).setLon(((Number) row[3]).doubleValue()))
                                        .setSeenAt(Timestamps.of(SqlTimes.instant(row[4]))).setWhere((String) row[5]).setPlate((String) row[6]));
                            }
                            if (!proposals.isEmpty()) {
                                try {
                                    trail.setProposal(InterceptionProposal.parseFrom(proposals.get(0)));
                                } catch (InvalidProtocolBufferException e) {
                                    throw new IllegalStateException("stored proposal of incident " + incidentId + " is unreadable", e);
                                }
                            }
                            return trail.build();
                        }))));
    }
}
