package org.fangkong.units.unit;

public enum DutyState {
    OFF_DUTY,
    ON_DUTY
}
