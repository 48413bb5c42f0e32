package org.fangkong.gateway.agency;

import org.fangkong.gateway.live.LiveCursor;
import org.fangkong.gateway.live.LiveEvent;
import org.fangkong.gateway.live.LiveListener;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.proto.agency.v1.IncidentUpdate;
import org.fangkong.proto.agency.v1.Point;
import org.fangkong.proto.events.v1.Event;
import org.fangkong.proto.events.v1.IncidentChanged;

import io.smallrye.mutiny.subscription.MultiEmitter;

/** An agency's subscription: incident changes of its granted regions, handed to its gRPC stream as they come. */
public final class AgencySubscription implements LiveListener {

    private static final String WANTED_HIT = "WANTED_HIT";

    private final AgencyGrant grant;
    private final boolean wantedHitsOnly;
    private final MultiEmitter<? super IncidentUpdate> emitter;
    private volatile boolean closed;
    private Runnable onClose = () -> {
    };

    public AgencySubscription(AgencyGrant grant, boolean wantedHitsOnly, MultiEmitter<? super IncidentUpdate> emitter) {
        this.grant = grant;
        this.wantedHitsOnly = wantedHitsOnly;
        this.emitter = emitter;
        emitter.onTermination(() -> {
            closed = true;
            onClose.run();
        });
    }

    @Override
    public void offer(LiveEvent event) {
        Event envelope = event.event();
        if (closed || envelope.getPayloadCase() != Event.PayloadCase.INCIDENT_CHANGED || !grant.covers(envelope.getOrgCode())) {
            return;
        }
        IncidentChanged incident = envelope.getIncidentChanged();
        if (wantedHitsOnly && !WANTED_HIT.equals(incident.getIncidentType())) {
            return;
        }
        emitter.emit(IncidentUpdate.newBuilder().setWhat(incident.getWhat()).setIncidentId(incident.getIncidentId()).setNumber(incident.getNumber())
                .setOrgCode(envelope.getOrgCode()).setType(incident.getIncidentType()).setPriority(incident.getPriority()).setStatus(incident.getStatus())
                .setLocation(Point.newBuilder().setLat(incident.getLocation().getLat()).setLon(incident.getLocation().getLon()))
                .setAddress(incident.getAddress()).setAt(envelope.hasTime() ? envelope.getTime() : Timestamps.of(java.time.Instant.now())).build());
    }

    @Override
    public void replay(LiveEvent event) {
        offer(event);
    }

    @Override
    public void resumeFrom(LiveCursor cursor) {
        // A subscription starts from now: nothing to resume.
    }

    @Override
    public void goLive() {
        // Events are emitted as they are offered.
    }

    @Override
    public void onClose(Runnable action) {
        this.onClose = action;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void keepAlive() {
        // gRPC keeps the connection alive itself.
    }

    @Override
    public void close(String reason) {
        if (!closed) {
            closed = true;
            emitter.fail(io.grpc.Status.UNAVAILABLE.withDescription(reason).asRuntimeException());
        }
    }
}
