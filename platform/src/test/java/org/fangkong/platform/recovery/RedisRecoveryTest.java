package org.fangkong.platform.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.fangkong.infra.testing.Eventually;
import org.fangkong.infra.testing.ServiceTest;
import org.fangkong.platform.streams.RecordingStreamHandler;
import org.fangkong.platform.streams.StreamEntry;
import org.fangkong.platform.timers.TimerHandler;
import org.fangkong.platform.timers.TimersTestAccess;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@ServiceTest
class RedisRecoveryTest {

    @Inject
    RedisDataSource redis;

    @Inject
    SlowRebuilder rebuilder;

    @Inject
    TimersTestAccess timers;

    @Inject
    RecordingStreamHandler streams;

    // Relative to the management root path (/q).
    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    private final HttpClient http = HttpClient.newHttpClient();

    private int readiness() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(readiness.toString())).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void afterRedisLosesEverythingHotStateAndTimersComeBackWhileReadinessIsDown() {
        Eventually.until("ready", Duration.ofSeconds(10), () -> readiness() == 200);
        String timer = "after-flush-" + UUID.randomUUID();
        timers.pendingInDatabase(new TimerHandler.Pending(timer, Instant.now().plusMillis(200)));
        int runsBefore = rebuilder.runs.get();

        redis.flushall();

        Eventually.until("not ready without Redis", Duration.ofSeconds(5), () -> readiness() == 503);
        Eventually.until("ready", Duration.ofSeconds(10), () -> readiness() == 200);
        assertEquals(runsBefore + 1, rebuilder.runs.get(), "one rebuild per loss");
        assertEquals("from the database", redis.value(String.class).get(SlowRebuilder.KEY));
        Eventually.until("the timer fired", Duration.ofSeconds(5), () -> timers.firedCount(timer) == 1);
        assertTrue(redis.key().exists(org.fangkong.platform.redis.RedisKeys.hotStateMarker("platform")));

        // The consumer group went with the flush; it is created again and reads what arrives.
        String event = "after-flush-" + UUID.randomUUID();
        redis.stream(String.class, String.class, byte[].class).xadd(RecordingStreamHandler.STREAM,
                java.util.Map.of(StreamEntry.EVENT_FIELD, event.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Eventually.until("the entry handled", Duration.ofSeconds(5), () -> streams.handledCount(event) == 1);
    }
}
