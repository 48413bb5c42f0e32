package org.fangkong.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * One of our apps run from its packaged {@code target/quarkus-app} in its own small JVM on a free port: how tests
 * reach a real sibling service, and how the local launcher runs the suite. Started apps are stopped (with any
 * children) when closed or when this JVM exits.
 */
public final class AppProcess implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AppProcess.class);
    private static final String MANAGEMENT_PORT = "quarkus.management.port";
    private static final List<String> SMALL_JVM = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final String name;
    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path log;

    private AppProcess(String name, Process process, int port, int managementPort, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
    }

    /**
     * Starts an app and waits until {@code /q/health/ready} answers 200.
     *
     * @param appDirectory the app's {@code target/quarkus-app}
     * @param config Quarkus configuration passed as system properties
     * @param log where the app's output goes
     */
    public static AppProcess start(String name, Path appDirectory, Map<String, String> config, Path log, Duration readyWithin) {
        return start(name, appDirectory, FreePorts.pick(), config, log, readyWithin);
    }

    /**
     * Starts an app on the given HTTP port and waits until {@code /q/health/ready} answers 200 on its management port:
     * {@code quarkus.management.port} when {@code config} names one, otherwise a free port.
     */
    public static AppProcess start(String name, Path appDirectory, int port, Map<String, String> config, Path log, Duration readyWithin) {
        Path jar = appDirectory.resolve("quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " is not packaged: " + jar + " is missing (run ./mvnw package first)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions());
        int managementPort = config.containsKey(MANAGEMENT_PORT) ? Integer.parseInt(config.get(MANAGEMENT_PORT)) : FreePorts.pick();
        command.add("-Dquarkus.http.port=" + port);
        command.add("-D" + MANAGEMENT_PORT + "=" + managementPort);
        config.forEach((key, value) -> {
            if (!key.equals(MANAGEMENT_PORT)) {
                command.add("-D" + key + "=" + value);
            }
        });
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            AppProcess app = new AppProcess(name, process, port, managementPort, log);
            Runtime.getRuntime().addShutdownHook(new Thread(app::close, "stop-" + name));
            app.awaitReady(readyWithin);
            LOG.infof("%s ready on port %d (log: %s)", name, port, log);
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** Small JVMs by default (tests, the laptop demo); {@code -Dfangkong.app-jvm="..."} replaces them (the benchmark). */
    private static List<String> jvmOptions() {
        String custom = System.getProperty("fangkong.app-jvm", "").trim();
        return custom.isEmpty() ? SMALL_JVM : List.of(custom.split("\\s+"));
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    /** The app's process, for checking it has gone after a stop. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Where health ({@code /q/health/*}) and metrics ({@code /q/metrics}) are served. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    private void awaitReady(Duration within) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log tail:\n" + logTail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(Duration.ofMillis(250));
        }
        close();
        throw new IllegalStateException(name + " was not ready within " + within + "; log tail:\n" + logTail());
    }

    /** The last lines of the app's output, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Kills the app at once (SIGKILL), as a crash would: no shutdown hooks, nothing flushed. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, Duration.ofSeconds(15));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
