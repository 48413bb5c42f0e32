package org.fangkong.platform.timers;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;

/** Counts every firing; keys starting with "flaky-" fail their first attempt, as a replica dying mid-fire would. */
@Singleton
public class RecordingTimerHandler implements TimerHandler {

    static final String QUEUE = "test-timers";

    final Map<String, AtomicInteger> fired = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    final Map<String, Instant> dueAts = new ConcurrentHashMap<>();
    /** What the owning service's database says is still pending, for rebuilds. */
    final List<Pending> pendingInDatabase = new CopyOnWriteArrayList<>();

    @Override
    public String queue() {
        return QUEUE;
    }

    @Override
    public Uni<Void> fire(String key, Instant dueAt) {
        int attempt = attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        if (key.startsWith("flaky-") && attempt == 1) {
            return Uni.createFrom().failure(new IllegalStateException("replica lost while firing"));
        }
        fired.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        dueAts.put(key, dueAt);
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<List<Pending>> pending() {
        return Uni.createFrom().item(List.copyOf(pendingInDatabase));
    }

    int firedCount(String key) {
        AtomicInteger count = fired.get(key);
        return count == null ? 0 : count.get();
    }
}
