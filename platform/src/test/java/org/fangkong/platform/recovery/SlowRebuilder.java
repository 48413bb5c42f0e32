package org.fangkong.platform.recovery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/** Hot state as a service owns it: rebuilt from "PostgreSQL" into Redis, slowly enough to see readiness drop. */
@Singleton
public class SlowRebuilder implements HotStateRebuilder {

    static final String KEY = "fk:{test}:live-state";

    final AtomicInteger runs = new AtomicInteger();
    private final ReactiveRedisDataSource redis;

    public SlowRebuilder(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    @Override
    public String name() {
        return "test live state";
    }

    @Override
    public Uni<Void> rebuild() {
        runs.incrementAndGet();
        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(1500))
                .chain(() -> redis.value(String.class).set(KEY, "from the database"));
    }
}
