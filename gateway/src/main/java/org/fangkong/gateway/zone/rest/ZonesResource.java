package org.fangkong.gateway.zone.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.fangkong.gateway.client.UnitsClient;
import org.fangkong.gateway.identity.CallerToken;
import org.fangkong.platform.identity.Roles;
import org.fangkong.platform.errors.Violations;
import org.fangkong.proto.units.v1.CreateZoneRequest;
import org.fangkong.proto.units.v1.DeleteZoneRequest;
import org.fangkong.proto.units.v1.GetZoneCoverageRequest;
import org.fangkong.proto.units.v1.GetZoneRequest;
import org.fangkong.proto.units.v1.ListUnitsInZoneRequest;
import org.fangkong.proto.units.v1.ListZoneLevelHistoryRequest;
import org.fangkong.proto.units.v1.ListZonesRequest;
import org.fangkong.proto.units.v1.SetZoneLevelRequest;
import org.fangkong.proto.units.v1.UpdateZoneRequest;

import io.smallrye.mutiny.Uni;

/** Patrol zones: their polygons, patrol levels with the reasons for each change, the units inside and the coverage shortfall. */
@Path("/api/v1/zones")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Zones and key sites")
@SecurityRequirement(name = "bearer")
public class ZonesResource {

    private final UnitsClient units;
    private final CallerToken token;

    public ZonesResource(UnitsClient units, CallerToken token) {
        this.units = units;
        this.token = token;
    }

    @GET
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "Zones of a subtree")
    public Uni<Response> list(@QueryParam("orgCode") String orgCode, @QueryParam("pageSize") String pageSize, @QueryParam("pageToken") String pageToken) {
        Violations violations = new Violations();
        ListZonesRequest request = ListZonesRequest.newBuilder().setOrgCode(Queries.text(orgCode)).setPage(Queries.page(pageSize, pageToken, violations))
                .build();
        violations.throwIfAny();
        return units.call(token.value(), stub -> stub.listZones(request)).map(ProtoJson::ok);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Draw a zone: {\"name\", \"orgCode\", \"polygon\": [{\"lat\", \"lon\"}, ...] closed, \"patrolLevel\"}")
    public Uni<Response> create(byte[] body) {
        CreateZoneRequest request = ProtoJson.read(body, CreateZoneRequest.newBuilder()).build();
        return units.call(token.value(), stub -> stub.createZone(request)).map(zone -> ProtoJson.created("/api/v1/zones/" + zone.getId(), zone));
    }

    @GET
    @Path("/coverage")
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "Every zone of a subtree: visible on-duty units inside against those its level requires")
    public Uni<Response> coverage(@QueryParam("orgCode") String orgCode) {
        return units.call(token.value(), stub -> stub.getZoneCoverage(GetZoneCoverageRequest.newBuilder().setOrgCode(Queries.text(orgCode)).build()))
                .map(ProtoJson::ok);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "A zone")
    public Uni<Response> get(@PathParam("id") String id) {
        return units.call(token.value(), stub -> stub.getZone(GetZoneRequest.newBuilder().setId(id).build())).map(ProtoJson::ok);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Rename or redraw a zone: {\"name\", \"polygon\"} (either kept when absent)")
    public Uni<Response> update(@PathParam("id") String id, byte[] body) {
        UpdateZoneRequest.Builder request = ProtoJson.read(body, UpdateZoneRequest.newBuilder());
        Queries.pathOnly(request.getId(), "id");
        return units.call(token.value(), stub -> stub.updateZone(request.setId(id).build())).map(ProtoJson::ok);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Remove a zone")
    public Uni<Response> remove(@PathParam("id") String id) {
        return units.call(token.value(), stub -> stub.deleteZone(DeleteZoneRequest.newBuilder().setId(id).build())).map(done -> Response.noContent().build());
    }

    @PUT
    @Path("/{id}/level")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.COMMANDER, Roles.ADMIN })
    @Operation(summary = "Raise or lower the patrol level: {\"patrolLevel\": 1..4, \"reason\"}; kept in the zone's history")
    public Uni<Response> level(@PathParam("id") String id, byte[] body) {
        SetZoneLevelRequest.Builder request = ProtoJson.read(body, SetZoneLevelRequest.newBuilder());
        Queries.pathOnly(request.getZoneId(), "zoneId");
        return units.call(token.value(), stub -> stub.setZoneLevel(request.setZoneId(id).build())).map(ProtoJson::ok);
    }

    @GET
    @Path("/{id}/levels")
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "The zone's level changes, newest first, with who and why")
    public Uni<Response> levels(@PathParam("id") String id) {
        return units.call(token.value(), stub -> stub.listZoneLevelHistory(ListZoneLevelHistoryRequest.newBuilder().setZoneId(id).build()))
                .map(ProtoJson::ok);
    }

    @GET
    @Path("/{id}/units")
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "On-duty units whose live position lies inside the zone")
    public Uni<Response> unitsInside(@PathParam("id") String id) {
        return units.call(token.value(), stub -> stub.listUnitsInZone(ListUnitsInZoneRequest.newBuilder().setZoneId(id).build())).map(ProtoJson::ok);
    }

    @GET
    @Path("/{id}/coverage")
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "Visible on-duty units inside the zone against those its level requires")
    public Uni<Response> zoneCoverage(@PathParam("id") String id) {
        return units.call(token.value(), stub -> stub.getZoneCoverage(GetZoneCoverageRequest.newBuilder().setZoneId(id).build())).map(ProtoJson::ok);
    }
}
