package org.fangkong.platform.recovery;

import io.smallrye.mutiny.Uni;

/**
 * Rebuilds hot state a service owns in Redis (live states, the active wanted list, cordon state) from its
 * PostgreSQL data. Implement it as an {@code @ApplicationScoped} bean; it runs at start and whenever Redis is found
 * to have lost its data, while the app reports not ready. It must be idempotent: replicas may run it together.
 */
public interface HotStateRebuilder {

    /** A name for logs, e.g. {@code unit live state}. */
    String name();

    Uni<Void> rebuild();
}
