package org.fangkong.units.unit;

import java.util.EnumSet;
import java.util.Set;

/** Where a unit is in its shift; see {@link Unit} for the moves between states. */
public enum UnitStatus {
    OFF_DUTY,
    AVAILABLE,
    DISPATCHED,
    EN_ROUTE,
    ON_SCENE,
    UNAVAILABLE;

    /** The states an officer or the duty room sets directly; the rest follow incidents. */
    public static final Set<UnitStatus> DUTY_STATES = EnumSet.of(OFF_DUTY, AVAILABLE, UNAVAILABLE);

    public boolean onIncident() {
        return this == DISPATCHED || this == EN_ROUTE || this == ON_SCENE;
    }

    public boolean onDuty() {
        return this != OFF_DUTY;
    }
}
