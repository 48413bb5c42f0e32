package org.fangkong.units.unit;

/** The unit events stream: status changes, stale units and zone level changes, fed through the outbox. */
public final class UnitEvents {

    /** The stream's name (see {@code RedisKeys.eventStream}). */
    public static final String STREAM = "unit-events";

    private UnitEvents() {
    }
}
