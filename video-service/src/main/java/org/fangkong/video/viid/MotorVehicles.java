package org.fangkong.video.viid;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fangkong.platform.errors.InvalidArgumentException;
import org.fangkong.platform.errors.Violations;
import org.fangkong.platform.wanted.Plates;
import org.fangkong.video.capture.service.CaptureIngest;
import org.fangkong.video.gb.DeviceCode;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a GA/T 1400 motor vehicle list ({@code {"MotorVehicleListObject":{"MotorVehicleObject":[...]}}}) into
 * captures. Every problem is named by its path in the posted document, and one bad object refuses the whole list.
 */
public final class MotorVehicles {

    static final String LIST = "MotorVehicleListObject.MotorVehicleObject";
    private static final DateTimeFormatter PASS_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
    private static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(5);

    /** GA/T 1400 colour codes (the standard's ColorType) that name plate colours. */
    private static final Map<String, Plates.Colour> PLATE_COLOURS = Map.of(
            "1", Plates.Colour.BLACK,
            "2", Plates.Colour.WHITE,
            "5", Plates.Colour.BLUE,
            "6", Plates.Colour.YELLOW,
            "9", Plates.Colour.GREEN);

    /** Driving direction codes (1 west to east ... 8 south-east to north-west, 9 other) as compass bearings. */
    private static final Map<String, Double> DIRECTIONS = Map.of(
            "1", 90.0, "2", 270.0, "3", 180.0, "4", 0.0, "5", 45.0, "6", 225.0, "7", 135.0, "8", 315.0, "9", 0.0);

    /** What capture cameras write when they read no plate. */
    private static final Set<String> NO_PLATE = Set.of("", "无车牌", "无牌", "未识别", "车牌", "-");

    private MotorVehicles() {
    }

    /** The captures of a posted list, or INVALID_ARGUMENT naming every bad field. */
    public static List<CaptureIngest.Capture> read(JsonNode root, int maxObjects, Clock clock) {
        JsonNode list = root.path("MotorVehicleListObject").path("MotorVehicleObject");
        if (!list.isArray() || list.isEmpty()) {
            throw new InvalidArgumentException(LIST, "must be a non-empty array");
        }
        if (list.size() > maxObjects) {
            throw new InvalidArgumentException(LIST, "must hold at most " + maxObjects + " objects");
        }
        Violations violations = new Violations();
        List<CaptureIngest.Capture> captures = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            try {
                captures.add(one(list.get(i), LIST + "[" + i + "].", clock));
            } catch (InvalidArgumentException e) {
                e.violations().forEach(v -> violations.require(false, v.field(), v.rule()));
            }
        }
        violations.throwIfAny();
        return captures;
    }

    private static CaptureIngest.Capture one(JsonNode object, String at, Clock clock) {
        Violations violations = new Violations();
        String id = text(object, "MotorVehicleID");
        violations.externalId(id, at + "MotorVehicleID");
        Instant passTime = passTime(text(object, "PassTime"), at + "PassTime", clock, violations);
        int lane = (int) number(object, "LaneNo", 0, 99, at, violations);
        double speed = number(object, "Speed", 0, 400, at, violations);
        String direction = text(object, "Direction");
        violations.require(direction.isEmpty() || DIRECTIONS.containsKey(direction), at + "Direction", "must be a direction code 1 to 9");
        String vehicleClass = text(object, "VehicleClass");
        violations.require(vehicleClass.length() <= 32, at + "VehicleClass", "must be at most 32 characters");
        String vehicleColour = text(object, "VehicleColor");
        violations.require(vehicleColour.length() <= 16, at + "VehicleColor", "must be at most 16 characters");
        List<String> images = new ArrayList<>();
        for (int n = 1; n <= 5; n++) {
            String url = text(object, "StorageUrl" + n);
            violations.require(url.length() <= 512, at + "StorageUrl" + n, "must be at most 512 characters");
            if (!url.isEmpty()) {
                images.add(url);
            }
        }
        String camera = null;
        String plate = null;
        Plates.Colour colour = null;
        try {
            camera = DeviceCode.check(text(object, "DeviceID"), at + "DeviceID");
        } catch (InvalidArgumentException e) {
            e.violations().forEach(v -> violations.require(false, v.field(), v.rule()));
        }
        String plateNo = text(object, "PlateNo");
        if (!"0".equals(text(object, "HasPlate")) && !NO_PLATE.contains(plateNo)) {
            try {
                plate = Plates.normalise(plateNo, at + "PlateNo");
            } catch (InvalidArgumentException e) {
                e.violations().forEach(v -> violations.require(false, v.field(), v.rule()));
            }
            // Codes outside the plate colours (99 other, or none) leave the colour open: a wanted entry of any colour matches.
            colour = PLATE_COLOURS.get(text(object, "PlateColor"));
        }
        violations.throwIfAny();
        return new CaptureIngest.Capture(id, camera, plate, colour, passTime, lane, DIRECTIONS.getOrDefault(direction, 0.0), speed,
                vehicleClass, vehicleColour, images);
    }

    private static Instant passTime(String value, String field, Clock clock, Violations violations) {
        try {
            Instant passTime = LocalDateTime.parse(value, PASS_TIME).atZone(clock.getZone()).toInstant();
            violations.require(!passTime.isAfter(clock.instant().plus(MAX_FUTURE_SKEW)), field,
                    "must not be more than " + MAX_FUTURE_SKEW.toMinutes() + " minutes in the future");
            return passTime;
        } catch (DateTimeParseException e) {
            violations.require(false, field, "is required as yyyyMMddHHmmss in local time");
            return null;
        }
    }

    /** A field devices send as a number or as a numeric string; absent is 0. */
    private static double number(JsonNode object, String name, double min, double max, String at, Violations violations) {
        JsonNode node = object.path(name);
        double value;
        if (node.isMissingNode() || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            return 0;
        } else if (node.isNumber()) {
            value = node.asDouble();
        } else if (node.isTextual() && node.asText().strip().matches("-?\\d+(\\.\\d+)?")) {
            value = Double.parseDouble(node.asText().strip());
        } else {
            violations.require(false, at + name, "must be a number");
            return 0;
        }
        violations.require(value >= min && value <= max, at + name, "must be between " + (long) min + " and " + (long) max);
        return value;
    }

    private static String text(JsonNode object, String name) {
        JsonNode node = object.path(name);
        return node.isValueNode() && !node.isNull() ? node.asText().strip() : "";
    }
}
