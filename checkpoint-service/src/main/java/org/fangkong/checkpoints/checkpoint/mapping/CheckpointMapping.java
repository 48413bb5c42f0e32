package org.fangkong.checkpoints.checkpoint.mapping;

import org.fangkong.checkpoints.checkpoint.Checkpoint;
import org.fangkong.proto.checkpoints.v1.CheckpointState;
import org.fangkong.proto.checkpoints.v1.CheckpointType;
import org.fangkong.proto.common.v1.GeoPoint;

/** Between the checkpoints API's messages and the service's own types. */
public final class CheckpointMapping {

    private CheckpointMapping() {
    }

    public static org.fangkong.proto.checkpoints.v1.Checkpoint toProto(Checkpoint checkpoint) {
        return org.fangkong.proto.checkpoints.v1.Checkpoint.newBuilder()
                .setId(checkpoint.getId().toString())
                .setCode(checkpoint.getCode())
                .setName(checkpoint.getName())
                .setType(CheckpointType.valueOf(checkpoint.getType().name()))
                .setOrgCode(checkpoint.getOrgCode())
                .setLocation(GeoPoint.newBuilder().setLat(checkpoint.getLocation().lat()).setLon(checkpoint.getLocation().lon()))
                .setState(CheckpointState.valueOf(checkpoint.getState().name()))
                .build();
    }
}
