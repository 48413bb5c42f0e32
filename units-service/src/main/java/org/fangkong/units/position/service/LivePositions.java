package org.fangkong.units.position.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.platform.redis.RedisScript;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Response;

/**
 * The live picture of an organisation's subtree, as a console draws it before the live stream moves it: every unit
 * with a live position, read in one script from the province's hot state (one pass over its units).
 */
@ApplicationScoped
public class LivePositions {

    private static final RedisScript LIVE = RedisScript.fromClasspath("/redis/live-positions.lua");

    private final Redis redis;

    public LivePositions(Redis redis) {
        this.redis = redis;
    }

    /** Where a unit was last seen, since when (null before its first stored fix), and whether it went stale. */
    public record Live(String unitId, double lat, double lon, Instant fixAt, boolean stale) {
    }

    public Uni<List<Live>> of(Caller caller, String orgCode) {
        OrgCode scope = caller.scopeFor("org_code", orgCode);
        String province = scope.province();
        List<String> keys = List.of(RedisKeys.unitPositions(province), RedisKeys.unitOrgs(province), RedisKeys.unitFixes(province),
                RedisKeys.staleUnits(province));
        return LIVE.run(redis, keys, List.of(scope.scopePrefix())).map(LivePositions::read);
    }

    private static List<Live> read(Response hits) {
        List<Live> live = new ArrayList<>(hits.size());
        for (Response hit : hits) {
            String fix = hit.get(3).toString();
            Instant at = PositionStore.recordedAt(fix);
            live.add(new Live(hit.get(0).toString(), hit.get(2).toDouble(), hit.get(1).toDouble(), at, hit.get(4).toInteger() == 1));
        }
        return live;
    }
}
