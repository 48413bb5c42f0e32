package org.fangkong.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

/**
 * A real Keycloak ({@code org.keycloak:keycloak-quarkus-dist}, the server distribution from Maven Central) in
 * development mode with the {@code fangkong} realm imported. The unpacked and built server is kept in a cache folder
 * per version, so only the first start pays for Keycloak's build step (about a minute); its database lives in the
 * caller's data folder, so each working folder has its own users and sessions.
 */
public final class EmbeddedKeycloak implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedKeycloak.class);
    /** The realm every Fangkong app validates tokens against. */
    public static final String REALM = "fangkong";
    private static final String REALM_RESOURCE = "/keycloak/fangkong-realm.json";

    private final Process process;
    private final int port;
    private final Path log;

    private EmbeddedKeycloak(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Unpacks the distribution into the cache (once per version), imports the realm into a database under
     * {@code dataDirectory} and waits until the realm answers.
     *
     * @param distribution the {@code keycloak-quarkus-dist-<version>.tar.gz}
     * @param cache the folder holding unpacked servers, one per version
     * @param port HTTP port; the realm's issuer is {@code http://localhost:<port>/realms/fangkong}
     */
    public static EmbeddedKeycloak start(Path distribution, Path cache, Path dataDirectory, int port, Duration readyWithin) {
        try {
            Path home = unpacked(distribution, cache);
            Path realmFile = home.resolve("data/import/fangkong-realm.json");
            byte[] realm = realmJson();
            Files.createDirectories(realmFile.getParent());
            if (!Files.exists(realmFile) || !MessageDigest.isEqual(Files.readAllBytes(realmFile), realm)) {
                Path written = Files.createTempFile(realmFile.getParent(), "realm", ".tmp");
                Files.write(written, realm);
                Files.move(written, realmFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            Path database = dataDirectory.toAbsolutePath().resolve("h2");
            // A realm file that changed since this database imported it is imported afresh.
            Path imported = database.resolve("realm.sha256");
            if (Files.exists(imported) && !Files.readString(imported).equals(sha256(realm))) {
                ChildProcesses.deleteTree(database);
            }
            Files.createDirectories(database);
            Files.writeString(imported, sha256(realm));
            Path log = dataDirectory.toAbsolutePath().resolve("keycloak.log");
            List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start-dev", "--import-realm",
                    "--http-port=" + port, "--http-management-port=" + FreePorts.pickForLater(java.util.Set.of(port)), "--hostname=http://localhost:" + port,
                    "--db-url=jdbc:h2:file:" + database.resolve("keycloakdb") + ";NON_KEYWORDS=VALUE", "--log-console-color=false"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.putIfAbsent("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
            EmbeddedKeycloak keycloak = new EmbeddedKeycloak(builder.start(), port, log);
            Runtime.getRuntime().addShutdownHook(new Thread(keycloak::close, "stop-keycloak"));
            keycloak.awaitRealm(readyWithin);
            return keycloak;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Keycloak from " + distribution, e);
        }
    }

    /** The realm's URL, which is also the issuer of its tokens. */
    public String realmUrl() {
        return "http://localhost:" + port + "/realms/" + REALM;
    }

    public int port() {
        return port;
    }

    /** The realm every Fangkong app is configured with, as JSON. */
    public static byte[] realmJson() throws IOException {
        try (InputStream in = EmbeddedKeycloak.class.getResourceAsStream(REALM_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(REALM_RESOURCE + " is missing from the classpath");
            }
            return in.readAllBytes();
        }
    }

    private static Path unpacked(Path distribution, Path cache) throws IOException {
        if (!Files.isRegularFile(distribution)) {
            throw new IllegalStateException("Keycloak distribution " + distribution + " is missing (./mvnw package fetches it)");
        }
        String name = distribution.getFileName().toString().replace(".tar.gz", "");
        Path home = cache.resolve(name);
        if (Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            return home;
        }
        Files.createDirectories(cache);
        Path staging = Files.createTempDirectory(cache, name + ".unpacking");
        run(List.of("tar", "-xzf", distribution.toString(), "-C", staging.toString(), "--strip-components=1"));
        try {
            Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException lostRace) {
            // Another launcher unpacked the same version meanwhile: use that one.
            ChildProcesses.deleteTree(staging);
        }
        return home;
    }

    private void awaitRealm(Duration within) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(realmUrl() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; log tail:\n" + logTail());
            }
            try {
                if (http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    LOG.infof("Keycloak ready on port %d (log: %s)", port, log);
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("Keycloak was not ready within " + within + "; log tail:\n" + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, Duration.ofSeconds(20));
    }

    private static void run(List<String> command) throws IOException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
