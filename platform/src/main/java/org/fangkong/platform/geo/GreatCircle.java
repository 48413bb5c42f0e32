package org.fangkong.platform.geo;

/** Distances on the earth's surface (haversine on the mean radius): metres between two WGS-84 points. */
public final class GreatCircle {

    public static final double EARTH_RADIUS_M = 6_371_008.8;

    private GreatCircle() {
    }

    public static double meters(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /** Degrees of latitude spanned by a distance (for bounding-box prefilters). */
    public static double latitudeSpan(double meters) {
        return Math.toDegrees(meters / EARTH_RADIUS_M);
    }
}
