package org.fangkong.checkpoints.checkpoint;

import java.util.List;
import java.util.UUID;

import org.fangkong.platform.geo.GeoLocation;

/** A validated checkpoint to register. */
public record NewCheckpoint(String code, String name, CheckpointType type, String orgCode, GeoLocation location, List<String> rings,
        int lanes, int staffedHeadCount, UUID unitId) {
}
