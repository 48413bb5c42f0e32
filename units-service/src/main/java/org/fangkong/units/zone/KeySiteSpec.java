package org.fangkong.units.zone;

import java.util.List;
import java.util.UUID;

/** What a key site is made of, as validated from a request. */
public record KeySiteSpec(String name, KeySiteCategory category, double lat, double lon, double radiusMeters,
        List<UUID> postedUnitIds, int reactTargetSeconds, int arriveTargetSeconds, int resolveTargetSeconds) {
}
