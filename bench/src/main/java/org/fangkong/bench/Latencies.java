package org.fangkong.bench;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

/** Latencies recorded from many threads into one HdrHistogram (microseconds, up to a minute). */
final class Latencies {

    private final Recorder recorder = new Recorder(TimeUnit.MINUTES.toMicros(1), 3);
    private Histogram total;

    void record(long nanos) {
        recorder.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(nanos), TimeUnit.MINUTES.toMicros(1)));
    }

    /** Everything recorded since the last call (warm-up is discarded by calling this once before measuring). */
    Histogram take() {
        total = recorder.getIntervalHistogram();
        return total;
    }

    static double millis(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
