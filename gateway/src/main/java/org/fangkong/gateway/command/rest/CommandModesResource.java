package org.fangkong.gateway.command.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fangkong.gateway.api.ProtoJson;
import org.fangkong.gateway.client.AlertsClient;
import org.fangkong.gateway.identity.CallerToken;
import org.fangkong.gateway.api.Queries;
import org.fangkong.platform.identity.Roles;
import org.fangkong.proto.alerts.v1.GetCommandModeRequest;
import org.fangkong.proto.alerts.v1.SetCommandModeRequest;

import io.smallrye.mutiny.Uni;

/** Normal and emergency command per organisation. */
@Path("/api/v1/command-modes/{orgCode}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Command")
@SecurityRequirement(name = "bearer")
public class CommandModesResource {

    private final AlertsClient alerts;
    private final CallerToken token;

    public CommandModesResource(AlertsClient alerts, CallerToken token) {
        this.alerts = alerts;
        this.token = token;
    }

    @GET
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "The command mode in force for an organisation")
    public Uni<Response> get(@PathParam("orgCode") String orgCode) {
        return alerts.call(token.value(), stub -> stub.getCommandMode(GetCommandModeRequest.newBuilder().setOrgCode(orgCode).build()))
                .map(ProtoJson::ok);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ADMIN })
    @Operation(summary = "Switch an organisation to NORMAL or EMERGENCY: {\"mode\": \"EMERGENCY\", \"reason\": \"...\"}")
    public Uni<Response> set(@PathParam("orgCode") String orgCode, byte[] body) {
        SetCommandModeRequest.Builder request = ProtoJson.read(body, SetCommandModeRequest.newBuilder());
        Queries.pathOnly(request.getOrgCode(), "orgCode");
        return alerts.call(token.value(), stub -> stub.setCommandMode(request.setOrgCode(orgCode).build())).map(ProtoJson::ok);
    }
}
