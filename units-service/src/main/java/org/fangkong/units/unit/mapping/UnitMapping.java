package org.fangkong.units.unit.mapping;

import java.time.Instant;

import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.units.v1.CreateUnitRequest;
import org.fangkong.proto.units.v1.NearbyUnit;
import org.fangkong.units.position.service.NearestUnits;
import org.fangkong.units.unit.DutyState;
import org.fangkong.units.unit.ForceType;
import org.fangkong.units.unit.NewUnit;
import org.fangkong.units.unit.PatrolTier;
import org.fangkong.units.unit.Unit;

/** Between the units API's messages and the service's own types. */
public final class UnitMapping {

    private UnitMapping() {
    }

    public static NewUnit toNewUnit(CreateUnitRequest request) {
        return new NewUnit(request.getCallSign().strip(), request.getOrgCode().strip(),
                forceType(request.getForceType()), tier(request.getTier()),
                request.getHeadCount(), request.getArmedCount(), request.getVehiclePlate().strip());
    }

    public static org.fangkong.proto.units.v1.Unit toProto(Unit unit) {
        org.fangkong.proto.units.v1.Unit.Builder builder = org.fangkong.proto.units.v1.Unit.newBuilder()
                .setId(unit.getId().toString())
                .setCallSign(unit.getCallSign())
                .setOrgCode(unit.getOrgCode())
                .setForceType(org.fangkong.proto.units.v1.ForceType.valueOf(unit.getForceType().name()))
                .setTier(org.fangkong.proto.units.v1.PatrolTier.valueOf(unit.getTier().name()))
                .setHeadCount(unit.getHeadCount())
                .setArmedCount(unit.getArmedCount())
                .setDutyState(dutyState(unit.getDutyState()))
                .setCreatedAt(Timestamps.of(unit.getCreatedAt()));
        if (unit.getVehiclePlate() != null) {
            builder.setVehiclePlate(unit.getVehiclePlate());
        }
        return builder.build();
    }

    public static NearbyUnit toProto(NearestUnits.Nearby nearby) {
        NearbyUnit.Builder builder = NearbyUnit.newBuilder()
                .setUnit(toProto(nearby.unit()))
                .setPosition(GeoPoint.newBuilder().setLat(nearby.lat()).setLon(nearby.lon()))
                .setDistanceM(nearby.distanceMeters());
        Instant at = nearby.positionAt();
        if (at != null) {
            builder.setPositionAt(Timestamps.of(at));
        }
        return builder.build();
    }

    private static ForceType forceType(org.fangkong.proto.units.v1.ForceType type) {
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

    private static org.fangkong.proto.units.v1.DutyState dutyState(DutyState state) {
        return org.fangkong.proto.units.v1.DutyState.valueOf(state.name());
    }
}
