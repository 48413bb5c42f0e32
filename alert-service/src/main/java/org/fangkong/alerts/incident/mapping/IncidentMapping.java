package org.fangkong.alerts.incident.mapping;

import org.fangkong.alerts.incident.Incident;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.proto.alerts.v1.IncidentStatus;
import org.fangkong.proto.common.v1.GeoPoint;

/** Between the alerts API's messages and the service's own types. */
public final class IncidentMapping {

    private IncidentMapping() {
    }

    public static org.fangkong.proto.alerts.v1.Incident toProto(Incident incident) {
        return org.fangkong.proto.alerts.v1.Incident.newBuilder()
                .setId(incident.getId().toString())
                .setNumber(incident.getNumber())
                .setType(incident.getType())
                .setPriority(incident.getPriority())
                .setOrgCode(incident.getOrgCode())
                .setLocation(GeoPoint.newBuilder().setLat(incident.getLocation().lat()).setLon(incident.getLocation().lon()))
                .setAddress(incident.getAddress())
                .setStatus(IncidentStatus.valueOf(incident.getStatus().name()))
                .setReportedAt(Timestamps.of(incident.getReportedAt()))
                .build();
    }
}
