package org.fangkong.gateway.unit.rest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fangkong.gateway.api.ProtoJson;
import org.fangkong.gateway.api.Queries;
import org.fangkong.gateway.client.UnitsClient;
import org.fangkong.gateway.config.GatewayConfig;
import org.fangkong.gateway.errors.FieldRenames;
import org.fangkong.gateway.identity.CallerToken;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.identity.Roles;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.units.v1.AssignCrewMemberRequest;
import org.fangkong.proto.units.v1.CreateUnitRequest;
import org.fangkong.proto.units.v1.FindNearestUnitsRequest;
import org.fangkong.proto.units.v1.ForceType;
import org.fangkong.proto.units.v1.GetDutyStrengthRequest;
import org.fangkong.proto.units.v1.GetUnitRequest;
import org.fangkong.proto.units.v1.GetUnitTrackRequest;
import org.fangkong.proto.units.v1.ImportUnitsRequest;
import org.fangkong.proto.units.v1.ListCrewRequest;
import org.fangkong.proto.units.v1.ListLivePositionsRequest;
import org.fangkong.proto.units.v1.ListUnitsRequest;
import org.fangkong.proto.units.v1.RemoveCrewMemberRequest;
import org.fangkong.proto.units.v1.SetUnitStatusRequest;
import org.fangkong.proto.units.v1.SetUnitStatusesRequest;
import org.fangkong.proto.units.v1.UnitStatus;
import org.fangkong.proto.units.v1.UpdateUnitRequest;

import io.smallrye.mutiny.Uni;

