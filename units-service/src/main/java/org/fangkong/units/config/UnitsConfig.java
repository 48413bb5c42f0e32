package org.fangkong.units.config;

import java.time.Duration;
import java.util.List;

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

    /** Units and their registry. */
    Registry registry();

    /** Crews and shifts. */
    Crews crews();

    /** Patrol zones. */
    Zones zones();

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

        /** An on-duty unit with no fix for this long is stale and left out of recommendations. */
        @WithDefault("2m")
        Duration staleAfter();

        /** Widest window one track request may span. */
        @WithDefault("7d")
        Duration maxTrackWindow();

        /** Fixes a track returns when the request does not say; and the most it may ask for. */
        @WithDefault("2000")
        int defaultTrackLimit();

        @WithDefault("10000")
        int maxTrackLimit();

        /** How long position history is kept; older daily partitions are dropped. */
        @WithDefault("90d")
        Duration retention();

        /** Daily history partitions created ahead of today. */
        @WithDefault("3")
        int partitionsAhead();
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

        /** Speed for the straight-line ETA of a unit with a vehicle, km/h (urban average). */
        @WithDefault("30")
        double vehicleSpeedKmh();

        /** Speed for the straight-line ETA of a unit on foot, km/h. */
        @WithDefault("5")
        double footSpeedKmh();
    }

    interface Registry {
        /** Most units one bulk import takes. */
        @WithDefault("5000")
        int maxImport();

        /** Page size of list methods when the request does not say; and the most a page may hold. */
        @WithDefault("100")
        int defaultPageSize();

        @WithDefault("1000")
        int maxPageSize();
    }

    interface Crews {
        /** Longest shift one assignment may cover. */
        @WithDefault("24h")
        Duration maxShift();
    }

    interface Zones {
        /** Visible units each patrol level requires, for levels 1 (highest) to 4. */
        @WithDefault("6,4,2,1")
        List<Integer> requiredUnits();

        /** Most vertices of a zone polygon. */
        @WithDefault("2000")
        int maxVertices();
    }
}
