package org.fangkong.gateway.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tunables of the gateway. */
@ConfigMapping(prefix = "fangkong.gateway")
public interface GatewayConfig {

    /** Deadline of every call the gateway makes to a service. */
    @WithDefault("5s")
    Duration callDeadline();

    /** Deadline of a wanted-list import, which streams the whole list through the gateway. */
    @WithDefault("10m")
    Duration importDeadline();

    /** Wanted entries per chunk sent on to checkpoint-service (at most its own chunk limit). */
    @WithDefault("1000")
    int importChunkEntries();

    /** Requests one caller may make per second across all gateway replicas; more get 429. */
    @WithDefault("50")
    int rateLimitPerSecond();
}
