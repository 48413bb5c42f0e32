package org.fangkong.platform.streams;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * A plain reader ({@code XREAD}, no group): every replica sees every entry, from any id on. For fan-out to clients,
 * such as the gateway's live events resuming from a client's {@code Last-Event-ID}.
 */
@ApplicationScoped
public class StreamTail {

    private final Redis redis;

    public StreamTail(Redis redis) {
        this.redis = redis;
    }

    /** Up to {@code count} entries after {@code afterId} ({@code 0-0} for the start, {@code $} makes no sense here). */
    public Uni<List<StreamEntry>> read(String stream, String afterId, int count) {
        return redis.send(Request.cmd(Command.XREAD).arg("COUNT").arg(count).arg("STREAMS").arg(stream).arg(afterId))
                .map(StreamReplies::ofRead);
    }
}
