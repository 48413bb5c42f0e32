package org.fangkong.platform.streams;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
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

    /**
     * Up to {@code count} entries per stream after each stream's id, waiting up to {@code block} for the first. The
     * wait holds the connection, so a long-running tail reads on a connection of its own ({@link #connect()}).
     */
    public Uni<Map<String, List<StreamEntry>>> readMany(RedisConnection connection, Map<String, String> afterIds, int count, Duration block) {
        Request request = Request.cmd(Command.XREAD).arg("COUNT").arg(count).arg("BLOCK").arg(block.toMillis()).arg("STREAMS");
        afterIds.keySet().forEach(request::arg);
        afterIds.values().forEach(request::arg);
        return connection.send(request).map(StreamReplies::ofReadMany);
    }

    /** A connection for a blocking tail, apart from the shared pool. */
    public Uni<RedisConnection> connect() {
        return redis.connect();
    }

    /** Entries after {@code afterId} up to and including {@code toId}, oldest first, at most {@code count}. */
    public Uni<List<StreamEntry>> range(String stream, String afterId, String toId, int count) {
        return redis.send(Request.cmd(Command.XRANGE).arg(stream).arg("(" + afterId).arg(toId).arg("COUNT").arg(count))
                .map(StreamReplies::entries);
    }

    /** The id of the stream's newest entry, {@code 0-0} when it is empty or does not exist. */
    public Uni<String> lastId(String stream) {
        return redis.send(Request.cmd(Command.XREVRANGE).arg(stream).arg("+").arg("-").arg("COUNT").arg(1))
                .map(reply -> {
                    List<StreamEntry> newest = StreamReplies.entries(reply);
                    return newest.isEmpty() ? "0-0" : newest.get(0).id();
                });
    }

    /** The newest id of each stream. */
    public Uni<Map<String, String>> lastIds(List<String> streams) {
        Map<String, String> ids = new LinkedHashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String stream : streams) {
            chain = chain.chain(() -> lastId(stream).invoke(id -> ids.put(stream, id))).replaceWithVoid();
        }
        return chain.map(done -> ids);
    }
}
