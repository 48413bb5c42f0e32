package org.fangkong.platform.recovery;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.platform.timers.Timers;
import org.fangkong.platform.background.BackgroundRound;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Command;

/**
 * Brings back the hot state an app owns when Redis lost it. The app keeps a marker key in Redis; at start, and
 * whenever a check finds the marker gone (a flushed or replaced Redis), it reports not ready, runs every
 * {@link HotStateRebuilder} and re-schedules its timers from PostgreSQL, then sets the marker and reports ready.
 */
@ApplicationScoped
@Readiness
public class RedisRecovery implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(RedisRecovery.class);

    private final Redis redis;
    private final Instance<HotStateRebuilder> rebuilders;
    private final Timers timers;
    private final Clock clock;
    private final String marker;
    private final AtomicBoolean rebuilt = new AtomicBoolean();
    private final AtomicBoolean rebuilding = new AtomicBoolean();
    private final Duration startupWait;

    public RedisRecovery(Redis redis, Instance<HotStateRebuilder> rebuilders, Timers timers, Clock clock,
            @ConfigProperty(name = "quarkus.application.name") String app,
            @ConfigProperty(name = "fangkong.recovery.startup-wait", defaultValue = "5m") Duration startupWait) {
        this.startupWait = startupWait;
        this.redis = redis;
        this.rebuilders = rebuilders;
        this.timers = timers;
        this.clock = clock;
        this.marker = RedisKeys.hotStateMarker(app);
    }

    /**
     * Start-up waits for the first check, so an app that reports started also has its hot state; a Redis that is not
     * reachable yet only delays readiness (the scheduled check retries), it does not fail the start.
     */
    void onStart(@Observes StartupEvent start) {
        try {
            check().await().atMost(startupWait);
        } catch (RuntimeException e) {
            LOG.warnf("Hot state not rebuilt at start, retrying in the background: %s", e.toString());
        }
    }

    @Scheduled(every = "${fangkong.recovery.check-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledCheck() {
        return BackgroundRound.run(LOG, "Redis hot-state check", check());
    }

    /** Rebuilds if the marker is gone; completes at once otherwise. */
    public Uni<Void> check() {
        if (rebuilding.get()) {
            return Uni.createFrom().voidItem();
        }
        return redis.send(Request.cmd(Command.EXISTS).arg(marker))
                .chain(exists -> exists.toInteger() == 1 ? markPresent() : rebuild());
    }

    private Uni<Void> markPresent() {
        rebuilt.set(true);
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> rebuild() {
        if (!rebuilding.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        rebuilt.set(false);
        long started = clock.millis();
        List<HotStateRebuilder> all = rebuilders.stream().toList();
        LOG.infof("Redis holds no hot state of this app: rebuilding %s and timers", all.stream().map(HotStateRebuilder::name).toList());
        return Multi.createFrom().iterable(all)
                .onItem().transformToUniAndConcatenate(HotStateRebuilder::rebuild)
                .collect().last()
                .chain(timers::rebuild)
                .chain(() -> redis.send(Request.cmd(Command.SET).arg(marker).arg(String.valueOf(clock.millis()))))
                .invoke(() -> {
                    rebuilt.set(true);
                    LOG.infof("Hot state rebuilt in %d ms", clock.millis() - started);
                })
                .eventually(() -> rebuilding.set(false))
                .replaceWithVoid();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Redis hot state").status(rebuilt.get() && !rebuilding.get()).build();
    }
}
