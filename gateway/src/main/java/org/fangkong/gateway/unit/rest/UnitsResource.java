package org.fangkong.gateway.unit.rest;

import java.net.URI;
import java.util.List;
import java.util.Map;

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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fangkong.gateway.errors.FieldRenames;
import org.fangkong.platform.errors.Violations;
import org.fangkong.gateway.identity.CallerToken;
import org.fangkong.gateway.client.UnitsClient;
import org.fangkong.proto.units.v1.GetUnitRequest;
import org.fangkong.gateway.unit.mapping.UnitViews;
import org.fangkong.platform.identity.Roles;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.units.v1.FindNearestUnitsRequest;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/units")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Units")
@SecurityRequirement(name = "bearer")
public class UnitsResource {

    /** What units-service calls the search's fields, and what this API calls them. */
    private static final Map<String, String> NEAREST_FIELDS = Map.of(
            "point.lat", "lat", "point.lon", "lon", "radius_m", "radiusMeters");

    private final UnitsClient units;
    private final CallerToken token;

    public UnitsResource(UnitsClient units, CallerToken token) {
        this.units = units;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Register a unit in the caller's organisation subtree")
    public Uni<Response> create(NewUnitRequest body) {
        return units.call(token.value(), stub -> stub.createUnit(UnitViews.toProto(body)))
                .map(UnitViews::toView)
                .map(view -> Response.created(URI.create("/api/v1/units/" + view.id())).entity(view).build());
    }

    @GET
    @Path("/nearest")
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER })
    @Operation(summary = "Units with a live position near a point, nearest first, within the caller's scope")
    public Uni<List<NearbyUnitView>> nearest(
            @Parameter(description = "latitude, degrees", required = true) @QueryParam("lat") String lat,
            @Parameter(description = "longitude, degrees", required = true) @QueryParam("lon") String lon,
            @Parameter(description = "search radius in metres", required = true) @QueryParam("radiusMeters") String radiusMeters,
            @Parameter(description = "most units to return (default 20, at most 200)") @QueryParam("limit") String limit) {
        // Parsed here, not by JAX-RS, which answers an unconvertible query parameter with 404 instead of 400.
        Violations violations = new Violations();
        FindNearestUnitsRequest request = FindNearestUnitsRequest.newBuilder()
                .setPoint(GeoPoint.newBuilder()
                        .setLat(violations.decimal(lat, "lat"))
                        .setLon(violations.decimal(lon, "lon")))
                .setRadiusM(violations.decimal(radiusMeters, "radiusMeters"))
                .setLimit(violations.integer(limit, "limit", 0))
                .build();
        violations.throwIfAny();
        return units.call(token.value(), stub -> stub.findNearestUnits(request))
                .map(found -> found.getUnitsList().stream().map(UnitViews::toView).toList())
                .onFailure().transform(failure -> FieldRenames.apply(failure, NEAREST_FIELDS));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ADMIN })
    @Operation(summary = "A unit of the caller's organisation subtree")
    public Uni<UnitView> get(@PathParam("id") String id) {
        return units.call(token.value(), stub -> stub.getUnit(GetUnitRequest.newBuilder().setId(id).build())).map(UnitViews::toView);
    }
}
