package org.fangkong.infra.testing;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.List;
import java.util.Map;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Access tokens as the realm issues them, signed with the mock OIDC provider's key. */
public final class TestTokens {

    /** Issuer of the mock provider's discovery document. */
    public static final String ISSUER = "https://server.example.com";
    private static final String SIGNING_KEY = "privateKey.jwk";
    private static final String KEY_ID = "1";

    private TestTokens() {
    }

    /** A person's token: subject, organisation code ({@code org} claim) and realm roles. */
    public static String user(String subject, String org, String... roles) {
        return claims(subject, roles).claim("org", org).jws().keyId(KEY_ID).sign(SIGNING_KEY);
    }

    /** An app's service-account token: realm role {@code service}, no organisation. */
    public static String service(String subject) {
        return claims(subject, "service").jws().keyId(KEY_ID).sign(SIGNING_KEY);
    }

    /** An agency's client-credentials token: realm role {@code agency} and the regions it is granted ({@code regions} claim). */
    public static String agency(String subject, String... regions) {
        return claims(subject, "agency").claim("regions", List.of(regions)).jws().keyId(KEY_ID).sign(SIGNING_KEY);
    }

    /** A well-formed token signed by a key the provider never published: must be refused. */
    public static String forged(String subject, String org, String... roles) {
        return claims(subject, roles).claim("org", org).jws().keyId(KEY_ID).sign(foreignKey());
    }

    /** A token the realm signed that expired an hour ago: must be refused. */
    public static String expired(String subject, String org, String... roles) {
        return claims(subject, roles).claim("org", org).issuedAt(java.time.Instant.now().minusSeconds(7200))
                .expiresAt(java.time.Instant.now().minusSeconds(3600)).jws().keyId(KEY_ID).sign(SIGNING_KEY);
    }

    /** A person's token that the realm signed to expire at {@code expiresAt}. */
    public static String expiringAt(java.time.Instant expiresAt, String subject, String org, String... roles) {
        return claims(subject, roles).claim("org", org).expiresAt(expiresAt).jws().keyId(KEY_ID).sign(SIGNING_KEY);
    }

    /** A token signed with the realm's key but naming another issuer: must be refused. */
    public static String otherIssuer(String subject, String org, String... roles) {
        return Jwt.issuer("https://elsewhere.example.org").subject(subject).preferredUserName(subject)
                .claim("realm_access", Map.of("roles", List.of(roles))).claim("org", org).expiresIn(3600)
                .jws().keyId(KEY_ID).sign(SIGNING_KEY);
    }

    private static JwtClaimsBuilder claims(String subject, String... roles) {
        return Jwt.issuer(ISSUER)
                .subject(subject)
                .preferredUserName(subject)
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .expiresIn(3600);
    }

    private static PrivateKey foreignKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
