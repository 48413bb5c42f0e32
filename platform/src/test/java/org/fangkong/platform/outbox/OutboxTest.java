package org.fangkong.platform.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.fangkong.infra.testing.Eventually;
import org.fangkong.infra.testing.ServiceTest;
import org.fangkong.platform.redis.RedisKeys;
import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

@QuarkusTest
@ServiceTest
class OutboxTest {

    @Inject
    EventRecorder recorder;

    @Inject
    OutboxRelay relay;

    @Inject
    OutboxRepository outbox;

    @Inject
    Outbox outboxApi;

    @Inject
    RedisDataSource redis;

    private static <T> T await(java.util.function.Supplier<Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(work);
    }

    private List<String> streamed(String stream) {
        return redis.stream(String.class, String.class, byte[].class)
                .xrange(RedisKeys.eventStream(stream), StreamRange.of("-", "+")).stream()
                .map(message -> new String(message.payload().get("event"), StandardCharsets.UTF_8))
                .toList();
    }

    private static String stream() {
        return "test-events-" + UUID.randomUUID();
    }

    @Test
    void aCommittedEventIsAppendedExactlyOnceAndLeavesTheOutbox() throws Throwable {
        String stream = stream();
        UUID id = UUID.randomUUID();
        await(() -> recorder.recordAndCommit(stream, id));

        await(relay::relayOnce);
        await(relay::relayOnce);

        assertEquals(List.of("event " + id), streamed(stream));
        assertEquals(0L, await(() -> Panache.withSession(() -> outbox.count("eventId", id))));
    }

    @Test
    void anEventOfARolledBackTransactionIsNeverAppended() throws Throwable {
        String stream = stream();
        UUID id = UUID.randomUUID();
        assertThrows(IllegalStateException.class, () -> await(() -> recorder.recordAndFail(stream, id)));

        await(relay::relayOnce);

        assertEquals(List.of(), streamed(stream));
        assertEquals(0L, await(() -> Panache.withSession(() -> outbox.count("eventId", id))));
    }

    @Test
    void aRelayThatDiedBetweenAppendAndCleanUpAppendsNothingTwice() throws Throwable {
        String stream = stream();
        UUID id = UUID.randomUUID();
        await(() -> recorder.recordAndCommit(stream, id));

        // A round that appends and then dies before deleting: the rows stay.
        await(() -> Panache.withTransaction(() -> outbox.lockBatch(500).chain(relay::append)));
        assertEquals(List.of("event " + id), streamed(stream));
        assertEquals(1L, await(() -> Panache.withSession(() -> outbox.count("eventId", id))));

        await(relay::relayOnce);

        assertEquals(List.of("event " + id), streamed(stream));
        assertEquals(0L, await(() -> Panache.withSession(() -> outbox.count("eventId", id))));
    }

    @Test
    void anEventCommittedAfterALaterRecordedOneIsStillAppended() throws Throwable {
        String stream = stream();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        CountDownLatch firstRecorded = new CountDownLatch(1);
        CompletableFuture<Void> commitFirst = new CompletableFuture<>();
        CompletableFuture<Void> firstDone = CompletableFuture.runAsync(() -> {
            try {
                await(() -> recorder.recordThenCommitWhen(stream, first, firstRecorded::countDown,
                        Uni.createFrom().completionStage(commitFirst)));
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(firstRecorded.await(10, TimeUnit.SECONDS));

        // The second event gets a higher sequence number but commits, and is relayed, first.
        await(() -> recorder.recordAndCommit(stream, second));
        await(relay::relayOnce);
        assertEquals(List.of("event " + second), streamed(stream));

        commitFirst.complete(null);
        firstDone.get(10, TimeUnit.SECONDS);
        await(relay::relayOnce);

        assertEquals(List.of("event " + second, "event " + first), streamed(stream));
    }

    @Test
    void eventsAskedForSoonAreAppendedWithoutAScheduledRound() throws Throwable {
        // Scheduled rounds are off in these tests: only soon() can append these.
        String stream = stream();
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        for (UUID id : ids) {
            await(() -> recorder.recordAndCommit(stream, id));
            relay.soon();
        }

        Eventually.until("the events on the stream", Duration.ofSeconds(10), () -> streamed(stream).size() >= ids.size());
        assertEquals(ids.stream().map(id -> "event " + id).toList(), streamed(stream));
        assertEquals(0L, await(() -> Panache.withSession(() -> outbox.count("eventId in ?1", ids))));
    }

    @Test
    void recordingOutsideATransactionIsRefused() {
        UUID id = UUID.randomUUID();
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> await(() -> Panache.withSession(() -> outboxApi.record(stream(), id, EventRecorder.payload(id)))));
        assertTrue(refused.getMessage().contains("@WithTransaction"), refused.getMessage());
    }
}
