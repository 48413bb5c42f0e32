package org.fangkong.units.position.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.identity.Caller;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.platform.redis.RedisScript;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * The live picture of an organisation's subtree, as a console draws it before the live stream moves it: every unit
 * with a live position, from the province's hot state. The subtree's units are picked in one script; their
 * positions, fix times and stale flags are then read a chunk at a time (for 50,000 units one script over all of them
 * held Redis for about 0.6 s; chunks hold it for milliseconds each).
 */
@ApplicationScoped
public class LivePositions {

    private static final RedisScript UNITS_OF = RedisScript.fromClasspath("/redis/live-positions.lua");
    private static final int CHUNK = 1000;

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
        return UNITS_OF.run(redis, List.of(RedisKeys.unitOrgs(province)), List.of(scope.scopePrefix())).chain(ids -> {
            List<List<String>> chunks = new ArrayList<>();
            for (int from = 0; from < ids.size(); from += CHUNK) {
                List<String> chunk = new ArrayList<>();
                for (int i = from; i < Math.min(ids.size(), from + CHUNK); i++) {
                    chunk.add(ids.get(i).toString());
                }
                chunks.add(chunk);
            }
            List<Live> live = new ArrayList<>(ids.size());
            return Multi.createFrom().iterable(chunks)
                    .onItem().transformToUniAndConcatenate(chunk -> redis.batch(List.of(
                            withIds(Request.cmd(Command.GEOPOS).arg(RedisKeys.unitPositions(province)), chunk),
                            withIds(Request.cmd(Command.HMGET).arg(RedisKeys.unitFixes(province)), chunk),
                            withIds(Request.cmd(Command.SMISMEMBER).arg(RedisKeys.staleUnits(province)), chunk)))
                            .invoke(replies -> read(chunk, replies, live)))
                    .collect().last()
                    .replaceWith(live);
        });
    }

    private static Request withIds(Request request, List<String> ids) {
        ids.forEach(request::arg);
        return request;
    }

    private static void read(List<String> ids, List<Response> replies, List<Live> live) {
        Response points = replies.get(0);
        Response fixes = replies.get(1);
        Response stale = replies.get(2);
        for (int i = 0; i < ids.size(); i++) {
            Response point = points.get(i);
            if (point == null || point.size() < 2) {
                continue; // a unit without a live position
            }
            Response fix = fixes.get(i);
            live.add(new Live(ids.get(i), point.get(1).toDouble(), point.get(0).toDouble(), fix == null ? null : PositionStore.recordedAt(fix.toString()),
                    stale.get(i).toInteger() == 1));
        }
    }
}
