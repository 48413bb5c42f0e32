package org.fangkong.units.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tunables of units-service. */
@ConfigMapping(prefix = "fangkong.units")
public interface UnitsConfig {

    /** The province this deployment serves (2-digit GB/T 2260 code): its GEO set and positions stream. */
    @WithDefault("32")
    String province();

    /** Position ingestion. */
    Positions positions();

    /** The closest-unit search. */
    Nearest nearest();

    interface Positions {
        /** Most fixes written to Redis in one script call. */
        @WithDefault("500")
        int batchSize();

        /** How long a partial batch of a slow stream waits before it is written anyway. */
        @WithDefault("100ms")
        Duration batchWait();

        /** How far in the future a device clock may be before its fix is refused. */
        @WithDefault("30s")
        Duration maxFutureSkew();
    }

    interface Nearest {
        /** Units returned when the request does not say. */
        @WithDefault("20")
        int defaultLimit();

        /** Most units one search returns. */
        @WithDefault("200")
        int maxLimit();

        /** Widest search radius in metres. */
        @WithDefault("50000")
        double maxRadiusMeters();
    }
}
