package org.fangkong.units.unit;

/** The incident-linked moves alert-service makes on a unit. */
public enum IncidentMove {
    DISPATCH,
    SET_OUT,
    ARRIVE,
    RELEASE
}
