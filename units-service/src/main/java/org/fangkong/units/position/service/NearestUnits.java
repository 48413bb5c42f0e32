package org.fangkong.units.position.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.errors.InvalidArgumentException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.platform.redis.RedisScript;
import org.fangkong.units.config.UnitsConfig;
import org.fangkong.units.unit.Unit;
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
    private final UnitsConfig.Nearest config;

    public NearestUnits(UnitRepository units, Redis redis, UnitsConfig config) {
        this.units = units;
        this.redis = redis;
        this.config = config.nearest();
    }

    /** A search as asked. {@code limit} 0 means the default; {@code withinOrg} may be blank. */
    public record Query(double lat, double lon, double radiusMeters, int limit, String withinOrg) {
    }

    /** A unit with its live position and distance from the search point. */
    public record Nearby(Unit unit, double lat, double lon, double distanceMeters, Instant positionAt) {
    }

    public Uni<List<Nearby>> find(Caller caller, Query query) {
        Violations violations = new Violations()
                .range(query.lat(), -90, 90, "point.lat")
                .range(query.lon(), -180, 180, "point.lon")
                .require(query.radiusMeters() > 0 && query.radiusMeters() <= config.maxRadiusMeters(), "radius_m",
                        "must be greater than 0 and at most " + (long) config.maxRadiusMeters())
                .require(query.limit() >= 0 && query.limit() <= config.maxLimit(), "limit",
                        "must be between 1 and " + config.maxLimit() + " (0 for the default)");
        violations.throwIfAny();
        OrgCode scope = scopeOf(caller, query.withinOrg());
        int limit = query.limit() == 0 ? config.defaultLimit() : query.limit();
        String province = scope.province();
        List<String> keys = List.of(RedisKeys.unitPositions(province), RedisKeys.unitOrgs(province), RedisKeys.unitFixes(province));
        List<Object> args = List.of(query.lon(), query.lat(), query.radiusMeters(), limit, scopePrefix(caller, scope));
        return NEAREST.run(redis, keys, args).chain(this::withUnits);
    }

    /** The organisation whose scope is searched: the one asked for (within the caller's), else the caller's own. */
    private static OrgCode scopeOf(Caller caller, String withinOrg) {
        if (withinOrg == null || withinOrg.isBlank()) {
            if (caller.org().isEmpty()) {
                throw new InvalidArgumentException("within_org_code", "is required for callers without an organisation");
            }
            return caller.requireOrg();
        }
        OrgCode asked = OrgCode.parse("within_org_code", withinOrg);
        caller.requireScope("within_org_code", asked);
        return asked;
    }

    /** The narrower of the caller's scope and the asked organisation's. */
    private static String scopePrefix(Caller caller, OrgCode scope) {
        String own = caller.scopePrefix();
        String asked = scope.scopePrefix();
        return asked.length() >= own.length() ? asked : own;
    }

    private Uni<List<Nearby>> withUnits(Response hits) {
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
                String fix = hit.get(4).toString();
                Instant at = fix.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(fix.substring(0, fix.indexOf('|'))));
                nearby.add(new Nearby(unit, hit.get(3).toDouble(), hit.get(2).toDouble(), hit.get(1).toDouble(), at));
            }
            return nearby;
        });
    }
}
