package org.fangkong.checkpoints.checkpoint.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.fangkong.checkpoints.checkpoint.Checkpoint;
import org.fangkong.checkpoints.checkpoint.NewCheckpoint;
import org.fangkong.checkpoints.cordon.CordonStatus;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.geo.GeoLocation;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.proto.checkpoints.v1.CheckpointState;
import org.fangkong.proto.checkpoints.v1.CheckpointType;
import org.fangkong.proto.checkpoints.v1.CordonMember;
import org.fangkong.proto.checkpoints.v1.CreateCheckpointRequest;
import org.fangkong.proto.common.v1.GeoPoint;

/** Between the checkpoints API's messages and the service's own types. */
public final class CheckpointMapping {

    private CheckpointMapping() {
    }

    /** @param location where the checkpoint is now: its own place, or a mobile checkpoint's live one (may be null) */
    public static org.fangkong.proto.checkpoints.v1.Checkpoint toProto(Checkpoint checkpoint, GeoLocation location) {
        org.fangkong.proto.checkpoints.v1.Checkpoint.Builder builder = org.fangkong.proto.checkpoints.v1.Checkpoint.newBuilder()
                .setId(checkpoint.getId().toString())
                .setCode(checkpoint.getCode())
                .setName(checkpoint.getName())
                .setType(CheckpointType.valueOf(checkpoint.getType().name()))
                .setOrgCode(checkpoint.getOrgCode())
                .setState(CheckpointState.valueOf(checkpoint.getState().name()))
                .addAllRings(checkpoint.getRings().stream().sorted().toList())
                .setLanes(checkpoint.getLanes())
                .setStaffedHeadCount(checkpoint.getStaffedHeadCount());
        GeoLocation where = location != null ? location : checkpoint.getLocation();
        if (where != null) {
            builder.setLocation(GeoPoint.newBuilder().setLat(where.lat()).setLon(where.lon()));
        }
        if (checkpoint.getUnitId() != null) {
            builder.setUnitId(checkpoint.getUnitId().toString());
        }
        return builder.build();
    }

    /** What a registration or an update may change, checked the same way for both. */
    public record Details(String name, GeoLocation location, List<String> rings, int lanes, int staffedHeadCount) {
    }

    public static Details details(Violations violations, String name, GeoPoint location, List<String> rings, int lanes, int staffedHeadCount) {
        violations.notBlank(name, "name")
                .require(name.length() <= 128, "name", "must be at most 128 characters")
                .require(lanes >= 0 && lanes <= 64, "lanes", "must be between 0 and 64")
                .require(staffedHeadCount >= 0 && staffedHeadCount <= 500, "staffed_head_count", "must be between 0 and 500");
        GeoLocation where = null;
        if (location != null) {
            violations.range(location.getLat(), -90, 90, "location.lat").range(location.getLon(), -180, 180, "location.lon");
            where = new GeoLocation(location.getLat(), location.getLon());
        }
        List<String> checked = new ArrayList<>();
        for (int i = 0; i < rings.size(); i++) {
            String ring = rings.get(i).strip();
            violations.require(ring.matches("[a-z0-9-]{1,64}"), "rings[" + i + "]", "must be 1 to 64 lower-case letters, digits or '-'");
            checked.add(ring);
        }
        return new Details(name.strip(), where, checked, lanes, staffedHeadCount);
    }

    public static NewCheckpoint toNew(CreateCheckpointRequest request) {
        Violations violations = new Violations()
                .notBlank(request.getCode(), "code")
                .require(request.getCode().strip().matches("[\\p{L}\\p{N}_-]{0,32}"), "code", "must be up to 32 letters, digits, '_' or '-'")
                .require(request.getType() != CheckpointType.CHECKPOINT_TYPE_UNSPECIFIED && request.getType() != CheckpointType.UNRECOGNIZED,
                        "type", "must name a checkpoint type");
        boolean mobile = request.getType() == CheckpointType.MOBILE_CHECKPOINT;
        UUID unit = null;
        if (mobile) {
            unit = violations.uuid(request.getUnitId(), "unit_id");
            violations.require(!request.hasLocation(), "location", "must be empty for a mobile checkpoint: its unit's live position is used");
        } else {
            violations.require(request.getUnitId().isEmpty(), "unit_id", "is only for mobile checkpoints");
            violations.require(request.hasLocation(), "location", "is required");
        }
        Details details = details(violations, request.getName(), request.hasLocation() ? request.getLocation() : null,
                request.getRingsList(), request.getLanes(), request.getStaffedHeadCount());
        violations.throwIfAny();
        return new NewCheckpoint(request.getCode().strip(), details.name(),
                org.fangkong.checkpoints.checkpoint.CheckpointType.valueOf(request.getType().name()),
                org.fangkong.platform.identity.OrgCode.parse("org_code", request.getOrgCode()).value(), mobile ? null : details.location(),
                details.rings(), details.lanes(), details.staffedHeadCount(), unit);
    }

    public static org.fangkong.proto.checkpoints.v1.CordonStatus toProto(CordonStatus status) {
        org.fangkong.proto.checkpoints.v1.CordonStatus.Builder builder = org.fangkong.proto.checkpoints.v1.CordonStatus.newBuilder()
                .setPlanId(status.planId().toString())
                .setActive(status.active())
                .setConfirmed(status.confirmed())
                .setPending(status.pending())
                .setSecondsToSealed(status.secondsToSealed());
        if (status.activatedAt() != null) {
            builder.setActivatedAt(Timestamps.of(status.activatedAt())).setActivatedBy(status.activatedBy()).setReason(status.reason());
        }
        if (status.incidentId() != null) {
            builder.setIncidentId(status.incidentId().toString());
        }
        for (CordonStatus.Member member : status.members()) {
            CordonMember.Builder item = CordonMember.newBuilder()
                    .setCheckpointId(member.checkpointId().toString())
                    .setCode(member.code())
                    .setConfirmed(member.confirmed())
                    .setSecondsToSealed(status.secondsToSealed(member))
                    .setOverdue(member.overdue());
            if (member.confirmedAt() != null) {
                item.setConfirmedAt(Timestamps.of(member.confirmedAt()));
            }
            builder.addMembers(item);
        }
        return builder.build();
    }
}
