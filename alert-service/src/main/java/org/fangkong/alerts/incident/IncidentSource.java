package org.fangkong.alerts.incident;

/** Where a report came from. */
public enum IncidentSource {
    CALL_110, ON_VIEW, VIDEO_PATROL, CHECKPOINT_HIT, CAPTURE_HIT, AGENCY
}
