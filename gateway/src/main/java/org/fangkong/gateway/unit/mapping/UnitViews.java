package org.fangkong.gateway.unit.mapping;

import java.util.ArrayList;
import java.util.List;

import org.fangkong.gateway.unit.rest.NearbyUnitView;
import org.fangkong.gateway.unit.rest.NewUnitRequest;
import org.fangkong.gateway.unit.rest.UnitView;
import org.fangkong.platform.errors.FieldViolation;
import org.fangkong.platform.errors.InvalidArgumentException;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.proto.units.v1.CreateUnitRequest;
import org.fangkong.proto.units.v1.ForceType;
import org.fangkong.proto.units.v1.NearbyUnit;
import org.fangkong.proto.units.v1.PatrolTier;
import org.fangkong.proto.units.v1.Unit;

/** Between the REST views and the units API's messages. */
public final class UnitViews {

    private UnitViews() {
    }

    public static CreateUnitRequest toProto(NewUnitRequest body) {
        if (body == null) {
            throw new InvalidArgumentException("body", "must be a JSON object describing the unit");
        }
        List<FieldViolation> violations = new ArrayList<>();
        ForceType forceType = enumValue(ForceType.class, body.forceType(), "forceType", violations);
        PatrolTier tier = enumValue(PatrolTier.class, body.tier(), "tier", violations);
        if (!violations.isEmpty()) {
            throw new InvalidArgumentException(violations);
        }
        CreateUnitRequest.Builder request = CreateUnitRequest.newBuilder()
                .setForceType(forceType == null ? ForceType.FORCE_TYPE_UNSPECIFIED : forceType)
                .setTier(tier == null ? PatrolTier.PATROL_TIER_UNSPECIFIED : tier);
        if (body.callSign() != null) {
            request.setCallSign(body.callSign());
        }
        if (body.orgCode() != null) {
            request.setOrgCode(body.orgCode());
        }
        if (body.headCount() != null) {
            request.setHeadCount(body.headCount());
        }
        if (body.armedCount() != null) {
            request.setArmedCount(body.armedCount());
        }
        if (body.vehiclePlate() != null) {
            request.setVehiclePlate(body.vehiclePlate());
        }
        return request.build();
    }

    public static UnitView toView(Unit unit) {
        return new UnitView(unit.getId(), unit.getCallSign(), unit.getOrgCode(), unit.getForceType().name(),
                unit.getTier().name(), unit.getHeadCount(), unit.getArmedCount(),
                unit.getVehiclePlate().isEmpty() ? null : unit.getVehiclePlate(), unit.getStatus().name(),
                Timestamps.toInstant(unit.getCreatedAt()));
    }

    public static NearbyUnitView toView(NearbyUnit nearby) {
        return new NearbyUnitView(toView(nearby.getUnit()), nearby.getPosition().getLat(), nearby.getPosition().getLon(),
                nearby.getDistanceM(), nearby.hasPositionAt() ? Timestamps.toInstant(nearby.getPositionAt()) : null);
    }

    /** Null when absent (the service then says it is required); a violation when not one of the names. */
    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field, List<FieldViolation> violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            E parsed = Enum.valueOf(type, value);
            if (parsed.name().endsWith("UNSPECIFIED") || parsed.name().equals("UNRECOGNIZED")) {
                throw new IllegalArgumentException(value);
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            List<String> names = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name)
                    .filter(n -> !n.endsWith("UNSPECIFIED") && !n.equals("UNRECOGNIZED")).toList();
            violations.add(new FieldViolation(field, "must be one of " + String.join(", ", names)));
            return null;
        }
    }
}
