package org.fangkong.units.unit;

/** The three tiers of surface patrol. */
public enum PatrolTier {
    MAIN_ROAD,
    COMMUNITY,
    KEY_SITE
}
