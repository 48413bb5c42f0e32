package org.fangkong.checkpoints.checkpoint.grpc;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;

import org.fangkong.checkpoints.audit.LookupAudit;
import org.fangkong.checkpoints.check.service.Checks;
import org.fangkong.checkpoints.checkpoint.mapping.CheckpointMapping;
import org.fangkong.checkpoints.checkpoint.service.CheckpointRegistry;
import org.fangkong.checkpoints.config.CheckpointsConfig;
import org.fangkong.checkpoints.wanted.mapping.WantedMapping;
import org.fangkong.checkpoints.wanted.service.WantedList;
import org.fangkong.platform.errors.NotFoundException;
import org.fangkong.platform.errors.Violations;
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
    private final WantedList wanted;
    private final Checks checks;
    private final LookupAudit audit;
    private final Clock clock;
    private final CheckpointsConfig.Wanted config;

    public CheckpointGrpcService(CurrentCaller caller, CheckpointRegistry registry, WantedList wanted, Checks checks, LookupAudit audit,
            Clock clock, CheckpointsConfig config) {
        this.caller = caller;
        this.registry = registry;
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
        return caller.get()
                .chain(who -> registry.find(who, Violations.requireUuid(request.getId(), "id")))
                .map(found -> found.map(CheckpointMapping::toProto).orElseThrow(NotFoundException.of("checkpoint", request.getId())));
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

    private static CheckResult toProto(Checks.Outcome outcome) {
        CheckResult.Builder result = CheckResult.newBuilder().setOutcome(outcome.hit().isPresent() ? CheckOutcome.HIT : CheckOutcome.CLEAR);
        outcome.hit().ifPresent(entry -> result.setEntry(WantedMapping.toProto(entry)));
        if (outcome.checkId() != null) {
            result.setCheckId(outcome.checkId().toString());
        }
        return result.build();
    }
}
