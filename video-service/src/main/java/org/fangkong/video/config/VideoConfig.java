package org.fangkong.video.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tunables of video-service. */
@ConfigMapping(prefix = "fangkong.video")
public interface VideoConfig {

    Heartbeat heartbeat();

    Captures captures();

    Viid viid();

    /** The GA/T 1400 endpoints ({@code /VIID/...}). */
    interface Viid {
        /** The HTTP Digest realm devices register in; changing it invalidates every stored password. */
        @WithDefault("fangkong")
        String realm();

        /** Signs Digest nonces so any replica can check them. Set it from a secret store in production. */
        @WithDefault("fangkong-dev-only-viid-nonce-secret")
        String nonceSecret();

        /** How long a Digest nonce stays valid; an older one is answered with a fresh, {@code stale=true} challenge. */
        @WithDefault("5m")
        Duration nonceLifetime();

        /** A registered device that sends no keep-alive for this long must register again. */
        @WithDefault("180s")
        Duration sessionTimeout();

        /** Most motor vehicle objects one post may carry. */
        @WithDefault("1000")
        int maxObjects();
    }

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
