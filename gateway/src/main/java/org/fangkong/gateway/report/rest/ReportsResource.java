package org.fangkong.gateway.report.rest;

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
import org.fangkong.gateway.client.AlertsClient;
import org.fangkong.gateway.identity.CallerToken;
import org.fangkong.gateway.api.Queries;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.identity.Roles;
import org.fangkong.proto.alerts.v1.ApplyPatrolLevelRequest;
import org.fangkong.proto.alerts.v1.GetComplianceReportRequest;
import org.fangkong.proto.alerts.v1.GetSituationReportRequest;
import org.fangkong.proto.alerts.v1.GetTwoStageReportRequest;
import org.fangkong.proto.alerts.v1.RecommendPatrolLevelsRequest;
import org.fangkong.proto.alerts.v1.SuggestControlPointsRequest;
import org.fangkong.proto.alerts.v1.SuggestReinforcementsRequest;

import io.smallrye.mutiny.Uni;

/** Situation analysis and the patrol advice it gives; formulas in alert-service's README. */
@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports")
@SecurityRequirement(name = "bearer")
public class ReportsResource {

    private final AlertsClient alerts;
    private final CallerToken token;

    public ReportsResource(AlertsClient alerts, CallerToken token) {
        this.alerts = alerts;
        this.token = token;
    }

    @GET
    @Path("/situation")
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "Daily situation report: counts and changes by type and zone, hotspots, 1-3-5 compliance, intelligence-led share")
    public Uni<Response> situation(@QueryParam("orgCode") String orgCode, @QueryParam("day") String day, @QueryParam("days") String days) {
        Violations violations = new Violations();
        GetSituationReportRequest request = GetSituationReportRequest.newBuilder().setOrgCode(Queries.text(orgCode)).setDay(Queries.text(day))
                .setDays(violations.integer(days, "days", 0)).build();
        violations.throwIfAny();
        return alerts.call(token.value(), stub -> stub.getSituationReport(request)).map(ProtoJson::ok);
    }

    @GET
    @Path("/two-stage")
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "The city's report, the district's own and its neighbouring districts'")
    public Uni<Response> twoStage(@QueryParam("orgCode") String orgCode, @QueryParam("day") String day, @QueryParam("days") String days) {
        Violations violations = new Violations();
        GetTwoStageReportRequest request = GetTwoStageReportRequest.newBuilder().setOrgCode(Queries.text(orgCode)).setDay(Queries.text(day))
                .setDays(violations.integer(days, "days", 0)).build();
        violations.throwIfAny();
        return alerts.call(token.value(), stub -> stub.getTwoStageReport(request)).map(ProtoJson::ok);
    }

    @GET
    @Path("/compliance")
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "1-3-5 compliance between two times (RFC 3339), by key site, zone and force type")
    public Uni<Response> compliance(@QueryParam("orgCode") String orgCode, @QueryParam("from") String from, @QueryParam("to") String to) {
        Violations violations = new Violations();
        GetComplianceReportRequest.Builder request = GetComplianceReportRequest.newBuilder().setOrgCode(Queries.text(orgCode));
        Queries.time(from, "from", violations, request::setFrom);
        Queries.time(to, "to", violations, request::setTo);
        violations.throwIfAny();
        return alerts.call(token.value(), stub -> stub.getComplianceReport(request.build())).map(ProtoJson::ok);
    }

    @GET
    @Path("/patrol-levels")
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "Recommended patrol level per zone from incident density")
    public Uni<Response> levels(@QueryParam("orgCode") String orgCode, @QueryParam("days") String days) {
        Violations violations = new Violations();
        RecommendPatrolLevelsRequest request = RecommendPatrolLevelsRequest.newBuilder().setOrgCode(Queries.text(orgCode))
                .setDays(violations.integer(days, "days", 0)).build();
        violations.throwIfAny();
        return alerts.call(token.value(), stub -> stub.recommendPatrolLevels(request)).map(ProtoJson::ok);
    }

    @POST
    @Path("/patrol-levels/{zoneId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.COMMANDER })
    @Operation(summary = "Apply a level to a zone: {\"patrolLevel\": 1, \"reason\": \"...\"}")
    public Uni<Response> apply(@PathParam("zoneId") String zoneId, byte[] body) {
        ApplyPatrolLevelRequest.Builder request = ProtoJson.read(body, ApplyPatrolLevelRequest.newBuilder());
        Queries.pathOnly(request.getZoneId(), "zoneId");
        return alerts.call(token.value(), stub -> stub.applyPatrolLevel(request.setZoneId(zoneId).build())).map(ProtoJson::ok);
    }

    @GET
    @Path("/reinforcements")
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "Zones short of units, with available HQ support units nearby")
    public Uni<Response> reinforcements(@QueryParam("orgCode") String orgCode) {
        return alerts.call(token.value(), stub -> stub.suggestReinforcements(SuggestReinforcementsRequest.newBuilder().setOrgCode(Queries.text(orgCode)).build()))
                .map(ProtoJson::ok);
    }

    @GET
    @Path("/control-points")
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "The busiest hotspot cells as patrol control points")
    public Uni<Response> controlPoints(@QueryParam("orgCode") String orgCode, @QueryParam("days") String days, @QueryParam("limit") String limit) {
        Violations violations = new Violations();
        SuggestControlPointsRequest request = SuggestControlPointsRequest.newBuilder().setOrgCode(Queries.text(orgCode))
                .setDays(violations.integer(days, "days", 0)).setLimit(violations.integer(limit, "limit", 0)).build();
        violations.throwIfAny();
        return alerts.call(token.value(), stub -> stub.suggestControlPoints(request)).map(ProtoJson::ok);
    }
}
