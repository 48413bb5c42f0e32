package org.fangkong.gateway.agency.grpc;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;

import org.fangkong.gateway.agency.AgencyGrant;
import org.fangkong.gateway.agency.AgencySubscription;
import org.fangkong.gateway.client.AlertsClient;
import org.fangkong.gateway.client.CheckpointsClient;
import org.fangkong.gateway.client.ServiceRefusal;
import org.fangkong.gateway.client.UnitsClient;
import org.fangkong.gateway.config.GatewayConfig;
import org.fangkong.gateway.identity.RequestWindows;
import org.fangkong.gateway.live.LiveFeed;
import org.fangkong.platform.errors.InvalidArgumentException;
import org.fangkong.platform.errors.NotFoundException;
import org.fangkong.platform.errors.OverloadedException;
import org.fangkong.platform.errors.PermissionDeniedException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.identity.Roles;
import org.fangkong.proto.agency.v1.CheckWantedRequest;
import org.fangkong.proto.agency.v1.CheckWantedResponse;
import org.fangkong.proto.agency.v1.FindUnitsNearRequest;
import org.fangkong.proto.agency.v1.FindUnitsNearResponse;
import org.fangkong.proto.agency.v1.GetIncidentStatusRequest;
import org.fangkong.proto.agency.v1.IncidentStatus;
import org.fangkong.proto.agency.v1.IncidentUpdate;
import org.fangkong.proto.agency.v1.MutinyAgencyServiceGrpc;
import org.fangkong.proto.agency.v1.NearUnit;
import org.fangkong.proto.agency.v1.Point;
import org.fangkong.proto.agency.v1.ReportIncidentRequest;
import org.fangkong.proto.agency.v1.SubscribeRequest;
import org.fangkong.proto.alerts.v1.AssignmentState;
import org.fangkong.proto.alerts.v1.GetIncidentRequest;
import org.fangkong.proto.alerts.v1.Incident;
import org.fangkong.proto.alerts.v1.IncidentSource;
import org.fangkong.proto.alerts.v1.IncidentType;
import org.fangkong.proto.checkpoints.v1.CheckOutcome;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.units.v1.FindNearestUnitsRequest;
import org.jboss.logging.Logger;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureFailure;

/**
 * The agencies' door: a few curated calls on the services, made on the gateway's own account and confined to the
 * regions the agency's token grants. Every call is audited (logger {@code fangkong.audit.agency}) and counted
 * against the agency's rate.
 */
@GrpcService
@RolesAllowed(Roles.AGENCY)
public class AgencyGrpcService extends MutinyAgencyServiceGrpc.AgencyServiceImplBase {

    private static final Logger AUDIT = Logger.getLogger("fangkong.audit.agency");

    private final CurrentIdentityAssociation identities;
    private final UnitsClient units;
    private final CheckpointsClient checkpoints;
    private final AlertsClient alerts;
    private final LiveFeed feed;
    private final RequestWindows windows;
    private final GatewayConfig config;

    public AgencyGrpcService(CurrentIdentityAssociation identities, UnitsClient units, CheckpointsClient checkpoints, AlertsClient alerts,
            LiveFeed feed, RequestWindows windows, GatewayConfig config) {
        this.identities = identities;
        this.units = units;
        this.checkpoints = checkpoints;
        this.alerts = alerts;
        this.feed = feed;
        this.windows = windows;
        this.config = config;
    }

    @Override
    public Uni<FindUnitsNearResponse> findUnitsNear(FindUnitsNearRequest request) {
        return admit("FindUnitsNear", "near " + request.getPoint().getLat() + "," + request.getPoint().getLon())
                .chain(grant -> units.callAsGateway(stub -> stub.findNearestUnits(FindNearestUnitsRequest.newBuilder()
                        .setPoint(GeoPoint.newBuilder().setLat(request.getPoint().getLat()).setLon(request.getPoint().getLon()))
                        .setRadiusM(request.getRadiusM()).setLimit(request.getLimit()).setWithinOrgCode(grant.region(request.getRegion(), "region"))
                        .build())))
                .map(found -> FindUnitsNearResponse.newBuilder().addAllUnits(found.getUnitsList().stream().map(near -> NearUnit.newBuilder()
                        .setUnitId(near.getUnit().getId()).setCallSign(near.getUnit().getCallSign()).setForceType(near.getUnit().getForceType().name())
                        .setStatus(near.getUnit().getStatus().name())
                        .setPosition(Point.newBuilder().setLat(near.getPosition().getLat()).setLon(near.getPosition().getLon()))
                        .setDistanceM(near.getDistanceM()).setEtaSeconds(near.getEtaSeconds()).build()).toList()).build())
                .onFailure(ServiceRefusal.class).transform(AgencyGrpcService::status);
    }

    @Override
    public Uni<CheckWantedResponse> checkWanted(CheckWantedRequest request) {
        return admit("CheckWanted", "reason: " + request.getReason())
                .chain(grant -> checkpoints.callAsGateway(stub -> stub.checkWanted(org.fangkong.proto.checkpoints.v1.CheckWantedRequest.newBuilder()
                        .setPlate(request.getPlate()).setPlateColour(request.getPlateColour()).setIdNumber(request.getIdNumber())
                        .setReason(request.getReason()).build())))
                .map(result -> result.getOutcome() != CheckOutcome.HIT ? CheckWantedResponse.newBuilder().setWanted(false).build()
                        : CheckWantedResponse.newBuilder().setWanted(true).setSeverity(result.getEntry().getSeverity())
                                .setWantedReason(result.getEntry().getReason()).setIssuingAgency(result.getEntry().getIssuingAgency()).build())
                .onFailure(ServiceRefusal.class).transform(AgencyGrpcService::status);
    }

