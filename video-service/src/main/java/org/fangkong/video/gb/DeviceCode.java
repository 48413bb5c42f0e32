package org.fangkong.video.gb;

import java.util.Map;

import org.fangkong.platform.errors.InvalidArgumentException;

/**
 * GB/T 28181 device codes: 20 digits made of an 8-digit administrative division (province, city, district, grass-roots
 * unit), a 2-digit industry, a 3-digit type, a 1-digit network and a 6-digit serial. A bad code is refused naming the
 * part that is wrong.
 */
public final class DeviceCode {

    /** Device types (positions 11-13) this service registers. */
    public static final Map<String, String> TYPES = Map.of(
            "131", "camera",
            "132", "IP camera",
            "121", "video checkpoint",
            "111", "DVR",
            "118", "NVR");

    private DeviceCode() {
    }

    /** A device of a type this service registers (see {@link #TYPES}). */
    public static String check(String code, String field) {
        String value = checkStructure(code, field);
        String type = value.substring(10, 13);
        if (!TYPES.containsKey(type)) {
            throw new InvalidArgumentException(field, "type (digits 11-13) " + type + " is not a device type this service registers: "
                    + String.join(", ", TYPES.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + " " + e.getValue()).toList()));
        }
        return value;
    }

    /** Any well-formed code, whatever its type (collection systems and platforms have their own types). */
    public static String checkStructure(String code, String field) {
        if (code == null || code.isBlank()) {
            throw new InvalidArgumentException(field, "is required");
        }
        String value = code.strip();
        if (!value.matches("\\d{20}")) {
            throw new InvalidArgumentException(field, "must be 20 digits (GB/T 28181), not " + value.length() + " characters");
        }
        String province = value.substring(0, 2);
        if (province.charAt(0) < '1' || province.charAt(0) > '8' || province.equals("00")) {
            throw new InvalidArgumentException(field, "division code (digits 1-8) must start with a province code such as 32, not " + province);
        }
        char network = value.charAt(13);
        if (network == '9') {
            throw new InvalidArgumentException(field, "network (digit 14) must be 0-8: 9 is reserved");
        }
        return value;
    }

    /** The division part: the first 6 digits name the county-level division, as organisation codes do. */
    public static String division(String code) {
        return code.substring(0, 6);
    }
}
