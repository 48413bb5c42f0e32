package org.fangkong.checkpoints.checkpoint.grpc;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;

import org.fangkong.platform.audit.LookupAudit;
import org.fangkong.checkpoints.check.service.CheckHistory;
import org.fangkong.checkpoints.check.service.Checks;
import org.fangkong.checkpoints.checkpoint.mapping.CheckpointMapping;
import org.fangkong.checkpoints.checkpoint.service.CheckpointRegistry;
import org.fangkong.checkpoints.config.CheckpointsConfig;
import org.fangkong.checkpoints.cordon.service.Cordons;
import org.fangkong.checkpoints.wanted.mapping.WantedMapping;
import org.fangkong.checkpoints.wanted.service.WantedList;
import org.fangkong.platform.errors.NotFoundException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.identity.CurrentCaller;
import org.fangkong.platform.identity.Roles;
import org.fangkong.platform.paging.Paging;
import org.fangkong.platform.wanted.Plates;
import org.fangkong.proto.checkpoints.v1.*;
import org.fangkong.proto.common.v1.PageInfo;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@GrpcService
public class CheckpointGrpcService implements CheckpointService {

    private final CurrentCaller caller;
    private final CheckpointRegistry registry;
    private final Cordons cordons;
    private final WantedList wanted;
    private final Checks checks;
    private final CheckHistory history;
    private final LookupAudit audit;
    private final Clock clock;
    private final CheckpointsConfig.Wanted config;

    public CheckpointGrpcService(CurrentCaller caller, CheckpointRegistry registry, Cordons cordons, WantedList wanted, Checks checks,
            CheckHistory history, LookupAudit audit, Clock clock, CheckpointsConfig config) {
        this.history = history;
        this.caller = caller;
        this.registry = registry;
        this.cordons = cordons;
        this.wanted = wanted;
        this.checks = checks;
        this.audit = audit;
        this.clock = clock;
        this.config = config.wanted();
    }

