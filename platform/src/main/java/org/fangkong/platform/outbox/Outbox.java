package org.fangkong.platform.outbox;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Records an event in the current transaction, beside the state change it describes: call it inside the service
 * method's {@code @WithTransaction}. It reaches its stream only if that transaction commits, and then exactly once
 * (see {@link OutboxRelay}).
 *
 * <pre>{@code
 * @WithTransaction
 * public Uni<Unit> goOnDuty(Unit unit) {
 *     unit.goOnDuty();
 *     Event event = Event.newBuilder().setId(id.toString()).setType("unit.on-duty")...build();
 *     return outbox.record("unit-events", id, event.toByteArray()).replaceWith(unit);
 * }
 * }</pre>
 */
@ApplicationScoped
public class Outbox {

    private final OutboxRepository events;
    private final Clock clock;

    public Outbox(OutboxRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /**
     * @param stream the stream's name, e.g. {@code unit-events} (see {@code RedisKeys.eventStream})
     * @param eventId the event's own id, also inside the payload; consumers deduplicate by it
     * @param payload a serialised {@code fangkong.events.v1.Event}
     */
    public Uni<Void> record(String stream, UUID eventId, byte[] payload) {
        return recordAll(stream, List.of(new Pending(eventId, payload)));
    }

    /** An event not yet recorded: its id and its serialised {@code fangkong.events.v1.Event}. */
    public record Pending(UUID eventId, byte[] payload) {
    }

    /** Many events of one change (a bulk request's), recorded together in the current transaction. */
    public Uni<Void> recordAll(String stream, List<Pending> pending) {
        if (pending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.currentTransaction()
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "an outbox event must be recorded inside the transaction of its state change (@WithTransaction)"))
                .chain(tx -> events.persist(pending.stream().map(event -> new OutboxEvent(event.eventId(), stream, event.payload(), clock.instant()))
                        .toList()))
                .replaceWithVoid();
    }
}
