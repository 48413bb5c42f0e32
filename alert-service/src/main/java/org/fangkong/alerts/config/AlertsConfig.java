package org.fangkong.alerts.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tunables of alert-service. */
@ConfigMapping(prefix = "fangkong.alerts")
public interface AlertsConfig {

    Targets targets();

    Recommend recommend();

    Major major();

    Hits hits();

    Analysis analysis();

    /** Wanted hits from the check hits and capture hits streams. */
    interface Hits {
        /** Hits of one wanted subject within this time of its last sighting join its open incident. */
        @WithDefault("2h")
        Duration window();

        /** How far to look for units carrying firearms to intercept. */
        @WithDefault("10000")
        double unitRadiusM();

        /** How far to look for open checkpoints to intercept at. */
        @WithDefault("30000")
        double checkpointRadiusM();

        /** Units and checkpoints an interception proposal names. */
        @WithDefault("5")
        int proposalSize();
    }

    /** Situation analysis. */
    interface Analysis {
        /** Hotspot grid cell size in degrees (0.005° is about 500 m). */
        @WithDefault("0.005")
        double cellDeg();

        /** Hotspot cells a report lists. */
        @WithDefault("10")
        int hotspots();

        /** Look-back of patrol level recommendations, in days. */
        @WithDefault("28")
        int levelDays();

        /**
         * Incidents per km² over the look-back at or above which a zone is recommended level 1, 2 and 3 (below the
         * last: level 4).
         */
        @WithDefault("20,10,5")
        List<Double> levelThresholds();

        /** How far to look for HQ support units to reinforce a zone. */
        @WithDefault("20000")
        double reinforcementRadiusM();
    }

    /** Deadline of each call to units-service and checkpoint-service. */
    @WithDefault("5s")
    Duration callDeadline();

    /** 1-3-5 targets of incidents outside key sites, by priority 1..4 (a key site's own targets win). */
    interface Targets {
        @WithDefault("60s,60s,120s,300s")
        List<Duration> react();

        @WithDefault("180s,300s,600s,1800s")
        List<Duration> arrive();

        @WithDefault("300s,900s,1800s,3600s")
        List<Duration> resolve();
    }

    interface Recommend {
        /** How far to look for units. */
        @WithDefault("5000")
        double radiusM();

        /** Types that need units carrying firearms. */
        @WithDefault("ROBBERY,HOMICIDE,SNATCHING")
        Set<String> armedTypes();

        /** Units a priority-1 incident asks for. */
        @WithDefault("2")
        int priorityOneUnits();

        /** Dispatch the recommended units at once for a priority-1 incident inside a key site. */
        @WithDefault("false")
        boolean autoDispatchKeySites();
    }

    interface Major {
        /** Types that make a priority-1 incident major (any incident can also be flagged major when reported). */
        @WithDefault("HOMICIDE,ROBBERY")
        Set<String> types();

        /** The cordon plan (by name, in the incident's organisation or above) a major incident calls for. */
        Optional<String> cordonPlan();

        /** Activate that plan at once (true) or only propose it on the timeline for a commander (false). */
        @WithDefault("false")
        boolean activateCordon();
    }
}
