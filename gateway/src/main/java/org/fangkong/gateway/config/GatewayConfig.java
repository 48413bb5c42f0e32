package org.fangkong.gateway.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tunables of the gateway. */
@ConfigMapping(prefix = "fangkong.gateway")
public interface GatewayConfig {

    /** Deadline of every call the gateway makes to a service. */
    @WithDefault("5s")
    Duration callDeadline();

    /** Deadline of a bulk import: a wanted list streamed through the gateway, or thousands of units in one call. */
    @WithDefault("10m")
    Duration importDeadline();

    /** Wanted entries per chunk sent on to checkpoint-service (at most its own chunk limit). */
    @WithDefault("1000")
    int importChunkEntries();

    /** Requests one caller may make per second across all gateway replicas; more get 429. */
    @WithDefault("50")
    int rateLimitPerSecond();

    /**
     * Callers with a limit of their own, by the name their token gives (e.g. {@code rate-limit-callers."relay-01"=2000}):
     * a relay or an onboarding job that speaks for many people or devices under one account.
     */
    Map<String, Integer> rateLimitCallers();

    /** Calls one agency may make a second to the agency API; more are RESOURCE_EXHAUSTED. */
    @WithDefault("20")
    int agencyCallsPerSecond();

    /** The province this deployment serves (2-digit GB/T 2260 code): whose positions stream the live channel reads. */
    @WithDefault("32")
    String province();

    /** The live event channel ({@code GET /api/v1/events}). */
    Live live();

    interface Live {

        /** Entries read from the streams per read. */
        @WithDefault("500")
        int readBatch();

        /** How long one read waits for new entries. */
        @WithDefault("1s")
        Duration block();

        /** At most one position per unit per this interval goes to the consoles. */
        @WithDefault("5s")
        Duration positionInterval();

        /** Events a client may leave unread before it is dropped. */
        @WithDefault("1000")
        int maxUnwritten();

        /** How often an idle stream gets a comment, so proxies keep it open and dead clients are found. */
        @WithDefault("15s")
        Duration keepAlive();

        /** How long a stream ticket may wait to be used (once). */
        @WithDefault("30s")
        Duration ticketTtl();
    }

    /** Devices reporting positions (Traccar Client, vehicle terminals). */
    Devices devices();

    interface Devices {

        /** Failed reports (unknown or unreadable) one address may make a minute before it is refused outright. */
        @WithDefault("20")
        int maxFailuresPerMinute();

        /** Reports one device may make a second. */
        @WithDefault("5")
        int reportsPerSecond();

        /** Metres per second between two fixes beyond which the jump is flagged as implausible (70 m/s is 252 km/h). */
        @WithDefault("70")
        double maxSpeed();

        /** Deadline of one stream of device fixes to units-service (a relay's whole call). */
        @WithDefault("60s")
        Duration relayDeadline();
    }

    /** The command console served at {@code /console/}: what the page needs to know before its user signs in. */
    Console console();

    interface Console {

        /** The realm URL browsers sign in at, when it differs from the one the gateway validates against (behind an ingress). */
        Optional<String> oidcUrl();

        /** The realm's public client for the console (authorization code with PKCE). */
        @WithDefault("fangkong-console")
        String clientId();

        /** The tile server's URL template ({z}, {x}, {y}, {s}); without one the map has a plain background. */
        Optional<String> tiles();

        /** The tiles' coordinate system: WGS84, or GCJ02 (Chinese map providers), which the page converts markers to. */
        @WithDefault("WGS84")
        TileCoordinates tileCoordinates();

        /** Attribution the tile provider requires, shown on the map. */
        Optional<String> tileAttribution();

        /** Where the map opens before the caller's own data is loaded: latitude, longitude. */
        @WithDefault("32.06,118.79")
        String center();

        /** The map's opening zoom level. */
        @WithDefault("11")
        int zoom();
    }

    /** Coordinate systems of map tiles. */
    enum TileCoordinates {
        WGS84,
        GCJ02
    }
}
