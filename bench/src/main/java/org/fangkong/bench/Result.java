package org.fangkong.bench;

/**
 * One figure of a scenario beside the same-run figure of the part underneath it.
 *
 * @param higherIsBetter whether the ratio reads as "share of the baseline achieved" (throughput) rather than
 *        "times slower" (latency, memory)
 * @param target what the figure should reach, in words ("≤ 20 ms"), or empty
 * @param met whether it does (null: no target)
 */
record Result(String scenario, String metric, double value, String unit, String baseline, double baselineValue, boolean higherIsBetter,
        String target, Boolean met) {

    /** The figure divided by its baseline (NaN without one). */
    double ratio() {
        return baselineValue > 0 ? value / baselineValue : Double.NaN;
    }
}
