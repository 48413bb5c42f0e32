package org.fangkong.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code ./fangkong bench --profile}: every app runs with Java Flight Recorder, and each recording is summarised as
 * where the CPU samples fell: the methods on top of the stack (self time) and the code areas anywhere on it (total
 * time), so a missed target comes with where its time went.
 */
final class Profiles {

    private static final int TOP = 15;
    /** Code areas by package prefix, most specific first; a sample counts once per area it passes through. */
    private static final Map<String, String> AREAS = new LinkedHashMap<>();

    static {
        AREAS.put("org.fangkong.", "Fangkong code");
        AREAS.put("org.hibernate.", "Hibernate ORM / Reactive");
        AREAS.put("io.vertx.pgclient.", "PostgreSQL client");
        AREAS.put("io.vertx.redis.", "Redis client");
        AREAS.put("io.grpc.", "grpc-java");
        AREAS.put("io.quarkus.grpc.", "Quarkus gRPC");
        AREAS.put("io.quarkus.oidc.", "OIDC token checks");
        AREAS.put("io.smallrye.jwt.", "JWT parsing");
        AREAS.put("org.jose4j.", "JWT signatures (jose4j)");
        AREAS.put("io.smallrye.faulttolerance.", "Fault tolerance");
        AREAS.put("io.opentelemetry.", "OpenTelemetry");
        AREAS.put("io.micrometer.", "Micrometer");
        AREAS.put("com.google.protobuf.", "protobuf");
        AREAS.put("io.netty.", "Netty");
        AREAS.put("com.fasterxml.jackson.", "Jackson");
        AREAS.put("io.smallrye.mutiny.", "Mutiny");
    }

    private Profiles() {
    }

    /** The JVM option that records an app into {@code directory} (one file per process). */
    static String recordingOption(Path directory) {
        return "-XX:StartFlightRecording=filename=" + directory.toAbsolutePath() + "/,settings=profile,dumponexit=true";
    }

    /** Summarises every recording in {@code directory} into {@code summary} (Markdown); the app is named by its command line. */
    static void summarise(Path directory, Path summary) {
        StringBuilder text = new StringBuilder("# Where the CPU samples fell\n\nJava Flight Recorder, `settings=profile`, whole run.\n");
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jfr")).sorted().toList()) {
                text.append(summary(file));
            }
            Files.writeString(summary, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Summarises recordings made earlier: {@code Profiles <recordings directory> <summary.md>}. */
    public static void main(String[] args) {
        summarise(Path.of(args[0]), Path.of(args[1]));
    }

    private static String summary(Path file) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> areas = new HashMap<>();
        Map<String, Integer> ours = new HashMap<>();
        int samples = 0;
        String app = file.getFileName().toString();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            if (type.equals("jdk.JVMInformation")) {
                String command = event.getString("javaArguments") + " " + event.getString("jvmArguments");
                for (String name : List.of("units-service", "checkpoint-service", "video-service", "alert-service", "gateway", "empty-app")) {
                    if (command.contains(name)) {
                        app = name;
                    }
                }
            }
            if (!type.equals("jdk.ExecutionSample") || event.getStackTrace() == null || event.getStackTrace().getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            self.merge(method(frames.get(0)), 1, Integer::sum);
            frames.stream().filter(frame -> frame.getMethod().getType().getName().startsWith("org.fangkong.")).findFirst()
                    .ifPresent(frame -> ours.merge(method(frame), 1, Integer::sum));
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (RecordedFrame frame : frames) {
                String type2 = frame.getMethod().getType().getName();
                for (Map.Entry<String, String> area : AREAS.entrySet()) {
                    if (type2.startsWith(area.getKey()) && seen.add(area.getValue())) {
                        areas.merge(area.getValue(), 1, Integer::sum);
                    }
                }
            }
        }
        StringBuilder text = new StringBuilder().append("\n## ").append(app).append(" (").append(samples).append(" samples)\n\n");
        text.append("| on top of the stack (self) | share |\n| --- | --- |\n");
        top(self, samples, text);
        text.append("\n| anywhere on the stack (total) | share |\n| --- | --- |\n");
        top(areas, samples, text);
        text.append("\n| Fangkong method nearest the top (its own and what it calls) | share |\n| --- | --- |\n");
        top(ours, samples, text);
        return text.toString();
    }

    private static void top(Map<String, Integer> counts, int samples, StringBuilder text) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(TOP)
                .forEach(entry -> text.append("| `").append(entry.getKey()).append("` | ")
                        .append(String.format(Locale.ROOT, "%.1f%%", 100.0 * entry.getValue() / Math.max(1, samples))).append(" |\n"));
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
