package org.fangkong.alerts.incident;

/** Where an incident stands, from the first report to closure. */
public enum IncidentStatus {
    NEW,
    DISPATCHED,
    ACKNOWLEDGED,
    ON_SCENE,
    RESOLVED,
    CLOSED,
    CANCELLED
}
