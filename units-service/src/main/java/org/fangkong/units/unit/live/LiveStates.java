package org.fangkong.units.unit.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.identity.OrgCode;
import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.platform.redis.RedisScript;
import org.fangkong.units.unit.Unit;
import org.fangkong.units.unit.UnitStatus;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;

/**
 * The Redis mirror of each unit's status, force type and armed count, beside its live position (same hash tag), so
 * the search scripts filter without PostgreSQL. PostgreSQL stays the truth: dispatch re-checks it.
 */
@ApplicationScoped
public class LiveStates {

    private static final RedisScript PUT = RedisScript.fromClasspath("/redis/put-unit-states.lua");

    private final Redis redis;

    public LiveStates(Redis redis) {
        this.redis = redis;
    }

    /** A unit's state as the scripts read it. */
    public record State(UnitStatus status, String forceType, int armedCount, boolean vehicle, String orgCode) {

        public static State parse(String value) {
            String[] parts = value.split("\\|", -1);
            return new State(UnitStatus.valueOf(parts[1]), parts[2], Integer.parseInt(parts[3]), "1".equals(parts[4]), parts[5]);
        }
    }

    public Uni<Void> put(Unit unit) {
        return putAll(List.of(unit));
    }

    /** Writes the states, one script per province; retried briefly, since a committed change must reach the mirror. */
    public Uni<Void> putAll(Collection<Unit> units) {
        Map<String, List<Object>> argsByProvince = new LinkedHashMap<>();
        for (Unit unit : units) {
            argsByProvince.computeIfAbsent(OrgCode.of(unit.getOrgCode()).province(), p -> new ArrayList<>())
                    .addAll(List.of(unit.getId().toString(), unit.getVersion(), encode(unit)));
        }
        return Multi.createFrom().iterable(argsByProvince.entrySet())
                .onItem().transformToUniAndConcatenate(entry -> PUT.run(redis,
                        List.of(RedisKeys.unitStates(entry.getKey()), RedisKeys.staleUnits(entry.getKey())), entry.getValue())
                        .onFailure().retry().withBackOff(Duration.ofMillis(50)).atMost(3))
                .collect().last()
                .replaceWithVoid();
    }

    /** Which of the units are marked stale (one SMISMEMBER per province). */
    public Uni<java.util.Set<java.util.UUID>> staleAmong(Collection<Unit> units) {
        Map<String, List<Unit>> byProvince = new LinkedHashMap<>();
        units.forEach(unit -> byProvince.computeIfAbsent(OrgCode.of(unit.getOrgCode()).province(), p -> new ArrayList<>()).add(unit));
        java.util.Set<java.util.UUID> stale = java.util.concurrent.ConcurrentHashMap.newKeySet();
        return Multi.createFrom().iterable(byProvince.entrySet())
                .onItem().transformToUniAndConcatenate(entry -> {
                    io.vertx.mutiny.redis.client.Request request = io.vertx.mutiny.redis.client.Request
                            .cmd(io.vertx.mutiny.redis.client.Command.SMISMEMBER).arg(RedisKeys.staleUnits(entry.getKey()));
                    entry.getValue().forEach(unit -> request.arg(unit.getId().toString()));
                    return redis.send(request).invoke(flags -> {
                        for (int i = 0; i < entry.getValue().size(); i++) {
                            if (flags.get(i).toInteger() == 1) {
                                stale.add(entry.getValue().get(i).getId());
                            }
                        }
                    });
                })
                .collect().last()
                .replaceWith(stale);
    }

    static String encode(Unit unit) {
        return unit.getVersion() + "|" + unit.getStatus() + "|" + unit.getForceType() + "|" + unit.getArmedCount() + "|"
                + (unit.hasVehicle() ? 1 : 0) + "|" + unit.getOrgCode();
    }
}
