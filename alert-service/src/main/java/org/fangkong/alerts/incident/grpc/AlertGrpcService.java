package org.fangkong.alerts.incident.grpc;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;

import org.fangkong.alerts.analysis.AnalysisMapping;
import org.fangkong.alerts.analysis.PatrolAdvice;
import org.fangkong.alerts.analysis.SituationAnalysis;
import org.fangkong.alerts.client.UnitsClient;
import org.fangkong.alerts.command.CommandModes;
import org.fangkong.alerts.hits.WantedHitTrails;
import org.fangkong.alerts.compliance.ComplianceReports;
import org.fangkong.alerts.incident.IncidentSource;
import org.fangkong.alerts.incident.IncidentStatus;
import org.fangkong.alerts.incident.IncidentType;
import org.fangkong.alerts.incident.mapping.IncidentMapping;
import org.fangkong.alerts.incident.service.DispatchDesk;
import org.fangkong.alerts.incident.service.IncidentIntake;
import org.fangkong.alerts.incident.service.IncidentQueue;
import org.fangkong.platform.errors.NotFoundException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.identity.CurrentCaller;
import org.fangkong.platform.identity.Roles;
import org.fangkong.platform.paging.Paging;
import org.fangkong.proto.alerts.v1.*;
import org.fangkong.proto.common.v1.PageInfo;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

@GrpcService
public class AlertGrpcService implements AlertService {

    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 500;

    private final CurrentCaller caller;
    private final IncidentQueue queue;
    private final IncidentIntake intake;
    private final DispatchDesk desk;
    private final CommandModes modes;
    private final ComplianceReports compliance;
    private final WantedHitTrails trails;
    private final SituationAnalysis analysis;
    private final PatrolAdvice advice;
    private final UnitsClient units;

    public AlertGrpcService(CurrentCaller caller, IncidentQueue queue, IncidentIntake intake, DispatchDesk desk, CommandModes modes,
            ComplianceReports compliance, WantedHitTrails trails, SituationAnalysis analysis, PatrolAdvice advice, UnitsClient units) {
        this.trails = trails;
        this.analysis = analysis;
        this.advice = advice;
        this.units = units;
        this.caller = caller;
        this.queue = queue;
        this.intake = intake;
        this.desk = desk;
        this.modes = modes;
        this.compliance = compliance;
    }

    /** The incident in full after a change, as the caller's answer. */
    private Uni<Incident> full(org.fangkong.alerts.incident.Incident incident) {
        return queue.view(incident.getId()).map(IncidentMapping::toProto);
    }

