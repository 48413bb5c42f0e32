package org.fangkong.video.patrol;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.platform.identity.ServiceIdentity;
import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.platform.streams.StreamEntry;
import org.fangkong.platform.streams.StreamHandler;
import org.fangkong.proto.alerts.v1.MutinyAlertServiceGrpc.MutinyAlertServiceStub;
import org.fangkong.proto.alerts.v1.ReportObservationRequest;
import org.fangkong.proto.events.v1.Event;
import org.fangkong.proto.events.v1.VideoObservation;

import com.google.protobuf.InvalidProtocolBufferException;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;

/**
 * Hands each video patrol observation to alert-service, which makes it an incident (once per observation id). It
 * reads the video events stream as its own consumer group, so an observation recorded while alert-service is down
 * waits on the stream and is handed over when it is back; only the gRPC contract is shared, not alert-service's code.
 */
@ApplicationScoped
public class ObservationForwarder implements StreamHandler {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final MutinyAlertServiceStub alerts;
    private final ServiceIdentity identity;

    public ObservationForwarder(@GrpcClient("alerts") MutinyAlertServiceStub alerts, ServiceIdentity identity) {
        this.alerts = alerts;
        this.identity = identity;
    }

    @Override
    public String stream() {
        return RedisKeys.eventStream(VideoPatrol.VIDEO_EVENTS);
    }

    @Override
    public String group() {
        return "video-service-observations";
    }

    @Override
    public Uni<Void> handle(StreamEntry entry) {
        Event event;
        try {
            event = Event.parseFrom(entry.event());
        } catch (InvalidProtocolBufferException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("not an event", e));
        }
        if (!event.hasVideoObservation()) {
            return Uni.createFrom().voidItem();
        }
        VideoObservation seen = event.getVideoObservation();
        ReportObservationRequest request = ReportObservationRequest.newBuilder()
                .setObservationId(seen.getObservationId())
                .setCameraId(seen.getCameraId())
                .setCameraGbCode(seen.getCameraGbCode())
                .setOrgCode(event.getOrgCode())
                .setLocation(seen.getLocation())
                .setCategory(seen.getCategory())
                .setDescription(seen.getDescription())
                .setObservedBy(seen.getObservedBy())
                .setObservedAt(seen.getObservedAt())
                .build();
        return identity.credentials(Optional.empty())
                .chain(credentials -> alerts.withCallCredentials(credentials).withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                        .reportObservation(request))
                .replaceWithVoid();
    }
}
