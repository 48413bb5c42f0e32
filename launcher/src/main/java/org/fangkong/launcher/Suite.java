package org.fangkong.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import org.fangkong.infra.AppProcess;
import org.fangkong.infra.ChildProcesses;
import org.fangkong.infra.EmbeddedKeycloak;
import org.fangkong.infra.EmbeddedPostgresServer;
import org.fangkong.infra.EmbeddedRedisServer;
import org.fangkong.infra.FreePorts;

/**
 * The whole platform on one machine: PostgreSQL, Redis and Keycloak (embedded, or external ones), the four services
 * and the gateway as separate processes from their packaged apps, each pointed at that infrastructure. Closing it
 * stops everything it started, apps first.
 */
public final class Suite implements AutoCloseable {

    /** Database of each data-owning service. */
    static final Map<String, String> DATABASES = Map.of("units-service", "units", "checkpoint-service", "checkpoints",
            "video-service", "video", "alert-service", "alerts");
    /** The ports of a default run, as the apps' %dev profiles and the README name them. */
    static final Map<String, Integer> FIXED_PORTS = Map.ofEntries(Map.entry("gateway", 8080), Map.entry("units-service", 8081),
            Map.entry("checkpoint-service", 8082), Map.entry("video-service", 8083), Map.entry("alert-service", 8084),
            Map.entry("keycloak", 8180), Map.entry("postgres", 55432), Map.entry("redis", 56379),
            // Health and metrics: each app's management port is its HTTP port plus 1000.
            Map.entry("gateway.management", 9080), Map.entry("units-service.management", 9081),
            Map.entry("checkpoint-service.management", 9082), Map.entry("video-service.management", 9083),
            Map.entry("alert-service.management", 9084));

    private final LaunchOptions options;
    private final Progress progress;
    private final Map<String, Integer> ports = new HashMap<>();
    private final List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AppProcess> apps = new LinkedHashMap<>();
    private String realmUrl;
    private RealmTokens tokens;

    private Suite(LaunchOptions options, PrintStream out) {
        this.options = options;
        this.progress = new Progress(out);
    }

    /** Starts everything and waits until every app is ready; on failure stops what had started and rethrows. */
    public static Suite start(LaunchOptions options, PrintStream out) {
        Suite suite = new Suite(options, out);
        try {
            suite.boot();
            return suite;
        } catch (RuntimeException e) {
            suite.close();
            throw e;
        }
    }

