package org.fangkong.platform.wanted;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

import org.fangkong.platform.errors.InvalidArgumentException;

/**
 * Chinese vehicle plates (GA 36), normalised once for every service: a checkpoint reading, a camera capture and a
 * wanted-list entry of the same car compare equal. Full-width characters become half-width, letters upper case,
 * spaces, dots and dashes go ({@code 苏 a·12345} → {@code 苏A12345}).
 */
public final class Plates {

    /** Plate colours as GA 36 names them; new-energy plates are green. */
    public enum Colour {
        BLUE, YELLOW, GREEN, WHITE, BLACK
    }

    private static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领";
    private static final Pattern SEPARATORS = Pattern.compile("[\\s·•.\\-_]");
    private static final Pattern SERIAL = Pattern.compile("[A-Z0-9]{5,6}");
    private static final String SUFFIXES = "挂学警港澳领试超";

    private Plates() {
    }

    /**
     * The plate in its one comparable form, or INVALID_ARGUMENT on {@code field} saying which part is wrong: the
     * province character, the issuing-office letter, or the five (six for new energy) serial characters.
     */
    public static String normalise(String plate, String field) {
        if (plate == null || plate.isBlank()) {
            throw new InvalidArgumentException(field, "is required");
        }
        String text = SEPARATORS.matcher(Normalizer.normalize(plate, Normalizer.Form.NFKC)).replaceAll("").toUpperCase(Locale.ROOT);
        if (text.length() < 7 || text.length() > 9) {
            throw new InvalidArgumentException(field, "must be 7 or 8 characters (a province character, a letter, 5 or 6 serial characters)");
        }
        if (PROVINCES.indexOf(text.charAt(0)) < 0) {
            throw new InvalidArgumentException(field, "must start with a province character such as 苏");
        }
        if (text.charAt(1) < 'A' || text.charAt(1) > 'Z') {
            throw new InvalidArgumentException(field, "must have the issuing office's letter second");
        }
        String rest = text.substring(2);
        if (!rest.isEmpty() && SUFFIXES.indexOf(rest.charAt(rest.length() - 1)) >= 0) {
            rest = rest.substring(0, rest.length() - 1);
        }
        if (!SERIAL.matcher(rest).matches()) {
            throw new InvalidArgumentException(field, "must have 5 or 6 serial letters or digits after the office letter");
        }
        return text;
    }

    /** A colour by name; unspecified is null (matches any colour). */
    public static Colour colour(String name, String field) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return Colour.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException(field, "must be one of BLUE, YELLOW, GREEN, WHITE, BLACK");
        }
    }
}
