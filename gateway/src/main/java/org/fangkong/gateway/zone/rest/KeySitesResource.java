package org.fangkong.gateway.zone.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import org.fangkong.proto.units.v1.CreateKeySiteRequest;
import org.fangkong.proto.units.v1.DeleteKeySiteRequest;
import org.fangkong.proto.units.v1.GetKeySiteRequest;
import org.fangkong.proto.units.v1.ListKeySitesRequest;
import org.fangkong.proto.units.v1.UpdateKeySiteRequest;

import io.smallrye.mutiny.Uni;

/** Key sites (要害部位): places with their own "1-3-5" targets and the units posted to them. */
@Path("/api/v1/key-sites")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Zones and key sites")
@SecurityRequirement(name = "bearer")
public class KeySitesResource {

    private final UnitsClient units;
    private final CallerToken token;

    public KeySitesResource(UnitsClient units, CallerToken token) {
        this.units = units;
        this.token = token;
    }

    @GET
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "Key sites of a subtree")
    public Uni<Response> list(@QueryParam("orgCode") String orgCode, @QueryParam("pageSize") String pageSize, @QueryParam("pageToken") String pageToken) {
        Violations violations = new Violations();
        ListKeySitesRequest request = ListKeySitesRequest.newBuilder().setOrgCode(Queries.text(orgCode))
                .setPage(Queries.page(pageSize, pageToken, violations)).build();
        violations.throwIfAny();
        return units.call(token.value(), stub -> stub.listKeySites(request)).map(ProtoJson::ok);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Register a key site: {\"name\", \"category\", \"orgCode\", \"center\", \"radiusM\", \"postedUnitIds\", \"reactTargetS\", \"arriveTargetS\", \"resolveTargetS\"}")
    public Uni<Response> create(byte[] body) {
        CreateKeySiteRequest request = ProtoJson.read(body, CreateKeySiteRequest.newBuilder()).build();
        return units.call(token.value(), stub -> stub.createKeySite(request)).map(site -> ProtoJson.created("/api/v1/key-sites/" + site.getId(), site));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "A key site")
    public Uni<Response> get(@PathParam("id") String id) {
        return units.call(token.value(), stub -> stub.getKeySite(GetKeySiteRequest.newBuilder().setId(id).build())).map(ProtoJson::ok);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace a key site's fields (its organisation is kept)")
    public Uni<Response> replace(@PathParam("id") String id, byte[] body) {
        CreateKeySiteRequest site = ProtoJson.read(body, CreateKeySiteRequest.newBuilder()).build();
        return units.call(token.value(), stub -> stub.updateKeySite(UpdateKeySiteRequest.newBuilder().setId(id).setSite(site).build())).map(ProtoJson::ok);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Remove a key site")
    public Uni<Response> remove(@PathParam("id") String id) {
        return units.call(token.value(), stub -> stub.deleteKeySite(DeleteKeySiteRequest.newBuilder().setId(id).build()))
                .map(done -> Response.noContent().build());
    }
}
