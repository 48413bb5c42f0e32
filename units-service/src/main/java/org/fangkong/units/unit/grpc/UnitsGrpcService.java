package org.fangkong.units.unit.grpc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;

import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.identity.CurrentCaller;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.platform.identity.Roles;
import org.fangkong.platform.paging.Paging;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.common.v1.PageInfo;
import org.fangkong.proto.units.v1.*;
import org.fangkong.units.config.UnitsConfig;
import org.fangkong.units.crew.service.CrewRoster;
import org.fangkong.units.organisation.mapping.OrganisationMapping;
import org.fangkong.units.organisation.service.OrganisationRegistry;
import org.fangkong.units.position.history.UnitTrack;
import org.fangkong.units.position.service.LivePositions;
import org.fangkong.units.position.service.NearestUnits;
import org.fangkong.units.position.service.PositionIngest;
import org.fangkong.units.unit.NewUnit;
import org.fangkong.units.unit.live.LiveStates;
import org.fangkong.units.unit.mapping.UnitMapping;
import org.fangkong.units.unit.repository.UnitRepository;
import org.fangkong.units.unit.service.DutyStrength;
import org.fangkong.units.unit.service.UnitRegistry;
import org.fangkong.units.unit.service.UnitStatusService;
import org.fangkong.units.zone.mapping.ZoneMapping;
import org.fangkong.units.zone.service.KeySiteRegistry;
import org.fangkong.units.zone.service.ZoneCoverage;
import org.fangkong.units.zone.service.ZoneRegistry;

import io.quarkus.grpc.GrpcService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The units API. Each method checks its input, resolves the caller and delegates to one service. */
@GrpcService
public class UnitsGrpcService implements UnitsService {

    private final CurrentCaller caller;
    private final UnitRegistry registry;
    private final UnitStatusService statuses;
    private final CrewRoster crews;
    private final LiveStates liveStates;
    private final PositionIngest positions;
    private final NearestUnits nearest;
    private final UnitTrack tracks;
    private final DutyStrength strength;
    private final OrganisationRegistry organisations;
    private final ZoneRegistry zones;
    private final ZoneCoverage coverage;
    private final LivePositions livePositions;
    private final KeySiteRegistry keySites;
    private final UnitsConfig.Registry config;

    public UnitsGrpcService(CurrentCaller caller, UnitRegistry registry, UnitStatusService statuses, CrewRoster crews,
            LiveStates liveStates, PositionIngest positions, NearestUnits nearest, LivePositions livePositions, UnitTrack tracks,
            DutyStrength strength, OrganisationRegistry organisations, ZoneRegistry zones, ZoneCoverage coverage, KeySiteRegistry keySites,
            UnitsConfig config) {
        this.caller = caller;
        this.registry = registry;
        this.statuses = statuses;
        this.crews = crews;
        this.liveStates = liveStates;
        this.positions = positions;
        this.nearest = nearest;
        this.livePositions = livePositions;
        this.tracks = tracks;
        this.strength = strength;
        this.organisations = organisations;
        this.zones = zones;
        this.coverage = coverage;
        this.keySites = keySites;
        this.config = config.registry();
    }

