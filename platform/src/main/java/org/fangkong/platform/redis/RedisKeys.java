package org.fangkong.platform.redis;

/**
 * Names of the shared Redis keys. Each family has one writing service. Keys that one script touches share the
 * hash tag in braces (one per province), so they land in one Redis Cluster slot.
 */
public final class RedisKeys {

    private static final String PREFIX = "fk:";

    private RedisKeys() {
    }

    /** The hash tag every per-province unit key carries. */
    public static String unitsTag(String province) {
        return "{units:" + province + "}";
    }

    /** GEO set of the latest position of every unit of a province (writer: units-service). */
    public static String unitPositions(String province) {
        return PREFIX + unitsTag(province) + ":geo";
    }

    /** Hash unit id → latest fix metadata ({@code recordedAtMillis|accuracy|speed|heading}) (writer: units-service). */
    public static String unitFixes(String province) {
        return PREFIX + unitsTag(province) + ":fix";
    }

    /** Hash unit id → organisation code, for scope filtering inside scripts (writer: units-service). */
    public static String unitOrgs(String province) {
        return PREFIX + unitsTag(province) + ":org";
    }

    /**
     * Hash unit id → live state ({@code status|forceType|armedCount|hasVehicle(0/1)|orgCode}), mirrored from PostgreSQL
     * for the search scripts (writer: units-service).
     */
    public static String unitStates(String province) {
        return PREFIX + unitsTag(province) + ":state";
    }

    /** Set of on-duty units marked stale: no fix for the configured time (writer: units-service). */
    public static String staleUnits(String province) {
        return PREFIX + unitsTag(province) + ":stale";
    }

    /**
     * Hash of the active wanted list: {@code V:<plate>} or {@code P:<id hash>} → the entries' marks
     * (writer: checkpoint-service; readers: any service through {@code WantedListReader}).
     */
    public static String wantedList() {
        return PREFIX + "{wanted}:list";
    }

    /** Hash checkpoint id → {@code state|orgCode|type} of every checkpoint (writer: checkpoint-service). */
    public static String checkpointStates() {
        return PREFIX + "{checkpoints}:state";
    }

    /** Hash camera id → {@code 1|lastHeartbeatMillis} (online) or {@code 0|...} (offline) (writer: video-service). */
    public static String cameraStates() {
        return PREFIX + "{cameras}:state";
    }

    /** Hash of a cordon plan's live status while it is active (writer: checkpoint-service). */
    public static String cordonStatus(String planId) {
        return PREFIX + "{cordon:" + planId + "}:status";
    }

    /** An event stream fed by an outbox (e.g. {@code unit-events}); its hash tag is the stream's name. */
    public static String eventStream(String name) {
        return PREFIX + "{stream:" + name + "}";
    }

    /** Marks an event as appended to its stream, so a repeated relay appends it only once. */
    public static String publishedMarker(String stream, String eventId) {
        return eventStream(stream) + ":published:" + eventId;
    }

    /** Where a consumer group parks entries it could not handle, with the reason (same hash tag as the stream). */
    public static String parked(String stream, String group) {
        return stream + ":parked:" + group;
    }

    /** Timers of a queue by due time (score: due epoch millis). */
    public static String timersDue(String queue) {
        return PREFIX + "{timers:" + queue + "}:due";
    }

    /** Timers a replica is firing (score: when its claim lapses and the timer is due again). */
    public static String timersClaimed(String queue) {
        return PREFIX + "{timers:" + queue + "}:claimed";
    }

    /** Each pending timer's due time, kept while it is claimed. */
    public static String timersDueAt(String queue) {
        return PREFIX + "{timers:" + queue + "}:due-at";
    }

    /**
     * Present while Redis still holds the hot state an app rebuilt into it; its absence means Redis lost its data
     * (writer: the app named).
     */
    public static String hotStateMarker(String app) {
        return PREFIX + "{app:" + app + "}:hot-state";
    }

    /** Stream of accepted position fixes of a province (writer: units-service). */
    public static String positionsStream(String province) {
        return PREFIX + unitsTag(province) + ":positions";
    }

    /** A single-use live stream ticket, by the SHA-256 of the ticket (writer: gateway). */
    public static String streamTicket(String ticketHash) {
        return PREFIX + "{live}:ticket:" + ticketHash;
    }
}