    @Override
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.OFFICER, Roles.SERVICE })
    public Uni<Incident> reportIncident(ReportIncidentRequest request) {
        Violations violations = new Violations().require(request.hasLocation(), "location", "is required");
        violations.throwIfAny();
        IncidentIntake.Report report = new IncidentIntake.Report(request.getIdempotencyKey(), IncidentMapping.type(request.getType()),
                request.getPriority(), request.getOrgCode(), request.getLocation().getLat(), request.getLocation().getLon(), request.getAddress(),
                IncidentMapping.source(request.getSource()), request.getDescription(), request.getMajor());
        return caller.get().chain(who -> intake.report(who, report)).chain(outcome -> full(outcome.incident()));
    }

    @Override
    @RolesAllowed(Roles.SERVICE)
    public Uni<Incident> reportObservation(ReportObservationRequest request) {
        Violations violations = new Violations().require(request.hasLocation(), "location", "is required")
                .notBlank(request.getCategory(), "category");
        UUID observation = violations.uuid(request.getObservationId(), "observation_id");
        violations.throwIfAny();
        IncidentType type = java.util.Arrays.stream(IncidentType.values()).filter(t -> t.name().equalsIgnoreCase(request.getCategory().strip()))
                .findFirst().orElse(IncidentType.OTHER);
        String description = request.getCategory().strip() + ": " + request.getDescription().strip() + " (camera " + request.getCameraGbCode()
                + ", seen by " + request.getObservedBy() + (request.hasObservedAt() ? " at " + Timestamps.toInstant(request.getObservedAt()) : "") + ")";
        IncidentIntake.Report report = new IncidentIntake.Report("observation-" + observation, type, 2, request.getOrgCode(),
                request.getLocation().getLat(), request.getLocation().getLon(), "camera " + request.getCameraGbCode(), IncidentSource.VIDEO_PATROL,
                description.length() > 1000 ? description.substring(0, 1000) : description, false);
        return caller.get().chain(who -> intake.report(who, report)).chain(outcome -> full(outcome.incident()));
    }

    @Override
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN, Roles.SERVICE })
    public Uni<Incident> getIncident(GetIncidentRequest request) {
        UUID id = Violations.requireUuid(request.getId(), "id");
        return caller.get()
                .chain(who -> queue.find(who, id))
                .map(found -> found.orElseThrow(NotFoundException.of("incident", request.getId())))
                .chain(this::full);
    }

    @Override
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN, Roles.SERVICE })
    public Uni<ListIncidentsResponse> listIncidents(ListIncidentsRequest request) {
        Paging.Page page = Paging.of(request.getPage().getPageSize(), request.getPage().getPageToken(), DEFAULT_PAGE, MAX_PAGE);
        List<IncidentStatus> statuses = request.getStatusesList().stream()
                .filter(s -> s != org.fangkong.proto.alerts.v1.IncidentStatus.INCIDENT_STATUS_UNSPECIFIED
                        && s != org.fangkong.proto.alerts.v1.IncidentStatus.UNRECOGNIZED)
                .map(s -> IncidentStatus.valueOf(s.name())).toList();
        List<IncidentType> types = request.getTypesList().stream().map(IncidentMapping::type).filter(t -> t != null).toList();
        return caller.get()
                .chain(who -> queue.list(who.scopeFor("org_code", request.getOrgCode()), statuses, types,
                        request.hasReportedFrom() ? Timestamps.toInstant(request.getReportedFrom()) : null,
                        request.hasReportedTo() ? Timestamps.toInstant(request.getReportedTo()) : null, page))
                .chain(slice -> queue.breached(slice.items().stream().map(org.fangkong.alerts.incident.Incident::getId).toList())
                        .map(breached -> ListIncidentsResponse.newBuilder()
                                .addAllIncidents(slice.items().stream().map(i -> IncidentMapping.toProto(new IncidentQueue.View(i, List.of(), List.of(),
                                        breached.getOrDefault(i.getId(), List.of())))).toList())
                                .setPage(PageInfo.newBuilder().setNextPageToken(slice.nextPageToken()))
                                .build()));
    }

    @Override
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.SERVICE })
    public Uni<RecommendUnitsResponse> recommendUnits(RecommendUnitsRequest request) {
        UUID id = Violations.requireUuid(request.getIncidentId(), "incident_id");
        return caller.get().chain(who -> desk.recommend(who, id, request.getRadiusM()))
                .map(found -> RecommendUnitsResponse.newBuilder()
                        .addAllUnits(found.units().stream().map(n -> RecommendedUnit.newBuilder()
                                .setUnitId(n.getUnit().getId()).setCallSign(n.getUnit().getCallSign()).setForceType(n.getUnit().getForceType().name())
                                .setArmedCount(n.getUnit().getArmedCount()).setDistanceM(n.getDistanceM()).setEtaSeconds(n.getEtaSeconds()).build())
                                .toList())
                        .setUnitsWanted(found.wanted())
                        .addAllRules(found.rules())
                        .build());
    }

    @Override
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.SERVICE })
    public Uni<Incident> dispatchUnits(DispatchUnitsRequest request) {
        Violations violations = new Violations();
        UUID id = violations.uuid(request.getIncidentId(), "incident_id");
        List<UUID> units = uuids(request.getUnitIdsList(), "unit_ids", violations);
        violations.throwIfAny();
        return caller.get().chain(who -> desk.dispatch(who, id, units)).chain(this::full);
    }

    @Override
    @RolesAllowed({ Roles.OFFICER, Roles.SERVICE })
    public Uni<Incident> confirmDelivery(IncidentUnitRequest request) {
        return crewStep(request, Step.DELIVERED);
    }

    @Override
    @RolesAllowed({ Roles.OFFICER, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.SERVICE })
    public Uni<ListOpenDispatchesResponse> listOpenDispatches(ListOpenDispatchesRequest request) {
        UUID unit = Violations.requireUuid(request.getUnitId(), "unit_id");
        return caller.get().chain(who -> desk.openDispatches(who, unit))
                .map(open -> ListOpenDispatchesResponse.newBuilder()
                        .addAllDispatches(open.stream().map(dispatch -> OpenDispatch.newBuilder()
                                .setIncident(IncidentMapping.toProto(new IncidentQueue.View(dispatch.incident(), List.of(), List.of(), dispatch.breached())))
                                .setAssignment(IncidentMapping.toProto(dispatch.assignment()))
                                .build()).toList())
                        .build());
    }

    @Override
    @RolesAllowed({ Roles.OFFICER, Roles.SERVICE })
    public Uni<Incident> acknowledgeDispatch(IncidentUnitRequest request) {
        return crewStep(request, Step.ACKNOWLEDGED);
    }

    @Override
    @RolesAllowed({ Roles.OFFICER, Roles.SERVICE })
    public Uni<Incident> arriveOnScene(IncidentUnitRequest request) {
        return crewStep(request, Step.ARRIVED);
    }

    private enum Step {
        DELIVERED, ACKNOWLEDGED, ARRIVED
    }

    private Uni<Incident> crewStep(IncidentUnitRequest request, Step step) {
        Violations violations = new Violations();
        UUID id = violations.uuid(request.getIncidentId(), "incident_id");
        UUID unit = violations.uuid(request.getUnitId(), "unit_id");
        violations.throwIfAny();
        return caller.get().chain(who -> switch (step) {
            case DELIVERED -> desk.delivered(who, id, unit);
            case ACKNOWLEDGED -> desk.acknowledge(who, id, unit);
            case ARRIVED -> desk.arrive(who, id, unit);
        }).chain(this::full);
    }

    @Override
    @RolesAllowed({ Roles.OFFICER, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.SERVICE })
    public Uni<Incident> resolveIncident(ResolveIncidentRequest request) {
        UUID id = Violations.requireUuid(request.getIncidentId(), "incident_id");
        return caller.get().chain(who -> desk.resolve(who, id, request.getOutcome())).chain(this::full);
    }

    @Override
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.SERVICE })
    public Uni<Incident> closeIncident(CloseIncidentRequest request) {
        UUID id = Violations.requireUuid(request.getIncidentId(), "incident_id");
        return caller.get().chain(who -> desk.close(who, id)).chain(this::full);
    }

    @Override
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.SERVICE })
    public Uni<Incident> cancelIncident(CancelIncidentRequest request) {
        UUID id = Violations.requireUuid(request.getIncidentId(), "incident_id");
        return caller.get().chain(who -> desk.cancel(who, id, request.getReason())).chain(this::full);
    }

    @Override
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.SERVICE })
    public Uni<Incident> redispatchIncident(RedispatchIncidentRequest request) {
        Violations violations = new Violations();
        UUID id = violations.uuid(request.getIncidentId(), "incident_id");
        List<UUID> release = uuids(request.getReleaseUnitIdsList(), "release_unit_ids", violations);
        List<UUID> dispatch = uuids(request.getDispatchUnitIdsList(), "dispatch_unit_ids", violations);
        violations.throwIfAny();
        return caller.get().chain(who -> desk.redispatch(who, id, release, dispatch, request.getReason())).chain(this::full);
    }

    @Override
    @RolesAllowed({ Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ADMIN, Roles.SERVICE })
    public Uni<CommandMode> setCommandMode(SetCommandModeRequest request) {
        CommandModes.Mode mode = switch (request.getMode()) {
            case NORMAL -> CommandModes.Mode.NORMAL;
            case EMERGENCY -> CommandModes.Mode.EMERGENCY;
            default -> null;
        };
        return caller.get().chain(who -> modes.set(who, request.getOrgCode(), mode, request.getReason())).map(AlertGrpcService::toProto);
    }

    @Override
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN, Roles.SERVICE })
    public Uni<CommandMode> getCommandMode(GetCommandModeRequest request) {
        return caller.get().chain(who -> modes.inForce(who.scopeFor("org_code", request.getOrgCode()).value())).map(AlertGrpcService::toProto);
    }

    private static CommandMode toProto(CommandModes.InForce mode) {
        CommandMode.Builder builder = CommandMode.newBuilder().setOrgCode(mode.orgCode()).setMode(Mode.valueOf(mode.mode().name()))
                .setSwitchedBy(mode.switchedBy()).setReason(mode.reason());
        mode.setFor().ifPresent(builder::setSetForOrgCode);
        if (mode.switchedAt() != null) {
            builder.setSwitchedAt(Timestamps.of(mode.switchedAt()));
        }
        return builder.build();
    }

    @Override
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN, Roles.SERVICE })
    public Uni<ComplianceReport> getComplianceReport(GetComplianceReportRequest request) {
        return caller.get()
                .chain(who -> compliance.report(who.scopeFor("org_code", request.getOrgCode()),
                        request.hasFrom() ? Timestamps.toInstant(request.getFrom()) : null, request.hasTo() ? Timestamps.toInstant(request.getTo()) : null))
                .map(rows -> ComplianceReport.newBuilder().addAllRows(rows.stream().map(AnalysisMapping::toProto).toList()).build());
    }

    // --- Wanted hits ---

    @Override
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN, Roles.SERVICE })
    public Uni<WantedHitTrail> getWantedHitTrail(GetWantedHitTrailRequest request) {
        UUID id = Violations.requireUuid(request.getIncidentId(), "incident_id");
        return caller.get()
                .chain(who -> queue.find(who, id))
                .map(found -> found.orElseThrow(NotFoundException.of("incident", request.getIncidentId())))
                .chain(incident -> trails.trail(incident.getId()));
    }

    // --- Situation analysis ---

    @Override
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN, Roles.SERVICE })
    public Uni<SituationReport> getSituationReport(GetSituationReportRequest request) {
        SituationAnalysis.Period period = analysis.period(request.getDay(), request.getDays());
        return caller.get().chain(who -> analysis.report(who.scopeFor("org_code", request.getOrgCode()), period)).map(AnalysisMapping::toProto);
    }

    @Override
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN, Roles.SERVICE })
    public Uni<TwoStageReport> getTwoStageReport(GetTwoStageReportRequest request) {
        SituationAnalysis.Period period = analysis.period(request.getDay(), request.getDays());
        return caller.get().chain(who -> {
            org.fangkong.platform.identity.OrgCode district = who.scopeFor("org_code", request.getOrgCode());
            org.fangkong.platform.identity.OrgCode city = org.fangkong.platform.identity.OrgCode.of(district.value().substring(0, 4) + "00000000");
            return analysis.report(city, period).chain(cityReport -> analysis.report(district, period).chain(own -> units.neighbours(district.value())
                    .chain(neighbours -> io.smallrye.mutiny.Multi.createFrom().iterable(neighbours)
                            .onItem().transformToUniAndConcatenate(code -> analysis.report(org.fangkong.platform.identity.OrgCode.of(code), period))
                            .collect().asList())
                    .map(reports -> TwoStageReport.newBuilder().setCity(AnalysisMapping.toProto(cityReport)).setDistrict(AnalysisMapping.toProto(own))
                            .addAllNeighbours(reports.stream().map(AnalysisMapping::toProto).toList()).build())));
        });
    }

    @Override
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN, Roles.SERVICE })
    public Uni<PatrolLevelRecommendations> recommendPatrolLevels(RecommendPatrolLevelsRequest request) {
        return caller.get().chain(who -> advice.recommend(who.scopeFor("org_code", request.getOrgCode()), request.getDays()))
                .map(levels -> PatrolLevelRecommendations.newBuilder().addAllZones(levels.stream().map(AnalysisMapping::toProto).toList()).build());
    }

    @Override
    @RolesAllowed({ Roles.COMMANDER, Roles.SERVICE })
    public Uni<PatrolLevelRecommendation> applyPatrolLevel(ApplyPatrolLevelRequest request) {
        Violations.requireUuid(request.getZoneId(), "zone_id");
        return caller.get().chain(who -> advice.apply(who, request.getZoneId(), request.getPatrolLevel(), request.getReason()))
                .map(zone -> PatrolLevelRecommendation.newBuilder().setZoneId(zone.getId()).setZoneName(zone.getName())
                        .setCurrentLevel(zone.getPatrolLevel()).setRecommendedLevel(request.getPatrolLevel()).setReason(request.getReason().strip()).build());
    }

    @Override
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN, Roles.SERVICE })
    public Uni<Reinforcements> suggestReinforcements(SuggestReinforcementsRequest request) {
        return caller.get().chain(who -> advice.reinforcements(who.scopeFor("org_code", request.getOrgCode())))
                .map(found -> Reinforcements.newBuilder().addAllZones(found.stream().map(AnalysisMapping::toProto).toList()).build());
    }

    @Override
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN, Roles.SERVICE })
    public Uni<ControlPoints> suggestControlPoints(SuggestControlPointsRequest request) {
        return caller.get().chain(who -> advice.controlPoints(who.scopeFor("org_code", request.getOrgCode()), request.getDays(), request.getLimit()))
                .map(cells -> ControlPoints.newBuilder().addAllCells(cells.stream().map(AnalysisMapping::toProto).toList()).build());
    }

    private static List<UUID> uuids(List<String> values, String field, Violations violations) {
        List<UUID> ids = new java.util.ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            UUID id = violations.uuid(values.get(i), field + "[" + i + "]");
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }
}
