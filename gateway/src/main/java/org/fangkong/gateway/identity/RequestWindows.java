package org.fangkong.gateway.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.redis.RedisScript;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/** Fixed-window counters in Redis, so every gateway replica counts against the same limit. */
@ApplicationScoped
public class RequestWindows {

    private static final RedisScript WINDOW = RedisScript.fromClasspath("/redis/rate-window.lua");

    private final Redis redis;
    private final Clock clock;

    public RequestWindows(Redis redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** Counts one more in the current window of {@code name} and answers the count so far. */
    public Uni<Long> count(String name, Duration window) {
        return WINDOW.run(redis, List.of(key(name, window)), List.of(String.valueOf(window.toSeconds() + 1))).map(count -> count.toLong());
    }

    /** The count so far in the current window, without adding to it. */
    public Uni<Long> peek(String name, Duration window) {
        return redis.send(Request.cmd(Command.GET).arg(key(name, window)))
                .map(found -> found == null ? 0L : found.toLong());
    }

    private String key(String name, Duration window) {
        return "fk:{gateway}:window:" + name + ":" + clock.millis() / window.toMillis();
    }
}
