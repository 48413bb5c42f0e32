package org.fangkong.units.zone.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.platform.redis.RedisScript;
import org.fangkong.units.config.UnitsConfig;
import org.fangkong.units.position.service.PositionStore;
import org.fangkong.units.unit.UnitStatus;
import org.fangkong.units.unit.live.LiveStates;
import org.fangkong.units.zone.Zone;
import org.fangkong.units.zone.ZoneGeometry;
import org.fangkong.units.zone.repository.ZoneRepository;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Response;

/**
 * Which units are inside a zone, and whether the zone has the units its patrol level requires: one Redis box
 * search around the zones asked about, then an exact polygon test per unit.
 */
@ApplicationScoped
public class ZoneCoverage {

    private static final RedisScript IN_BOX = RedisScript.fromClasspath("/redis/units-in-box.lua");
    private static final double METERS_PER_DEGREE_LAT = 111_320;

    private final ZoneRegistry registry;
    private final ZoneRepository zones;
    private final Redis redis;
    private final Clock clock;
    private final Duration staleAfter;

    public ZoneCoverage(ZoneRegistry registry, ZoneRepository zones, Redis redis, Clock clock, UnitsConfig config) {
        this.registry = registry;
        this.zones = zones;
        this.redis = redis;
        this.clock = clock;
        this.staleAfter = config.positions().staleAfter();
    }

    /** A unit's live position with its mirrored state. */
    public record LiveUnit(UUID unitId, double lat, double lon, String orgCode, Instant fixAt, LiveStates.State state, boolean stale) {

        /** On duty, not stood down, and reporting: a unit people can see on the street. */
        boolean visible(Instant freshSince) {
            return state != null && state.status() != UnitStatus.OFF_DUTY && state.status() != UnitStatus.UNAVAILABLE
                    && !stale && fixAt != null && !fixAt.isBefore(freshSince);
        }
    }

    /** A zone with its visible units against its requirement. */
    public record Coverage(Zone zone, int visible, int required) {
        public int shortfall() {
            return Math.max(0, required - visible);
        }
    }

    /** Units with a live position inside the zone that the caller may see, on duty. */
    @WithSession
    public Uni<List<LiveUnit>> unitsIn(Caller caller, UUID zoneId) {
        return registry.require(caller, zoneId).chain(zone -> inBox(List.of(zone)).map(live -> {
            PreparedGeometry polygon = PreparedGeometryFactory.prepare(zone.polygon());
            return live.stream()
                    .filter(unit -> unit.state() != null && unit.state().status().onDuty())
                    .filter(unit -> caller.canSee(OrgCode.of(unit.orgCode())))
                    .filter(unit -> polygon.covers(ZoneGeometry.point(unit.lat(), unit.lon())))
                    .toList();
        }));
    }

    /** One zone's coverage. */
    @WithSession
    public Uni<List<Coverage>> ofZone(Caller caller, UUID zoneId) {
        return registry.require(caller, zoneId).chain(zone -> coverage(List.of(zone)));
    }

    /** Coverage of every zone of a subtree. */
    @WithSession
    public Uni<List<Coverage>> ofOrganisation(OrgCode scope) {
        return zones.inScope(scope.scopePrefix()).chain(this::coverage);
    }

    private Uni<List<Coverage>> coverage(List<Zone> asked) {
        if (asked.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Instant freshSince = clock.instant().minus(staleAfter);
        return inBox(asked).map(live -> {
            List<LiveUnit> visible = live.stream().filter(unit -> unit.visible(freshSince)).toList();
            List<Coverage> result = new ArrayList<>(asked.size());
            for (Zone zone : asked) {
                PreparedGeometry polygon = PreparedGeometryFactory.prepare(zone.polygon());
                int inside = 0;
                for (LiveUnit unit : visible) {
                    if (zone.boxContains(unit.lat(), unit.lon()) && polygon.covers(ZoneGeometry.point(unit.lat(), unit.lon()))) {
                        inside++;
                    }
                }
                result.add(new Coverage(zone, inside, registry.requiredUnits(zone)));
            }
            return result;
        });
    }

    /** Live units in the box around the zones (all in one province). */
    private Uni<List<LiveUnit>> inBox(List<Zone> around) {
        Envelope box = new Envelope();
        around.forEach(zone -> box.expandToInclude(zone.polygon().getEnvelopeInternal()));
        double widestLat = box.getMinY() > 0 ? box.getMinY() : box.getMaxY() < 0 ? box.getMaxY() : 0;
        double width = box.getWidth() * METERS_PER_DEGREE_LAT * Math.cos(Math.toRadians(widestLat)) * 1.02 + 10;
        double height = box.getHeight() * METERS_PER_DEGREE_LAT * 1.02 + 10;
        String province = OrgCode.of(around.get(0).getOrgCode()).province();
        List<String> keys = List.of(RedisKeys.unitPositions(province), RedisKeys.unitOrgs(province), RedisKeys.unitFixes(province),
                RedisKeys.unitStates(province), RedisKeys.staleUnits(province));
        List<Object> args = List.of(box.centre().x, box.centre().y, width, height);
        return IN_BOX.run(redis, keys, args).map(ZoneCoverage::parse);
    }

    private static List<LiveUnit> parse(Response hits) {
        List<LiveUnit> live = new ArrayList<>(hits.size());
        for (Response hit : hits) {
            String fix = hit.get(4).toString();
            String state = hit.get(5).toString();
            live.add(new LiveUnit(UUID.fromString(hit.get(0).toString()), hit.get(2).toDouble(), hit.get(1).toDouble(),
                    hit.get(3).toString(),
                    PositionStore.recordedAt(fix),
                    state.isEmpty() ? null : LiveStates.State.parse(state),
                    hit.get(6).toInteger() == 1));
        }
        return live;
    }
}
