package org.fangkong.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The memory the running platform takes: this launcher, every process it started (apps, Keycloak, Redis) and the
 * embedded PostgreSQL server with its backends, read from /proc (Linux). Each process counts its proportional set size
 * ({@code Pss}: pages shared between processes, such as PostgreSQL's shared buffers, are split among them rather than
 * counted once per process), or its resident set where the kernel does not say.
 */
final class Footprint {

    private Footprint() {
    }

    /** Bytes in use, or -1 where /proc cannot tell (not Linux). */
    static long bytes(Path workDirectory) {
        Set<Long> processes = new LinkedHashSet<>();
        ProcessHandle self = ProcessHandle.current();
        processes.add(self.pid());
        self.descendants().forEach(child -> processes.add(child.pid()));
        // PostgreSQL's server leaves the launcher's process tree when it starts (pg_ctl); its first line is its id.
        try {
            List<String> postmaster = Files.readAllLines(workDirectory.resolve("postgres/postmaster.pid"), StandardCharsets.UTF_8);
            ProcessHandle.of(Long.parseLong(postmaster.get(0).strip())).ifPresent(server -> {
                processes.add(server.pid());
                server.descendants().forEach(backend -> processes.add(backend.pid()));
            });
        } catch (IOException | RuntimeException external) {
            // An external PostgreSQL (or none yet) is not ours to count.
        }
        long total = 0;
        boolean read = false;
        for (long pid : processes) {
            long bytes = ofProcess(Path.of("/proc", String.valueOf(pid)));
            if (bytes >= 0) {
                total += bytes;
                read = true;
            }
        }
        return read ? total : -1;
    }

    /** "2.4 GB", or "" where it cannot be told. */
    static String describe(Path workDirectory) {
        long bytes = bytes(workDirectory);
        return bytes < 0 ? "" : String.format("%.1f GB", bytes / 1e9);
    }

    private static long ofProcess(Path process) {
        long pss = field(process.resolve("smaps_rollup"), "Pss:");
        return pss >= 0 ? pss : field(process.resolve("status"), "VmRSS:");
    }

    /** A "Name:   1234 kB" line's value in bytes; -1 when the file or line is not there. */
    private static long field(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).replace("kB", "").strip()) * 1024;
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended meanwhile, or the file is not readable
        }
        return -1;
    }
}