/** The patrol forces: units, their crews, duty status, live positions and tracks, and the strength on duty. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Units")
@SecurityRequirement(name = "bearer")
public class UnitsResource {

    /** What units-service calls the search's fields, and what this API calls them. */
    private static final Map<String, String> NEAREST_FIELDS = Map.of(
            "point.lat", "lat", "point.lon", "lon", "radius_m", "radiusMeters");

    private final UnitsClient units;
    private final CallerToken token;
    private final GatewayConfig config;

    public UnitsResource(UnitsClient units, CallerToken token, GatewayConfig config) {
        this.units = units;
        this.token = token;
        this.config = config;
    }

    @POST
    @Path("/units")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Register a unit in the caller's organisation subtree: {\"callSign\", \"orgCode\", \"forceType\", \"tier\", \"headCount\", \"armedCount\", \"vehiclePlate\", \"homeZoneId\", \"terminalIds\"}")
    public Uni<Response> create(byte[] body) {
        CreateUnitRequest request = ProtoJson.read(body, CreateUnitRequest.newBuilder()).build();
        return units.call(token.value(), stub -> stub.createUnit(request)).map(unit -> ProtoJson.created("/api/v1/units/" + unit.getId(), unit));
    }

    @POST
    @Path("/units/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Register many units at once, all or none, every bad row named: {\"units\": [unit, ...]} (up to 5,000); answers the new ids in order")
    public Uni<Response> importUnits(byte[] body) {
        ImportUnitsRequest request = ProtoJson.read(body, ImportUnitsRequest.newBuilder()).build();
        // Thousands of units with their terminals take longer than an ordinary call's deadline.
        long deadline = config.importDeadline().toMillis();
        return units.call(token.value(), stub -> stub.withDeadlineAfter(deadline, TimeUnit.MILLISECONDS).importUnits(request)).map(ProtoJson::ok);
    }

    @GET
    @Path("/units")
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "Units of a subtree by force type, status and home zone, by call sign")
    public Uni<Response> list(@QueryParam("orgCode") String orgCode, @QueryParam("forceType") List<String> forceTypes,
            @QueryParam("status") List<String> statuses, @QueryParam("homeZoneId") String homeZoneId, @QueryParam("pageSize") String pageSize,
            @QueryParam("pageToken") String pageToken) {
        Violations violations = new Violations();
        ListUnitsRequest.Builder request = ListUnitsRequest.newBuilder().setOrgCode(Queries.text(orgCode)).setHomeZoneId(Queries.text(homeZoneId))
                .setPage(Queries.page(pageSize, pageToken, violations));
        forceTypes.forEach(type -> request.addForceTypes(Queries.named(ForceType.class, type, "forceType")));
        statuses.forEach(status -> request.addStatuses(Queries.named(UnitStatus.class, status, "status")));
        violations.throwIfAny();
        return units.call(token.value(), stub -> stub.listUnits(request.build())).map(ProtoJson::ok);
    }

    @GET
    @Path("/units/nearest")
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER })
    @Operation(summary = "Units with a live position near a point, nearest first, within the caller's scope")
    public Uni<Response> nearest(
            @Parameter(description = "latitude, degrees", required = true) @QueryParam("lat") String lat,
            @Parameter(description = "longitude, degrees", required = true) @QueryParam("lon") String lon,
            @Parameter(description = "search radius in metres", required = true) @QueryParam("radiusMeters") String radiusMeters,
            @Parameter(description = "most units to return (default 20, at most 200)") @QueryParam("limit") String limit,
            @Parameter(description = "only these force types") @QueryParam("forceType") List<String> forceTypes,
            @Parameter(description = "only available units with a fresh fix") @QueryParam("onlyAvailable") String onlyAvailable) {
        // Parsed here, not by JAX-RS, which answers an unconvertible query parameter with 404 instead of 400.
        Violations violations = new Violations();
        FindNearestUnitsRequest.Builder request = FindNearestUnitsRequest.newBuilder()
                .setPoint(GeoPoint.newBuilder()
                        .setLat(violations.decimal(lat, "lat"))
                        .setLon(violations.decimal(lon, "lon")))
                .setRadiusM(violations.decimal(radiusMeters, "radiusMeters"))
                .setLimit(violations.integer(limit, "limit", 0))
                .setOnlyAvailable(Queries.flag(onlyAvailable, "onlyAvailable", violations));
        forceTypes.forEach(type -> request.addForceTypes(Queries.named(ForceType.class, type, "forceType")));
        violations.throwIfAny();
        return units.call(token.value(), stub -> stub.findNearestUnits(request.build())).map(ProtoJson::ok)
                .onFailure().transform(failure -> FieldRenames.apply(failure, NEAREST_FIELDS));
    }

    @GET
    @Path("/units/positions")
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER })
    @Operation(summary = "Every unit of the subtree with a live position: where, since when, stale or not (the live picture a console starts from)")
    public Uni<Response> positions(@Parameter(description = "the subtree; the caller's organisation when absent") @QueryParam("orgCode") String orgCode) {
        return units.call(token.value(), stub -> stub.listLivePositions(ListLivePositionsRequest.newBuilder().setOrgCode(Queries.text(orgCode)).build()))
                .map(ProtoJson::ok);
    }

    @GET
    @Path("/units/{id}")
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "A unit of the caller's organisation subtree")
    public Uni<Response> get(@PathParam("id") String id) {
        return units.call(token.value(), stub -> stub.getUnit(GetUnitRequest.newBuilder().setId(id).build())).map(ProtoJson::ok);
    }

    @PATCH
    @Path("/units/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change the fields the mask names: {\"updateMask\": \"headCount,armedCount\", \"unit\": {...}, \"expectedVersion\": 3}; a stale version is 409")
    public Uni<Response> update(@PathParam("id") String id, byte[] body) {
        UpdateUnitRequest.Builder request = ProtoJson.read(body, UpdateUnitRequest.newBuilder());
        Queries.pathOnly(request.getId(), "id");
        return units.call(token.value(), stub -> stub.updateUnit(request.setId(id).build())).map(ProtoJson::ok);
    }

    @PUT
    @Path("/units/{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.OFFICER, Roles.COMMANDER, Roles.ADMIN })
    @Operation(summary = "On or off duty, available or not: {\"status\": \"AVAILABLE\"|\"UNAVAILABLE\"|\"OFF_DUTY\", \"reason\"}; officers for their own unit")
    public Uni<Response> status(@PathParam("id") String id, byte[] body) {
        SetUnitStatusRequest.Builder request = ProtoJson.read(body, SetUnitStatusRequest.newBuilder());
        Queries.pathOnly(request.getUnitId(), "unitId");
        return units.call(token.value(), stub -> stub.setUnitStatus(request.setUnitId(id).build())).map(ProtoJson::ok);
    }

    @PUT
    @Path("/units/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.OFFICER, Roles.COMMANDER, Roles.ADMIN })
    @Operation(summary = "A shift starting or ending: many units to one duty status, all or none: {\"unitIds\": [...] (up to 5,000), \"status\", \"reason\"}; "
            + "answers {\"changed\", \"unchanged\"}; a unit on an incident refuses the whole call with 409 naming it in invalid-params (unitIds[i])")
    public Uni<Response> statuses(byte[] body) {
        SetUnitStatusesRequest request = ProtoJson.read(body, SetUnitStatusesRequest.newBuilder()).build();
        // Thousands of units, each with its history entry and event, take longer than an ordinary call's deadline.
        long deadline = config.importDeadline().toMillis();
        return units.call(token.value(), stub -> stub.withDeadlineAfter(deadline, TimeUnit.MILLISECONDS).setUnitStatuses(request)).map(ProtoJson::ok);
    }

    @GET
    @Path("/units/{id}/track")
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "A unit's stored fixes between two times, oldest first")
    public Uni<Response> track(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") String limit) {
        Violations violations = new Violations();
        GetUnitTrackRequest.Builder request = GetUnitTrackRequest.newBuilder().setUnitId(id).setLimit(violations.integer(limit, "limit", 0));
        Queries.time(from, "from", violations, request::setFrom);
        Queries.time(to, "to", violations, request::setTo);
        violations.throwIfAny();
        return units.call(token.value(), stub -> stub.getUnitTrack(request.build())).map(ProtoJson::ok);
    }

    @GET
    @Path("/units/{id}/crew")
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "Who is on the unit now, or at the time asked")
    public Uni<Response> crew(@PathParam("id") String id, @QueryParam("at") String at) {
        Violations violations = new Violations();
        ListCrewRequest.Builder request = ListCrewRequest.newBuilder().setUnitId(id);
        Queries.time(at, "at", violations, request::setAt);
        violations.throwIfAny();
        return units.call(token.value(), stub -> stub.listCrew(request.build())).map(ProtoJson::ok);
    }

    @POST
    @Path("/units/{id}/crew")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.COMMANDER, Roles.ADMIN })
    @Operation(summary = "Put a user on the unit for a shift: {\"subject\", \"shiftStart\", \"shiftEnd\"}")
    public Uni<Response> assign(@PathParam("id") String id, byte[] body) {
        AssignCrewMemberRequest.Builder request = ProtoJson.read(body, AssignCrewMemberRequest.newBuilder());
        Queries.pathOnly(request.getUnitId(), "unitId");
        return units.call(token.value(), stub -> stub.assignCrewMember(request.setUnitId(id).build()))
                .map(member -> ProtoJson.created("/api/v1/units/" + id + "/crew", member));
    }

    @DELETE
    @Path("/units/{id}/crew/{subject}")
    @RolesAllowed({ Roles.COMMANDER, Roles.ADMIN })
    @Operation(summary = "Take a user off the unit's current and future shifts; answers how many shifts ended or went")
    public Uni<Response> remove(@PathParam("id") String id, @PathParam("subject") String subject) {
        return units.call(token.value(), stub -> stub.removeCrewMember(RemoveCrewMemberRequest.newBuilder().setUnitId(id).setSubject(subject).build()))
                .map(ProtoJson::ok);
    }

    @GET
    @Path("/duty-strength")
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "People, cars and firearms on duty by force type for a subtree")
    public Uni<Response> dutyStrength(@QueryParam("orgCode") String orgCode) {
        return units.call(token.value(), stub -> stub.getDutyStrength(GetDutyStrengthRequest.newBuilder().setOrgCode(Queries.text(orgCode)).build()))
                .map(ProtoJson::ok);
    }
}
