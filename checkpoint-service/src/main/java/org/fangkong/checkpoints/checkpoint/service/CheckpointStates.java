package org.fangkong.checkpoints.checkpoint.service;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.checkpoints.checkpoint.Checkpoint;
import org.fangkong.checkpoints.checkpoint.repository.CheckpointRepository;
import org.fangkong.platform.recovery.HotStateRebuilder;
import org.fangkong.platform.redis.RedisKeys;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/** The Redis mirror of every checkpoint's state, for consoles and other services to read without a call. */
@ApplicationScoped
public class CheckpointStates implements HotStateRebuilder {

    private final CheckpointRepository checkpoints;
    private final Redis redis;

    public CheckpointStates(CheckpointRepository checkpoints, Redis redis) {
        this.checkpoints = checkpoints;
        this.redis = redis;
    }

    public Uni<Void> put(Collection<Checkpoint> changed) {
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Request hset = Request.cmd(Command.HSET).arg(RedisKeys.checkpointStates());
        changed.forEach(c -> hset.arg(c.getId().toString()).arg(c.getState() + "|" + c.getOrgCode() + "|" + c.getType()));
        return redis.send(hset).replaceWithVoid();
    }

    /** Re-reads the checkpoints (after set-based updates) and mirrors them. */
    public Uni<Void> refresh(Collection<UUID> ids) {
        return Panache.withSession(() -> checkpoints.findByIds(ids)).chain(this::put);
    }

    @Override
    public String name() {
        return "checkpoint states";
    }

    @Override
    public Uni<Void> rebuild() {
        return Panache.withSession(() -> checkpoints.listAll()).chain(all -> put(List.copyOf(all)));
    }
}
