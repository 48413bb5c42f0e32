package org.fangkong.platform.timers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.fangkong.infra.testing.Eventually;
import org.fangkong.infra.testing.ServiceTest;
import org.fangkong.platform.redis.RedisKeys;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@ServiceTest
class TimersTest {

    private static final String QUEUE = RecordingTimerHandler.QUEUE;

    @Inject
    Timers timers;

    @Inject
    RecordingTimerHandler handler;

    @Inject
    RedisDataSource redis;

    @Inject
    io.vertx.mutiny.redis.client.Redis redisClient;

    @Inject
    java.time.Clock clock;

    @Inject
    TimersConfig config;

    private static String key(String prefix) {
        return prefix + UUID.randomUUID();
    }

    @Test
    void aTimerFiresOnceAtItsTimeWithItsDueTime() {
        String key = key("t-");
        Instant dueAt = Instant.now().plusMillis(300);
        timers.schedule(QUEUE, key, dueAt).await().indefinitely();

        Eventually.holdsFor("not fired early", Duration.ofMillis(150), () -> handler.firedCount(key) == 0);
        Eventually.until("fired", Duration.ofSeconds(5), () -> handler.firedCount(key) == 1);
        Eventually.holdsFor("fired once", Duration.ofMillis(500), () -> handler.firedCount(key) == 1);
        assertEquals(dueAt.toEpochMilli(), handler.dueAts.get(key).toEpochMilli());
    }

    @Test
    void racingReplicasFireEachTimerExactlyOnce() throws Exception {
        List<String> keys = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < 200; i++) {
            keys.add(key("race-"));
            timers.schedule(QUEUE, keys.get(i), now).await().indefinitely();
        }

        // Eight pollers against the same Redis, on top of the app's own scheduled rounds.
        List<CompletableFuture<Void>> pollers = new ArrayList<>();
        for (int p = 0; p < 8; p++) {
            pollers.add(CompletableFuture.runAsync(() -> {
                for (int round = 0; round < 10; round++) {
                    timers.fireDue().await().indefinitely();
                }
            }));
        }
        CompletableFuture.allOf(pollers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        Eventually.until("every timer fired", Duration.ofSeconds(10), () -> keys.stream().allMatch(k -> handler.firedCount(k) >= 1));

        for (String key : keys) {
            assertEquals(1, handler.firedCount(key), key);
        }
    }

    @Test
    void twoReplicasRacingFireEachTimerOnceAndARestartedReplicaFiresWhatWasLeft() throws Exception {
        // Two replicas that share nothing but Redis; neither polls on its own schedule.
        Timers first = new Timers(redisClient, clock, config, List.of(handler));
        Timers second = new Timers(redisClient, clock, config, List.of(handler));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            keys.add(key("replica-"));
            first.schedule(QUEUE, keys.get(i), Instant.now()).await().indefinitely();
        }
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> first.fireDue().await().indefinitely());
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> second.fireDue().await().indefinitely());
        CompletableFuture.allOf(a, b).get(30, TimeUnit.SECONDS);
        Eventually.until("every timer fired", Duration.ofSeconds(10), () -> keys.stream().allMatch(k -> handler.firedCount(k) >= 1));
        keys.forEach(k -> assertEquals(1, handler.firedCount(k), k));

        // A timer scheduled by a replica that then went away is fired by one started afterwards.
        String left = key("left-");
        first.schedule(QUEUE, left, Instant.now().plusMillis(200)).await().indefinitely();
        Timers restarted = new Timers(redisClient, clock, config, List.of(handler));
        Thread.sleep(300); // past its due time
        restarted.fireDue().await().indefinitely();
        Eventually.until("the timer left behind fired", Duration.ofSeconds(5), () -> handler.firedCount(left) == 1);
    }

    @Test
    void aCancelledTimerNeverFires() {
        String key = key("c-");
        timers.schedule(QUEUE, key, Instant.now().plusMillis(400)).await().indefinitely();
        timers.cancel(QUEUE, key).await().indefinitely();

        Eventually.holdsFor("not fired", Duration.ofSeconds(1), () -> handler.firedCount(key) == 0);
    }

    @Test
    void aTimerWhoseFiringFailedFiresAgainAfterItsLease() {
        String key = key("flaky-");
        timers.schedule(QUEUE, key, Instant.now()).await().indefinitely();

        Eventually.until("a first attempt", Duration.ofSeconds(5), () -> handler.attempts.containsKey(key));
        assertEquals(0, handler.firedCount(key));
        // The claim lapses after the 2s lease configured for tests; another round then fires it.
        Eventually.until("fired after the lease", Duration.ofSeconds(8), () -> handler.firedCount(key) == 1);
        assertEquals(2, handler.attempts.get(key).get());
    }

    @Test
    void timersLostWithRedisAreRebuiltFromTheOwnersState() {
        String key = key("rebuilt-");
        Instant dueAt = Instant.now().plusMillis(500);
        handler.pendingInDatabase.add(new TimerHandler.Pending(key, dueAt));
        timers.schedule(QUEUE, key, dueAt).await().indefinitely();
        redis.key().del(RedisKeys.timersDue(QUEUE), RedisKeys.timersClaimed(QUEUE), RedisKeys.timersDueAt(QUEUE));

        timers.rebuild().await().indefinitely();

        Eventually.until("the rebuilt timer fired", Duration.ofSeconds(5), () -> handler.firedCount(key) == 1);
        handler.pendingInDatabase.clear();
    }
}
