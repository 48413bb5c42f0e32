package org.fangkong.platform.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Device ids and stream tickets are bearer secrets: they are stored, and used as keys, only as their SHA-256, so a
 * copy of the database or of Redis lets nobody report as a device or open a stream.
 */
public final class Secrets {

    private Secrets() {
    }

    /** The SHA-256 of the secret's UTF-8 bytes, as 64 lower-case hex digits. */
    public static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
