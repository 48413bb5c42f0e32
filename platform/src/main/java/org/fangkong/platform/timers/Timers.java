package org.fangkong.platform.timers;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.platform.redis.RedisScript;
import org.fangkong.platform.background.BackgroundRound;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;

/**
 * "Call this handler at time T for key K", once, across any number of replicas. Timers live in Redis (a due-time
 * sorted set per queue), so they survive restarts of every replica; each replica polls, and one Lua script claims
 * due timers atomically so each fires on one replica only. A replica that dies while firing leaves its claim to lapse
 * after {@code fangkong.timers.lease}, and the timer fires again elsewhere: handlers are idempotent by key.
 *
 * <pre>{@code
 * timers.schedule("breach", incidentId.toString(), reportedAt.plus(Duration.ofMinutes(3)));
 * timers.cancel("breach", incidentId.toString());   // the unit arrived in time
 * }</pre>
 */
@ApplicationScoped
public class Timers {

    private static final Logger LOG = Logger.getLogger(Timers.class);
    private static final RedisScript CLAIM = RedisScript.fromClasspath("/redis/timers-claim.lua");
    private static final RedisScript SCHEDULE = RedisScript.fromClasspath("/redis/timers-schedule.lua");
    private static final RedisScript FORGET = RedisScript.fromClasspath("/redis/timers-forget.lua");
    private static final RedisScript DONE = RedisScript.fromClasspath("/redis/timers-done.lua");

    private final Redis redis;
    private final Clock clock;
    private final TimersConfig config;
    private final Map<String, TimerHandler> handlers = new HashMap<>();

    @Inject
    public Timers(Redis redis, Clock clock, TimersConfig config, Instance<TimerHandler> handlers) {
        this(redis, clock, config, (Iterable<TimerHandler>) handlers);
    }

    /** Another replica's view of the same timers (everything it needs is in Redis). */
    Timers(Redis redis, Clock clock, TimersConfig config, Iterable<TimerHandler> handlers) {
        this.redis = redis;
        this.clock = clock;
        this.config = config;
        for (TimerHandler handler : handlers) {
            TimerHandler previous = this.handlers.put(handler.queue(), handler);
            if (previous != null) {
                throw new IllegalStateException("two timer handlers for queue " + handler.queue());
            }
        }
    }

    /** Schedules the timer, or moves it if one with this key is pending. */
    public Uni<Void> schedule(String queue, String key, Instant dueAt) {
        return SCHEDULE.run(redis, keys(queue), List.of(key, dueAt.toEpochMilli())).replaceWithVoid();
    }

    /** Schedules or moves many timers of one queue in one round trip (e.g. every unit of a position batch). */
    public Uni<Void> scheduleAll(String queue, Map<String, Instant> dueAtByKey) {
        if (dueAtByKey.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Object> args = new java.util.ArrayList<>(dueAtByKey.size() * 2);
        dueAtByKey.forEach((key, dueAt) -> {
            args.add(key);
            args.add(dueAt.toEpochMilli());
        });
        return SCHEDULE.run(redis, keys(queue), args).replaceWithVoid();
    }

    /** Cancels many timers of one queue in one round trip. */
    public Uni<Void> cancelAll(String queue, java.util.Collection<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return FORGET.run(redis, keys(queue), List.copyOf(keys)).replaceWithVoid();
    }

    /** Cancels a pending timer; nothing happens if it already fired or never existed. */
    public Uni<Void> cancel(String queue, String key) {
        return cancelAll(queue, List.of(key));
    }

    /** Re-schedules every timer the handlers' services still need (after Redis lost its data). */
    public Uni<Void> rebuild() {
        return Multi.createFrom().iterable(handlers.values())
                .onItem().transformToUniAndConcatenate(handler -> handler.pending()
                        .chain(pending -> Multi.createFrom().iterable(pending)
                                .onItem().transformToUniAndConcatenate(timer -> schedule(handler.queue(), timer.key(), timer.dueAt()))
                                .collect().last()))
                .collect().last()
                .replaceWithVoid();
    }

    @Scheduled(every = "${fangkong.timers.poll-interval:250ms}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRound() {
        return BackgroundRound.run(LOG, "Timer round", fireDue());
    }

    /** Claims and fires the due timers of every queue with a handler; returns how many fired. */
    public Uni<Integer> fireDue() {
        return Multi.createFrom().iterable(handlers.values())
                .onItem().transformToUniAndConcatenate(this::fireDue)
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
    }

    private Uni<Integer> fireDue(TimerHandler handler) {
        List<Object> args = List.of(clock.millis(), config.lease().toMillis(), config.batchSize());
        return CLAIM.run(redis, keys(handler.queue()), args)
                .chain(claimed -> {
                    return Multi.createFrom().range(0, claimed.size() / 2)
                            .onItem().transformToUniAndConcatenate(i -> fire(handler, claimed.get(2 * i).toString(),
                                    Instant.ofEpochMilli(Long.parseLong(claimed.get(2 * i + 1).toString()))))
                            .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
                });
    }

    private Uni<Integer> fire(TimerHandler handler, String key, Instant dueAt) {
        return handler.fire(key, dueAt)
                .chain(() -> DONE.run(redis, keys(handler.queue()), List.of(key)))
                .replaceWith(1)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Timer %s/%s failed, it fires again after its lease: %s", handler.queue(), key, failure.toString());
                    return 0;
                });
    }

    private static List<String> keys(String queue) {
        return List.of(RedisKeys.timersDue(queue), RedisKeys.timersClaimed(queue), RedisKeys.timersDueAt(queue));
    }
}
