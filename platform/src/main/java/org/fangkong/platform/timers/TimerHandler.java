package org.fangkong.platform.timers;

import java.time.Instant;
import java.util.List;

import io.smallrye.mutiny.Uni;

/**
 * What happens when a timer of one queue comes due. Implement it as an {@code @ApplicationScoped} bean; the
 * platform fires each due timer on exactly one replica, and again only if that replica died before finishing.
 */
public interface TimerHandler {

    /** The queue this handler serves, e.g. {@code breach}. One handler per queue. */
    String queue();

    /**
     * Handles a due timer. A failure leaves the timer claimed; it is due again when the claim lapses. The handler
     * may schedule its own key again (a watchdog moving itself on); that new due time survives the firing.
     */
    Uni<Void> fire(String key, Instant dueAt);

    /** A timer the owning service still needs, rebuilt from its PostgreSQL state after Redis lost its data. */
    record Pending(String key, Instant dueAt) {
    }

    /** Every timer this service still needs, from its PostgreSQL state. */
    default Uni<List<Pending>> pending() {
        return Uni.createFrom().item(List.of());
    }
}
