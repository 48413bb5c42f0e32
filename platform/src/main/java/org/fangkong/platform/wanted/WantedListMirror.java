package org.fangkong.platform.wanted;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.redis.RedisKeys;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Writes the Redis mirror of the active wanted list (writer: checkpoint-service only). Each field holds every
 * active mark of one plate or person, replaced whole, so a write never leaves a half-updated field.
 */
@ApplicationScoped
public class WantedListMirror {

    /** Fields per HSET/HDEL command: big imports go in chunks, not one giant command. */
    private static final int CHUNK = 1000;

    private final Redis redis;

    public WantedListMirror(Redis redis) {
        this.redis = redis;
    }

    /** Sets each field to its marks; a field with no marks left is deleted. */
    public Uni<Void> write(Map<String, List<WantedMark>> marksByField) {
        List<String> emptied = new ArrayList<>();
        List<Map.Entry<String, List<WantedMark>>> set = new ArrayList<>();
        marksByField.forEach((field, marks) -> {
            if (marks.isEmpty()) {
                emptied.add(field);
            } else {
                set.add(Map.entry(field, marks));
            }
        });
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < set.size(); i += CHUNK) {
            Request hset = Request.cmd(Command.HSET).arg(RedisKeys.wantedList());
            set.subList(i, Math.min(set.size(), i + CHUNK)).forEach(e -> hset.arg(e.getKey()).arg(WantedMark.encodeAll(e.getValue())));
            requests.add(hset);
        }
        for (int i = 0; i < emptied.size(); i += CHUNK) {
            Request hdel = Request.cmd(Command.HDEL).arg(RedisKeys.wantedList());
            emptied.subList(i, Math.min(emptied.size(), i + CHUNK)).forEach(hdel::arg);
            requests.add(hdel);
        }
        return Multi.createFrom().iterable(requests)
                .onItem().transformToUniAndConcatenate(request -> redis.send(request)
                        .onFailure().retry().withBackOff(Duration.ofMillis(50)).atMost(3))
                .collect().last()
                .replaceWithVoid();
    }

    /** Drops the whole mirror (before a rebuild from PostgreSQL). */
    public Uni<Void> clear() {
        return redis.send(Request.cmd(Command.DEL).arg(RedisKeys.wantedList())).replaceWithVoid();
    }
}
