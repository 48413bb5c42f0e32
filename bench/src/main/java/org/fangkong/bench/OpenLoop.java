package org.fangkong.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;

/**
 * Requests at a fixed rate whatever the answers do (open loop): request {@code i} is due at {@code start + i/rate},
 * and its latency runs from that due time, not from when it was actually sent, so a stalled server is charged for
 * every request it held back (no coordinated omission).
 */
final class OpenLoop {

    /** Latencies after warm-up; requests due in the measured window, answered, failed, the rate achieved, the first failure. */
    record Measured(Histogram latencies, long due, long answered, long failures, double answeredPerSecond, String firstFailure) {
    }

    private OpenLoop() {
    }

    static Measured run(double perSecond, Duration warmUp, Duration measure, Supplier<CompletableFuture<?>> call) {
        Latencies latencies = new Latencies();
        AtomicLong answered = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicLong outstanding = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>("");
        long period = (long) (1e9 / perSecond);
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + measure.toNanos();
        long due = 0;
        boolean warm = false;
        long answeredAtStart = 0;
        long failuresAtStart = 0;
        for (long i = 0;; i++) {
            long dueAt = start + i * period;
            if (dueAt >= end) {
                break;
            }
            if (!warm && dueAt >= measureFrom) {
                warm = true;
                latencies.take();
                answeredAtStart = answered.get();
                failuresAtStart = failures.get();
            }
            long wait;
            while ((wait = dueAt - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (warm) {
                due++;
            }
            outstanding.incrementAndGet();
            CompletableFuture<?> sent;
            try {
                sent = call.get();
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            sent.whenComplete((answer, failure) -> {
                if (failure == null) {
                    latencies.record(System.nanoTime() - dueAt);
                    answered.incrementAndGet();
                } else {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet("", String.valueOf(failure));
                }
                outstanding.decrementAndGet();
            });
        }
        // Answers still on their way count, up to a minute.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (outstanding.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        long answeredInWindow = answered.get() - answeredAtStart;
        return new Measured(latencies.take(), due, answeredInWindow, failures.get() - failuresAtStart + outstanding.get(),
                answeredInWindow / (measure.toNanos() / 1e9), firstFailure.get());
    }
}
