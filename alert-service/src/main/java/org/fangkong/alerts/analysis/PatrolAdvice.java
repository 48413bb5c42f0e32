package org.fangkong.alerts.analysis;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.alerts.client.UnitsClient;
import org.fangkong.alerts.config.AlertsConfig;
import org.fangkong.platform.errors.NotFoundException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.units.v1.FindNearestUnitsRequest;
import org.fangkong.proto.units.v1.ForceType;
import org.fangkong.proto.units.v1.NearbyUnit;
import org.fangkong.proto.units.v1.Zone;
import org.fangkong.proto.units.v1.ZoneCoverage;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * What the analysis advises for patrol: a level per zone from its incident density (incidents per km² over the
 * look-back against {@code analysis.level-thresholds}: at or above the first, level 1; the second, level 2; the
 * third, level 3; below, level 4), applied by a commander through units-service; reinforcements for zones short of
 * the units their level requires; and the hotspot cells as control points.
 */
@ApplicationScoped
public class PatrolAdvice {

    private static final double KM_PER_DEG_LAT = 110.574;
    private static final double KM_PER_DEG_LON_AT_EQUATOR = 111.320;

    private final UnitsClient units;
    private final SituationAnalysis analysis;
    private final AlertsConfig config;

    public PatrolAdvice(UnitsClient units, SituationAnalysis analysis, AlertsConfig config) {
        this.units = units;
        this.analysis = analysis;
        this.config = config;
    }

    public record Level(Zone zone, int recommended, int incidents, double densityPerKm2, String reason) {
    }

    public record Reinforcement(ZoneCoverage coverage, List<NearbyUnit> units) {
    }

    public Uni<List<Level>> recommend(OrgCode scope, int days) {
        int lookBack = days == 0 ? config.analysis().levelDays() : days;
        new Violations().require(lookBack >= 1 && lookBack <= 90, "days", "must be between 1 and 90 (0 means the configured default)").throwIfAny();
        return units.zones(scope.value()).chain(zones -> analysis.incidentsByZone(scope, lookBack).map(counts -> levels(zones, counts, lookBack)));
    }

    private List<Level> levels(List<Zone> zones, Map<String, Integer> counts, int days) {
        List<Double> thresholds = config.analysis().levelThresholds();
        return zones.stream().map(zone -> {
            int incidents = counts.getOrDefault(zone.getId(), 0);
            double area = areaKm2(zone.getPolygonList());
            double density = area > 0 ? incidents / area : 0;
            int level = thresholds.size() + 1;
            for (int i = 0; i < thresholds.size(); i++) {
                if (density >= thresholds.get(i)) {
                    level = i + 1;
                    break;
                }
            }
            String reason = String.format("%d incidents in %d days over %.2f km²: %.1f per km²", incidents, days, area, density);
            return new Level(zone, level, incidents, density, reason);
        }).toList();
    }

    /** Polygon area on a local equirectangular projection (zones span a few kilometres). */
    static double areaKm2(List<GeoPoint> ring) {
        if (ring.size() < 4) {
            return 0;
        }
        double lat0 = Math.toRadians(ring.stream().mapToDouble(GeoPoint::getLat).average().orElse(0));
        double kx = KM_PER_DEG_LON_AT_EQUATOR * Math.cos(lat0);
        double sum = 0;
        for (int i = 0; i + 1 < ring.size(); i++) {
            GeoPoint a = ring.get(i);
            GeoPoint b = ring.get(i + 1);
            sum += a.getLon() * kx * b.getLat() * KM_PER_DEG_LAT - b.getLon() * kx * a.getLat() * KM_PER_DEG_LAT;
        }
        return Math.abs(sum) / 2;
    }

    /** Sets a zone's level in units-service for the commander, with the reason kept in its history there. */
    public Uni<Zone> apply(Caller caller, String zoneId, int level, String reason) {
        new Violations().require(level >= 1 && level <= 4, "patrol_level", "must be 1 (highest) to 4")
                .notBlank(reason, "reason").require(reason == null || reason.length() <= 500, "reason", "must be at most 500 characters")
                .throwIfAny();
        return units.zone(zoneId)
                .invoke(zone -> {
                    if (!caller.canSee(OrgCode.of(zone.getOrgCode()))) {
                        throw new NotFoundException("zone", zoneId);
                    }
                })
                .chain(zone -> units.setZoneLevel(caller, zoneId, level, reason.strip()));
    }

    public Uni<List<Reinforcement>> reinforcements(OrgCode scope) {
        String city = scope.value().substring(0, 4) + "00000000";
        return units.coverage(scope.value()).chain(coverage -> {
            List<ZoneCoverage> short_ = coverage.stream().filter(c -> c.getShortfall() > 0).toList();
            return Multi.createFrom().iterable(short_)
                    .onItem().transformToUniAndConcatenate(zone -> units.nearest(null, FindNearestUnitsRequest.newBuilder()
                            .setPoint(centroid(zone.getZone().getPolygonList())).setRadiusM(config.analysis().reinforcementRadiusM())
                            .setLimit(Math.min(200, zone.getShortfall() + 2)).setWithinOrgCode(city).addForceTypes(ForceType.HQ_SUPPORT)
                            .setOnlyAvailable(true).build())
                            .map(found -> new Reinforcement(zone, found.getUnitsList())))
                    .collect().asList();
        });
    }

    static GeoPoint centroid(List<GeoPoint> ring) {
        List<GeoPoint> points = ring.size() > 1 ? ring.subList(0, ring.size() - 1) : ring;
        return GeoPoint.newBuilder().setLat(points.stream().mapToDouble(GeoPoint::getLat).average().orElse(0))
                .setLon(points.stream().mapToDouble(GeoPoint::getLon).average().orElse(0)).build();
    }

    public Uni<List<SituationAnalysis.Cell>> controlPoints(OrgCode scope, int days, int limit) {
        new Violations().require(days >= 0 && days <= 90, "days", "must be between 1 and 90 (0 means the configured default)")
                .require(limit >= 0 && limit <= 50, "limit", "must be between 1 and 50 (0 means 10)").throwIfAny();
        int lookBack = days == 0 ? config.analysis().levelDays() : days;
        SituationAnalysis.Period period = analysis.period(null, 1);
        SituationAnalysis.Period recent = new SituationAnalysis.Period(period.last().plusDays(1).minusDays(lookBack), period.last().plusDays(1),
                period.to().minus(java.time.Duration.ofDays(lookBack)), period.to().plus(java.time.Duration.ofDays(1)));
        return analysis.hotspots(scope.scopePrefix() + "%", recent, limit == 0 ? 10 : limit);
    }
}
