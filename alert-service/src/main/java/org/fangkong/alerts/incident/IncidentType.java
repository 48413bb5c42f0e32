package org.fangkong.alerts.incident;

/** What was reported. */
public enum IncidentType {
    ROBBERY, SNATCHING, THEFT, ASSAULT, FIGHT, HOMICIDE, TRAFFIC, SUSPICIOUS_PERSON, SUSPICIOUS_VEHICLE, WANTED_HIT, OTHER
}
