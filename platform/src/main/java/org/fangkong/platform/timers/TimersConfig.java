package org.fangkong.platform.timers;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Once-only timers. */
@ConfigMapping(prefix = "fangkong.timers")
public interface TimersConfig {

    /** How often each replica looks for due timers. */
    @WithDefault("250ms")
    Duration pollInterval();

    /** How long a replica may take to fire a timer before another may fire it again. */
    @WithDefault("30s")
    Duration lease();

    /** Most timers one replica claims per queue and round. */
    @WithDefault("100")
    int batchSize();
}
