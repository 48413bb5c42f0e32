package org.fangkong.gateway.incident.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fangkong.gateway.api.ProtoJson;
import org.fangkong.gateway.api.Queries;
import org.fangkong.gateway.client.AlertsClient;
import org.fangkong.gateway.identity.CallerToken;
import org.fangkong.platform.errors.InvalidArgumentException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.identity.Roles;
import org.fangkong.proto.alerts.v1.CancelIncidentRequest;
import org.fangkong.proto.alerts.v1.CloseIncidentRequest;
import org.fangkong.proto.alerts.v1.DispatchUnitsRequest;
import org.fangkong.proto.alerts.v1.GetIncidentRequest;
import org.fangkong.proto.alerts.v1.GetWantedHitTrailRequest;
import org.fangkong.proto.alerts.v1.IncidentStatus;
import org.fangkong.proto.alerts.v1.IncidentType;
import org.fangkong.proto.alerts.v1.IncidentUnitRequest;
import org.fangkong.proto.alerts.v1.ListIncidentsRequest;
import org.fangkong.proto.alerts.v1.RecommendUnitsRequest;
import org.fangkong.proto.alerts.v1.RedispatchIncidentRequest;
import org.fangkong.proto.alerts.v1.ReportIncidentRequest;
import org.fangkong.proto.alerts.v1.ResolveIncidentRequest;

import io.smallrye.mutiny.Uni;

/**
 * Incidents: the duty room reports, lists, recommends and dispatches; officers confirm delivery, acknowledge, arrive
 * and resolve for their unit. Bodies and answers are the alerts API's messages in JSON.
 */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Incidents")
@SecurityRequirement(name = "bearer")
public class IncidentsResource {

    private final AlertsClient alerts;
    private final CallerToken token;

