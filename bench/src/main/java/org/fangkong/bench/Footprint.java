package org.fangkong.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.fangkong.infra.AppProcess;

/** Scenario 5: how long the suite takes to be ready, and what each app holds in memory. */
final class Footprint {

    static final String NAME = "footprint";

    private Footprint() {
    }

    static List<Result> run(double startSeconds, Map<String, AppProcess> apps, String when) {
        List<Result> results = new ArrayList<>();
        if (startSeconds > 0) {
            results.add(new Result(NAME, "start to all five apps ready (PostgreSQL, Redis, Keycloak included)", startSeconds, "s", "", 0, false, "",
                    null));
        }
        apps.forEach((name, app) -> results.add(new Result(NAME, name + " resident memory, " + when, residentMegabytes(app.handle().pid()), "MB",
                "", 0, false, "", null)));
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
