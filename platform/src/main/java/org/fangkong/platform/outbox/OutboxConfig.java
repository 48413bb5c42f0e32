package org.fangkong.platform.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The outbox relay. */
@ConfigMapping(prefix = "fangkong.outbox")
public interface OutboxConfig {

    /**
     * Whether this replica runs scheduled relay rounds (every replica may; they take disjoint rows). Rounds asked for
     * with {@link OutboxRelay#soon()} run either way.
     */
    @WithDefault("true")
    boolean relayEnabled();

    /** How often the relay looks for committed events. */
    @WithDefault("200ms")
    Duration relayInterval();

    /** Most events relayed in one transaction. */
    @WithDefault("500")
    int batchSize();

    /** How long an appended event's id is remembered against a repeated relay. */
    @WithDefault("24h")
    Duration publishedMarkerTtl();
}
