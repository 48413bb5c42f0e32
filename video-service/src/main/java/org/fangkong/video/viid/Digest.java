package org.fangkong.video.viid;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP Digest authentication (RFC 2617, MD5, {@code qop=auth}) as GA/T 1400 devices use it to register. Nonces are
 * stateless: the issue time signed with a shared secret, so any replica checks a nonce another one issued.
 */
public final class Digest {

    private final String realm;
    private final byte[] secret;
    private final Duration lifetime;

    public Digest(String realm, String secret, Duration lifetime) {
        this.realm = realm;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.lifetime = lifetime;
    }

    /** The parameters of an {@code Authorization: Digest ...} header, names lower-cased. */
    public record Credentials(Map<String, String> params) {
        public String get(String name) {
            return params.getOrDefault(name, "");
        }
    }

    public String realm() {
        return realm;
    }

    /** What the server stores instead of the password: MD5(user:realm:password). */
    public static String ha1(String user, String realm, String password) {
        return md5(user + ":" + realm + ":" + password);
    }

    /** The {@code WWW-Authenticate} value for a 401; {@code stale} tells the client its password was right. */
    public String challenge(Instant now, boolean stale) {
        return "Digest realm=\"" + realm + "\", qop=\"auth\", algorithm=MD5, nonce=\"" + nonce(now) + "\"" + (stale ? ", stale=true" : "");
    }

    public static Optional<Credentials> parse(String header) {
        if (header == null || !header.regionMatches(true, 0, "Digest ", 0, 7)) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        String rest = header.substring(7);
        int i = 0;
        while (i < rest.length()) {
            while (i < rest.length() && (rest.charAt(i) == ' ' || rest.charAt(i) == ',')) {
                i++;
            }
            int eq = rest.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = rest.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            String value;
            if (i < rest.length() && rest.charAt(i) == '"') {
                int close = rest.indexOf('"', i + 1);
                if (close < 0) {
                    return Optional.empty();
                }
                value = rest.substring(i + 1, close);
                i = close + 1;
            } else {
                int comma = rest.indexOf(',', i);
                int end = comma < 0 ? rest.length() : comma;
                value = rest.substring(i, end).strip();
                i = end;
            }
            params.put(name, value);
        }
        return Optional.of(new Credentials(params));
    }

    public enum Check {
        VALID,
        /** Right password on an expired nonce: the client retries with the new nonce without asking anyone. */
        STALE,
        INVALID
    }

    /** Checks the client's response against the stored HA1 for this method and request path. */
    public Check verify(Credentials credentials, String method, String path, String storedHa1, Instant now) {
        String algorithm = credentials.get("algorithm");
        String qop = credentials.get("qop");
        if (!realm.equals(credentials.get("realm")) || !(algorithm.isEmpty() || algorithm.equalsIgnoreCase("MD5"))
                || !(qop.isEmpty() || qop.equals("auth")) || !path.equals(credentials.get("uri"))) {
            return Check.INVALID;
        }
        String ha2 = md5(method + ":" + credentials.get("uri"));
        String nonce = credentials.get("nonce");
        String expected = qop.isEmpty() ? md5(storedHa1 + ":" + nonce + ":" + ha2)
                : md5(storedHa1 + ":" + nonce + ":" + credentials.get("nc") + ":" + credentials.get("cnonce") + ":" + qop + ":" + ha2);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                credentials.get("response").toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return Check.INVALID;
        }
        return issuedAt(nonce).map(issued -> issued.plus(lifetime).isAfter(now) && !issued.isAfter(now.plusSeconds(5)) ? Check.VALID : Check.STALE)
                .orElse(Check.INVALID);
    }

    private String nonce(Instant now) {
        String issued = Long.toString(now.getEpochSecond());
        return Base64.getUrlEncoder().withoutPadding().encodeToString((issued + ":" + sign(issued)).getBytes(StandardCharsets.US_ASCII));
    }

    /** The issue time of a nonce this deployment signed; empty for anything else. */
    private Optional<Instant> issuedAt(String nonce) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(nonce), StandardCharsets.US_ASCII);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            String issued = decoded.substring(0, colon);
            if (!MessageDigest.isEqual(sign(issued).getBytes(StandardCharsets.US_ASCII), decoded.substring(colon + 1).getBytes(StandardCharsets.US_ASCII))) {
                return Optional.empty();
            }
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(issued)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String sign(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static String md5(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }
}
