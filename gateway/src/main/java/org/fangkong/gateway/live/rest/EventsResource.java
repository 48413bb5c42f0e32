package org.fangkong.gateway.live.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fangkong.gateway.client.AlertsClient;
import org.fangkong.gateway.client.CheckpointsClient;
import org.fangkong.gateway.client.ServiceRefusal;
import org.fangkong.gateway.client.UnitsClient;
import org.fangkong.gateway.config.GatewayConfig;
import org.fangkong.gateway.errors.ProblemException;
import org.fangkong.gateway.identity.CallerToken;
import org.fangkong.gateway.live.Audience;
import org.fangkong.gateway.live.LiveCursor;
import org.fangkong.gateway.live.LiveFeed;
import org.fangkong.gateway.live.LiveSession;
import org.fangkong.gateway.live.StreamTickets;
import org.fangkong.platform.errors.Problem;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.platform.identity.Roles;
import org.fangkong.proto.alerts.v1.ListOpenDispatchesRequest;
import org.fangkong.proto.alerts.v1.OpenDispatch;
import org.fangkong.proto.checkpoints.v1.GetMyCheckpointRequest;
import org.fangkong.proto.units.v1.GetMyUnitRequest;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.mutiny.core.Vertx;

/** The live channel: Server-Sent Events filtered by role and organisation, resumable from {@code Last-Event-ID}. */
@Path("/api/v1/events")
@Tag(name = "Live events")
public class EventsResource {

    private static final Duration CONNECT_DEADLINE = Duration.ofSeconds(15);

    private final LiveFeed feed;
    private final StreamTickets tickets;
    private final SecurityIdentity identity;
    private final JsonWebToken jwt;
    private final CallerToken token;
    private final UnitsClient units;
    private final CheckpointsClient checkpoints;
    private final AlertsClient alerts;
    private final GatewayConfig config;
    private final Vertx vertx;
    private final ObjectMapper json;

    public EventsResource(LiveFeed feed, StreamTickets tickets, SecurityIdentity identity, JsonWebToken jwt, CallerToken token, UnitsClient units,
            CheckpointsClient checkpoints, AlertsClient alerts, GatewayConfig config, Vertx vertx, ObjectMapper json) {
        this.feed = feed;
        this.tickets = tickets;
        this.identity = identity;
        this.jwt = jwt;
        this.token = token;
        this.units = units;
        this.checkpoints = checkpoints;
        this.alerts = alerts;
        this.config = config;
        this.vertx = vertx;
        this.json = json;
    }

    @POST
    @Path("/tickets")
    @Produces(MediaType.APPLICATION_JSON)
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "A single-use ticket to open the stream where no Authorization header can be sent (a browser's EventSource); valid for seconds")
    public Uni<Object> ticket() {
        StreamTickets.Holder holder = new StreamTickets.Holder(identity.getPrincipal().getName(), identity.getRoles(), org(),
                jwt.getExpirationTime(), token.value());
        return tickets.issue(holder).map(ticket -> json.createObjectNode().put("ticket", ticket).put("expiresInS", tickets.ttl().toSeconds()));
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @PermitAll
    @Blocking
    @Operation(summary = "Live events for the caller's role and organisation (bearer token, or ?ticket= from POST /api/v1/events/tickets); "
            + "resumes after Last-Event-ID")
    public void stream(@Context SseEventSink sink, @Context Sse sse, @Context HttpServerResponse response,
            @HeaderParam("Last-Event-ID") String lastEventId, @QueryParam("ticket") String ticket) {
        StreamTickets.Holder caller = caller(ticket);
        Set<String> roles = caller.roles();
        String unitId = roles.contains(Roles.OFFICER)
                ? ServiceRefusal.absentIfNotFound(units.call(caller.token(), stub -> stub.getMyUnit(GetMyUnitRequest.getDefaultInstance())))
                        .await().atMost(CONNECT_DEADLINE).map(mine -> mine.getUnit().getId()).orElse(null)
                : null;
        String checkpointId = roles.contains(Roles.CHECKPOINT)
                ? ServiceRefusal.absentIfNotFound(checkpoints.call(caller.token(), stub -> stub.getMyCheckpoint(GetMyCheckpointRequest.getDefaultInstance())))
                        .await().atMost(CONNECT_DEADLINE).map(mine -> mine.getCheckpoint().getId()).orElse(null)
                : null;
        Audience audience = new Audience(caller.subject(), roles, OrgCode.isValid(caller.org()) ? OrgCode.of(caller.org()) : null, unitId,
                checkpointId, Instant.ofEpochSecond(caller.expiresAtEpochSecond()));
        LiveSession session = new LiveSession(audience, sink, sse, response, config.live().maxUnwritten());
        if (unitId != null) {
            // Orders the phone has not confirmed receiving come first: it may have missed them while away.
            alerts.call(caller.token(), stub -> stub.listOpenDispatches(ListOpenDispatchesRequest.newBuilder().setUnitId(unitId).build()))
                    .await().atMost(CONNECT_DEADLINE).getDispatchesList().stream()
                    .filter(open -> !open.getAssignment().hasDeliveredAt())
                    .forEach((OpenDispatch open) -> session.send("dispatch.pending", open));
        }
        Duration left = feed.remaining(audience);
        vertx.setTimer(Math.max(1, left.toMillis()), id -> session.close("the token expired: reconnect with a fresh one and the Last-Event-ID"));
        feed.join(session, LiveCursor.parse(lastEventId).orElse(null))
                .subscribe().with(joined -> {
                }, failure -> session.close("the stream could not start: " + failure.getMessage()));
    }

    /** The caller by bearer token, else by ticket; 401 without either. */
    private StreamTickets.Holder caller(String ticket) {
        if (!identity.isAnonymous()) {
            return new StreamTickets.Holder(identity.getPrincipal().getName(), identity.getRoles(), org(), jwt.getExpirationTime(), token.value());
        }
        if (ticket == null || ticket.isBlank()) {
            throw new ProblemException(Problem.of(401, "Unauthorized", "a valid bearer token or stream ticket is required"));
        }
        Optional<StreamTickets.Holder> holder = tickets.redeem(ticket).await().atMost(CONNECT_DEADLINE);
        if (holder.isEmpty() || holder.get().expiresAtEpochSecond() <= Instant.now().getEpochSecond()) {
            throw new ProblemException(Problem.of(401, "Unauthorized", "the stream ticket is unknown, used or expired"));
        }
        return holder.get();
    }

    private String org() {
        Object org = jwt.getClaim("org");
        return org == null ? null : org.toString().replace("\"", "");
    }
}
