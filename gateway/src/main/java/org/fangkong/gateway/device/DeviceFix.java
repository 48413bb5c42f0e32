package org.fangkong.gateway.device;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

import org.fangkong.platform.errors.InvalidArgumentException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.units.v1.PositionFix;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A fix as the Traccar Client app sends it (the OsmAnd protocol), read into the units API's message: query or form
 * parameters, or the JSON variant. The device id is the terminal's secret; it goes to units-service as the terminal
 * id and is never logged.
 */
public record DeviceFix(String deviceId, PositionFix fix) {

    private static final double METRES_PER_SECOND_PER_KNOT = 1852.0 / 3600.0;
    private static final long SECONDS_LIMIT = 1L << 31;

    /** From {@code id}/{@code deviceid}, {@code lat}+{@code lon} or {@code location}, {@code timestamp}, {@code speed} (knots), ... */
    public static DeviceFix fromParameters(Function<String, String> parameter, Instant now) {
        Violations violations = new Violations();
        String id = first(parameter.apply("id"), parameter.apply("deviceid"));
        violations.notBlank(id, "id");
        String lat = parameter.apply("lat");
        String lon = parameter.apply("lon");
        String location = parameter.apply("location");
        if ((lat == null || lon == null) && location != null) {
            String[] parts = location.split(",");
            violations.require(parts.length == 2, "location", "must be lat,lon");
            if (parts.length == 2) {
                lat = parts[0];
                lon = parts[1];
            }
        }
        PositionFix.Builder fix = PositionFix.newBuilder().setTerminalId(id == null ? "" : id.strip())
                .setPoint(point(violations.decimal(lat, "lat"), violations.decimal(lon, "lon"), violations));
        fix.setRecordedAt(Timestamps.of(time(parameter.apply("timestamp"), now, violations)));
        fix.setSpeedMps(Math.max(0, optional(parameter.apply("speed"), "speed", violations)) * METRES_PER_SECOND_PER_KNOT);
        fix.setHeadingDeg(heading(optional(first(parameter.apply("bearing"), parameter.apply("heading")), "bearing", violations)));
        fix.setAccuracyM(Math.max(0, optional(parameter.apply("accuracy"), "accuracy", violations)));
        violations.throwIfAny();
        return new DeviceFix(fix.getTerminalId(), fix.build());
    }

    /** {@code {"location": {"timestamp", "coords": {"latitude", "longitude", "speed" (m/s), "heading", "accuracy"}}, "device_id"}}. */
    public static DeviceFix fromJson(JsonNode body, Instant now) {
        Violations violations = new Violations();
        if (body == null || !body.isObject()) {
            throw new InvalidArgumentException("body", "must be a JSON object with device_id and location");
        }
        String id = body.path("device_id").asText(null);
        violations.notBlank(id, "device_id");
        JsonNode location = body.path("location");
        JsonNode coords = location.path("coords");
        violations.require(coords.path("latitude").isNumber(), "location.coords.latitude", "must be a number");
        violations.require(coords.path("longitude").isNumber(), "location.coords.longitude", "must be a number");
        violations.throwIfAny();
        JsonNode timestamp = location.path("timestamp");
        PositionFix.Builder fix = PositionFix.newBuilder().setTerminalId(id.strip())
                .setPoint(point(coords.path("latitude").asDouble(), coords.path("longitude").asDouble(), violations))
                .setRecordedAt(Timestamps.of(time(timestamp.isMissingNode() || timestamp.isNull() ? null : timestamp.asText(), now, violations)))
                .setSpeedMps(Math.max(0, coords.path("speed").asDouble(0)))
                .setHeadingDeg(heading(coords.path("heading").asDouble(0)))
                .setAccuracyM(Math.max(0, coords.path("accuracy").asDouble(0)));
        violations.throwIfAny();
        return new DeviceFix(fix.getTerminalId(), fix.build());
    }

    private static GeoPoint point(double lat, double lon, Violations violations) {
        violations.require(Double.isNaN(lat) || lat >= -90 && lat <= 90, "lat", "must be between -90 and 90");
        violations.require(Double.isNaN(lon) || lon >= -180 && lon <= 180, "lon", "must be between -180 and 180");
        return GeoPoint.newBuilder().setLat(Double.isNaN(lat) ? 0 : lat).setLon(Double.isNaN(lon) ? 0 : lon).build();
    }

    /** Unix seconds, milliseconds when at least 2^31, or ISO-8601; now when absent. */
    static Instant time(String value, Instant now, Violations violations) {
        if (value == null || value.isBlank()) {
            return now;
        }
        String text = value.strip();
        try {
            if (text.matches("\\d{1,18}(\\.\\d+)?")) {
                double number = Double.parseDouble(text);
                return number >= SECONDS_LIMIT ? Instant.ofEpochMilli((long) number) : Instant.ofEpochMilli((long) (number * 1000));
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (NumberFormatException | DateTimeParseException e) {
            violations.require(false, "timestamp", "must be Unix seconds, milliseconds or an ISO-8601 time");
            return now;
        }
    }

    private static double optional(String value, String field, Violations violations) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            violations.require(false, field, "must be a number");
            return 0;
        }
    }

    /** Degrees clockwise from north in 0..360; unknown (negative) as 0. */
    private static double heading(double degrees) {
        return degrees < 0 || Double.isNaN(degrees) ? 0 : degrees % 360;
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
