package org.fangkong.gateway.checkpoint.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
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
import org.fangkong.gateway.client.CheckpointsClient;
import org.fangkong.gateway.identity.CallerToken;
import org.fangkong.gateway.api.Queries;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.identity.Roles;
import org.fangkong.proto.checkpoints.v1.AssignCheckpointStaffRequest;
import org.fangkong.proto.checkpoints.v1.CheckpointState;
import org.fangkong.proto.checkpoints.v1.CheckpointType;
import org.fangkong.proto.checkpoints.v1.FindNearestCheckpointsRequest;
import org.fangkong.proto.checkpoints.v1.GetCheckpointRequest;
import org.fangkong.proto.checkpoints.v1.GetMyCheckpointRequest;
import org.fangkong.proto.checkpoints.v1.ListCheckpointsRequest;
import org.fangkong.proto.checkpoints.v1.SetCheckpointStateRequest;
import org.fangkong.proto.common.v1.GeoPoint;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Checkpoints: the list and map of the duty room, the state a checkpoint's staff set, who is posted where. */
@Path("/api/v1/checkpoints")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Checkpoints")
@SecurityRequirement(name = "bearer")
public class CheckpointsResource {

    private final CheckpointsClient checkpoints;
    private final CallerToken token;

    public CheckpointsResource(CheckpointsClient checkpoints, CallerToken token) {
        this.checkpoints = checkpoints;
        this.token = token;
    }

    @GET
    @RolesAllowed({ Roles.CHECKPOINT, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "Checkpoints of a subtree by type, ring and state; keyset pages")
    public Uni<Response> list(@QueryParam("orgCode") String orgCode, @QueryParam("type") List<String> types, @QueryParam("ring") String ring,
            @QueryParam("state") List<String> states, @QueryParam("pageSize") String pageSize, @QueryParam("pageToken") String pageToken) {
        Violations violations = new Violations();
        ListCheckpointsRequest.Builder request = ListCheckpointsRequest.newBuilder().setOrgCode(Queries.text(orgCode)).setRing(Queries.text(ring))
                .setPage(Queries.page(pageSize, pageToken, violations));
        types.forEach(t -> request.addTypes(Queries.named(CheckpointType.class, t, "type")));
        states.forEach(s -> request.addStates(Queries.named(CheckpointState.class, s, "state")));
        violations.throwIfAny();
        return checkpoints.call(token.value(), stub -> stub.listCheckpoints(request.build())).map(ProtoJson::ok);
    }

    @GET
    @Path("/mine")
    @Authenticated
    @Operation(summary = "The checkpoint the caller is posted to this shift")
    public Uni<Response> mine() {
        return checkpoints.call(token.value(), stub -> stub.getMyCheckpoint(GetMyCheckpointRequest.getDefaultInstance())).map(ProtoJson::ok);
    }

    @GET
    @Path("/nearest")
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "Open checkpoints nearest a point, within the caller's scope")
    public Uni<Response> nearest(@QueryParam("lat") String lat, @QueryParam("lon") String lon, @QueryParam("radiusMeters") String radius,
            @QueryParam("limit") String limit) {
        Violations violations = new Violations();
        FindNearestCheckpointsRequest request = FindNearestCheckpointsRequest.newBuilder()
                .setPoint(GeoPoint.newBuilder().setLat(violations.decimal(lat, "lat")).setLon(violations.decimal(lon, "lon")))
                .setRadiusM(violations.decimal(radius, "radiusMeters")).setLimit(violations.integer(limit, "limit", 0)).build();
        violations.throwIfAny();
        return checkpoints.call(token.value(), stub -> stub.findNearestCheckpoints(request)).map(ProtoJson::ok);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.CHECKPOINT, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "A checkpoint")
    public Uni<Response> get(@PathParam("id") String id) {
        return checkpoints.call(token.value(), stub -> stub.getCheckpoint(GetCheckpointRequest.newBuilder().setId(id).build())).map(ProtoJson::ok);
    }

    @PUT
    @Path("/{id}/state")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CHECKPOINT, Roles.COMMANDER, Roles.ADMIN })
    @Operation(summary = "Set a checkpoint's state: {\"state\": \"HEIGHTENED\", \"reason\": \"...\"} (staff only for their own checkpoint)")
    public Uni<Response> state(@PathParam("id") String id, byte[] body) {
        SetCheckpointStateRequest.Builder request = ProtoJson.read(body, SetCheckpointStateRequest.newBuilder());
        Queries.pathOnly(request.getCheckpointId(), "checkpointId");
        return checkpoints.call(token.value(), stub -> stub.setCheckpointState(request.setCheckpointId(id).build())).map(ProtoJson::ok);
    }

    @POST
    @Path("/{id}/staff")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.COMMANDER, Roles.ADMIN })
    @Operation(summary = "Post a user to the checkpoint for a shift: {\"subject\": \"...\", \"shiftStart\": \"...\", \"shiftEnd\": \"...\"}")
    public Uni<Response> staff(@PathParam("id") String id, byte[] body) {
        AssignCheckpointStaffRequest.Builder request = ProtoJson.read(body, AssignCheckpointStaffRequest.newBuilder());
        Queries.pathOnly(request.getCheckpointId(), "checkpointId");
        return checkpoints.call(token.value(), stub -> stub.assignCheckpointStaff(request.setCheckpointId(id).build())).map(ProtoJson::ok);
    }
}
