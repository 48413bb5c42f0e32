package org.fangkong.units.zone;

public enum KeySiteCategory {
    POLITICAL_CORE,
    CROWD_GATHERING,
    COMMERCIAL_CENTRE,
    TRANSPORT_HUB,
    SCHOOL_SURROUNDINGS,
    OTHER_SITE
}
