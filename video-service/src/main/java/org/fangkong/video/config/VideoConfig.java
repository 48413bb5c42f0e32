package org.fangkong.video.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tunables of video-service. */
@ConfigMapping(prefix = "fangkong.video")
public interface VideoConfig {

    Heartbeat heartbeat();

    Captures captures();

    interface Captures {
        /** How long captures (and the record of their ids) are kept; older daily partitions are dropped. */
        @WithDefault("90d")
        Duration retention();

        /** Daily capture partitions created ahead of today. */
        @WithDefault("3")
        int partitionsAhead();
    }

    interface Heartbeat {
        /** How often cameras (or their platform) send keep-alives. */
        @WithDefault("60s")
        Duration interval();

        /** Keep-alives a camera may miss before it goes OFFLINE. */
        @WithDefault("3")
        int missedBeats();

        /** Most codes one heartbeat call carries. */
        @WithDefault("5000")
        int maxCodes();
    }

    /** How long a camera may stay silent before it is offline. */
    default Duration offlineAfter() {
        return heartbeat().interval().multipliedBy(heartbeat().missedBeats());
    }
}
