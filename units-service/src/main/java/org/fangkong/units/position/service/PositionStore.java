package org.fangkong.units.position.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.platform.redis.RedisScript;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Response;

/**
 * Writes position batches to Redis with one script each. Concurrent batches are bounded: beyond the bulkhead's
 * running and waiting slots a batch is refused with RESOURCE_EXHAUSTED (the device retries) instead of queueing
 * without bound. Tune with {@code quarkus.fault-tolerance."org.fangkong.units.position.service.PositionStore/store".bulkhead.*}.
 */
@ApplicationScoped
public class PositionStore {

    private static final RedisScript INGEST = RedisScript.fromClasspath("/redis/ingest-positions.lua");

    private final Redis redis;

    public PositionStore(Redis redis) {
        this.redis = redis;
    }

    /** What one script call did: counts, and the time of each unit's newest accepted fix. */
    public record Stored(int accepted, int outOfOrder, Map<String, Instant> latestByUnit) {
    }

    @Bulkhead(value = 64, waitingTaskQueue = 256)
    public Uni<Stored> store(String province, List<Object> args) {
        List<String> keys = List.of(RedisKeys.unitPositions(province), RedisKeys.unitFixes(province),
                RedisKeys.unitOrgs(province), RedisKeys.positionsStream(province), RedisKeys.staleUnits(province));
        return INGEST.run(redis, keys, args).map(PositionStore::stored);
    }

    private static Stored stored(Response result) {
        Map<String, Instant> latest = new LinkedHashMap<>();
        for (int i = 2; i + 1 < result.size(); i += 2) {
            latest.put(result.get(i).toString(), Instant.ofEpochMilli(Long.parseLong(result.get(i + 1).toString())));
        }
        return new Stored(result.get(0).toInteger(), result.get(1).toInteger(), latest);
    }

    /** When a unit's held fix was recorded, from the fix hash's {@code recordedAtMillis|accuracy|speed|heading}; null for none. */
    public static Instant recordedAt(String fixMetadata) {
        if (fixMetadata == null || fixMetadata.isEmpty()) {
            return null;
        }
        int bar = fixMetadata.indexOf('|');
        return Instant.ofEpochMilli(Long.parseLong(bar < 0 ? fixMetadata : fixMetadata.substring(0, bar)));
    }
}
