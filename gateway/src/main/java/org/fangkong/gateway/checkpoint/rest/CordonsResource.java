package org.fangkong.gateway.checkpoint.rest;

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
import org.fangkong.gateway.client.CheckpointsClient;
import org.fangkong.gateway.identity.CallerToken;
import org.fangkong.gateway.api.Queries;
import org.fangkong.platform.identity.Roles;
import org.fangkong.proto.checkpoints.v1.ActivateCordonPlanRequest;
import org.fangkong.proto.checkpoints.v1.ConfirmCordonRequest;
import org.fangkong.proto.checkpoints.v1.DeactivateCordonPlanRequest;
import org.fangkong.proto.checkpoints.v1.GetCordonPlanRequest;
import org.fangkong.proto.checkpoints.v1.GetCordonStatusRequest;
import org.fangkong.proto.checkpoints.v1.ListCordonPlansRequest;

import io.smallrye.mutiny.Uni;

/** "Close the city gates": cordon plans, their activation, each checkpoint's confirmation, and the live status. */
@Path("/api/v1/cordon-plans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cordons")
@SecurityRequirement(name = "bearer")
public class CordonsResource {

    private final CheckpointsClient checkpoints;
    private final CallerToken token;

    public CordonsResource(CheckpointsClient checkpoints, CallerToken token) {
        this.checkpoints = checkpoints;
        this.token = token;
    }

    @GET
    @RolesAllowed({ Roles.CHECKPOINT, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "Cordon plans of a subtree")
    public Uni<Response> list(@QueryParam("orgCode") String orgCode) {
        return checkpoints.call(token.value(), stub -> stub.listCordonPlans(ListCordonPlansRequest.newBuilder().setOrgCode(Queries.text(orgCode)).build()))
                .map(ProtoJson::ok);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.CHECKPOINT, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "A cordon plan")
    public Uni<Response> get(@PathParam("id") String id) {
        return checkpoints.call(token.value(), stub -> stub.getCordonPlan(GetCordonPlanRequest.newBuilder().setId(id).build())).map(ProtoJson::ok);
    }

    @GET
    @Path("/{id}/status")
    @RolesAllowed({ Roles.CHECKPOINT, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "Live status: confirmed and pending checkpoints, time to sealed")
    public Uni<Response> status(@PathParam("id") String id) {
        return checkpoints.call(token.value(), stub -> stub.getCordonStatus(GetCordonStatusRequest.newBuilder().setPlanId(id).build()))
                .map(ProtoJson::ok);
    }

    @POST
    @Path("/{id}/activate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.COMMANDER, Roles.COMMAND_CENTER })
    @Operation(summary = "Activate: {\"reason\": \"...\", \"incidentId\": \"...\"}; every member is ordered to seal")
    public Uni<Response> activate(@PathParam("id") String id, byte[] body) {
        ActivateCordonPlanRequest.Builder request = ProtoJson.read(body, ActivateCordonPlanRequest.newBuilder());
        Queries.pathOnly(request.getPlanId(), "planId");
        return checkpoints.call(token.value(), stub -> stub.activateCordonPlan(request.setPlanId(id).build())).map(ProtoJson::ok);
    }

    @POST
    @Path("/{id}/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CHECKPOINT, Roles.COMMANDER, Roles.COMMAND_CENTER })
    @Operation(summary = "A checkpoint confirms it is sealed: {\"checkpointId\": \"...\"}")
    public Uni<Response> confirm(@PathParam("id") String id, byte[] body) {
        ConfirmCordonRequest.Builder request = ProtoJson.read(body, ConfirmCordonRequest.newBuilder());
        Queries.pathOnly(request.getPlanId(), "planId");
        return checkpoints.call(token.value(), stub -> stub.confirmCordon(request.setPlanId(id).build())).map(ProtoJson::ok);
    }

    @POST
    @Path("/{id}/deactivate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.COMMANDER, Roles.COMMAND_CENTER })
    @Operation(summary = "Lift the cordon: {\"reason\": \"...\"}")
    public Uni<Response> deactivate(@PathParam("id") String id, byte[] body) {
        DeactivateCordonPlanRequest.Builder request = ProtoJson.read(body, DeactivateCordonPlanRequest.newBuilder());
        Queries.pathOnly(request.getPlanId(), "planId");
        return checkpoints.call(token.value(), stub -> stub.deactivateCordonPlan(request.setPlanId(id).build())).map(ProtoJson::ok);
    }
}
