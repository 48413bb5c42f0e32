package org.fangkong.units.unit.mapping;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.units.v1.CreateUnitRequest;
import org.fangkong.proto.units.v1.NearbyUnit;
import org.fangkong.units.position.service.NearestUnits;
import org.fangkong.units.unit.ForceType;
import org.fangkong.units.unit.IncidentMove;
import org.fangkong.units.unit.NewUnit;
import org.fangkong.units.unit.PatrolTier;
import org.fangkong.units.unit.Unit;
import org.fangkong.units.unit.UnitStatus;

/** Between the units API's messages and the service's own types. */
public final class UnitMapping {

    private UnitMapping() {
    }

    /** {@code prefix} names the request's fields in violations ("" for a single unit, "units[3]." in an import). */
    public static NewUnit toNewUnit(CreateUnitRequest request, String prefix) {
        Violations violations = new Violations();
        UUID homeZone = violations.optionalUuid(request.getHomeZoneId().strip(), prefix + "home_zone_id");
        violations.throwIfAny();
        return new NewUnit(request.getCallSign().strip(), request.getOrgCode().strip(),
                forceType(request.getForceType()), tier(request.getTier()),
                request.getHeadCount(), request.getArmedCount(), request.getVehiclePlate().strip(), homeZone,
                request.getTerminalIdsList());
    }

    public static org.fangkong.proto.units.v1.Unit toProto(Unit unit, Set<UUID> stale) {
        org.fangkong.proto.units.v1.Unit.Builder builder = org.fangkong.proto.units.v1.Unit.newBuilder()
                .setId(unit.getId().toString())
                .setCallSign(unit.getCallSign())
                .setOrgCode(unit.getOrgCode())
                .setForceType(org.fangkong.proto.units.v1.ForceType.valueOf(unit.getForceType().name()))
                .setTier(org.fangkong.proto.units.v1.PatrolTier.valueOf(unit.getTier().name()))
                .setHeadCount(unit.getHeadCount())
                .setArmedCount(unit.getArmedCount())
                .setStatus(toProto(unit.getStatus()))
                .setStatusChangedAt(Timestamps.of(unit.getStatusChangedAt()))
                .setCreatedAt(Timestamps.of(unit.getCreatedAt()))
                .setStale(stale.contains(unit.getId()))
                .addAllTerminalHints(unit.getTerminalHints())
                .setVersion(unit.getVersion());
        if (unit.getVehiclePlate() != null) {
            builder.setVehiclePlate(unit.getVehiclePlate());
        }
        if (unit.getHomeZoneId() != null) {
            builder.setHomeZoneId(unit.getHomeZoneId().toString());
        }
        if (unit.getIncidentId() != null) {
            builder.setIncidentId(unit.getIncidentId().toString());
        }
        return builder.build();
    }

    public static NearbyUnit toProto(NearestUnits.Nearby nearby, Set<UUID> stale) {
        NearbyUnit.Builder builder = NearbyUnit.newBuilder()
                .setUnit(toProto(nearby.unit(), stale))
                .setPosition(GeoPoint.newBuilder().setLat(nearby.lat()).setLon(nearby.lon()))
                .setDistanceM(nearby.distanceMeters())
                .setEtaSeconds(nearby.etaSeconds());
        Instant at = nearby.positionAt();
        if (at != null) {
            builder.setPositionAt(Timestamps.of(at));
        }
        return builder.build();
    }

    public static org.fangkong.proto.units.v1.UnitStatus toProto(UnitStatus status) {
        return org.fangkong.proto.units.v1.UnitStatus.valueOf(status.name());
    }

    public static UnitStatus status(org.fangkong.proto.units.v1.UnitStatus status) {
        return switch (status) {
            case UNIT_STATUS_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> UnitStatus.valueOf(status.name());
        };
    }

    public static IncidentMove move(org.fangkong.proto.units.v1.IncidentMove move) {
        return switch (move) {
            case INCIDENT_MOVE_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> IncidentMove.valueOf(move.name());
        };
    }

    public static ForceType forceType(org.fangkong.proto.units.v1.ForceType type) {
        return switch (type) {
            case FORCE_TYPE_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> ForceType.valueOf(type.name());
        };
    }

    private static PatrolTier tier(org.fangkong.proto.units.v1.PatrolTier tier) {
        return switch (tier) {
            case PATROL_TIER_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> PatrolTier.valueOf(tier.name());
        };
    }
}
