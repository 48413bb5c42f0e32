package org.fangkong.gateway.live;

import org.fangkong.platform.redis.RedisKeys;

/** The streams the live channel is fed from (see "Streams" in the root README). */
public enum LiveStream {
    INCIDENTS,
    UNITS,
    CORDONS,
    CAMERAS,
    POSITIONS;

    /** The stream's Redis key for a province's deployment. */
    public String key(String province) {
        return switch (this) {
            case INCIDENTS -> RedisKeys.eventStream("incident-events");
            case UNITS -> RedisKeys.eventStream("unit-events");
            case CORDONS -> RedisKeys.eventStream("cordon-events");
            case CAMERAS -> RedisKeys.eventStream("camera-events");
            case POSITIONS -> RedisKeys.positionsStream(province);
        };
    }
}