    // --- Units ---

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE })
    public Uni<Unit> createUnit(CreateUnitRequest request) {
        NewUnit spec = UnitMapping.toNewUnit(request, "");
        return caller.get()
                .chain(who -> registry.register(who, spec))
                .chain(this::withStale);
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE })
    public Uni<ImportUnitsResponse> importUnits(ImportUnitsRequest request) {
        Violations violations = new Violations().require(request.getUnitsCount() > 0, "units", "must hold at least one unit");
        violations.throwIfAny();
        List<NewUnit> specs = new ArrayList<>(request.getUnitsCount());
        for (int i = 0; i < request.getUnitsCount(); i++) {
            specs.add(UnitMapping.toNewUnit(request.getUnits(i), "units[" + i + "]."));
        }
        return caller.get()
                .chain(who -> registry.importAll(who, specs, "units"))
                .map(created -> ImportUnitsResponse.newBuilder()
                        .addAllUnitIds(created.stream().map(unit -> unit.getId().toString()).toList())
                        .build());
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE })
    public Uni<Unit> updateUnit(UpdateUnitRequest request) {
        UUID id = Violations.requireUuid(request.getId(), "id");
        NewUnit values = UnitMapping.toNewUnit(request.getUnit(), "unit.");
        Set<String> fields = new HashSet<>(request.getUpdateMask().getPathsList());
        return caller.get()
                .chain(who -> registry.update(who, id, new UnitRegistry.Changes(fields, values,
                        request.hasExpectedVersion() ? request.getExpectedVersion() : null)))
                .chain(this::withStale);
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.SERVICE })
    public Uni<Unit> getUnit(GetUnitRequest request) {
        UUID id = Violations.requireUuid(request.getId(), "id");
        return caller.get()
                .chain(who -> Panache.withSession(() -> registry.require(who, id)))
                .chain(this::withStale);
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.SERVICE })
    public Uni<ListUnitsResponse> listUnits(ListUnitsRequest request) {
        Paging.Page page = Paging.of(request.getPage().getPageSize(), request.getPage().getPageToken(),
                config.defaultPageSize(), config.maxPageSize());
        Violations violations = new Violations();
        UUID zone = violations.optionalUuid(request.getHomeZoneId(), "home_zone_id");
        violations.throwIfAny();
        return caller.get().chain(who -> {
            OrgCode scope = who.scopeFor("org_code", request.getOrgCode());
            UnitRepository.Filter filter = new UnitRepository.Filter(scope.scopePrefix(),
                    request.getForceTypesList().stream().map(UnitMapping::forceType).filter(t -> t != null).toList(),
                    request.getStatusesList().stream().map(UnitMapping::status).filter(s -> s != null).toList(), zone);
            return registry.list(filter, page);
        }).chain(slice -> liveStates.staleAmong(slice.items()).map(stale -> ListUnitsResponse.newBuilder()
                .addAllUnits(slice.items().stream().map(unit -> UnitMapping.toProto(unit, stale)).toList())
                .setPage(PageInfo.newBuilder().setNextPageToken(slice.nextPageToken()))
                .build()));
    }

    @Override
    @RolesAllowed(Roles.SERVICE)
    public Uni<Unit> resolveTerminal(ResolveTerminalRequest request) {
        return registry.resolveTerminal(request.getTerminalId()).chain(this::withStale);
    }

    // --- Crews ---

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.COMMANDER, Roles.SERVICE })
    public Uni<CrewMember> assignCrewMember(AssignCrewMemberRequest request) {
        UUID unitId = Violations.requireUuid(request.getUnitId(), "unit_id");
        return caller.get()
                .chain(who -> crews.assign(who, unitId, request.getSubject(),
                        request.hasShiftStart() ? Timestamps.toInstant(request.getShiftStart()) : null,
                        request.hasShiftEnd() ? Timestamps.toInstant(request.getShiftEnd()) : null))
                .map(UnitsGrpcService::toProto);
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.COMMANDER, Roles.SERVICE })
    public Uni<RemoveCrewMemberResponse> removeCrewMember(RemoveCrewMemberRequest request) {
        UUID unitId = Violations.requireUuid(request.getUnitId(), "unit_id");
        return caller.get()
                .chain(who -> crews.remove(who, unitId, request.getSubject()))
                .map(removed -> RemoveCrewMemberResponse.newBuilder().setRemoved(removed).build());
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.SERVICE })
    public Uni<ListCrewResponse> listCrew(ListCrewRequest request) {
        UUID unitId = Violations.requireUuid(request.getUnitId(), "unit_id");
        return caller.get()
                .chain(who -> crews.list(who, unitId, request.hasAt() ? Timestamps.toInstant(request.getAt()) : null))
                .map(members -> ListCrewResponse.newBuilder()
                        .addAllMembers(members.stream().map(UnitsGrpcService::toProto).toList())
                        .build());
    }

    @Override
    @Authenticated
    public Uni<MyUnit> getMyUnit(GetMyUnitRequest request) {
        return caller.get()
                .chain(crews::myUnit)
                .chain(mine -> withStale(mine.unit()).map(unit -> MyUnit.newBuilder()
                        .setUnit(unit)
                        .setShift(toProto(mine.shift()))
                        .build()));
    }

    // --- Status ---

    @Override
    @RolesAllowed({ Roles.OFFICER, Roles.COMMANDER, Roles.ADMIN, Roles.SERVICE })
    public Uni<Unit> setUnitStatus(SetUnitStatusRequest request) {
        UUID unitId = Violations.requireUuid(request.getUnitId(), "unit_id");
        return caller.get()
                .chain(who -> statuses.setDutyStatus(who, unitId, UnitMapping.status(request.getStatus()), request.getReason().strip()))
                .chain(this::withStale);
    }

    @Override
    @RolesAllowed({ Roles.OFFICER, Roles.COMMANDER, Roles.ADMIN, Roles.SERVICE })
    public Uni<SetUnitStatusesResponse> setUnitStatuses(SetUnitStatusesRequest request) {
        return caller.get()
                .chain(who -> statuses.setDutyStatuses(who, request.getUnitIdsList(), UnitMapping.status(request.getStatus()),
                        request.getReason().strip(), config.maxImport()))
                .map(outcome -> SetUnitStatusesResponse.newBuilder().setChanged(outcome.changed()).setUnchanged(outcome.unchanged()).build());
    }

    @Override
    @RolesAllowed(Roles.SERVICE)
    public Uni<Unit> applyIncidentMove(ApplyIncidentMoveRequest request) {
        Violations violations = new Violations();
        UUID unitId = violations.uuid(request.getUnitId(), "unit_id");
        UUID incidentId = violations.uuid(request.getIncidentId(), "incident_id");
        violations.throwIfAny();
        return caller.get()
                .chain(who -> statuses.applyIncidentMove(who, unitId, incidentId, UnitMapping.move(request.getMove()),
                        request.getIncidentPriority(), request.getReason().strip()))
                .chain(this::withStale);
    }

    // --- Positions ---

    @Override
    @RolesAllowed({ Roles.OFFICER, Roles.SERVICE })
    public Uni<ReportPositionsResponse> reportPositions(Multi<PositionFix> fixes) {
        return caller.get()
                .chain(who -> positions.ingest(who, fixes))
                .map(outcome -> ReportPositionsResponse.newBuilder()
                        .setAccepted(outcome.accepted())
                        .setOutOfOrder(outcome.outOfOrder())
                        .build());
    }

    @Override
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.SERVICE })
    public Uni<FindNearestUnitsResponse> findNearestUnits(FindNearestUnitsRequest request) {
        NearestUnits.Query query = new NearestUnits.Query(request.getPoint().getLat(), request.getPoint().getLon(),
                request.getRadiusM(), request.getLimit(), request.getWithinOrgCode(),
                new HashSet<>(request.getForceTypesList().stream().map(UnitMapping::forceType).filter(t -> t != null).toList()),
                request.getMinArmedCount(), request.getOnlyAvailable());
        return caller.get()
                .chain(who -> nearest.find(who, query))
                .chain(found -> liveStates.staleAmong(found.stream().map(NearestUnits.Nearby::unit).toList())
                        .map(stale -> FindNearestUnitsResponse.newBuilder()
                                .addAllUnits(found.stream().map(nearby -> UnitMapping.toProto(nearby, stale)).toList())
                                .build()));
    }

    @Override
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.SERVICE })
    public Uni<ListLivePositionsResponse> listLivePositions(ListLivePositionsRequest request) {
        return caller.get()
                .chain(who -> livePositions.of(who, request.getOrgCode()))
                .map(live -> {
                    ListLivePositionsResponse.Builder response = ListLivePositionsResponse.newBuilder();
                    for (LivePositions.Live unit : live) {
                        LivePosition.Builder item = response.addPositionsBuilder().setUnitId(unit.unitId())
                                .setPoint(GeoPoint.newBuilder().setLat(unit.lat()).setLon(unit.lon())).setStale(unit.stale());
                        if (unit.fixAt() != null) {
                            item.setRecordedAt(Timestamps.of(unit.fixAt()));
                        }
                    }
                    return response.build();
                });
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.SERVICE })
    public Uni<GetUnitTrackResponse> getUnitTrack(GetUnitTrackRequest request) {
        UUID unitId = Violations.requireUuid(request.getUnitId(), "unit_id");
        java.time.Instant from = request.hasFrom() ? Timestamps.toInstant(request.getFrom()) : null;
        java.time.Instant to = request.hasTo() ? Timestamps.toInstant(request.getTo()) : null;
        int limit = tracks.checkedLimit(from, to, request.getLimit());
        return caller.get()
                .chain(who -> Panache.withSession(() -> registry.require(who, unitId)))
                .chain(unit -> tracks.between(unitId, from, to, limit))
                .map(track -> GetUnitTrackResponse.newBuilder()
                        .addAllFixes(track.fixes().stream().map(fix -> TrackFix.newBuilder()
                                .setPoint(GeoPoint.newBuilder().setLat(fix.lat()).setLon(fix.lon()))
                                .setRecordedAt(Timestamps.of(fix.recordedAt()))
                                .setAccuracyM(fix.accuracyMeters())
                                .setSpeedMps(fix.speedMps())
                                .setHeadingDeg(fix.headingDeg())
                                .build()).toList())
                        .setTruncated(track.truncated())
                        .build());
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.SERVICE })
    public Uni<org.fangkong.proto.units.v1.DutyStrength> getDutyStrength(GetDutyStrengthRequest request) {
        return caller.get().chain(who -> {
            OrgCode scope = who.scopeFor("org_code", request.getOrgCode());
            return strength.of(scope).map(report -> org.fangkong.proto.units.v1.DutyStrength.newBuilder()
                    .setOrgCode(scope.value())
                    .addAllByForceType(report.byForceType().stream().map(UnitsGrpcService::toProto).toList())
                    .setTotal(toProto(report.total()))
                    .build());
        });
    }

    // --- Organisations ---

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE })
    public Uni<Organisation> createOrganisation(CreateOrganisationRequest request) {
        return caller.get()
                .chain(who -> organisations.create(who, request.getCode(), request.getName(), request.getParentCode().strip()))
                .map(OrganisationMapping::toProto);
    }

    @Override
    @Authenticated
    public Uni<Organisation> getOrganisation(GetOrganisationRequest request) {
        return organisations.find(request.getCode())
                .map(found -> found.map(OrganisationMapping::toProto)
                        .orElseThrow(org.fangkong.platform.errors.NotFoundException.of("organisation", request.getCode())));
    }

    @Override
    @Authenticated
    public Uni<ListOrganisationsResponse> listOrganisations(ListOrganisationsRequest request) {
        return organisations.subtree(request.getRootCode())
                .map(found -> ListOrganisationsResponse.newBuilder()
                        .addAllOrganisations(found.stream().map(OrganisationMapping::toProto).toList())
                        .build());
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE })
    public Uni<Organisation> setNeighbours(SetNeighboursRequest request) {
        return caller.get()
                .chain(who -> organisations.setNeighbours(who, request.getCode(), request.getNeighbourCodesList()))
                .map(OrganisationMapping::toProto);
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE })
    public Uni<Organisation> updateOrganisation(UpdateOrganisationRequest request) {
        return caller.get()
                .chain(who -> organisations.rename(who, request.getCode(), request.getName()))
                .map(OrganisationMapping::toProto);
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE })
    public Uni<DeleteOrganisationResponse> deleteOrganisation(DeleteOrganisationRequest request) {
        return caller.get()
                .chain(who -> organisations.delete(who, request.getCode()))
                .replaceWith(DeleteOrganisationResponse.getDefaultInstance());
    }

    // --- Zones and key sites ---

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE })
    public Uni<Zone> createZone(CreateZoneRequest request) {
        return caller.get()
                .chain(who -> zones.create(who, request.getName(), request.getOrgCode(), ZoneMapping.ring(request.getPolygonList()),
                        request.getPatrolLevel()))
                .map(this::toProto);
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE })
    public Uni<Zone> updateZone(UpdateZoneRequest request) {
        UUID id = Violations.requireUuid(request.getId(), "id");
        return caller.get()
                .chain(who -> zones.update(who, id, request.getName(), ZoneMapping.ring(request.getPolygonList())))
                .map(this::toProto);
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.SERVICE })
    public Uni<Zone> getZone(GetZoneRequest request) {
        UUID id = Violations.requireUuid(request.getId(), "id");
        return caller.get().chain(who -> zones.get(who, id)).map(this::toProto);
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.SERVICE })
    public Uni<ListZonesResponse> listZones(ListZonesRequest request) {
        Paging.Page page = Paging.of(request.getPage().getPageSize(), request.getPage().getPageToken(),
                config.defaultPageSize(), config.maxPageSize());
        return caller.get()
                .chain(who -> zones.list(who.scopeFor("org_code", request.getOrgCode()), page))
                .map(slice -> ListZonesResponse.newBuilder()
                        .addAllZones(slice.items().stream().map(this::toProto).toList())
                        .setPage(PageInfo.newBuilder().setNextPageToken(slice.nextPageToken()))
                        .build());
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE })
    public Uni<DeleteZoneResponse> deleteZone(DeleteZoneRequest request) {
        UUID id = Violations.requireUuid(request.getId(), "id");
        return caller.get().chain(who -> zones.delete(who, id)).replaceWith(DeleteZoneResponse.getDefaultInstance());
    }

    @Override
    @RolesAllowed({ Roles.COMMANDER, Roles.ADMIN, Roles.SERVICE })
    public Uni<Zone> setZoneLevel(SetZoneLevelRequest request) {
        UUID id = Violations.requireUuid(request.getZoneId(), "zone_id");
        return caller.get().chain(who -> zones.setLevel(who, id, request.getPatrolLevel(), request.getReason())).map(this::toProto);
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.SERVICE })
    public Uni<ListZoneLevelHistoryResponse> listZoneLevelHistory(ListZoneLevelHistoryRequest request) {
        UUID id = Violations.requireUuid(request.getZoneId(), "zone_id");
        return caller.get().chain(who -> zones.history(who, id))
                .map(changes -> ListZoneLevelHistoryResponse.newBuilder()
                        .addAllChanges(changes.stream().map(ZoneMapping::toProto).toList())
                        .build());
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.SERVICE })
    public Uni<ListUnitsInZoneResponse> listUnitsInZone(ListUnitsInZoneRequest request) {
        UUID id = Violations.requireUuid(request.getZoneId(), "zone_id");
        return caller.get().chain(who -> coverage.unitsIn(who, id).chain(live -> Panache.withSession(() -> registry.findAll(
                live.stream().map(ZoneCoverage.LiveUnit::unitId).toList())).chain(units -> liveStates.staleAmong(units).map(stale -> {
                    java.util.Map<UUID, org.fangkong.units.unit.Unit> byId = new java.util.HashMap<>();
                    units.forEach(unit -> byId.put(unit.getId(), unit));
                    ListUnitsInZoneResponse.Builder response = ListUnitsInZoneResponse.newBuilder();
                    for (ZoneCoverage.LiveUnit unit : live) {
                        org.fangkong.units.unit.Unit found = byId.get(unit.unitId());
                        if (found == null) {
                            continue;
                        }
                        NearbyUnit.Builder item = NearbyUnit.newBuilder()
                                .setUnit(UnitMapping.toProto(found, stale))
                                .setPosition(GeoPoint.newBuilder().setLat(unit.lat()).setLon(unit.lon()));
                        if (unit.fixAt() != null) {
                            item.setPositionAt(Timestamps.of(unit.fixAt()));
                        }
                        response.addUnits(item);
                    }
                    return response.build();
                }))));
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.SERVICE })
    public Uni<GetZoneCoverageResponse> getZoneCoverage(GetZoneCoverageRequest request) {
        return caller.get().chain(who -> {
            if (!request.getZoneId().isEmpty()) {
                new Violations().require(request.getOrgCode().isEmpty(), "org_code", "must be empty when zone_id is given").throwIfAny();
                return coverage.ofZone(who, Violations.requireUuid(request.getZoneId(), "zone_id"));
            }
            return coverage.ofOrganisation(who.scopeFor("org_code", request.getOrgCode()));
        }).map(found -> GetZoneCoverageResponse.newBuilder()
                .addAllZones(found.stream().map(item -> org.fangkong.proto.units.v1.ZoneCoverage.newBuilder()
                        .setZone(ZoneMapping.toProto(item.zone(), item.required()))
                        .setVisibleUnits(item.visible())
                        .setRequiredUnits(item.required())
                        .setShortfall(item.shortfall())
                        .build()).toList())
                .build());
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE })
    public Uni<KeySite> createKeySite(CreateKeySiteRequest request) {
        return caller.get()
                .chain(who -> keySites.create(who, request.getOrgCode(), ZoneMapping.toSpec(request, "")))
                .map(ZoneMapping::toProto);
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE })
    public Uni<KeySite> updateKeySite(UpdateKeySiteRequest request) {
        UUID id = Violations.requireUuid(request.getId(), "id");
        return caller.get()
                .chain(who -> keySites.update(who, id, ZoneMapping.toSpec(request.getSite(), "site.")))
                .map(ZoneMapping::toProto);
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.SERVICE })
    public Uni<KeySite> getKeySite(GetKeySiteRequest request) {
        UUID id = Violations.requireUuid(request.getId(), "id");
        return caller.get().chain(who -> keySites.get(who, id)).map(ZoneMapping::toProto);
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.SERVICE })
    public Uni<ListKeySitesResponse> listKeySites(ListKeySitesRequest request) {
        Paging.Page page = Paging.of(request.getPage().getPageSize(), request.getPage().getPageToken(),
                config.defaultPageSize(), config.maxPageSize());
        return caller.get()
                .chain(who -> keySites.list(who.scopeFor("org_code", request.getOrgCode()), page))
                .map(slice -> ListKeySitesResponse.newBuilder()
                        .addAllKeySites(slice.items().stream().map(ZoneMapping::toProto).toList())
                        .setPage(PageInfo.newBuilder().setNextPageToken(slice.nextPageToken()))
                        .build());
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE })
    public Uni<DeleteKeySiteResponse> deleteKeySite(DeleteKeySiteRequest request) {
        UUID id = Violations.requireUuid(request.getId(), "id");
        return caller.get().chain(who -> keySites.delete(who, id)).replaceWith(DeleteKeySiteResponse.getDefaultInstance());
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.SERVICE })
    public Uni<LocatePointResponse> locatePoint(LocatePointRequest request) {
        new Violations()
                .require(request.hasPoint(), "point", "is required")
                .range(request.getPoint().getLat(), -90, 90, "point.lat")
                .range(request.getPoint().getLon(), -180, 180, "point.lon")
                .throwIfAny();
        double lat = request.getPoint().getLat();
        double lon = request.getPoint().getLon();
        return caller.get().chain(who -> {
            OrgCode scope = who.scopeFor("within_org_code", request.getWithinOrgCode());
            return Panache.withSession(() -> zones.at(lat, lon, scope)
                    .chain(zone -> keySites.at(lat, lon, scope).map(sites -> {
                        LocatePointResponse.Builder response = LocatePointResponse.newBuilder()
                                .addAllKeySites(sites.stream().map(ZoneMapping::toProto).toList());
                        zone.ifPresent(found -> response.setZone(toProto(found)));
                        return response.build();
                    })));
        });
    }

    private Zone toProto(org.fangkong.units.zone.Zone zone) {
        return ZoneMapping.toProto(zone, zones.requiredUnits(zone));
    }

    private Uni<Unit> withStale(org.fangkong.units.unit.Unit unit) {
        return liveStates.staleAmong(List.of(unit)).map(stale -> UnitMapping.toProto(unit, stale));
    }

    private static CrewMember toProto(org.fangkong.units.crew.CrewMember member) {
        return CrewMember.newBuilder()
                .setUnitId(member.getUnitId().toString())
                .setSubject(member.getSubject())
                .setShiftStart(Timestamps.of(member.getShiftStart()))
                .setShiftEnd(Timestamps.of(member.getShiftEnd()))
                .setAssignedBy(member.getAssignedBy())
                .build();
    }

    private static ForceStrength toProto(org.fangkong.units.unit.service.DutyStrength.Strength strength) {
        ForceStrength.Builder builder = ForceStrength.newBuilder()
                .setUnits(strength.units())
                .setPeople(strength.people())
                .setCars(strength.cars())
                .setFirearms(strength.firearms());
        if (strength.forceType() != null) {
            builder.setForceType(org.fangkong.proto.units.v1.ForceType.valueOf(strength.forceType().name()));
        }
        return builder.build();
    }
}
