package org.fangkong.units.zone;

import java.util.List;

import org.fangkong.platform.errors.InvalidArgumentException;
import org.fangkong.platform.errors.Violations;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/** Zone polygons with JTS: built from the API's points (lat/lon) and checked as a user would expect. */
public final class ZoneGeometry {

    /** WGS-84 (EPSG:4326); x is longitude, y latitude. */
    private static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);

    private ZoneGeometry() {
    }

    /** A lat/lon pair as the API gives it. */
    public record LatLon(double lat, double lon) {
    }

    /**
     * The polygon of a closed ring of points (first repeated last): at least four points, coordinates in WGS-84
     * ranges, not self-intersecting. Every failure names the field and the rule.
     */
    public static Polygon polygon(List<LatLon> ring, int maxVertices, String field) {
        Violations violations = new Violations();
        violations.require(ring.size() >= 4, field, "must hold at least 4 points (a triangle closed by repeating its first point)");
        violations.require(ring.size() <= maxVertices, field, "must hold at most " + maxVertices + " points");
        for (int i = 0; i < ring.size(); i++) {
            violations.range(ring.get(i).lat(), -90, 90, field + "[" + i + "].lat");
            violations.range(ring.get(i).lon(), -180, 180, field + "[" + i + "].lon");
        }
        violations.throwIfAny();
        LatLon first = ring.get(0);
        LatLon last = ring.get(ring.size() - 1);
        if (first.lat() != last.lat() || first.lon() != last.lon()) {
            throw new InvalidArgumentException(field, "must be closed: the last point must repeat the first");
        }
        Coordinate[] coordinates = ring.stream().map(p -> new Coordinate(p.lon(), p.lat())).toArray(Coordinate[]::new);
        LinearRing shell = GEOMETRY.createLinearRing(coordinates);
        Polygon polygon = GEOMETRY.createPolygon(shell);
        TopologyValidationError error = new IsValidOp(polygon).getValidationError();
        if (error != null) {
            Coordinate at = error.getCoordinate();
            String where = at == null ? "" : " near lat " + at.y + ", lon " + at.x;
            throw new InvalidArgumentException(field, "must be a valid polygon: " + error.getMessage().toLowerCase() + where);
        }
        if (polygon.getArea() == 0) {
            throw new InvalidArgumentException(field, "must enclose an area");
        }
        return polygon;
    }

    public static Polygon fromWkt(String wkt) {
        try {
            return (Polygon) new WKTReader(GEOMETRY).read(wkt);
        } catch (ParseException e) {
            throw new IllegalStateException("stored zone polygon is not WKT", e);
        }
    }

    public static Point point(double lat, double lon) {
        return GEOMETRY.createPoint(new Coordinate(lon, lat));
    }

    /** The ring's points as lat/lon. */
    public static List<LatLon> ring(Polygon polygon) {
        return java.util.Arrays.stream(polygon.getExteriorRing().getCoordinates()).map(c -> new LatLon(c.y, c.x)).toList();
    }
}
