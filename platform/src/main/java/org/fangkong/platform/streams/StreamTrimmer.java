package org.fangkong.platform.streams;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.fangkong.platform.background.BackgroundRound;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Trims the streams this app reads with consumer groups, with {@code XTRIM MINID}, below the oldest entry that some
 * group (of any app) has not yet acknowledged: its oldest pending entry, or, with none pending, its last delivered
 * one. Never by a blind length cap, so no group ever loses an entry it has not handled.
 */
@ApplicationScoped
public class StreamTrimmer {

    private static final Logger LOG = Logger.getLogger(StreamTrimmer.class);

    private final Redis redis;
    private final List<String> streams;

    public StreamTrimmer(Redis redis, Instance<StreamHandler> handlers) {
        this.redis = redis;
        this.streams = handlers.stream().map(StreamHandler::stream).distinct().toList();
    }

    @Scheduled(every = "${fangkong.streams.trim-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledTrim() {
        return BackgroundRound.run(LOG, "Stream trim", Multi.createFrom().iterable(streams)
                .onItem().transformToUniAndConcatenate(this::trim)
                .collect().last());
    }

    /** Trims one stream; returns how many entries went. A stream without groups is left alone. */
    public Uni<Long> trim(String stream) {
        return redis.send(Request.cmd(Command.XINFO).arg("GROUPS").arg(stream))
                .chain(groups -> Multi.createFrom().iterable(list(groups))
                        .onItem().transformToUniAndConcatenate(group -> oldestUnacknowledged(stream, group))
                        .collect().asList())
                .chain(floors -> {
                    Optional<String> minId = floors.stream().reduce((a, b) -> compare(a, b) <= 0 ? a : b);
                    if (minId.isEmpty()) {
                        return Uni.createFrom().item(0L);
                    }
                    return redis.send(Request.cmd(Command.XTRIM).arg(stream).arg("MINID").arg(minId.get())).map(Response::toLong);
                })
                .onFailure(failure -> String.valueOf(failure.getMessage()).startsWith("ERR no such key")).recoverWithItem(0L);
    }

    private Uni<String> oldestUnacknowledged(String stream, Response group) {
        String name = field(group, "name").toString();
        long pending = field(group, "pending").toLong();
        String lastDelivered = field(group, "last-delivered-id").toString();
        if (pending == 0) {
            return Uni.createFrom().item(lastDelivered);
        }
        return redis.send(Request.cmd(Command.XPENDING).arg(stream).arg(name)).map(summary -> summary.get(1).toString());
    }

    private static Response field(Response group, String name) {
        if (group.getDelegate().isMap()) {
            return group.get(name);
        }
        for (int i = 0; i + 1 < group.size(); i += 2) {
            if (name.equals(group.get(i).toString())) {
                return group.get(i + 1);
            }
        }
        throw new IllegalStateException("XINFO GROUPS reply without " + name);
    }

    /** Orders stream ids ({@code millis-sequence}) numerically. */
    static int compare(String a, String b) {
        String[] x = a.split("-");
        String[] y = b.split("-");
        int byTime = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
        return byTime != 0 ? byTime : Long.compare(Long.parseLong(x[1]), Long.parseLong(y[1]));
    }

    private static List<Response> list(Response reply) {
        List<Response> items = new java.util.ArrayList<>();
        if (reply != null) {
            reply.forEach(items::add);
        }
        return items;
    }
}