    @Override
    public Uni<IncidentStatus> reportIncident(ReportIncidentRequest request) {
        return admit("ReportIncident", "in " + request.getOrgCode()).chain(grant -> {
            if (!grant.covers(request.getOrgCode())) {
                throw new PermissionDeniedException("org_code " + request.getOrgCode() + " is outside the regions granted to this agency");
            }
            IncidentType type = type(request.getType());
            return alerts.callAsGateway(stub -> stub.reportIncident(org.fangkong.proto.alerts.v1.ReportIncidentRequest.newBuilder()
                    .setIdempotencyKey(request.getIdempotencyKey().isEmpty() ? "" : grant.agency() + ":" + request.getIdempotencyKey())
                    .setType(type).setPriority(request.getPriority()).setOrgCode(request.getOrgCode())
                    .setLocation(GeoPoint.newBuilder().setLat(request.getLocation().getLat()).setLon(request.getLocation().getLon()))
                    .setAddress(request.getAddress()).setDescription(request.getDescription()).setSource(IncidentSource.AGENCY).build()));
        }).map(AgencyGrpcService::toStatus).onFailure(ServiceRefusal.class).transform(AgencyGrpcService::status);
    }

    @Override
    public Uni<IncidentStatus> getIncidentStatus(GetIncidentStatusRequest request) {
        return admit("GetIncidentStatus", "incident " + request.getIncidentId())
                .chain(grant -> alerts.callAsGateway(stub -> stub.getIncident(GetIncidentRequest.newBuilder().setId(request.getIncidentId()).build()))
                        .map(incident -> {
                            if (!grant.covers(incident.getOrgCode())) {
                                throw new NotFoundException("incident", request.getIncidentId());
                            }
                            return toStatus(incident);
                        }))
                .onFailure(ServiceRefusal.class).transform(AgencyGrpcService::status);
    }

    @Override
    public Multi<IncidentUpdate> subscribe(SubscribeRequest request) {
        return admit("Subscribe", request.getWantedHitsOnly() ? "wanted hits" : "incident changes")
                .onItem().transformToMulti(grant -> Multi.createFrom().<IncidentUpdate>emitter(emitter -> feed
                        .join(new AgencySubscription(grant, request.getWantedHitsOnly(), emitter), null)
                        .subscribe().with(joined -> {
                        }, emitter::fail)))
                .onOverflow().buffer(config.live().maxUnwritten())
                .onFailure(BackPressureFailure.class)
                .transform(failure -> Status.RESOURCE_EXHAUSTED.withDescription("the subscriber does not keep up; subscribe again").asRuntimeException());
    }

    /** The agency, audited and counted against its rate. */
    private Uni<AgencyGrant> admit(String method, String detail) {
        return identities.getDeferredIdentity().map(AgencyGrant::of)
                .call(grant -> windows.count("agency:" + grant.agency(), Duration.ofSeconds(1)).invoke(count -> {
                    if (count > config.agencyCallsPerSecond()) {
                        throw new OverloadedException("more than " + config.agencyCallsPerSecond() + " calls a second from this agency");
                    }
                }))
                .invoke(grant -> AUDIT.infof("agency=%s method=%s %s", grant.agency(), method, detail));
    }

    private static IncidentType type(String name) {
        try {
            IncidentType type = IncidentType.valueOf(name.strip());
            if (type == IncidentType.INCIDENT_TYPE_UNSPECIFIED || type == IncidentType.WANTED_HIT) {
                throw new IllegalArgumentException(name);
            }
            return type;
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("type", "must be one of " + Arrays.stream(IncidentType.values())
                    .filter(t -> t != IncidentType.INCIDENT_TYPE_UNSPECIFIED && t != IncidentType.WANTED_HIT && t != IncidentType.UNRECOGNIZED)
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    private static IncidentStatus toStatus(Incident incident) {
        IncidentStatus.Builder status = IncidentStatus.newBuilder().setIncidentId(incident.getId()).setNumber(incident.getNumber())
                .setOrgCode(incident.getOrgCode()).setType(incident.getType().name()).setPriority(incident.getPriority())
                .setStatus(incident.getStatus().name()).setReportedAt(incident.getReportedAt());
        incident.getAssignmentsList().stream().filter(a -> a.getState() != AssignmentState.RELEASED).forEach(a -> status.addUnitCallSigns(a.getCallSign()));
        if (incident.getStopwatch().hasReactedAt()) {
            status.setReactedAt(incident.getStopwatch().getReactedAt());
        }
        if (incident.getStopwatch().hasArrivedAt()) {
            status.setArrivedAt(incident.getStopwatch().getArrivedAt());
        }
        if (incident.getStopwatch().hasResolvedAt()) {
            status.setResolvedAt(incident.getStopwatch().getResolvedAt());
        }
        return status.build();
    }

    private static Throwable status(Throwable refusal) {
        return ((ServiceRefusal) refusal).status();
    }
}
