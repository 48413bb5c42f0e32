package org.fangkong.systemtests;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.awaitility.Awaitility;
import org.fangkong.launcher.DemoProvince;
import org.fangkong.launcher.Fangkong;
import org.fangkong.launcher.RealmTokens;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.RestAssured;

/**
 * The platform as {@code ./fangkong up} runs it, booted once for all the system tests of a run: a real Keycloak with
 * the demo realm, the five apps as separate processes on embedded PostgreSQL and Redis, the demo province and the
 * simulator. {@link CleanStopTest}, the last class, stops it as Ctrl-C does; a run that ends sooner kills it.
 *
 * <p>{@code -Dfangkong.attach=<work folder>} runs the tests against a suite already started there with
 * {@code ./fangkong up --work <folder>} instead (and leaves it running).
 */
final class RunningPlatform {

    private static RunningPlatform instance;

    final Path repository;
    final Path work;
    final Process launcher;
    final Properties running;
    final RealmTokens tokens;
    final DemoProvince.Seeded province;

    private RunningPlatform(Path repository, Path work, Process launcher) throws IOException {
        this.repository = repository;
        this.work = work;
        this.launcher = launcher;
        this.running = new Properties();
        try (Reader reader = Files.newBufferedReader(work.resolve(Fangkong.RUNNING_FILE))) {
            running.load(reader);
        }
        this.tokens = new RealmTokens(running.getProperty("realm"));
        this.province = new ObjectMapper().readValue(work.resolve("demo-province.json").toFile(), DemoProvince.Seeded.class);
    }

    static synchronized RunningPlatform get() {
        if (instance == null) {
            try {
                instance = start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            RestAssured.baseURI = instance.gateway();
            RestAssured.port = -1;
        }
        return instance;
    }

    private static RunningPlatform start() throws IOException {
        Path repository = Path.of(System.getProperty("fangkong.repository", "..")).toAbsolutePath().normalize();
        String attach = System.getProperty("fangkong.attach", "");
        if (!attach.isBlank()) {
            return new RunningPlatform(repository, Path.of(attach).toAbsolutePath(), null);
        }
        Path work = repository.resolve("system-tests/target/e2e");
        Files.createDirectories(work);
        // The script a user runs (the build has already packaged every app, so it starts them at once).
        List<String> command = List.of(repository.resolve("fangkong").toString(), "up", "--free-ports", "--fresh", "--work", work.toString());
        Path log = repository.resolve("system-tests/target/launcher.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process launcher = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> kill(launcher), "stop-platform"));
        Path runningFile = work.resolve(Fangkong.RUNNING_FILE);
        Awaitility.await("the launcher's summary").atMost(Duration.ofMinutes(11)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            if (!launcher.isAlive()) {
                throw new AssertionError("the launcher exited with " + launcher.exitValue() + ":\n" + Files.readString(log));
            }
            return Files.exists(runningFile) && Files.readString(log).contains("Fangkong is up");
        });
        return new RunningPlatform(repository, work, launcher);
    }

    private static void kill(Process launcher) {
        if (launcher.isAlive()) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    String gateway() {
        return running.getProperty("gateway");
    }

    /** The gateway as a browser on this machine addresses it (the console's sign-in comes back there). */
    String console() {
        return gateway().replace("127.0.0.1", "localhost") + "/console/";
    }
}
