package org.fangkong.units.unit;

/** The forces that patrol (see DOMAIN.md, "The forces"). */
public enum ForceType {
    SPECIAL_PATROL,
    AUXILIARY,
    STATION,
    HQ_SUPPORT,
    ARMED_POLICE,
    RAPID_RESPONSE,
    VOLUNTEER
}