    @Override
    @RolesAllowed({ Roles.CHECKPOINT, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST,
            Roles.ADMIN, Roles.SERVICE })
    public Uni<Checkpoint> getCheckpoint(GetCheckpointRequest request) {
        UUID id = Violations.requireUuid(request.getId(), "id");
        return caller.get()
                .chain(who -> registry.find(who, id))
                .map(found -> found.orElseThrow(NotFoundException.of("checkpoint", request.getId())))
                .chain(this::located);
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE })
    public Uni<Checkpoint> createCheckpoint(CreateCheckpointRequest request) {
        org.fangkong.checkpoints.checkpoint.NewCheckpoint spec = CheckpointMapping.toNew(request);
        return caller.get().chain(who -> registry.create(who, spec)).chain(this::located);
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE })
    public Uni<Checkpoint> updateCheckpoint(UpdateCheckpointRequest request) {
        UUID id = Violations.requireUuid(request.getId(), "id");
        Violations violations = new Violations();
        CheckpointMapping.Details checked = CheckpointMapping.details(violations, request.getName(),
                request.hasLocation() ? request.getLocation() : null, request.getRingsList(), request.getLanes(), request.getStaffedHeadCount());
        violations.throwIfAny();
        org.fangkong.platform.geo.GeoLocation location = checked.location();
        return caller.get()
                .chain(who -> registry.update(who, id, checked.name(), location, new java.util.LinkedHashSet<>(checked.rings()),
                        checked.lanes(), checked.staffedHeadCount()))
                .chain(this::located);
    }

    @Override
    @RolesAllowed({ Roles.CHECKPOINT, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN, Roles.SERVICE })
    public Uni<ListCordonPlansResponse> listCordonPlans(ListCordonPlansRequest request) {
        return caller.get()
                .chain(who -> cordons.listPlans(who.scopeFor("org_code", request.getOrgCode())))
                .map(plans -> ListCordonPlansResponse.newBuilder()
                        .addAllPlans(plans.stream().map(CheckpointGrpcService::toProto).toList())
                        .build());
    }

    @Override
    @RolesAllowed({ Roles.CHECKPOINT, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN, Roles.SERVICE })
    public Uni<ListCheckpointsResponse> listCheckpoints(ListCheckpointsRequest request) {
        Paging.Page page = Paging.of(request.getPage().getPageSize(), request.getPage().getPageToken(), config.defaultPageSize(),
                config.maxPageSize());
        List<org.fangkong.checkpoints.checkpoint.CheckpointType> types = request.getTypesList().stream()
                .filter(t -> t != CheckpointType.CHECKPOINT_TYPE_UNSPECIFIED && t != CheckpointType.UNRECOGNIZED)
                .map(t -> org.fangkong.checkpoints.checkpoint.CheckpointType.valueOf(t.name())).toList();
        List<org.fangkong.checkpoints.checkpoint.CheckpointState> states = request.getStatesList().stream()
                .filter(t -> t != CheckpointState.CHECKPOINT_STATE_UNSPECIFIED && t != CheckpointState.UNRECOGNIZED)
                .map(t -> org.fangkong.checkpoints.checkpoint.CheckpointState.valueOf(t.name())).toList();
        String ring = request.getRing().isBlank() ? null : request.getRing().strip();
        return caller.get()
                .chain(who -> registry.list(who.scopeFor("org_code", request.getOrgCode()), types, ring, states, page))
                .chain(slice -> registry.liveLocations(slice.items()).map(live -> ListCheckpointsResponse.newBuilder()
                        .addAllCheckpoints(slice.items().stream().map(c -> CheckpointMapping.toProto(c, live.get(c.getId()))).toList())
                        .setPage(PageInfo.newBuilder().setNextPageToken(slice.nextPageToken()))
                        .build()));
    }

    @Override
    @RolesAllowed({ Roles.CHECKPOINT, Roles.COMMANDER, Roles.ADMIN, Roles.SERVICE })
    public Uni<Checkpoint> setCheckpointState(SetCheckpointStateRequest request) {
        UUID id = Violations.requireUuid(request.getCheckpointId(), "checkpoint_id");
        org.fangkong.checkpoints.checkpoint.CheckpointState state = request.getState() == CheckpointState.UNRECOGNIZED
                || request.getState() == CheckpointState.CHECKPOINT_STATE_UNSPECIFIED ? null
                        : org.fangkong.checkpoints.checkpoint.CheckpointState.valueOf(request.getState().name());
        return caller.get().chain(who -> registry.setState(who, id, state, request.getReason())).chain(this::located);
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.COMMANDER, Roles.SERVICE })
    public Uni<CheckpointStaff> assignCheckpointStaff(AssignCheckpointStaffRequest request) {
        UUID id = Violations.requireUuid(request.getCheckpointId(), "checkpoint_id");
        return caller.get()
                .chain(who -> registry.assignStaff(who, id, request.getSubject(),
                        request.hasShiftStart() ? Timestamps.toInstant(request.getShiftStart()) : null,
                        request.hasShiftEnd() ? Timestamps.toInstant(request.getShiftEnd()) : null))
                .map(CheckpointGrpcService::toProto);
    }

    @Override
    @io.quarkus.security.Authenticated
    public Uni<MyCheckpoint> getMyCheckpoint(GetMyCheckpointRequest request) {
        return caller.get().chain(registry::myCheckpoint)
                .chain(mine -> located(mine.getKey()).map(checkpoint -> MyCheckpoint.newBuilder()
                        .setCheckpoint(checkpoint).setShift(toProto(mine.getValue())).build()));
    }

    @Override
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN, Roles.SERVICE })
    public Uni<FindNearestCheckpointsResponse> findNearestCheckpoints(FindNearestCheckpointsRequest request) {
        new Violations()
                .require(request.hasPoint(), "point", "is required")
                .range(request.getPoint().getLat(), -90, 90, "point.lat")
                .range(request.getPoint().getLon(), -180, 180, "point.lon")
                .require(request.getRadiusM() > 0 && request.getRadiusM() <= 100_000, "radius_m", "must be greater than 0 and at most 100000")
                .require(request.getLimit() >= 0 && request.getLimit() <= 100, "limit", "must be between 1 and 100 (0 for 10)")
                .throwIfAny();
        int limit = request.getLimit() == 0 ? 10 : request.getLimit();
        return caller.get()
                .chain(who -> registry.nearestOpen(who.scopeFor("within_org_code", request.getWithinOrgCode()),
                        request.getPoint().getLat(), request.getPoint().getLon(), request.getRadiusM(), limit))
                .map(found -> FindNearestCheckpointsResponse.newBuilder()
                        .addAllCheckpoints(found.stream().map(l -> NearbyCheckpoint.newBuilder()
                                .setCheckpoint(CheckpointMapping.toProto(l.checkpoint(), l.location()))
                                .setDistanceM(l.distanceMeters()).build()).toList())
                        .build());
    }

    // --- Cordons ---

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.COMMANDER, Roles.SERVICE })
    public Uni<CordonPlan> createCordonPlan(CreateCordonPlanRequest request) {
        return caller.get()
                .chain(who -> cordons.createPlan(who, request.getOrgCode(), spec(request)))
                .map(CheckpointGrpcService::toProto);
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.COMMANDER, Roles.SERVICE })
    public Uni<CordonPlan> updateCordonPlan(UpdateCordonPlanRequest request) {
        UUID id = Violations.requireUuid(request.getId(), "id");
        return caller.get().chain(who -> cordons.updatePlan(who, id, spec(request.getPlan()))).map(CheckpointGrpcService::toProto);
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.COMMANDER, Roles.SERVICE })
    public Uni<DeleteCordonPlanResponse> deleteCordonPlan(DeleteCordonPlanRequest request) {
        UUID id = Violations.requireUuid(request.getId(), "id");
        return caller.get().chain(who -> cordons.deletePlan(who, id)).replaceWith(DeleteCordonPlanResponse.getDefaultInstance());
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.COMMANDER, Roles.SERVICE })
    public Uni<RemoveCheckpointStaffResponse> removeCheckpointStaff(RemoveCheckpointStaffRequest request) {
        UUID id = Violations.requireUuid(request.getCheckpointId(), "checkpoint_id");
        return caller.get().chain(who -> registry.removeStaff(who, id, request.getSubject()))
                .map(removed -> RemoveCheckpointStaffResponse.newBuilder().setRemoved(removed).build());
    }

    private static Cordons.PlanSpec spec(CreateCordonPlanRequest request) {
        return new Cordons.PlanSpec(request.getName(), request.getCheckpointIdsList(), request.getRingsList(), request.getConfirmWithinS());
    }

    @Override
    @RolesAllowed({ Roles.CHECKPOINT, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN, Roles.SERVICE })
    public Uni<CordonPlan> getCordonPlan(GetCordonPlanRequest request) {
        UUID id = Violations.requireUuid(request.getId(), "id");
        return caller.get().chain(who -> cordons.getPlan(who, id)).map(CheckpointGrpcService::toProto);
    }

    @Override
    @RolesAllowed({ Roles.COMMANDER, Roles.COMMAND_CENTER, Roles.SERVICE })
    public Uni<org.fangkong.proto.checkpoints.v1.CordonStatus> activateCordonPlan(ActivateCordonPlanRequest request) {
        Violations violations = new Violations();
        UUID plan = violations.uuid(request.getPlanId(), "plan_id");
        UUID incident = violations.optionalUuid(request.getIncidentId(), "incident_id");
        violations.throwIfAny();
        return caller.get().chain(who -> cordons.activate(who, plan, request.getReason(), incident)).map(CheckpointMapping::toProto);
    }

    @Override
    @RolesAllowed({ Roles.CHECKPOINT, Roles.COMMANDER, Roles.COMMAND_CENTER, Roles.SERVICE })
    public Uni<org.fangkong.proto.checkpoints.v1.CordonStatus> confirmCordon(ConfirmCordonRequest request) {
        Violations violations = new Violations();
        UUID plan = violations.uuid(request.getPlanId(), "plan_id");
        UUID checkpoint = violations.uuid(request.getCheckpointId(), "checkpoint_id");
        violations.throwIfAny();
        return caller.get().chain(who -> cordons.confirm(who, plan, checkpoint)).map(CheckpointMapping::toProto);
    }

    @Override
    @RolesAllowed({ Roles.COMMANDER, Roles.COMMAND_CENTER, Roles.SERVICE })
    public Uni<org.fangkong.proto.checkpoints.v1.CordonStatus> deactivateCordonPlan(DeactivateCordonPlanRequest request) {
        UUID plan = Violations.requireUuid(request.getPlanId(), "plan_id");
        return caller.get().chain(who -> cordons.deactivate(who, plan, request.getReason())).map(CheckpointMapping::toProto);
    }

    @Override
    @RolesAllowed({ Roles.CHECKPOINT, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN, Roles.SERVICE })
    public Uni<org.fangkong.proto.checkpoints.v1.CordonStatus> getCordonStatus(GetCordonStatusRequest request) {
        UUID plan = Violations.requireUuid(request.getPlanId(), "plan_id");
        return caller.get().chain(who -> cordons.status(who, plan)).map(CheckpointMapping::toProto);
    }

    private Uni<Checkpoint> located(org.fangkong.checkpoints.checkpoint.Checkpoint checkpoint) {
        return registry.liveLocations(List.of(checkpoint)).map(live -> CheckpointMapping.toProto(checkpoint, live.get(checkpoint.getId())));
    }

    private static CheckpointStaff toProto(org.fangkong.checkpoints.checkpoint.CheckpointStaff staff) {
        return CheckpointStaff.newBuilder()
                .setCheckpointId(staff.getCheckpointId().toString())
                .setSubject(staff.getSubject())
                .setShiftStart(Timestamps.of(staff.getShiftStart()))
                .setShiftEnd(Timestamps.of(staff.getShiftEnd()))
                .build();
    }

    private static CordonPlan toProto(Cordons.Plan found) {
        return CordonPlan.newBuilder()
                .setId(found.plan().getId().toString())
                .setName(found.plan().getName())
                .setOrgCode(found.plan().getOrgCode())
                .addAllCheckpointIds(found.plan().getCheckpointIds().stream().map(UUID::toString).sorted().toList())
                .addAllRings(found.plan().getRings().stream().sorted().toList())
                .setConfirmWithinS(found.plan().getConfirmWithinSeconds())
                .setMemberCount(found.memberCount())
                .build();
    }

    // --- Wanted list ---

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.COMMANDER, Roles.SERVICE })
    public Uni<WantedEntry> addWantedEntry(NewWantedEntry request) {
        Violations violations = new Violations();
        org.fangkong.checkpoints.wanted.NewWantedEntry entry = WantedMapping.toNew(request, "", config.idSecret(), clock.instant(),
                config.defaultValidity(), violations);
        violations.throwIfAny();
        return caller.get().chain(who -> wanted.add(who, entry)).map(WantedMapping::toProto);
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.COMMANDER, Roles.SERVICE })
    public Uni<WantedEntry> removeWantedEntry(RemoveWantedEntryRequest request) {
        UUID id = Violations.requireUuid(request.getId(), "id");
        return caller.get().chain(who -> wanted.remove(who, id, request.getReason())).map(WantedMapping::toProto);
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.SERVICE })
    public Uni<WantedImportResult> importWantedList(Multi<WantedImportChunk> chunks) {
        return caller.get().chain(who -> {
            WantedList.Chunk[] first = {null};
            int[] index = {0};
            Set<String> refs = new HashSet<>();
            Multi<WantedList.Chunk> validated = chunks.map(chunk -> {
                Violations violations = new Violations();
                if (first[0] == null) {
                    violations.notBlank(chunk.getSource(), "source")
                            .require(chunk.getSource().length() <= 64, "source", "must be at most 64 characters")
                            .require(!chunk.getSource().strip().equals(WantedList.MANUAL_SOURCE), "source", "is reserved for entries added one by one")
                            .require(chunk.getMode() == ImportMode.ADD || chunk.getMode() == ImportMode.SYNC, "mode", "must be ADD or SYNC");
                    violations.throwIfAny();
                }
                String source = first[0] == null ? chunk.getSource().strip() : first[0].source();
                WantedList.Mode mode = first[0] != null ? first[0].mode()
                        : chunk.getMode() == ImportMode.SYNC ? WantedList.Mode.SYNC : WantedList.Mode.ADD;
                violations.require(chunk.getEntriesCount() <= config.maxChunkEntries(), "entries",
                        "must hold at most " + config.maxChunkEntries() + " entries per chunk");
                List<org.fangkong.checkpoints.wanted.NewWantedEntry> entries = new ArrayList<>(chunk.getEntriesCount());
                Instant now = clock.instant();
                for (NewWantedEntry entry : chunk.getEntriesList()) {
                    String prefix = "entries[" + index[0]++ + "].";
                    org.fangkong.checkpoints.wanted.NewWantedEntry checked = WantedMapping.toNew(entry, prefix, config.idSecret(), now,
                            config.defaultValidity(), violations);
                    violations.require(mode != WantedList.Mode.SYNC || checked.externalRef() != null, prefix + "external_ref",
                            "is required in a SYNC, to match entries across syncs");
                    violations.require(checked.externalRef() == null || refs.add(checked.externalRef()), prefix + "external_ref",
                            "repeats an earlier entry of this import");
                    entries.add(checked);
                }
                violations.throwIfAny();
                WantedList.Chunk checked = new WantedList.Chunk(source, mode, entries);
                if (first[0] == null) {
                    first[0] = checked;
                }
                return checked;
            });
            return wanted.importList(who, validated);
        }).map(result -> WantedImportResult.newBuilder()
                .setAdded(result.added())
                .setUpdated(result.updated())
                .setRemoved(result.removed())
                .setUnchanged(result.unchanged())
                .build());
    }

    @Override
    @RolesAllowed({ Roles.ADMIN, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.SERVICE })
    public Uni<ListWantedEntriesResponse> listWantedEntries(ListWantedEntriesRequest request) {
        Paging.Page page = Paging.of(request.getPage().getPageSize(), request.getPage().getPageToken(), config.defaultPageSize(),
                config.maxPageSize());
        String plate = request.getPlate().isBlank() ? null : Plates.normalise(request.getPlate(), "plate");
        org.fangkong.checkpoints.wanted.WantedEntry.Kind kind = switch (request.getKind()) {
            case VEHICLE -> org.fangkong.checkpoints.wanted.WantedEntry.Kind.VEHICLE;
            case PERSON -> org.fangkong.checkpoints.wanted.WantedEntry.Kind.PERSON;
            default -> null;
        };
        return caller.get()
                .chain(who -> audit.record(who, "wanted-list", request.getReason()))
                .chain(() -> wanted.list(kind, plate, request.getIncludeRemoved(), page))
                .map(slice -> ListWantedEntriesResponse.newBuilder()
                        .addAllEntries(slice.items().stream().map(WantedMapping::toProto).toList())
                        .setPage(PageInfo.newBuilder().setNextPageToken(slice.nextPageToken()))
                        .build());
    }

    @Override
    @RolesAllowed({ Roles.CHECKPOINT, Roles.OFFICER, Roles.VIDEO_OPERATOR, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER,
            Roles.ANALYST, Roles.ADMIN, Roles.SERVICE })
    public Uni<CheckResult> checkWanted(CheckWantedRequest request) {
        Checks.Request asked = new Checks.Request(request.getPlate(), request.getPlateColour(), request.getIdNumber(), request.getReason());
        return caller.get().chain(who -> checks.lookUp(who, asked)).map(CheckpointGrpcService::toProto);
    }

    @Override
    @RolesAllowed({ Roles.CHECKPOINT, Roles.OFFICER, Roles.SERVICE })
    public Uni<CheckResult> recordCheck(RecordCheckRequest request) {
        Violations violations = new Violations();
        UUID checkpointId = violations.optionalUuid(request.getCheckpointId(), "checkpoint_id");
        if (request.hasLocation()) {
            violations.range(request.getLocation().getLat(), -90, 90, "location.lat").range(request.getLocation().getLon(), -180, 180, "location.lon");
        }
        violations.throwIfAny();
        Checks.Request asked = new Checks.Request(request.getPlate(), request.getPlateColour(), request.getIdNumber(), request.getReason());
        Checks.Place place = new Checks.Place(checkpointId, request.hasLocation() ? request.getLocation().getLat() : null,
                request.hasLocation() ? request.getLocation().getLon() : null, request.getOrgCode());
        return caller.get().chain(who -> checks.record(who, asked, place)).map(CheckpointGrpcService::toProto);
    }

    @Override
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN, Roles.SERVICE })
    public Uni<ListChecksResponse> listChecks(ListChecksRequest request) {
        Paging.Page page = Paging.of(request.getPage().getPageSize(), request.getPage().getPageToken(), config.defaultPageSize(),
                config.maxPageSize());
        Violations violations = new Violations();
        UUID checkpointId = violations.optionalUuid(request.getCheckpointId(), "checkpoint_id");
        violations.throwIfAny();
        String plate = request.getPlate().isBlank() ? null : Plates.normalise(request.getPlate(), "plate");
        return caller.get()
                .call(who -> audit.record(who, "check-history", request.getReason()))
                .chain(who -> history.list(who.scopeFor("org_code", request.getOrgCode()), checkpointId, plate, request.getHitsOnly(), page))
                .map(slice -> ListChecksResponse.newBuilder()
                        .addAllChecks(slice.items().stream().map(CheckpointGrpcService::toProto).toList())
                        .setPage(PageInfo.newBuilder().setNextPageToken(slice.nextPageToken()))
                        .build());
    }

    @Override
    @RolesAllowed({ Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST, Roles.ADMIN, Roles.SERVICE })
    public Uni<CheckStatistics> getCheckStatistics(GetCheckStatisticsRequest request) {
        java.time.Instant from = request.hasFrom() ? Timestamps.toInstant(request.getFrom()) : null;
        java.time.Instant to = request.hasTo() ? Timestamps.toInstant(request.getTo()) : null;
        return caller.get()
                .chain(who -> history.statistics(who.scopeFor("org_code", request.getOrgCode()), from, to))
                .map(stats -> CheckStatistics.newBuilder()
                        .addAllCheckpoints(stats.checkpoints().stream().map(t -> CheckpointThroughput.newBuilder()
                                .setCheckpointId(t.checkpointId().toString()).setCode(t.code()).setChecks(t.checks()).setHits(t.hits()).build()).toList())
                        .addAllHours(stats.hours().stream().map(h -> HourlyChecks.newBuilder()
                                .setHour(Timestamps.of(h.hour())).setChecks(h.checks()).setHits(h.hits()).build()).toList())
                        .setStreetChecks(stats.streetChecks())
                        .setStreetHits(stats.streetHits())
                        .build());
    }

    private static CheckRecord toProto(CheckHistory.Check check) {
        CheckRecord.Builder record = CheckRecord.newBuilder()
                .setId(check.id().toString())
                .setKind("VEHICLE".equals(check.kind()) ? WantedKind.VEHICLE : WantedKind.PERSON)
                .setReason(check.reason())
                .setOutcome(check.hit() ? CheckOutcome.HIT : CheckOutcome.CLEAR)
                .setCheckedAt(Timestamps.of(check.checkedAt()))
                .setCheckedBy(check.checkedBy())
                .setOrgCode(check.orgCode());
        if (check.checkpointId() != null) {
            record.setCheckpointId(check.checkpointId().toString());
        }
        if (check.plate() != null) {
            record.setPlate(check.plate());
        }
        if (check.plateColour() != null) {
            record.setPlateColour(check.plateColour());
        }
        if (check.idMasked() != null) {
            record.setIdMasked(check.idMasked());
        }
        if (check.wantedEntryId() != null) {
            record.setWantedEntryId(check.wantedEntryId().toString());
        }
        if (check.lat() != null) {
            record.setLocation(org.fangkong.proto.common.v1.GeoPoint.newBuilder().setLat(check.lat()).setLon(check.lon()));
        }
        return record.build();
    }

    private static CheckResult toProto(Checks.Outcome outcome) {
        CheckResult.Builder result = CheckResult.newBuilder().setOutcome(outcome.hit().isPresent() ? CheckOutcome.HIT : CheckOutcome.CLEAR);
        outcome.hit().ifPresent(entry -> result.setEntry(WantedMapping.toProto(entry)));
        if (outcome.checkId() != null) {
            result.setCheckId(outcome.checkId().toString());
        }
        return result.build();
    }
}
