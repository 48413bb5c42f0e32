package org.fangkong.alerts.incident.grpc;

import jakarta.annotation.security.RolesAllowed;

import org.fangkong.alerts.incident.mapping.IncidentMapping;
import org.fangkong.alerts.incident.service.IncidentQueue;
import org.fangkong.platform.errors.NotFoundException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.identity.CurrentCaller;
import org.fangkong.platform.identity.Roles;
import org.fangkong.proto.alerts.v1.AlertService;
import org.fangkong.proto.alerts.v1.GetIncidentRequest;
import org.fangkong.proto.alerts.v1.Incident;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

@GrpcService
public class AlertGrpcService implements AlertService {

    private final CurrentCaller caller;
    private final IncidentQueue queue;

    public AlertGrpcService(CurrentCaller caller, IncidentQueue queue) {
        this.caller = caller;
        this.queue = queue;
    }

    @Override
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.SERVICE })
    public Uni<Incident> getIncident(GetIncidentRequest request) {
        return caller.get()
                .chain(who -> queue.find(who, Violations.requireUuid(request.getId(), "id")))
                .map(found -> found.map(IncidentMapping::toProto).orElseThrow(NotFoundException.of("incident", request.getId())));
    }
}
