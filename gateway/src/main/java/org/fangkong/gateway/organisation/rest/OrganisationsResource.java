package org.fangkong.gateway.organisation.rest;

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
import org.fangkong.proto.units.v1.CreateOrganisationRequest;
import org.fangkong.proto.units.v1.DeleteOrganisationRequest;
import org.fangkong.proto.units.v1.GetOrganisationRequest;
import org.fangkong.proto.units.v1.ListOrganisationsRequest;
import org.fangkong.proto.units.v1.SetNeighboursRequest;
import org.fangkong.proto.units.v1.UpdateOrganisationRequest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** The organisation tree (province, cities, districts, stations), names and neighbouring districts. Codes and names are not secret. */
@Path("/api/v1/organisations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Organisations")
@SecurityRequirement(name = "bearer")
public class OrganisationsResource {

    private final UnitsClient units;
    private final CallerToken token;

    public OrganisationsResource(UnitsClient units, CallerToken token) {
        this.units = units;
        this.token = token;
    }

    @GET
    @Authenticated
    @Operation(summary = "The subtree under rootCode (the caller's organisation when absent), itself included, parents before children")
    public Uni<Response> tree(@QueryParam("rootCode") String rootCode) {
        return units.call(token.value(), stub -> stub.listOrganisations(ListOrganisationsRequest.newBuilder().setRootCode(Queries.text(rootCode)).build()))
                .map(ProtoJson::ok);
    }

    @GET
    @Path("/{code}")
    @Authenticated
    @Operation(summary = "An organisation by code, with its neighbours")
    public Uni<Response> get(@PathParam("code") String code) {
        return units.call(token.value(), stub -> stub.getOrganisation(GetOrganisationRequest.newBuilder().setCode(code).build())).map(ProtoJson::ok);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Register an organisation under its parent: {\"code\", \"name\", \"parentCode\"}")
    public Uni<Response> create(byte[] body) {
        CreateOrganisationRequest request = ProtoJson.read(body, CreateOrganisationRequest.newBuilder()).build();
        return units.call(token.value(), stub -> stub.createOrganisation(request))
                .map(organisation -> ProtoJson.created("/api/v1/organisations/" + organisation.getCode(), organisation));
    }

    @PATCH
    @Path("/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Rename an organisation: {\"name\"}")
    public Uni<Response> rename(@PathParam("code") String code, byte[] body) {
        UpdateOrganisationRequest.Builder request = ProtoJson.read(body, UpdateOrganisationRequest.newBuilder());
        Queries.pathOnly(request.getCode(), "code");
        return units.call(token.value(), stub -> stub.updateOrganisation(request.setCode(code).build())).map(ProtoJson::ok);
    }

    @PUT
    @Path("/{code}/neighbours")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace the neighbouring districts: {\"neighbourCodes\": [...]}; kept symmetric")
    public Uni<Response> neighbours(@PathParam("code") String code, byte[] body) {
        SetNeighboursRequest.Builder request = ProtoJson.read(body, SetNeighboursRequest.newBuilder());
        Queries.pathOnly(request.getCode(), "code");
        return units.call(token.value(), stub -> stub.setNeighbours(request.setCode(code).build())).map(ProtoJson::ok);
    }

    @DELETE
    @Path("/{code}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Remove an organisation nothing hangs on (409 saying what is left otherwise)")
    public Uni<Response> remove(@PathParam("code") String code) {
        return units.call(token.value(), stub -> stub.deleteOrganisation(DeleteOrganisationRequest.newBuilder().setCode(code).build()))
                .map(done -> Response.noContent().build());
    }
}