    private void boot() {
        try {
            if (options.fresh()) {
                ChildProcesses.deleteTree(options.workDirectory());
            }
            Files.createDirectories(options.workDirectory().resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FIXED_PORTS.forEach((name, port) -> ports.put(name, options.freePorts() ? FreePorts.pickForLater(new java.util.HashSet<>(ports.values())) : port));

        CompletableFuture<String> keycloak = CompletableFuture.supplyAsync(this::startOidc);
        String postgresUrl = startPostgres();
        String redisUrl = startRedis();
        realmUrl = join(keycloak);
        tokens = new RealmTokens(realmUrl);
        if (options.externalOidc() == null) {
            int gateway = ports.get("gateway");
            RealmAdmin.allowConsoleAt(realmUrl, List.of("http://localhost:" + gateway, "http://127.0.0.1:" + gateway));
        }

        Map<String, CompletableFuture<AppProcess>> starting = new LinkedHashMap<>();
        for (String app : List.of("units-service", "checkpoint-service", "video-service", "alert-service", "gateway")) {
            Map<String, String> config = appConfig(options, ports, System.getenv(), app, postgresUrl, redisUrl, realmUrl);
            starting.put(app, CompletableFuture.supplyAsync(() -> progress.step(app, () -> {
                AppProcess process = AppProcess.start(app, options.repository().resolve(app).resolve("target/quarkus-app"), ports.get(app),
                        config, options.workDirectory().resolve("logs").resolve(app + ".log"), Duration.ofMinutes(4));
                started.add(process);
                return process;
            })));
        }
        starting.forEach((app, process) -> apps.put(app, join(process)));
    }

    private String startPostgres() {
        if (options.externalPostgres() != null) {
            progress.note("postgres", "external " + options.externalPostgres());
            return "postgresql://" + options.externalPostgres();
        }
        EmbeddedPostgresServer postgres = progress.step("postgres", () -> EmbeddedPostgresServer.start(ports.get("postgres"),
                options.workDirectory().resolve("postgres")));
        started.add(postgres);
        DATABASES.values().forEach(postgres::createDatabase);
        return "postgresql://127.0.0.1:" + postgres.port();
    }

    private String startRedis() {
        if (options.externalRedis() != null) {
            progress.note("redis", "external " + options.externalRedis());
            return options.externalRedis();
        }
        EmbeddedRedisServer redis = progress.step("redis", () -> EmbeddedRedisServer.start(ports.get("redis"), options.workDirectory().resolve("redis")));
        started.add(redis);
        return redis.url();
    }

    private String startOidc() {
        if (options.externalOidc() != null) {
            progress.note("keycloak", "external " + options.externalOidc());
            return options.externalOidc();
        }
        Path distribution = options.repository().resolve("launcher/target/keycloak/keycloak-quarkus-dist-" + Versions.KEYCLOAK + ".tar.gz");
        EmbeddedKeycloak keycloak = progress.step("keycloak", () -> EmbeddedKeycloak.start(distribution, Versions.cacheDirectory(),
                options.workDirectory().resolve("keycloak"), ports.get("keycloak"), Duration.ofMinutes(5)));
        started.add(keycloak);
        return keycloak.realmUrl();
    }

    /**
     * What an app is started with: its database, Redis, the realm and its secret there, and the ports of the services
     * it calls. With external infrastructure, secrets and database passwords come from {@code env}.
     */
    static Map<String, String> appConfig(LaunchOptions options, Map<String, Integer> ports, Map<String, String> env, String app, String postgresUrl,
            String redisUrl, String realmUrl) {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.management.port", String.valueOf(ports.get(app + ".management")));
        config.put("quarkus.redis.hosts", redisUrl);
        config.put("quarkus.oidc.auth-server-url", realmUrl);
        config.put("quarkus.oidc-client.credentials.secret", options.externalOidc() == null ? DemoRealm.secret(app)
                : env.getOrDefault("FANGKONG_SECRET_" + app.toUpperCase(Locale.ROOT).replace('-', '_'), ""));
        // Logs go to files read by people; JSON is for production collectors.
        config.put("quarkus.log.console.json.enabled", "false");
        String database = DATABASES.get(app);
        if (database != null) {
            String password = options.externalPostgres() == null ? database
                    : env.getOrDefault("FANGKONG_DB_PASSWORD_" + database.toUpperCase(Locale.ROOT), database);
            config.put("quarkus.datasource.reactive.url", postgresUrl + "/" + database);
            config.put("quarkus.datasource.jdbc.url", "jdbc:" + postgresUrl + "/" + database);
            config.put("quarkus.datasource.username", database);
            config.put("quarkus.datasource.password", password);
        }
        List<String> calls = switch (app) {
            case "gateway" -> List.of("units:units-service", "checkpoints:checkpoint-service", "video:video-service", "alerts:alert-service");
            case "alert-service" -> List.of("units:units-service", "checkpoints:checkpoint-service");
            case "video-service" -> List.of("alerts:alert-service");
            default -> List.of();
        };
        for (String call : calls) {
            String[] client = call.split(":");
            config.put("quarkus.grpc.clients." + client[0] + ".host", "127.0.0.1");
            config.put("quarkus.grpc.clients." + client[0] + ".port", String.valueOf(ports.get(client[1])));
        }
        if (app.equals("gateway")) {
            // The administrator seeding the demo is an onboarding job, from several threads: a limit of its own that fits
            // the scale, as a deployment gives its relays and import jobs. Everyone else keeps the default.
            config.put("fangkong.gateway.rate-limit-callers.\"admin\"", String.valueOf(seedingRequestsPerSecond(options.scale())));
        }
        return config;
    }

    /** Requests a second the demo's administrator may make while seeding (and starting shifts) at a scale. */
    static int seedingRequestsPerSecond(ProvincePlan.Scale scale) {
        return switch (scale) {
            case SMALL -> 200;
            case CITY -> 500;
            case PROVINCE -> 2_000;
        };
    }

    public String gatewayUrl() {
        return apps.get("gateway").baseUrl();
    }

    public String realmUrl() {
        return realmUrl;
    }

    public RealmTokens tokens() {
        return tokens;
    }

    public Map<String, AppProcess> apps() {
        return Collections.unmodifiableMap(apps);
    }

    public Map<String, Integer> ports() {
        return Collections.unmodifiableMap(ports);
    }

    public LaunchOptions options() {
        return options;
    }

    Progress progress() {
        return progress;
    }

    /** Stops the apps (in parallel), then Keycloak, Redis and PostgreSQL. */
    @Override
    public void close() {
        List<AutoCloseable> stopping;
        synchronized (started) {
            stopping = new ArrayList<>(started);
            started.clear();
        }
        List<CompletableFuture<Void>> apps = stopping.stream().filter(AppProcess.class::isInstance)
                .map(app -> CompletableFuture.runAsync(() -> closeQuietly(app))).toList();
        apps.forEach(CompletableFuture::join);
        List<AutoCloseable> servers = new ArrayList<>(stopping.stream().filter(part -> !(part instanceof AppProcess)).toList());
        Collections.reverse(servers);
        servers.forEach(Suite::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            System.err.println("could not stop " + part + ": " + e.getMessage());
        }
    }

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Runs a step, reporting it as starting and then ready with the time taken. */
    static final class Progress {
        private final PrintStream out;

        Progress(PrintStream out) {
            this.out = out;
        }

        <T> T step(String component, Supplier<T> start) {
            long began = System.nanoTime();
            synchronized (out) {
                out.printf("  %-20s starting%n", component);
            }
            try {
                T result = start.get();
                synchronized (out) {
                    out.printf("  %-20s ready in %.1f s%n", component, (System.nanoTime() - began) / 1e9);
                }
                return result;
            } catch (RuntimeException e) {
                synchronized (out) {
                    out.printf("  %-20s FAILED after %.1f s: %s%n", component, (System.nanoTime() - began) / 1e9, e.getMessage());
                }
                throw e;
            }
        }

        void note(String component, String what) {
            synchronized (out) {
                out.printf("  %-20s %s%n", component, what);
            }
        }
    }
}
