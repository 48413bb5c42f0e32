package org.fangkong.gateway.checkpoint.rest;

import java.io.InputStream;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.fangkong.gateway.config.GatewayConfig;
import org.fangkong.gateway.identity.CallerToken;
import org.fangkong.platform.errors.InvalidArgumentException;
import org.fangkong.gateway.api.Queries;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.identity.Roles;
import org.fangkong.proto.checkpoints.v1.CheckWantedRequest;
import org.fangkong.proto.checkpoints.v1.GetCheckStatisticsRequest;
import org.fangkong.proto.checkpoints.v1.ImportMode;
import org.fangkong.proto.checkpoints.v1.ListChecksRequest;
import org.fangkong.proto.checkpoints.v1.ListWantedEntriesRequest;
import org.fangkong.proto.checkpoints.v1.NewWantedEntry;
import org.fangkong.proto.checkpoints.v1.RecordCheckRequest;
import org.fangkong.proto.checkpoints.v1.RemoveWantedEntryRequest;
import org.fangkong.proto.checkpoints.v1.WantedImportChunk;
import org.fangkong.proto.checkpoints.v1.WantedKind;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Inspections and street checks (a plate or an ID number: CLEAR or HIT, with a reason), and the wanted list they
 * are matched against. Looking anything up needs a reason, which is audited.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Checks and wanted list")
@SecurityRequirement(name = "bearer")
public class ChecksResource {

    /** Newline-delimited JSON, one wanted entry per line. */
    static final String WANTED_LIST = "application/x-ndjson";

    private final CheckpointsClient checkpoints;
    private final CallerToken token;
    private final GatewayConfig config;

    public ChecksResource(CheckpointsClient checkpoints, CallerToken token, GatewayConfig config) {
        this.checkpoints = checkpoints;
        this.token = token;
        this.config = config;
    }

