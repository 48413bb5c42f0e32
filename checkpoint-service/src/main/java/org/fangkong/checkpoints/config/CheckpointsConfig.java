package org.fangkong.checkpoints.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tunables of checkpoint-service. */
@ConfigMapping(prefix = "fangkong.checkpoints")
public interface CheckpointsConfig {

    Wanted wanted();

    interface Wanted {
        /**
         * The secret ID numbers are hashed with (HMAC-SHA256) before they are stored or matched. Set it from a secret
         * in production; every replica must share it, and changing it needs a re-import of person entries.
         */
        @WithDefault("fangkong-dev-only-id-secret")
        String idSecret();

        /** How long an entry is valid when it does not say. */
        @WithDefault("30d")
        Duration defaultValidity();

        /** Most entries one import chunk may carry (a chunk must also fit the gRPC inbound message limit, 4 MB). */
        @WithDefault("10000")
        int maxChunkEntries();

        /** Page size of lists when the request does not say; and the most a page may hold. */
        @WithDefault("100")
        int defaultPageSize();

        @WithDefault("1000")
        int maxPageSize();
    }
}
