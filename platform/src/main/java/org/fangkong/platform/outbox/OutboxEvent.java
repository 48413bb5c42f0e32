package org.fangkong.platform.outbox;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An event waiting in the outbox for the relay to append it to its stream. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    /** Recording order only: a lower seq may commit after a higher one, so it never becomes a stream id. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long seq;

    @Column(name = "event_id")
    private UUID eventId;

    private String stream;

    private byte[] payload;

    @Column(name = "recorded_at")
    private Instant recordedAt;

    protected OutboxEvent() {
    }

    OutboxEvent(UUID eventId, String stream, byte[] payload, Instant recordedAt) {
        this.eventId = eventId;
        this.stream = stream;
        this.payload = payload;
        this.recordedAt = recordedAt;
    }

    public Long getSeq() {
        return seq;
    }

    public UUID getEventId() {
        return eventId;
    }

    public String getStream() {
        return stream;
    }

    public byte[] getPayload() {
        return payload;
    }
}
