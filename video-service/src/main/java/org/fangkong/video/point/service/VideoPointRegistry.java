package org.fangkong.video.point.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotNull;

import org.fangkong.platform.identity.Caller;
import org.fangkong.video.point.VideoPoint;
import org.fangkong.video.point.repository.VideoPointRepository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Reads video points within the caller's organisation scope. */
@ApplicationScoped
public class VideoPointRegistry {

    private final VideoPointRepository points;

    public VideoPointRegistry(VideoPointRepository points) {
        this.points = points;
    }

    @WithSession
    public Uni<Optional<VideoPoint>> find(@NotNull Caller caller, @NotNull UUID id) {
        return points.findById(id).map(found -> caller.visible(found, VideoPoint::getOrgCode).filter(p -> !p.isRetired()));
    }
}
