package org.fangkong.platform.outbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.platform.redis.RedisScript;
import org.fangkong.platform.background.BackgroundRound;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;

/**
 * Appends committed outbox events to their streams. One round, in one database transaction: lock a batch (skipping
 * rows another replica holds), append each event in one Redis script per stream that also marks its id as appended
 * (SET NX with an expiry), then delete the rows. A relay that dies after appending and before deleting leaves the
 * rows; the next round finds them marked and appends nothing twice. Redis assigns stream ids at append time, so the
 * stream's order is append order, whatever order transactions committed in.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final RedisScript PUBLISH = RedisScript.fromClasspath("/redis/outbox-publish.lua");

    private final OutboxRepository events;
    private final Redis redis;
    private final OutboxConfig config;
    private final Vertx vertx;
    /** Calls of {@link #soon()} not yet covered by a finished round. */
    private final AtomicInteger soonAsked = new AtomicInteger();

    public OutboxRelay(OutboxRepository events, Redis redis, OutboxConfig config, Vertx vertx) {
        this.events = events;
        this.redis = redis;
        this.config = config;
        this.vertx = vertx;
    }

    @Scheduled(every = "${fangkong.outbox.relay-interval:200ms}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = RelayDisabled.class)
    Uni<Void> scheduledRound() {
        return BackgroundRound.run(LOG, "Outbox relay round", relayOnce());
    }

    /**
     * Relays now rather than at the next scheduled round, for events someone is waiting for (a wanted hit, a cordon
     * order): called once the transaction that recorded them has committed. Asked for again while a round runs, it
     * runs one more round after it, so a burst of calls costs two rounds, and nothing committed before a call waits
     * for the schedule (unless a round's batch was full).
     */
    public void soon() {
        if (soonAsked.getAndIncrement() == 0) {
            soonRound();
        }
    }

    private void soonRound() {
        int asked = soonAsked.get();
        // A fresh safe context of its own, as a scheduled round has: never the caller's, whose session may be open.
        Context round = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(round, true);
        round.runOnContext(ignored -> BackgroundRound.run(LOG, "Outbox relay round", relayOnce())
                .subscribe().with(done -> afterSoonRound(asked), failure -> afterSoonRound(asked)));
    }

    private void afterSoonRound(int asked) {
        if (soonAsked.addAndGet(-asked) > 0) {
            soonRound();
        }
    }

    /** One relay round; returns how many events were appended (not counting ones appended before). */
    public Uni<Integer> relayOnce() {
        return Panache.withTransaction(() -> events.lockBatch(config.batchSize())
                .chain(batch -> batch.isEmpty()
                        ? Uni.createFrom().item(0)
                        : append(batch).call(() -> events.deleteBySeq(batch.stream().map(OutboxEvent::getSeq).toList()))));
    }

    /** Appends a batch, stream by stream in recording order, each event at most once. */
    Uni<Integer> append(List<OutboxEvent> batch) {
        Map<String, List<OutboxEvent>> byStream = new LinkedHashMap<>();
        batch.forEach(event -> byStream.computeIfAbsent(event.getStream(), s -> new ArrayList<>()).add(event));
        return Multi.createFrom().iterable(byStream.entrySet())
                .onItem().transformToUniAndConcatenate(entry -> appendToStream(entry.getKey(), entry.getValue()))
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
    }

    private Uni<Integer> appendToStream(String stream, List<OutboxEvent> events) {
        List<String> keys = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        keys.add(RedisKeys.eventStream(stream));
        args.add(config.publishedMarkerTtl().toSeconds());
        for (OutboxEvent event : events) {
            keys.add(RedisKeys.publishedMarker(stream, event.getEventId().toString()));
            args.add(event.getPayload());
        }
        return PUBLISH.run(redis, keys, args).map(appended -> appended.toInteger());
    }

    /** Skips relay rounds on replicas configured not to relay. */
    @ApplicationScoped
    public static class RelayDisabled implements Scheduled.SkipPredicate {

        private final OutboxConfig config;

        public RelayDisabled(OutboxConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.relayEnabled();
        }
    }
}
