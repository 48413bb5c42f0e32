package org.fangkong.gateway.unit.rest;

import java.time.Instant;

/** A unit with its live position and its distance from the searched point. */
public record NearbyUnitView(UnitView unit, double lat, double lon, double distanceMeters, Instant positionAt) {
}
