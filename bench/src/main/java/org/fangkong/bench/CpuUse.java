package org.fangkong.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Which process had the machine's cores during each scenario: CPU time of every process read from /proc (Linux),
 * grouped as the bench's own load generators, each app, PostgreSQL, Redis, Keycloak and the rest, and shown as cores
 * in use over the scenario's wall time. The JVM profile sees only inside the apps; this says whether an app, the
 * database or the load generator was the one that ran out of CPU.
 */
final class CpuUse {

    static final String BENCH = "bench";
    static final String POSTGRES = "PostgreSQL";
    static final String REDIS = "Redis";
    static final String KEYCLOAK = "Keycloak";
    static final String OTHER = "other";

    /** One scenario's cores in use by group, over its wall time. */
    record Span(String scenario, double wallSeconds, Map<String, Double> cores) {
    }

    private final Map<Long, String> apps;
    private final List<String> groups;
    private final double ticksPerSecond = ticksPerSecond();
    private final List<Span> spans = new ArrayList<>();

    /** @param apps each app's name by its process id */
    CpuUse(Map<Long, String> apps) {
        this.apps = apps;
        this.groups = new ArrayList<>(List.of(BENCH));
        apps.values().stream().sorted().forEach(groups::add);
        groups.addAll(List.of(POSTGRES, REDIS, KEYCLOAK, OTHER));
    }

    /** A reading to pass to {@link #end}. */
    record Mark(long nanos, Map<String, Double> seconds) {
    }

    Mark begin() {
        return new Mark(System.nanoTime(), seconds());
    }

    void end(String scenario, Mark begun) {
        Map<String, Double> now = seconds();
        double wall = (System.nanoTime() - begun.nanos()) / 1e9;
        Map<String, Double> cores = new LinkedHashMap<>();
        for (String group : groups) {
            cores.put(group, Math.max(0, now.getOrDefault(group, 0.0) - begun.seconds().getOrDefault(group, 0.0)) / wall);
        }
        spans.add(new Span(scenario, wall, cores));
    }

    List<Span> spans() {
        return List.copyOf(spans);
    }

    List<String> groups() {
        return List.copyOf(groups);
    }

    /** The spans as a Markdown table; empty when nothing was measured. */
    String markdown() {
        if (spans.isEmpty()) {
            return "";
        }
        StringBuilder table = new StringBuilder("| scenario | wall | ").append(String.join(" | ", groups)).append(" | all |\n|");
        table.append(" --- |".repeat(groups.size() + 3)).append('\n');
        for (Span span : spans) {
            table.append("| ").append(span.scenario()).append(" | ").append(String.format(Locale.ROOT, "%.0f s", span.wallSeconds())).append(" | ");
            for (String group : groups) {
                table.append(String.format(Locale.ROOT, "%.2f", span.cores().get(group))).append(" | ");
            }
            table.append(String.format(Locale.ROOT, "%.2f", span.cores().values().stream().mapToDouble(Double::doubleValue).sum())).append(" |\n");
        }
        return table.toString();
    }

    /**
     * CPU seconds so far by group. A process's own time and that of its reaped children count together, so a
     * PostgreSQL backend that has exited is still counted (in the postmaster's children's time) and nothing twice.
     */
    private Map<String, Double> seconds() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(process -> {
                long pid = Long.parseLong(process.getFileName().toString());
                long ticks = ticks(process);
                if (ticks > 0) {
                    seconds.merge(group(pid, self, process), ticks / ticksPerSecond, Double::sum);
                }
            });
        } catch (IOException e) {
            // not Linux: no figures
        }
        return seconds;
    }

    private String group(long pid, long self, Path process) {
        if (pid == self) {
            return BENCH;
        }
        String app = apps.get(pid);
        if (app != null) {
            return app;
        }
        String command = commandLine(process);
        if (command.contains("postgres")) {
            return POSTGRES;
        }
        if (command.contains("redis-server")) {
            return REDIS;
        }
        if (command.contains("keycloak")) {
            return KEYCLOAK;
        }
        return OTHER;
    }

    /** utime + stime + cutime + cstime, fields 14 to 17 of /proc/pid/stat (counted after the command's closing parenthesis). */
    private static long ticks(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"), StandardCharsets.UTF_8);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        } catch (IOException | RuntimeException e) {
            return 0; // gone meanwhile
        }
    }

    private static String commandLine(Path process) {
        try {
            return new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static double ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String answer = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            return getconf.waitFor() == 0 ? Double.parseDouble(answer) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100; // the Linux default
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
