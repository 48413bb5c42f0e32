package org.fangkong.platform.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Bearer tokens whose signature, issuer and expiry OIDC verified, remembered by the SHA-256 of the whole token until
 * the earlier of its expiry and {@code fangkong.token-cache.max-age}, so a caller's next request (and every hop of one
 * request through the platform, each presenting the same token) is not verified again. Filled after OIDC verified a
 * token (this is the last augmentor to run), read first by {@link CachedTokenIdentityProvider}; a token that failed
 * verification never gets here. Role and scope checks run on every call as before: only the signature check is saved.
 */
@ApplicationScoped
public class VerifiedTokens implements SecurityIdentityAugmentor {

    /** Marks an identity taken from the cache, so it is not cached again. */
    static final String FROM_CACHE = VerifiedTokens.class.getName();

    private record Verified(SecurityIdentity identity, Instant expiresAt) {
    }

    private final TokenCacheConfig config;
    private final Clock clock;
    private final Cache<String, Verified> cache;
    private final Counter verified;
    private final Counter reused;

    public VerifiedTokens(TokenCacheConfig config, Clock clock, MeterRegistry meters) {
        this.config = config;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().maximumSize(config.maxSize()).expireAfter(new Expiry<String, Verified>() {
            @Override
            public long expireAfterCreate(String key, Verified value, long currentTime) {
                return Math.max(0, Duration.between(clock.instant(), value.expiresAt()).toNanos());
            }

            @Override
            public long expireAfterUpdate(String key, Verified value, long currentTime, long currentDuration) {
                return expireAfterCreate(key, value, currentTime);
            }

            @Override
            public long expireAfterRead(String key, Verified value, long currentTime, long currentDuration) {
                return currentDuration;
            }
        }).build();
        this.verified = Counter.builder("fangkong.tokens.verified").description("Bearer tokens verified by OIDC and remembered").register(meters);
        this.reused = Counter.builder("fangkong.tokens.reused").description("Requests whose bearer token was verified before").register(meters);
    }

    /** The identity of a token verified before and still valid, for the request at hand; null when there is none. */
    SecurityIdentity identity(String token, RoutingContext request, AuthenticationRequestContext context) {
        if (!config.enabled()) {
            return null;
        }
        Verified known = cache.getIfPresent(sha256(token));
        if (known == null || !clock.instant().isBefore(known.expiresAt())) {
            return null;
        }
        reused.increment();
        // The remembered identity carries the request it was verified on; this one gets its own.
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder(known.identity()).addAttribute(FROM_CACHE, Boolean.TRUE)
                .addAttribute(AuthenticationRequestContext.class.getName(), context);
        if (request != null) {
            identity.addAttribute(RoutingContext.class.getName(), request);
        }
        return identity.build();
    }

    /** How many tokens were verified by OIDC (not taken from the cache) since the app started. */
    public long verifications() {
        return (long) verified.count();
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (config.enabled() && !identity.isAnonymous() && identity.getAttribute(FROM_CACHE) == null
                && identity.getPrincipal() instanceof JsonWebToken jwt) {
            TokenCredential token = identity.getCredential(TokenCredential.class);
            if (token != null && token.getToken() != null && jwt.getExpirationTime() > 0) {
                Instant now = clock.instant();
                Instant expiresAt = Instant.ofEpochSecond(jwt.getExpirationTime());
                Instant bound = now.plus(config.maxAge());
                Instant until = expiresAt.isBefore(bound) ? expiresAt : bound;
                if (until.isAfter(now)) {
                    cache.put(sha256(token.getToken()), new Verified(identity, until));
                }
                verified.increment();
            }
        }
        return Uni.createFrom().item(identity);
    }

    /** Runs after every other augmentor, so what is remembered is the identity the request finally had. */
    @Override
    public int priority() {
        return Integer.MIN_VALUE;
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
