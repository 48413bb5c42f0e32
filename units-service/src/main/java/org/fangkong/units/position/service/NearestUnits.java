package org.fangkong.units.position.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.platform.redis.RedisScript;
import org.fangkong.units.config.UnitsConfig;
import org.fangkong.units.unit.ForceType;
import org.fangkong.units.unit.Unit;
import org.fangkong.units.unit.UnitStatus;
import org.fangkong.units.unit.repository.UnitRepository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Response;

/** The closest-unit search: Redis GEOSEARCH over the province's live positions, filtered to the caller's scope. */
@ApplicationScoped
public class NearestUnits {

    private static final RedisScript NEAREST = RedisScript.fromClasspath("/redis/nearest-units.lua");

    private final UnitRepository units;
    private final Redis redis;
    private final Clock clock;
    private final UnitsConfig.Nearest config;
    private final Duration staleAfter;

    public NearestUnits(UnitRepository units, Redis redis, Clock clock, UnitsConfig config) {
        this.units = units;
        this.redis = redis;
        this.clock = clock;
        this.config = config.nearest();
        this.staleAfter = config.positions().staleAfter();
    }

    /**
     * A search as asked. {@code limit} 0 means the default; {@code withinOrg} may be blank; no force types means all.
     */
    public record Query(double lat, double lon, double radiusMeters, int limit, String withinOrg, Set<ForceType> forceTypes,
            int minArmedCount, boolean onlyAvailable) {
    }

    /** A unit with its live position, distance from the search point and straight-line ETA. */
    public record Nearby(Unit unit, double lat, double lon, double distanceMeters, Instant positionAt, int etaSeconds) {
    }

    public Uni<List<Nearby>> find(Caller caller, Query query) {
        Violations violations = new Violations()
                .range(query.lat(), -90, 90, "point.lat")
                .range(query.lon(), -180, 180, "point.lon")
                .require(query.radiusMeters() > 0 && query.radiusMeters() <= config.maxRadiusMeters(), "radius_m",
                        "must be greater than 0 and at most " + (long) config.maxRadiusMeters())
                .require(query.limit() >= 0 && query.limit() <= config.maxLimit(), "limit",
                        "must be between 1 and " + config.maxLimit() + " (0 for the default)")
                .require(query.minArmedCount() >= 0, "min_armed_count", "must not be negative");
        violations.throwIfAny();
        OrgCode scope = caller.scopeFor("within_org_code", query.withinOrg());
        int limit = query.limit() == 0 ? config.defaultLimit() : query.limit();
        String province = scope.province();
        List<String> keys = List.of(RedisKeys.unitPositions(province), RedisKeys.unitOrgs(province), RedisKeys.unitFixes(province),
                RedisKeys.unitStates(province), RedisKeys.staleUnits(province));
        String forceTypes = query.forceTypes().isEmpty() ? ""
                : "," + String.join(",", query.forceTypes().stream().map(Enum::name).toList()) + ",";
        List<Object> args = List.of(query.lon(), query.lat(), query.radiusMeters(), limit, scopePrefix(caller, scope),
                query.onlyAvailable() ? 1 : 0, query.minArmedCount(), clock.instant().minus(staleAfter).toEpochMilli(), forceTypes);
        return NEAREST.run(redis, keys, args).chain(hits -> withUnits(hits, query.onlyAvailable()));
    }

    /** The narrower of the caller's scope and the asked organisation's. */
    private static String scopePrefix(Caller caller, OrgCode scope) {
        String own = caller.scopePrefix();
        String asked = scope.scopePrefix();
        return asked.length() >= own.length() ? asked : own;
    }

    /** Straight-line time at the configured urban speed: a floor a dispatcher compares units by, not a route. */
    public int etaSeconds(Unit unit, double distanceMeters) {
        double kmh = unit.hasVehicle() ? config.vehicleSpeedKmh() : config.footSpeedKmh();
        return (int) Math.ceil(distanceMeters / (kmh / 3.6));
    }

    private Uni<List<Nearby>> withUnits(Response hits, boolean onlyAvailable) {
        List<UUID> ids = new ArrayList<>();
        hits.forEach(hit -> ids.add(UUID.fromString(hit.get(0).toString())));
        return Panache.withSession(() -> units.findByIds(ids)).map(found -> {
            Map<UUID, Unit> byId = found.stream().collect(Collectors.toMap(Unit::getId, Function.identity()));
            List<Nearby> nearby = new ArrayList<>();
            for (Response hit : hits) {
                Unit unit = byId.get(UUID.fromString(hit.get(0).toString()));
                if (unit == null) {
                    continue; // live state of a unit removed from the registry
                }
                if (onlyAvailable && unit.getStatus() != UnitStatus.AVAILABLE) {
                    continue; // PostgreSQL is the truth; the Redis mirror may trail a change by moments
                }
                String fix = hit.get(4).toString();
                Instant at = PositionStore.recordedAt(fix);
                double distance = hit.get(1).toDouble();
                nearby.add(new Nearby(unit, hit.get(3).toDouble(), hit.get(2).toDouble(), distance, at, etaSeconds(unit, distance)));
            }
            return nearby;
        });
    }
}