    @POST
    @Path("/checks")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CHECKPOINT, Roles.OFFICER })
    @Operation(summary = "Record a check at a checkpoint or in the street: {\"plate\"|\"idNumber\", \"reason\", \"checkpointId\" or \"location\"}; answers CLEAR or HIT")
    public Uni<Response> record(byte[] body) {
        RecordCheckRequest request = ProtoJson.read(body, RecordCheckRequest.newBuilder()).build();
        return checkpoints.call(token.value(), stub -> stub.recordCheck(request)).map(ProtoJson::ok);
    }

    @GET
    @Path("/checks")
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "Checks of a subtree (reason required, audited)")
    public Uni<Response> list(@QueryParam("orgCode") String orgCode, @QueryParam("reason") String reason, @QueryParam("checkpointId") String checkpointId,
            @QueryParam("plate") String plate, @QueryParam("hitsOnly") String hitsOnly, @QueryParam("pageSize") String pageSize,
            @QueryParam("pageToken") String pageToken) {
        Violations violations = new Violations();
        ListChecksRequest request = ListChecksRequest.newBuilder().setOrgCode(Queries.text(orgCode)).setReason(Queries.text(reason))
                .setCheckpointId(Queries.text(checkpointId)).setPlate(Queries.text(plate)).setHitsOnly(Queries.flag(hitsOnly, "hitsOnly", violations))
                .setPage(Queries.page(pageSize, pageToken, violations)).build();
        violations.throwIfAny();
        return checkpoints.call(token.value(), stub -> stub.listChecks(request)).map(ProtoJson::ok);
    }

    @GET
    @Path("/checks/statistics")
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "Checks and hits per checkpoint, street and hour between two times")
    public Uni<Response> statistics(@QueryParam("orgCode") String orgCode, @QueryParam("from") String from, @QueryParam("to") String to) {
        Violations violations = new Violations();
        GetCheckStatisticsRequest.Builder request = GetCheckStatisticsRequest.newBuilder().setOrgCode(Queries.text(orgCode));
        Queries.time(from, "from", violations, request::setFrom);
        Queries.time(to, "to", violations, request::setTo);
        violations.throwIfAny();
        return checkpoints.call(token.value(), stub -> stub.getCheckStatistics(request.build())).map(ProtoJson::ok);
    }

    @POST
    @Path("/wanted/check")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CHECKPOINT, Roles.OFFICER, Roles.VIDEO_OPERATOR, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST,
            Roles.ADMIN })
    @Operation(summary = "Is this plate or ID number wanted? {\"plate\"|\"idNumber\", \"reason\"} (audited)")
    public Uni<Response> check(byte[] body) {
        CheckWantedRequest request = ProtoJson.read(body, CheckWantedRequest.newBuilder()).build();
        return checkpoints.call(token.value(), stub -> stub.checkWanted(request)).map(ProtoJson::ok);
    }

    @GET
    @Path("/wanted")
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN })
    @Operation(summary = "Wanted entries (reason required, audited; persons never in full)")
    public Uni<Response> wanted(@QueryParam("reason") String reason, @QueryParam("kind") String kind, @QueryParam("plate") String plate,
            @QueryParam("includeRemoved") String includeRemoved, @QueryParam("pageSize") String pageSize, @QueryParam("pageToken") String pageToken) {
        Violations violations = new Violations();
        ListWantedEntriesRequest.Builder request = ListWantedEntriesRequest.newBuilder().setReason(Queries.text(reason)).setPlate(Queries.text(plate))
                .setIncludeRemoved(Queries.flag(includeRemoved, "includeRemoved", violations))
                .setPage(Queries.page(pageSize, pageToken, violations));
        if (kind != null && !kind.isBlank()) {
            request.setKind(Queries.named(WantedKind.class, kind, "kind"));
        }
        violations.throwIfAny();
        return checkpoints.call(token.value(), stub -> stub.listWantedEntries(request.build())).map(ProtoJson::ok);
    }

    @POST
    @Path("/wanted")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.COMMANDER, Roles.ADMIN })
    @Operation(summary = "Add a wanted entry: {\"kind\", \"plate\"|\"idNumber\", \"reason\", \"severity\", ...}; in force before the answer")
    public Uni<Response> add(byte[] body) {
        NewWantedEntry request = ProtoJson.read(body, NewWantedEntry.newBuilder()).build();
        return checkpoints.call(token.value(), stub -> stub.addWantedEntry(request))
                .map(entry -> ProtoJson.created("/api/v1/wanted/" + entry.getId(), entry));
    }

    @POST
    @Path("/wanted/import")
    @Consumes(WANTED_LIST)
    @RolesAllowed(Roles.ADMIN)
    @Blocking
    @Operation(summary = "Import a wanted list sent as newline-delimited JSON, one entry per line: mode ADD adds every entry, SYNC makes the "
            + "source's active entries exactly these (by externalRef); all in force when the answer comes, none if any line is refused")
    public Uni<Response> importList(@QueryParam("source") String source, @QueryParam("mode") String mode, InputStream body) {
        if (mode == null || mode.isBlank()) {
            throw new InvalidArgumentException("mode", "is required: ADD or SYNC");
        }
        WantedListLines lines = new WantedListLines(body, Queries.text(source), Queries.named(ImportMode.class, mode, "mode"), config.importChunkEntries());
        // Reading the body blocks, so the chunks are pulled on worker threads, as fast as checkpoint-service takes them.
        Multi<WantedImportChunk> chunks = Multi.createFrom().iterable(lines).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        long deadline = config.importDeadline().toMillis();
        return checkpoints.call(token.value(), stub -> stub.withDeadlineAfter(deadline, TimeUnit.MILLISECONDS).importWantedList(chunks))
                .onFailure().transform(failure -> lines.fault() != null ? lines.fault() : failure)
                .map(ProtoJson::ok);
    }

    @DELETE
    @Path("/wanted/{id}")
    @RolesAllowed({ Roles.COMMANDER, Roles.ADMIN })
    @Operation(summary = "Remove a wanted entry (reason required)")
    public Uni<Response> remove(@PathParam("id") String id, @QueryParam("reason") String reason) {
        return checkpoints.call(token.value(), stub -> stub.removeWantedEntry(RemoveWantedEntryRequest.newBuilder().setId(id)
                .setReason(Queries.text(reason)).build())).map(ProtoJson::ok);
    }
}
