package org.fangkong.infra.testing;

import java.time.Duration;
import java.util.concurrent.Callable;

import org.awaitility.Awaitility;

/** Waits in tests: for what must happen, within a bound, and for what must not, over a period. */
public final class Eventually {

    private static final Duration POLL = Duration.ofMillis(100);

    private Eventually() {
    }

    /** Returns as soon as the condition holds; fails naming {@code what} if it does not within {@code within}. */
    public static void until(String what, Duration within, Callable<Boolean> condition) {
        Awaitility.await(what).atMost(within).pollDelay(Duration.ZERO).pollInterval(POLL).until(condition);
    }

    /**
     * Watches the condition for the whole period and fails as soon as it stops holding: for what must not happen (a
     * second event, an early firing), which no signal announces.
     */
    public static void holdsFor(String what, Duration period, Callable<Boolean> condition) {
        Awaitility.await(what).during(period).atMost(period.plusSeconds(5)).pollDelay(Duration.ZERO).pollInterval(POLL).until(condition);
    }
}
