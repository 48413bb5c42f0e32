package org.fangkong.alerts.incident.service;

import java.time.Clock;
import java.util.Collection;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.alerts.incident.Incident;
import org.fangkong.alerts.incident.TimelineEntry;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.outbox.Outbox;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.events.v1.Event;
import org.fangkong.proto.events.v1.IncidentChanged;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Every change of an incident is a timeline line and an {@code incident.<what>} event on the incident events stream,
 * written in the transaction of the change (the event through the outbox).
 */
@ApplicationScoped
public class IncidentEvents {

    public static final String STREAM = "incident-events";

    private final Outbox outbox;
    private final Clock clock;

    public IncidentEvents(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<Void> record(Incident incident, String actor, String what, String detail, Collection<UUID> unitIds) {
        return record(incident, actor, what, detail, unitIds, null);
    }

    /** As {@link #record}, adding what the event carries beyond the incident (a breached clock, a cordon plan). */
    public Uni<Void> record(Incident incident, String actor, String what, String detail, Collection<UUID> unitIds,
            java.util.function.Consumer<IncidentChanged.Builder> extra) {
        UUID eventId = UUID.randomUUID();
        IncidentChanged.Builder changed = IncidentChanged.newBuilder()
                .setIncidentId(incident.getId().toString())
                .setNumber(incident.getNumber())
                .setWhat(what)
                .setStatus(incident.getStatus().name())
                .setIncidentType(incident.getType().name())
                .setPriority(incident.getPriority())
                .setLocation(GeoPoint.newBuilder().setLat(incident.getLocation().lat()).setLon(incident.getLocation().lon()))
                .setAddress(incident.getAddress())
                .addAllUnitIds(unitIds.stream().map(UUID::toString).toList())
                .setActor(actor);
        if (incident.getKeySiteId() != null) {
            changed.setKeySiteId(incident.getKeySiteId().toString());
        }
        if (extra != null) {
            extra.accept(changed);
        }
        Event event = Event.newBuilder().setId(eventId.toString()).setType("incident." + what).setOrgCode(incident.getOrgCode())
                .setTime(Timestamps.of(clock.instant())).setIncidentChanged(changed).build();
        return Panache.getSession()
                .chain(session -> session.persist(new TimelineEntry(incident.getId(), clock.instant(), actor, what, detail)))
                .chain(() -> outbox.record(STREAM, eventId, event.toByteArray()));
    }
}
