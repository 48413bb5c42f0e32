package org.fangkong.platform.identity;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The verified-token cache ({@link VerifiedTokens}). */
@ConfigMapping(prefix = "fangkong.token-cache")
public interface TokenCacheConfig {

    /** Whether verified bearer tokens are remembered; off, every request verifies its token's signature again. */
    @WithDefault("true")
    boolean enabled();

    /** Longest a verified token is remembered, however long it is valid. */
    @WithDefault("5m")
    Duration maxAge();

    /** Most tokens remembered at once; the least recently used go first. */
    @WithDefault("100000")
    long maxSize();
}
