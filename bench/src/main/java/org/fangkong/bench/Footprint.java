package org.fangkong.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.fangkong.infra.AppProcess;

/** Scenario 5: how long the suite takes to be ready, and what each app holds in memory. */
final class Footprint {

    static final String NAME = "footprint";

    private Footprint() {
    }

    /** The empty app's start to ready (alone, the suite idle) and its resident memory once ready. */
    record Baseline(double startSeconds, double residentMegabytes) {
    }

    static final String BASELINE = "empty Quarkus app, same extensions";

    /**
     * Starts bench/empty-app (the services' extensions, no code of their own) with the apps' JVM settings against the
     * suite's PostgreSQL, Redis and realm, and measures it as the apps are measured.
     */
    static Baseline emptyApp(Path repository, Map<String, String> config, Path log) {
        long began = System.nanoTime();
        try (AppProcess app = AppProcess.start("bench-empty-app", repository.resolve("bench/empty-app/target/quarkus-app"), config, log,
                Duration.ofMinutes(2))) {
            double seconds = (System.nanoTime() - began) / 1e9;
            return new Baseline(seconds, residentMegabytes(app.handle().pid()));
        }
    }

    static List<Result> run(double startSeconds, Map<String, AppProcess> apps, String when, Baseline baseline) {
        List<Result> results = new ArrayList<>();
        if (startSeconds > 0) {
            results.add(new Result(NAME, "start to all five apps ready (PostgreSQL, Redis, Keycloak included)", startSeconds, "s", "", 0, false, "",
                    null));
            results.add(new Result(NAME, BASELINE + ": start to ready, alone", baseline.startSeconds(), "s", "", 0, false, "", null));
        }
        apps.forEach((name, app) -> results.add(new Result(NAME, name + " resident memory, " + when, residentMegabytes(app.handle().pid()), "MB",
                BASELINE, baseline.residentMegabytes(), false, "", null)));
        return results;
    }

    /** VmRSS from /proc (Linux); NaN elsewhere. */
    static double residentMegabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process has gone
        }
        return Double.NaN;
    }
}
