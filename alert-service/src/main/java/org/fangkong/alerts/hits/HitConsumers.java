package org.fangkong.alerts.hits;

import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.fangkong.alerts.incident.IncidentSource;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.platform.streams.StreamEntry;
import org.fangkong.platform.streams.StreamHandler;
import org.fangkong.proto.events.v1.CaptureHit;
import org.fangkong.proto.events.v1.CheckHit;
import org.fangkong.proto.events.v1.Event;

import com.google.protobuf.InvalidProtocolBufferException;

import io.smallrye.mutiny.Uni;

/**
 * The two hit streams, each read as consumer group {@code alert-service}: at least once (an entry is acknowledged
 * after its hit is stored and landed), re-read after a consumer dies or Redis loses the group, deduplicated by hit id.
 */
public abstract class HitConsumers implements StreamHandler {

    private final WantedHits hits;
    private final String stream;

    protected HitConsumers(WantedHits hits, String stream) {
        this.hits = hits;
        this.stream = RedisKeys.eventStream(stream);
    }

    /** The hit an event carries; empty for events of other kinds. */
    protected abstract Optional<WantedHits.Hit> hit(Event event);

    @Override
    public String stream() {
        return stream;
    }

    @Override
    public String group() {
        return "alert-service";
    }

    @Override
    public Uni<Void> handle(StreamEntry entry) {
        return Uni.createFrom().item(() -> parse(entry))
                .chain(event -> hit(event).map(hits::handle).orElse(Uni.createFrom().voidItem()));
    }

    private static Event parse(StreamEntry entry) {
        try {
            return Event.parseFrom(entry.event());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("stream entry " + entry.id() + " is not an event", e);
        }
    }

    /** Checks at checkpoints and street checks that matched the wanted list. */
    @Singleton
    public static class CheckHits extends HitConsumers {

        public CheckHits(WantedHits hits) {
            super(hits, "check-hits");
        }

        @Override
        protected Optional<WantedHits.Hit> hit(Event event) {
            if (!event.hasCheckHit()) {
                return Optional.empty();
            }
            CheckHit hit = event.getCheckHit();
            String subject = hit.getKind().equals("PERSON") ? "person " + hit.getIdMasked() : "vehicle " + hit.getPlate();
            return Optional.of(new WantedHits.Hit("check:" + hit.getCheckId(), UUID.fromString(hit.getWantedEntryId()), IncidentSource.CHECKPOINT_HIT,
                    event.getOrgCode(), hit.getPlate(), subject, hit.getSeverity(), hit.getLocation().getLat(), hit.getLocation().getLon(),
                    Timestamps.toInstant(hit.getCheckedAt()), hit.getCheckpointId()));
        }
    }

    /** Captures whose plate is wanted. */
    @Singleton
    public static class CaptureHits extends HitConsumers {

        public CaptureHits(WantedHits hits) {
            super(hits, "capture-hits");
        }

        @Override
        protected Optional<WantedHits.Hit> hit(Event event) {
            if (!event.hasCaptureHit()) {
                return Optional.empty();
            }
            CaptureHit hit = event.getCaptureHit();
            return Optional.of(new WantedHits.Hit("capture:" + hit.getCaptureId(), UUID.fromString(hit.getWantedEntryId()), IncidentSource.CAPTURE_HIT,
                    event.getOrgCode(), hit.getPlate(), "vehicle " + hit.getPlate(), hit.getSeverity(), hit.getLocation().getLat(),
                    hit.getLocation().getLon(), Timestamps.toInstant(hit.getPassTime()), hit.getCameraGbCode()));
        }
    }
}
