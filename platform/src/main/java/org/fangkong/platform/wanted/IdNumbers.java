package org.fangkong.platform.wanted;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.fangkong.platform.errors.InvalidArgumentException;

/**
 * Resident identity numbers (GB 11643, 18 characters with an ISO 7064 check character). They are never stored or
 * logged in full: lists keep a keyed hash (HMAC-SHA256 with a deployment secret) to match on, and a masked form
 * ({@code 320102********123X}) for people.
 */
public final class IdNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    private IdNumbers() {
    }

    /** The number upper-cased and checked: 17 digits and the right check character. */
    public static String normalise(String idNumber, String field) {
        if (idNumber == null || idNumber.isBlank()) {
            throw new InvalidArgumentException(field, "is required");
        }
        String id = idNumber.strip().toUpperCase(Locale.ROOT);
        if (!id.matches("\\d{17}[0-9X]")) {
            throw new InvalidArgumentException(field, "must be 18 characters: 17 digits and a digit or X");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * WEIGHTS[i];
        }
        if (CHECK.charAt(sum % 11) != id.charAt(17)) {
            throw new InvalidArgumentException(field, "has a wrong check character (the 18th)");
        }
        return id;
    }

    public static String masked(String id) {
        return id.substring(0, 6) + "********" + id.substring(14);
    }

    /** The keyed hash lists match on; the same secret must be configured wherever numbers are checked. */
    public static String hash(String secret, String id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is in every JVM", e);
        }
    }
}
