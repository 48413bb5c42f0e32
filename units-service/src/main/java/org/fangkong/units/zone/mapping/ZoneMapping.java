package org.fangkong.units.zone.mapping;

import java.util.List;
import java.util.UUID;

import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.units.v1.CreateKeySiteRequest;
import org.fangkong.units.zone.KeySite;
import org.fangkong.units.zone.KeySiteCategory;
import org.fangkong.units.zone.KeySiteSpec;
import org.fangkong.units.zone.Zone;
import org.fangkong.units.zone.ZoneGeometry;
import org.fangkong.units.zone.ZoneLevelChange;

/** Between the zone and key-site messages and the service's own types. */
public final class ZoneMapping {

    private ZoneMapping() {
    }

    public static List<ZoneGeometry.LatLon> ring(List<GeoPoint> points) {
        return points.stream().map(p -> new ZoneGeometry.LatLon(p.getLat(), p.getLon())).toList();
    }

    public static org.fangkong.proto.units.v1.Zone toProto(Zone zone, int requiredUnits) {
        return org.fangkong.proto.units.v1.Zone.newBuilder()
                .setId(zone.getId().toString())
                .setName(zone.getName())
                .setOrgCode(zone.getOrgCode())
                .addAllPolygon(ZoneGeometry.ring(zone.polygon()).stream()
                        .map(p -> GeoPoint.newBuilder().setLat(p.lat()).setLon(p.lon()).build()).toList())
                .setPatrolLevel(zone.getPatrolLevel())
                .setRequiredUnits(requiredUnits)
                .setLevelChangedAt(Timestamps.of(zone.getLevelChangedAt()))
                .setLevelChangedBy(zone.getLevelChangedBy())
                .build();
    }

    public static org.fangkong.proto.units.v1.ZoneLevelChange toProto(ZoneLevelChange change) {
        return org.fangkong.proto.units.v1.ZoneLevelChange.newBuilder()
                .setFromLevel(change.getFromLevel())
                .setToLevel(change.getToLevel())
                .setChangedBy(change.getChangedBy())
                .setChangedAt(Timestamps.of(change.getChangedAt()))
                .setReason(change.getReason())
                .build();
    }

    /** {@code prefix} names nested fields in violations ("site." inside an update). */
    public static KeySiteSpec toSpec(CreateKeySiteRequest request, String prefix) {
        Violations violations = new Violations();
        violations.require(request.hasCenter(), prefix + "center", "is required");
        List<UUID> posted = new java.util.ArrayList<>();
        for (int i = 0; i < request.getPostedUnitIdsCount(); i++) {
            UUID id = violations.uuid(request.getPostedUnitIds(i), prefix + "posted_unit_ids[" + i + "]");
            if (id != null) {
                posted.add(id);
            }
        }
        violations.throwIfAny();
        KeySiteCategory category = switch (request.getCategory()) {
            case KEY_SITE_CATEGORY_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> KeySiteCategory.valueOf(request.getCategory().name());
        };
        return new KeySiteSpec(request.getName(), category, request.getCenter().getLat(), request.getCenter().getLon(),
                request.getRadiusM(), posted, request.getReactTargetS(), request.getArriveTargetS(), request.getResolveTargetS());
    }

    public static org.fangkong.proto.units.v1.KeySite toProto(KeySite site) {
        return org.fangkong.proto.units.v1.KeySite.newBuilder()
                .setId(site.getId().toString())
                .setName(site.getName())
                .setCategory(org.fangkong.proto.units.v1.KeySiteCategory.valueOf(site.getCategory().name()))
                .setOrgCode(site.getOrgCode())
                .setCenter(GeoPoint.newBuilder().setLat(site.getLat()).setLon(site.getLon()))
                .setRadiusM(site.getRadiusMeters())
                .addAllPostedUnitIds(site.getPostedUnitIds().stream().map(UUID::toString).sorted().toList())
                .setReactTargetS(site.getReactTargetSeconds())
                .setArriveTargetS(site.getArriveTargetSeconds())
                .setResolveTargetS(site.getResolveTargetSeconds())
                .build();
    }
}
