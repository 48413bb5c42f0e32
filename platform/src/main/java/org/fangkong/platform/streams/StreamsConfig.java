package org.fangkong.platform.streams;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Stream readers. */
@ConfigMapping(prefix = "fangkong.streams")
public interface StreamsConfig {

    /** How often each consumer-group reader reads new entries. */
    @WithDefault("100ms")
    Duration pollInterval();

    /** Most entries read at once. */
    @WithDefault("100")
    int batchSize();

    /** Batches a round reads one after another while they come back full (a backlog to drain). */
    @WithDefault("200")
    int maxBatchesPerRound();

    /** How long an entry may stay unacknowledged (its consumer died or failed) before another consumer takes it. */
    @WithDefault("30s")
    Duration claimAfter();

    /** Deliveries after which an entry is parked with the reason instead of retried. */
    @WithDefault("5")
    int maxDeliveries();

    /** How often streams read by groups are trimmed below their oldest unacknowledged entry. */
    @WithDefault("30s")
    Duration trimInterval();
}
