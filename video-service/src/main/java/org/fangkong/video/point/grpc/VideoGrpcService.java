package org.fangkong.video.point.grpc;

import jakarta.annotation.security.RolesAllowed;

import org.fangkong.platform.errors.NotFoundException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.identity.CurrentCaller;
import org.fangkong.platform.identity.Roles;
import org.fangkong.proto.video.v1.GetVideoPointRequest;
import org.fangkong.proto.video.v1.VideoPoint;
import org.fangkong.proto.video.v1.VideoService;
import org.fangkong.video.point.mapping.VideoPointMapping;
import org.fangkong.video.point.service.VideoPointRegistry;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

@GrpcService
public class VideoGrpcService implements VideoService {

    private final CurrentCaller caller;
    private final VideoPointRegistry registry;

    public VideoGrpcService(CurrentCaller caller, VideoPointRegistry registry) {
        this.caller = caller;
        this.registry = registry;
    }

    @Override
    @RolesAllowed({ Roles.VIDEO_OPERATOR, Roles.DISPATCHER, Roles.COMMAND_CENTER, Roles.COMMANDER, Roles.ANALYST,
            Roles.ADMIN, Roles.SERVICE })
    public Uni<VideoPoint> getVideoPoint(GetVideoPointRequest request) {
        return caller.get()
                .chain(who -> registry.find(who, Violations.requireUuid(request.getId(), "id")))
                .map(found -> found.map(VideoPointMapping::toProto).orElseThrow(NotFoundException.of("video point", request.getId())));
    }
}
