package org.fangkong.units.position.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.errors.NotFoundException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.platform.redis.RedisScript;
import org.fangkong.proto.events.v1.Event;
import org.fangkong.proto.events.v1.UnitPosition;
import org.fangkong.proto.units.v1.PositionFix;
import org.fangkong.units.config.UnitsConfig;
import org.fangkong.units.unit.Unit;
import org.fangkong.units.unit.repository.UnitRepository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Response;

/**
 * Takes a device's stream of fixes: validates each, drops fixes older than the unit's stored one, and in one Redis
 * script per batch updates the live state and appends to the positions stream. Only then is the stream answered,
 * so an acknowledged fix is never lost.
 */
@ApplicationScoped
public class PositionIngest {

    /** Redis GEO accepts latitudes within ±85.05112878°. */
    private static final double MAX_GEO_LAT = 85.05112878;
    private static final RedisScript INGEST = RedisScript.fromClasspath("/redis/ingest-positions.lua");

    private final UnitRepository units;
    private final Redis redis;
    private final Clock clock;
    private final UnitsConfig.Positions config;

    public PositionIngest(UnitRepository units, Redis redis, Clock clock, UnitsConfig config) {
        this.units = units;
        this.redis = redis;
        this.clock = clock;
        this.config = config.positions();
    }

    /** Counts of one device stream. */
    public record Outcome(int accepted, int outOfOrder) {
        Outcome plus(Outcome other) {
            return new Outcome(accepted + other.accepted, outOfOrder + other.outOfOrder);
        }
    }

    private record Numbered(int index, PositionFix fix) {
    }

    public Uni<Outcome> ingest(Caller caller, Multi<PositionFix> fixes) {
        int[] counter = {0};
        return fixes
                .map(fix -> new Numbered(counter[0]++, fix))
                .group().intoLists().of(config.batchSize(), config.batchWait())
                .onItem().transformToUniAndConcatenate(batch -> ingestBatch(caller, batch))
                .collect().with(Collectors.reducing(new Outcome(0, 0), Outcome::plus));
    }

    private Uni<Outcome> ingestBatch(Caller caller, List<Numbered> batch) {
        Set<UUID> unitIds = validate(batch);
        return ownersOf(unitIds)
                .chain(owners -> {
                    for (UUID unitId : unitIds) {
                        Unit unit = owners.get(unitId);
                        if (unit == null || !caller.canSee(OrgCode.of(unit.getOrgCode()))) {
                            throw new NotFoundException("unit", unitId.toString());
                        }
                    }
                    Map<String, List<Object>> argsByProvince = new LinkedHashMap<>();
                    for (Numbered numbered : batch) {
                        PositionFix fix = numbered.fix();
                        Unit unit = owners.get(UUID.fromString(fix.getUnitId()));
                        String province = OrgCode.of(unit.getOrgCode()).province();
                        argsByProvince.computeIfAbsent(province, p -> new ArrayList<>()).addAll(scriptArgs(unit, fix));
                    }
                    return Multi.createFrom().iterable(argsByProvince.entrySet())
                            .onItem().transformToUniAndConcatenate(entry -> store(entry.getKey(), entry.getValue()))
                            .collect().with(Collectors.reducing(new Outcome(0, 0), Outcome::plus));
                });
    }

    private Uni<Map<UUID, Unit>> ownersOf(Set<UUID> unitIds) {
        return Panache.withSession(() -> units.findByIds(unitIds)).map(found -> found.stream().collect(Collectors.toMap(Unit::getId, Function.identity())));
    }

    private Uni<Outcome> store(String province, List<Object> args) {
        List<String> keys = List.of(RedisKeys.unitPositions(province), RedisKeys.unitFixes(province),
                RedisKeys.unitOrgs(province), RedisKeys.positionsStream(province));
        return INGEST.run(redis, keys, args)
                .map((Response counts) -> new Outcome(counts.get(0).toInteger(), counts.get(1).toInteger()));
    }

    /** Checks every fix of the batch, failing with all violations at once; returns the units reported for. */
    private Set<UUID> validate(List<Numbered> batch) {
        Instant latest = clock.instant().plus(config.maxFutureSkew());
        Violations violations = new Violations();
        Set<UUID> unitIds = new LinkedHashSet<>();
        for (Numbered numbered : batch) {
            PositionFix fix = numbered.fix();
            String at = "fixes[" + numbered.index() + "].";
            UUID unitId = violations.uuid(fix.getUnitId(), at + "unit_id");
            violations.require(fix.hasPoint(), at + "point", "is required");
            violations.range(fix.getPoint().getLat(), -MAX_GEO_LAT, MAX_GEO_LAT, at + "point.lat");
            violations.range(fix.getPoint().getLon(), -180, 180, at + "point.lon");
            violations.require(fix.hasRecordedAt() && fix.getRecordedAt().getSeconds() > 0, at + "recorded_at", "is required");
            violations.require(!Timestamps.toInstant(fix.getRecordedAt()).isAfter(latest), at + "recorded_at",
                    "must not be more than " + config.maxFutureSkew().toSeconds() + "s in the future");
            violations.range(fix.getAccuracyM(), 0, 100_000, at + "accuracy_m");
            violations.range(fix.getSpeedMps(), 0, 200, at + "speed_mps");
            violations.range(fix.getHeadingDeg(), 0, 360, at + "heading_deg");
            if (unitId != null) {
                unitIds.add(unitId);
            }
        }
        violations.throwIfAny();
        return unitIds;
    }

    private List<Object> scriptArgs(Unit unit, PositionFix fix) {
        Instant recordedAt = Timestamps.toInstant(fix.getRecordedAt());
        Event event = Event.newBuilder()
                .setId(UUID.randomUUID().toString())
                .setType("unit.position")
                .setOrgCode(unit.getOrgCode())
                .setTime(Timestamps.of(clock.instant()))
                .setUnitPosition(UnitPosition.newBuilder()
                        .setUnitId(fix.getUnitId())
                        .setPoint(fix.getPoint())
                        .setRecordedAt(fix.getRecordedAt())
                        .setAccuracyM(fix.getAccuracyM())
                        .setSpeedMps(fix.getSpeedMps())
                        .setHeadingDeg(fix.getHeadingDeg()))
                .build();
        String meta = fix.getAccuracyM() + "|" + fix.getSpeedMps() + "|" + fix.getHeadingDeg();
        return List.of(fix.getUnitId(), fix.getPoint().getLon(), fix.getPoint().getLat(), recordedAt.toEpochMilli(),
                meta, unit.getOrgCode(), event.toByteArray());
    }
}
