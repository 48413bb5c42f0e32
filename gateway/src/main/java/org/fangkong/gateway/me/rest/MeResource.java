package org.fangkong.gateway.me.rest;

import java.util.Optional;
import java.util.TreeSet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fangkong.gateway.api.ProtoJson;
import org.fangkong.gateway.client.AlertsClient;
import org.fangkong.gateway.client.CheckpointsClient;
import org.fangkong.gateway.client.ServiceRefusal;
import org.fangkong.gateway.client.UnitsClient;
import org.fangkong.gateway.identity.CallerToken;
import org.fangkong.proto.checkpoints.v1.GetMyCheckpointRequest;
import org.fangkong.proto.checkpoints.v1.MyCheckpoint;
import org.fangkong.proto.units.v1.GetMyUnitRequest;
import org.fangkong.proto.units.v1.MyUnit;
import org.fangkong.proto.alerts.v1.ListOpenDispatchesRequest;
import org.fangkong.proto.alerts.v1.ListOpenDispatchesResponse;
import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.CurrentCaller;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.platform.identity.Roles;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Message;

import io.grpc.Status;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Who the caller is: the token's subject, roles and organisation, and the unit and checkpoint they are on this shift. */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Me")
@SecurityRequirement(name = "bearer")
public class MeResource {

    private final SecurityIdentity identity;
    private final UnitsClient units;
    private final CheckpointsClient checkpoints;
    private final AlertsClient alerts;
    private final CallerToken token;
    private final ObjectMapper json;

    public MeResource(SecurityIdentity identity, UnitsClient units, CheckpointsClient checkpoints, AlertsClient alerts, CallerToken token,
            ObjectMapper json) {
        this.identity = identity;
        this.units = units;
        this.checkpoints = checkpoints;
        this.alerts = alerts;
        this.token = token;
        this.json = json;
    }

    @GET
    @Authenticated
    @Operation(summary = "The caller: subject, roles, organisation, and this shift's unit and checkpoint (null when none)")
    public Uni<Response> me() {
        Uni<Optional<MyUnit>> unit = ServiceRefusal.absentIfNotFound(units.call(token.value(), stub -> stub.getMyUnit(GetMyUnitRequest.getDefaultInstance())));
        Uni<Optional<MyCheckpoint>> checkpoint = ServiceRefusal.absentIfNotFound(checkpoints.call(token.value(), stub -> stub.getMyCheckpoint(GetMyCheckpointRequest.getDefaultInstance())));
        return Uni.combine().all().unis(unit, checkpoint).asTuple().map(found -> {
            ObjectNode me = json.createObjectNode();
            // The services know a person by the token's subject (sub), which crews and staff rosters name.
            Caller caller = CurrentCaller.from(identity);
            me.put("subject", caller.subject());
            me.put("username", identity.getPrincipal().getName());
            me.putPOJO("roles", new TreeSet<>(identity.getRoles()));
            me.put("orgCode", caller.org().map(OrgCode::value).orElse(null));
            me.set("unit", found.getItem1().map(this::tree).orElse(null));
            me.set("checkpoint", found.getItem2().map(this::tree).orElse(null));
            return Response.ok(me).build();
        });
    }

    @GET
    @Path("/dispatches")
    @RolesAllowed(Roles.OFFICER)
    @Operation(summary = "Every dispatch order still open for the caller's unit this shift, oldest first, with whether it was delivered "
            + "(empty when on no unit): what the app shows after it was in the background")
    public Uni<Response> dispatches() {
        return ServiceRefusal.absentIfNotFound(units.call(token.value(), stub -> stub.getMyUnit(GetMyUnitRequest.getDefaultInstance()))).chain(unit -> unit
                .map(found -> alerts.call(token.value(), stub -> stub.listOpenDispatches(ListOpenDispatchesRequest.newBuilder()
                        .setUnitId(found.getUnit().getId()).build())))
                .orElseGet(() -> Uni.createFrom().item(ListOpenDispatchesResponse.getDefaultInstance())))
                .map(ProtoJson::ok);
    }

    private com.fasterxml.jackson.databind.JsonNode tree(Message message) {
        try {
            return json.readTree(ProtoJson.write(message));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("service messages print as JSON", e);
        }
    }
}
