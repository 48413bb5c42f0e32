package org.fangkong.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes a run's results as Markdown and JSON under bench/results/, and the table into README's Performance section. */
final class Report {

    static final String README_START = "<!-- bench:start -->";
    static final String README_END = "<!-- bench:end -->";

    private final ZonedDateTime at = ZonedDateTime.now(ZoneOffset.UTC);
    private final String commit;
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final long memoryBytes = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();

    Report(String commit) {
        this.commit = commit;
    }

    String machine() {
        return String.format(Locale.ROOT, "%d cores, %.0f GB memory, Java %s, commit %s, %s", cores, memoryBytes / 1e9,
                System.getProperty("java.version"), commit, at.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
    }

    String markdown(List<Result> results) {
        StringBuilder table = new StringBuilder();
        table.append("Measured on ").append(machine()).append(".\n\n");
        table.append("| scenario | figure | value | baseline (same run) | baseline value | ratio | target | met |\n");
        table.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Result result : results) {
            table.append("| ").append(result.scenario()).append(" | ").append(result.metric()).append(" | ")
                    .append(number(result.value())).append(' ').append(result.unit()).append(" | ")
                    .append(result.baseline().isEmpty() ? "none" : result.baseline()).append(" | ")
                    .append(result.baseline().isEmpty() ? "" : number(result.baselineValue()) + " " + result.unit()).append(" | ")
                    .append(Double.isNaN(result.ratio()) ? "" : String.format(Locale.ROOT, "%.2f×", result.ratio())).append(" | ")
                    .append(result.target()).append(" | ")
                    .append(result.met() == null ? "" : result.met() ? "yes" : "**no**").append(" |\n");
        }
        return table.toString();
    }

    /** Writes results/<time>.md and .json (with the cores each process used, scenario by scenario) and returns the Markdown file. */
    Path write(Path directory, List<Result> results, CpuUse cpu) {
        String stamp = at.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        try {
            Files.createDirectories(directory);
            Path markdown = directory.resolve(stamp + ".md");
            String cores = cpu.markdown();
            Files.writeString(markdown, "# Fangkong benchmark " + stamp + "\n\n" + markdown(results) + (cores.isEmpty() ? ""
                    : "\n## Cores in use, by process\n\nCPU time over wall time while each scenario ran (" + this.cores + " cores in all).\n\n" + cores));
            ObjectMapper json = new ObjectMapper();
            ObjectNode root = json.createObjectNode();
            root.put("at", at.toString()).put("commit", commit).put("cores", cores).put("memoryBytes", memoryBytes)
                    .put("java", System.getProperty("java.version"));
            ArrayNode list = root.putArray("results");
            for (Result result : results) {
                ObjectNode node = list.addObject();
                node.put("scenario", result.scenario()).put("metric", result.metric()).put("value", result.value()).put("unit", result.unit())
                        .put("baseline", result.baseline()).put("baselineValue", result.baselineValue()).put("target", result.target());
                if (!Double.isNaN(result.ratio())) {
                    node.put("ratio", result.ratio());
                }
                if (result.met() != null) {
                    node.put("met", result.met());
                }
            }
            ArrayNode spans = root.putArray("coresInUse");
            for (CpuUse.Span span : cpu.spans()) {
                ObjectNode node = spans.addObject().put("scenario", span.scenario()).put("wallSeconds", span.wallSeconds());
                span.cores().forEach((group, used) -> node.put(group, used));
            }
            Files.writeString(directory.resolve(stamp + ".json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            return markdown;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the table between the README's bench markers; false when the README has none. */
    boolean updateReadme(Path readme, List<Result> results) {
        try {
            String text = Files.readString(readme);
            int start = text.indexOf(README_START);
            int end = text.indexOf(README_END);
            if (start < 0 || end < start) {
                return false;
            }
            String updated = text.substring(0, start + README_START.length()) + "\n" + markdown(results) + text.substring(end);
            if (!updated.equals(text)) {
                Files.writeString(readme, updated);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (Math.abs(value) >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