    public IncidentsResource(AlertsClient alerts, CallerToken token) {
        this.alerts = alerts;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.OFFICER })
    @Operation(summary = "Report an incident (officers: what they see themselves, source ON_VIEW); the same idempotencyKey twice is one incident")
    public Uni<Response> report(byte[] body) {
        ReportIncidentRequest request = ProtoJson.read(body, ReportIncidentRequest.newBuilder()).build();
        return alerts.call(token.value(), stub -> stub.reportIncident(request))
                .map(incident -> ProtoJson.created("/api/v1/incidents/" + incident.getId(), incident));
    }

    @GET
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "Incidents of an organisation subtree, newest first, by status, type and report time; keyset pages")
    public Uni<Response> list(@QueryParam("orgCode") String orgCode, @QueryParam("status") List<String> statuses, @QueryParam("type") List<String> types,
            @QueryParam("reportedFrom") String from, @QueryParam("reportedTo") String to, @QueryParam("pageSize") String pageSize,
            @QueryParam("pageToken") String pageToken) {
        Violations violations = new Violations();
        ListIncidentsRequest.Builder request = ListIncidentsRequest.newBuilder()
                .setOrgCode(orgCode == null ? "" : orgCode)
                .setPage(Queries.page(pageSize, pageToken, violations));
        statuses.forEach(s -> request.addStatuses(Queries.named(IncidentStatus.class, s, "status")));
        types.forEach(t -> request.addTypes(Queries.named(IncidentType.class, t, "type")));
        Queries.time(from, "reportedFrom", violations, request::setReportedFrom);
        Queries.time(to, "reportedTo", violations, request::setReportedTo);
        violations.throwIfAny();
        return alerts.call(token.value(), stub -> stub.listIncidents(request.build())).map(ProtoJson::ok);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "An incident with its units, timeline and 1-3-5 stopwatch")
    public Uni<Response> get(@PathParam("id") String id) {
        return alerts.call(token.value(), stub -> stub.getIncident(GetIncidentRequest.newBuilder().setId(id).build())).map(ProtoJson::ok);
    }

    @GET
    @Path("/{id}/trail")
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "A wanted-hit incident's sightings in time order and its interception proposal")
    public Uni<Response> trail(@PathParam("id") String id) {
        return alerts.call(token.value(), stub -> stub.getWantedHitTrail(GetWantedHitTrailRequest.newBuilder().setIncidentId(id).build()))
                .map(ProtoJson::ok);
    }

    @GET
    @Path("/{id}/recommendations")
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER })
    @Operation(summary = "Available units ranked for the incident, with the rules applied")
    public Uni<Response> recommend(@PathParam("id") String id, @QueryParam("radiusMeters") String radius) {
        Violations violations = new Violations();
        RecommendUnitsRequest request = RecommendUnitsRequest.newBuilder().setIncidentId(id)
                .setRadiusM(radius == null || radius.isBlank() ? 0 : violations.decimal(radius, "radiusMeters")).build();
        violations.throwIfAny();
        return alerts.call(token.value(), stub -> stub.recommendUnits(request)).map(ProtoJson::ok);
    }

    @POST
    @Path("/{id}/dispatch")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER })
    @Operation(summary = "Send units: {\"unitIds\": [...]}; each moves to DISPATCHED and the dispatch order goes out")
    public Uni<Response> dispatch(@PathParam("id") String id, byte[] body) {
        DispatchUnitsRequest.Builder request = ProtoJson.read(body, DispatchUnitsRequest.newBuilder());
        Queries.pathOnly(request.getIncidentId(), "incidentId");
        return alerts.call(token.value(), stub -> stub.dispatchUnits(request.setIncidentId(id).build())).map(ProtoJson::ok);
    }

    @POST
    @Path("/{id}/units/{unitId}/delivery")
    @RolesAllowed({ Roles.OFFICER })
    @Operation(summary = "The dispatch order reached the officer's phone (a delivery receipt, not an acknowledgement)")
    public Uni<Response> delivered(@PathParam("id") String id, @PathParam("unitId") String unitId) {
        return alerts.call(token.value(), stub -> stub.confirmDelivery(unit(id, unitId))).map(ProtoJson::ok);
    }

    @POST
    @Path("/{id}/units/{unitId}/acknowledge")
    @RolesAllowed({ Roles.OFFICER })
    @Operation(summary = "The officer's unit takes the order and sets out")
    public Uni<Response> acknowledge(@PathParam("id") String id, @PathParam("unitId") String unitId) {
        return alerts.call(token.value(), stub -> stub.acknowledgeDispatch(unit(id, unitId))).map(ProtoJson::ok);
    }

    @POST
    @Path("/{id}/units/{unitId}/arrive")
    @RolesAllowed({ Roles.OFFICER })
    @Operation(summary = "The officer's unit is on scene")
    public Uni<Response> arrive(@PathParam("id") String id, @PathParam("unitId") String unitId) {
        return alerts.call(token.value(), stub -> stub.arriveOnScene(unit(id, unitId))).map(ProtoJson::ok);
    }

    @POST
    @Path("/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.OFFICER, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER })
    @Operation(summary = "Resolve: {\"outcome\": \"...\"}; every unit is released")
    public Uni<Response> resolve(@PathParam("id") String id, byte[] body) {
        ResolveIncidentRequest.Builder request = ProtoJson.read(body, ResolveIncidentRequest.newBuilder());
        Queries.pathOnly(request.getIncidentId(), "incidentId");
        return alerts.call(token.value(), stub -> stub.resolveIncident(request.setIncidentId(id).build())).map(ProtoJson::ok);
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER })
    @Operation(summary = "Close a resolved incident")
    public Uni<Response> close(@PathParam("id") String id) {
        return alerts.call(token.value(), stub -> stub.closeIncident(CloseIncidentRequest.newBuilder().setIncidentId(id).build())).map(ProtoJson::ok);
    }

    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER })
    @Operation(summary = "Cancel an open incident: {\"reason\": \"...\"}; its units are released")
    public Uni<Response> cancel(@PathParam("id") String id, byte[] body) {
        CancelIncidentRequest.Builder request = ProtoJson.read(body, CancelIncidentRequest.newBuilder());
        Queries.pathOnly(request.getIncidentId(), "incidentId");
        return alerts.call(token.value(), stub -> stub.cancelIncident(request.setIncidentId(id).build())).map(ProtoJson::ok);
    }

    @POST
    @Path("/{id}/redispatch")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER })
    @Operation(summary = "Release units and send others: {\"releaseUnitIds\": [...], \"dispatchUnitIds\": [...], \"reason\": \"...\"}")
    public Uni<Response> redispatch(@PathParam("id") String id, byte[] body) {
        RedispatchIncidentRequest.Builder request = ProtoJson.read(body, RedispatchIncidentRequest.newBuilder());
        Queries.pathOnly(request.getIncidentId(), "incidentId");
        return alerts.call(token.value(), stub -> stub.redispatchIncident(request.setIncidentId(id).build())).map(ProtoJson::ok);
    }

    private static IncidentUnitRequest unit(String id, String unitId) {
        return IncidentUnitRequest.newBuilder().setIncidentId(id).setUnitId(unitId).build();
    }
}
