package org.fangkong.checkpoints.checkpoint.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.checkpoints.checkpoint.Checkpoint;
import org.fangkong.platform.geo.GeoLocation;
import org.fangkong.platform.identity.OrgCode;
import org.fangkong.platform.redis.RedisKeys;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Where mobile checkpoints are: their units' live positions, read from units-service's GEO set (never copied), one
 * GEOPOS per province.
 */
@ApplicationScoped
public class MobileLocations {

    private final Redis redis;

    public MobileLocations(Redis redis) {
        this.redis = redis;
    }

    /** Live location by checkpoint id, for the mobile checkpoints among these whose unit has a position. */
    public Uni<Map<UUID, GeoLocation>> of(Collection<Checkpoint> checkpoints) {
        Map<String, List<Checkpoint>> byProvince = new LinkedHashMap<>();
        checkpoints.stream().filter(Checkpoint::isMobile)
                .forEach(c -> byProvince.computeIfAbsent(OrgCode.of(c.getOrgCode()).province(), p -> new ArrayList<>()).add(c));
        Map<UUID, GeoLocation> located = new HashMap<>();
        return Multi.createFrom().iterable(byProvince.entrySet())
                .onItem().transformToUniAndConcatenate(entry -> {
                    Request geopos = Request.cmd(Command.GEOPOS).arg(RedisKeys.unitPositions(entry.getKey()));
                    entry.getValue().forEach(c -> geopos.arg(c.getUnitId().toString()));
                    return redis.send(geopos).invoke(positions -> {
                        for (int i = 0; i < entry.getValue().size(); i++) {
                            Response position = positions.get(i);
                            if (position != null && position.size() == 2) {
                                located.put(entry.getValue().get(i).getId(),
                                        new GeoLocation(position.get(1).toDouble(), position.get(0).toDouble()));
                            }
                        }
                    });
                })
                .collect().last()
                .replaceWith(located);
    }
}
