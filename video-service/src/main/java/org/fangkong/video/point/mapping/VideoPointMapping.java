package org.fangkong.video.point.mapping;

import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.video.point.VideoPoint;

/** Between the video API's messages and the service's own types. */
public final class VideoPointMapping {

    private VideoPointMapping() {
    }

    public static org.fangkong.proto.video.v1.VideoPoint toProto(VideoPoint point) {
        return org.fangkong.proto.video.v1.VideoPoint.newBuilder()
                .setId(point.getId().toString())
                .setGbCode(point.getGbCode())
                .setName(point.getName())
                .setOrgCode(point.getOrgCode())
                .setLocation(GeoPoint.newBuilder().setLat(point.getLocation().lat()).setLon(point.getLocation().lon()))
                .setPositionType(point.getPositionType())
                .build();
    }

    public static org.fangkong.proto.video.v1.Camera toProto(org.fangkong.video.camera.Camera camera, java.time.Instant lastHeartbeat) {
        org.fangkong.proto.video.v1.Camera.Builder builder = org.fangkong.proto.video.v1.Camera.newBuilder()
                .setId(camera.getId().toString())
                .setGbCode(camera.getGbCode())
                .setPointId(camera.getPointId().toString())
                .setName(camera.getName())
                .setKind(org.fangkong.proto.video.v1.CameraKind.valueOf(camera.getKind().name()))
                .setPtzType(org.fangkong.proto.video.v1.PtzType.valueOf(camera.getPtzType().name()))
                .setStreamUrl(camera.getStreamUrl())
                .setOnline(camera.isOnline())
                .setOrgCode(camera.getOrgCode());
        java.time.Instant last = lastHeartbeat != null ? lastHeartbeat : camera.getLastHeartbeatAt();
        if (last != null) {
            builder.setLastHeartbeatAt(org.fangkong.platform.grpc.Timestamps.of(last));
        }
        return builder.build();
    }

    public static org.fangkong.video.camera.Camera.Kind kind(org.fangkong.proto.video.v1.CameraKind kind) {
        return switch (kind) {
            case CAMERA_KIND_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> org.fangkong.video.camera.Camera.Kind.valueOf(kind.name());
        };
    }

    public static org.fangkong.video.camera.Camera.PtzType ptz(org.fangkong.proto.video.v1.PtzType type) {
        return switch (type) {
            case PTZ_TYPE_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> org.fangkong.video.camera.Camera.PtzType.valueOf(type.name());
        };
    }

    public static org.fangkong.proto.video.v1.OnlineRate toProto(org.fangkong.video.camera.service.CameraRegistry.Rate rate) {
        return org.fangkong.proto.video.v1.OnlineRate.newBuilder()
                .setOrgCode(rate.orgCode())
                .setCameras(rate.cameras())
                .setOnline(rate.online())
                .setRate(rate.rate())
                .build();
    }

    public static org.fangkong.video.viid.ViidDevice.Kind viidKind(org.fangkong.proto.video.v1.ViidDeviceKind kind) {
        return switch (kind) {
            case CAPTURE_CAMERA -> org.fangkong.video.viid.ViidDevice.Kind.CAPTURE_CAMERA;
            case COLLECTION_SYSTEM -> org.fangkong.video.viid.ViidDevice.Kind.COLLECTION_SYSTEM;
            default -> null;
        };
    }
}
