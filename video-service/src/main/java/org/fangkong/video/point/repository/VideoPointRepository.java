package org.fangkong.video.point.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.fangkong.video.point.VideoPoint;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class VideoPointRepository implements PanacheRepositoryBase<VideoPoint, UUID> {
}
