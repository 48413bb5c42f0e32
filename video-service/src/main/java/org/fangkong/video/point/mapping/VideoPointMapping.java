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
}
