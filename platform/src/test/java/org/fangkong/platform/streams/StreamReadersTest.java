package org.fangkong.platform.streams;

import static org.fangkong.platform.streams.RecordingStreamHandler.GROUP;
import static org.fangkong.platform.streams.RecordingStreamHandler.STREAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.fangkong.infra.testing.Eventually;
import org.fangkong.infra.testing.ServiceTest;
import org.fangkong.platform.redis.RedisKeys;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Response;

@QuarkusTest
@ServiceTest
class StreamReadersTest {

    @Inject
    RecordingStreamHandler handler;

    @Inject
    StreamTrimmer trimmer;

    @Inject
    StreamTail tail;

    @Inject
    RedisDataSource redis;

    private String append(String event) {
        return redis.stream(String.class, String.class, byte[].class)
                .xadd(STREAM, Map.of(StreamEntry.EVENT_FIELD, event.getBytes(StandardCharsets.UTF_8)));
    }

    private long pending() {
        Response summary = redis.execute("XPENDING", STREAM, GROUP);
        return summary.get(0).toLong();
    }

    private static String event(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    @Test
    void everyEntryIsHandledOnceAndAcknowledged() {
        List<String> events = List.of(event("a"), event("b"), event("c"));
        events.forEach(this::append);

        Eventually.until("every entry handled", Duration.ofSeconds(5), () -> events.stream().allMatch(e -> handler.handledCount(e) == 1));
        Eventually.until("nothing pending", Duration.ofSeconds(5), () -> pending() == 0);
        // Past the takeover time: nothing comes twice.
        Eventually.holdsFor("each handled once", Duration.ofMillis(1500), () -> events.stream().allMatch(e -> handler.handledCount(e) == 1));
    }

    @Test
    void aBacklogOfManyBatchesIsDrainedInARoundNotABatchARound() {
        // 25 batches of 100: read one batch a round (about one a second), they would take 25 s.
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            events.add(event("backlog"));
        }
        events.forEach(this::append);

        Eventually.until("every entry handled", Duration.ofSeconds(8), () -> events.stream().allMatch(e -> handler.handledCount(e) == 1));
        Eventually.until("nothing pending", Duration.ofSeconds(5), () -> pending() == 0);
    }

    @Test
    void anEntryOfAConsumerThatDiedMidHandlingIsTakenOverAndHandledOnce() {
        String event = event("orphan");
        // Appended and delivered to a replica that then dies, in one step so our own reader cannot get it first.
        redis.execute("EVAL", "redis.call('XADD', KEYS[1], '*', 'event', ARGV[1]) "
                + "return redis.call('XREADGROUP', 'GROUP', ARGV[2], 'dead-replica', 'COUNT', 1, 'STREAMS', KEYS[1], '>')",
                "1", STREAM, event, GROUP);
        assertEquals(1, pending());
        assertEquals(0, handler.handledCount(event));

        Eventually.until("handled", Duration.ofSeconds(6), () -> handler.handledCount(event) == 1);
        Eventually.until("nothing pending", Duration.ofSeconds(5), () -> pending() == 0);
        Eventually.holdsFor("handled once", Duration.ofMillis(1500), () -> handler.handledCount(event) == 1);
    }

    @Test
    void aPoisonEntryIsParkedWithItsReasonAndTheStreamMovesOn() {
        String poison = event("poison");
        String next = event("after");
        String poisonId = append(poison);
        append(next);

        Eventually.until("handled", Duration.ofSeconds(5), () -> handler.handledCount(next) == 1);
        String parkedStream = RedisKeys.parked(STREAM, GROUP);
        Eventually.until("the poison entry parked", Duration.ofSeconds(10), () -> parked(parkedStream).stream().anyMatch(m -> poisonId.equals(m.payload().get("id"))));
        StreamMessage<String, String, String> parked = parked(parkedStream).stream()
                .filter(m -> poisonId.equals(m.payload().get("id"))).findFirst().orElseThrow();
        assertTrue(parked.payload().get("reason").contains("delivered 3 times"), parked.payload().get("reason"));
        assertTrue(parked.payload().get("reason").contains("cannot parse " + poison), parked.payload().get("reason"));
        assertEquals(poison, parked.payload().get("event"));
        Eventually.until("nothing pending", Duration.ofSeconds(5), () -> pending() == 0);
    }

    @Test
    void anEntryWhoseHandlerFindsAServiceDownWaitsForItAndIsNeverParkedForTheOutage() {
        handler.outageFailures.set(0);
        handler.outage = true;
        String event = event("outage");
        String id;
        try {
            id = append(event);
            // Four failed deliveries a second apart: an entry failing for itself is parked after three.
            Eventually.until("four failed deliveries", Duration.ofSeconds(15), () -> handler.outageFailures.get() >= 4);
            assertTrue(parked(RedisKeys.parked(STREAM, GROUP)).stream().noneMatch(m -> id.equals(m.payload().get("id"))), "parked for an outage");
            assertEquals(0, handler.handledCount(event));
        } finally {
            handler.outage = false;
        }
        Eventually.until("handled once the service is back", Duration.ofSeconds(5), () -> handler.handledCount(event) == 1);
        Eventually.until("nothing pending", Duration.ofSeconds(5), () -> pending() == 0);
        assertTrue(parked(RedisKeys.parked(STREAM, GROUP)).stream().noneMatch(m -> id.equals(m.payload().get("id"))));
    }

    private List<StreamMessage<String, String, String>> parked(String key) {
        return redis.stream(String.class, String.class, String.class).xrange(key, StreamRange.of("-", "+"));
    }

    @Test
    void aGroupRedisLostIsCreatedAgainAndReadsFromTheStart() {
        redis.key().del(STREAM);
        String event = event("after-loss");
        append(event);

        Eventually.until("handled", Duration.ofSeconds(5), () -> handler.handledCount(event) == 1);
    }

    @Test
    void trimmingKeepsEverythingSomeGroupHasNotAcknowledged() {
        List<String> ids = new ArrayList<>();
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            events.add(event("t" + i));
            ids.add(append(events.get(i)));
        }
        Eventually.until("every entry handled", Duration.ofSeconds(5), () -> events.stream().allMatch(e -> handler.handledCount(e) == 1));
        // Another app's group has only had the first three delivered.
        redis.execute("XGROUP", "CREATE", STREAM, "slow-app", ids.get(2));

        trimmer.trim(STREAM).await().indefinitely();

        List<String> left = redis.stream(String.class, String.class, byte[].class).xrange(STREAM, StreamRange.of("-", "+"))
                .stream().map(StreamMessage::id).toList();
        assertTrue(left.containsAll(ids.subList(2, 6)), "kept " + left);
        assertTrue(!left.contains(ids.get(0)) && !left.contains(ids.get(1)), "trimmed " + left);
        redis.execute("XGROUP", "DESTROY", STREAM, "slow-app");
    }

    @Test
    void aPlainReaderSeesEntriesAfterAnId() {
        String first = event("tail");
        String second = event("tail");
        String firstId = append(first);
        append(second);

        List<StreamEntry> after = tail.read(STREAM, firstId, 10).await().indefinitely();

        assertEquals(second, new String(after.get(0).event(), StandardCharsets.UTF_8));
        assertTrue(after.stream().noneMatch(e -> e.id().equals(firstId)));
    }
}
