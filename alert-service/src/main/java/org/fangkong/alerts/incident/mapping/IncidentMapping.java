package org.fangkong.alerts.incident.mapping;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.fangkong.alerts.incident.Assignment;
import org.fangkong.alerts.incident.Incident;
import org.fangkong.alerts.incident.IncidentSource;
import org.fangkong.alerts.incident.IncidentType;
import org.fangkong.alerts.incident.TimelineEntry;
import org.fangkong.alerts.incident.service.IncidentQueue;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.proto.alerts.v1.AssignmentState;
import org.fangkong.proto.alerts.v1.IncidentStatus;
import org.fangkong.proto.alerts.v1.Stopwatch;
import org.fangkong.proto.common.v1.GeoPoint;

import com.google.protobuf.Timestamp;

/** Between the alerts API's messages and the service's own types. */
public final class IncidentMapping {

    private IncidentMapping() {
    }

    /** An incident as listed: without units and timeline. */
    public static org.fangkong.proto.alerts.v1.Incident toProto(Incident incident) {
        return builder(incident, List.of()).build();
    }

    public static org.fangkong.proto.alerts.v1.Incident toProto(IncidentQueue.View view) {
        org.fangkong.proto.alerts.v1.Incident.Builder builder = builder(view.incident(), view.breached());
        view.assignments().forEach(a -> builder.addAssignments(toProto(a)));
        for (TimelineEntry entry : view.timeline()) {
            builder.addTimeline(org.fangkong.proto.alerts.v1.TimelineEntry.newBuilder().setAt(Timestamps.of(entry.getAt()))
                    .setActor(entry.getActor()).setWhat(entry.getWhat()).setDetail(entry.getDetail()));
        }
        return builder.build();
    }

    private static org.fangkong.proto.alerts.v1.Incident.Builder builder(Incident incident, List<String> breached) {
        Stopwatch.Builder stopwatch = Stopwatch.newBuilder()
                .setReactTargetS((int) incident.target(Incident.Clock.REACT).toSeconds())
                .setArriveTargetS((int) incident.target(Incident.Clock.ARRIVE).toSeconds())
                .setResolveTargetS((int) incident.target(Incident.Clock.RESOLVE).toSeconds())
                .addAllBreached(breached);
        set(incident.stopped(Incident.Clock.REACT), stopwatch::setReactedAt);
        set(incident.stopped(Incident.Clock.ARRIVE), stopwatch::setArrivedAt);
        set(incident.stopped(Incident.Clock.RESOLVE), stopwatch::setResolvedAt);
        org.fangkong.proto.alerts.v1.Incident.Builder builder = org.fangkong.proto.alerts.v1.Incident.newBuilder()
                .setId(incident.getId().toString())
                .setNumber(incident.getNumber())
                .setType(org.fangkong.proto.alerts.v1.IncidentType.valueOf(incident.getType().name()))
                .setPriority(incident.getPriority())
                .setOrgCode(incident.getOrgCode())
                .setLocation(GeoPoint.newBuilder().setLat(incident.getLocation().lat()).setLon(incident.getLocation().lon()))
                .setAddress(incident.getAddress())
                .setStatus(IncidentStatus.valueOf(incident.getStatus().name()))
                .setReportedAt(Timestamps.of(incident.getReportedAt()))
                .setSource(org.fangkong.proto.alerts.v1.IncidentSource.valueOf(incident.getSource().name()))
                .setDescription(incident.getDescription())
                .setStopwatch(stopwatch)
                .setMajor(incident.isMajor())
                .setCordonActivated(incident.isCordonActivated())
                .setVersion(incident.getVersion());
        if (incident.getKeySiteId() != null) {
            builder.setKeySiteId(incident.getKeySiteId().toString()).setKeySiteName(incident.getKeySiteName());
        }
        if (incident.getZoneId() != null) {
            builder.setZoneId(incident.getZoneId().toString());
        }
        if (incident.getCordonPlanId() != null) {
            builder.setCordonPlanId(incident.getCordonPlanId().toString());
        }
        return builder;
    }

    public static org.fangkong.proto.alerts.v1.Assignment toProto(Assignment assignment) {
        org.fangkong.proto.alerts.v1.Assignment.Builder builder = org.fangkong.proto.alerts.v1.Assignment.newBuilder()
                .setUnitId(assignment.getUnitId().toString())
                .setCallSign(assignment.getCallSign())
                .setState(AssignmentState.valueOf(assignment.getState().name()))
                .setDispatchedAt(Timestamps.of(assignment.getDispatchedAt()));
        set(assignment.getDeliveredAt(), builder::setDeliveredAt);
        set(assignment.getAcknowledgedAt(), builder::setAcknowledgedAt);
        set(assignment.getArrivedAt(), builder::setArrivedAt);
        set(assignment.getReleasedAt(), builder::setReleasedAt);
        return builder.build();
    }

    private static void set(Instant at, Consumer<Timestamp> setter) {
        if (at != null) {
            setter.accept(Timestamps.of(at));
        }
    }

    public static IncidentType type(org.fangkong.proto.alerts.v1.IncidentType type) {
        return type == org.fangkong.proto.alerts.v1.IncidentType.INCIDENT_TYPE_UNSPECIFIED || type == org.fangkong.proto.alerts.v1.IncidentType.UNRECOGNIZED
                ? null : IncidentType.valueOf(type.name());
    }

    public static IncidentSource source(org.fangkong.proto.alerts.v1.IncidentSource source) {
        return source == org.fangkong.proto.alerts.v1.IncidentSource.INCIDENT_SOURCE_UNSPECIFIED
                || source == org.fangkong.proto.alerts.v1.IncidentSource.UNRECOGNIZED ? null : IncidentSource.valueOf(source.name());
    }
}
