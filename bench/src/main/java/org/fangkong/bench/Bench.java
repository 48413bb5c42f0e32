package org.fangkong.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.fangkong.launcher.DemoProvince;
import org.fangkong.launcher.DemoRealm;
import org.fangkong.launcher.GatewayApi;
import org.fangkong.launcher.LaunchOptions;
import org.fangkong.launcher.ProvincePlan;
import org.fangkong.launcher.ServiceCalls;
import org.fangkong.launcher.Suite;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.units.v1.FindNearestUnitsRequest;

/**
 * {@code ./fangkong bench [scenario...]}: starts the suite as {@code ./fangkong up --no-sim} does, loads what the
 * scenarios need through the public APIs, runs them, and writes each figure beside its same-run baseline to
 * bench/results/ and README's Performance section.
 */
public final class Bench {

    /** The scenarios this harness runs, in order. */
    static final List<String> SCENARIOS = List.of(Footprint.NAME, GrpcOverhead.NAME, PositionIngest.NAME, Recommendation.NAME, Captures.NAME,
            Cordon.NAME);
    /** The seed's 45,000 people and 5,300 cars, as units. */
    static final int PROVINCE_UNITS = 50_300;

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path repository = Path.of(System.getProperty("fangkong.repository", ".")).toAbsolutePath().normalize();
        Set<String> chosen = new LinkedHashSet<>();
        List<String> launch = new ArrayList<>(List.of("--no-sim", "--fresh", "--work", repository.resolve(".fangkong/bench").toString()));
        boolean profile = false;
        for (String arg : args) {
            if (arg.equals("--profile")) {
                profile = true;
            } else if (arg.equals("--free-ports")) {
                launch.add(arg);
            } else if (SCENARIOS.contains(arg)) {
                chosen.add(arg);
            } else {
                System.err.println("fangkong bench: unknown scenario or option " + arg + " (scenarios: " + String.join(", ", SCENARIOS) + "; options: --free-ports, --profile)");
                System.exit(2);
            }
        }
        if (chosen.isEmpty()) {
            chosen.addAll(SCENARIOS);
        }
        Path recordings = repository.resolve("bench/target/profile");
        if (profile) {
            org.fangkong.infra.ChildProcesses.deleteTree(recordings);
            java.nio.file.Files.createDirectories(recordings);
            System.setProperty("fangkong.app-jvm", System.getProperty("fangkong.app-jvm", "") + " " + Profiles.recordingOption(recordings));
        }
        LaunchOptions options = LaunchOptions.parse(repository, launch);
        List<Result> results = new ArrayList<>();
        out.println("Fangkong bench: " + String.join(", ", chosen));
        long began = System.nanoTime();
        CpuUse cpu;
        try (Suite suite = Suite.start(options, out); ServiceCalls services = new ServiceCalls()) {
            double startSeconds = (System.nanoTime() - began) / 1e9;
            Map<Long, String> appPids = new java.util.HashMap<>();
            suite.apps().forEach((name, app) -> appPids.put(app.handle().pid(), name));
            cpu = new CpuUse(appPids);
            GatewayApi api = new GatewayApi(suite.gatewayUrl());
            Map<String, String> apps = new java.util.HashMap<>();
            suite.apps().forEach((name, app) -> apps.put(name, app.baseUrl()));
            DemoProvince demo = new DemoProvince(api, services, apps, suite.tokens());
            DemoProvince.Seeded province = demo.seedOrLoad(ProvincePlan.Scale.SMALL, options.workDirectory().resolve("demo-province.json"));
            demo.startShift(province);
            reportOnePositionEach(api, province);
            out.printf("suite up in %.0f s, %d units on duty%n", startSeconds, province.units().size());

            Footprint.Baseline empty = new Footprint.Baseline(Double.NaN, Double.NaN);
            if (chosen.contains(Footprint.NAME)) {
                empty = Footprint.emptyApp(repository, Map.of(
                        "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + suite.ports().get("postgres") + "/units",
                        "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + suite.ports().get("postgres") + "/units",
                        "quarkus.datasource.username", "units", "quarkus.datasource.password", "units",
                        "quarkus.redis.hosts", "redis://127.0.0.1:" + suite.ports().get("redis"),
                        "quarkus.oidc.auth-server-url", suite.realmUrl()), options.workDirectory().resolve("logs/bench-empty-app.log"));
                results.addAll(Footprint.run(startSeconds, suite.apps(), "idle", empty));
            }
            Footprint.Baseline emptyApp = empty;
            if (chosen.contains(GrpcOverhead.NAME)) {
                scenario(out, results, cpu, GrpcOverhead.NAME, () -> {
                    DemoProvince.DemoUnit unit = province.units().stream().filter(u -> u.orgCode().startsWith("3201")).findFirst().orElseThrow();
                    FindNearestUnitsRequest request = FindNearestUnitsRequest.newBuilder()
                            .setPoint(GeoPoint.newBuilder().setLat(center(unit.south(), unit.north())).setLon(center(unit.west(), unit.east())))
                            .setRadiusM(20_000).setLimit(20).setWithinOrgCode(DemoRealm.NANJING).build();
                    String units = "127.0.0.1:" + suite.apps().get("units-service").port();
                    return GrpcOverhead.run(units, suite.tokens().user("dispatcher"), request, 16, Duration.ofSeconds(10), Duration.ofSeconds(20));
                });
            }
            String gatewayGrpc = "127.0.0.1:" + suite.apps().get("gateway").port();
            String nanjingDistrict = province.districts().stream().filter(d -> d.startsWith("3201")).findFirst().orElseThrow();
            double[] nanjing = centres(province).get(nanjingDistrict);
            // The million-plate list goes in alongside the units: both are loading, not measuring.
            CompletableFuture<Duration> wanted = chosen.contains(Captures.NAME)
                    ? CompletableFuture.supplyAsync(() -> Captures.importWanted(api, suite.tokens().user("admin")))
                    : CompletableFuture.completedFuture(Duration.ZERO);
            Fleet fleet = null;
            if (chosen.contains(PositionIngest.NAME) || chosen.contains(Recommendation.NAME)) {
                fleet = loadFleet(out, results, cpu, api, suite, province, nanjing);
            }
            // Nothing is measured while the list is still going in.
            Duration wantedImport = null;
            try {
                wantedImport = wanted.get(15, java.util.concurrent.TimeUnit.MINUTES);
            } catch (java.util.concurrent.ExecutionException e) {
                out.println("wanted-list import failed: " + e.getCause());
            }
            Duration imported = wantedImport;
            Fleet units = fleet;
            if (chosen.contains(PositionIngest.NAME) && units != null) {
                scenario(out, results, cpu, PositionIngest.NAME, () -> {
                    List<Result> ingest = new ArrayList<>(PositionIngest.run(gatewayGrpc, units, suite.ports().get("redis"),
                            suite.ports().get("postgres")));
                    ingest.addAll(Footprint.run(0, suite.apps(), "after position ingest", emptyApp));
                    return ingest;
                });
            }
            if (chosen.contains(Recommendation.NAME) && units != null) {
                scenario(out, results, cpu, Recommendation.NAME, () -> Recommendation.run(api, gatewayGrpc, suite.tokens().user("dispatcher"), units,
                        nanjingDistrict, nanjing[0], nanjing[1], 500, Duration.ofSeconds(5), Duration.ofSeconds(20), suite.ports().get("redis")));
            }
            if (chosen.contains(Captures.NAME)) {
                scenario(out, results, cpu, Captures.NAME, () -> {
                    if (imported == null) {
                        throw new IllegalStateException("the wanted list could not be imported");
                    }
                    out.printf("  %,d wanted plates imported in %.0f s%n", Captures.WANTED, imported.toNanos() / 1e9);
                    List<String> cameras = province.cameras().stream().filter(c -> c.kind().equals("SMART_CAPTURE")).map(DemoProvince.DemoCamera::gbCode)
                            .toList();
                    return Captures.run("127.0.0.1:" + suite.apps().get("video-service").port(),
                            suite.tokens().client(DemoRealm.LAUNCHER_CLIENT, DemoRealm.secret(DemoRealm.LAUNCHER_CLIENT)), cameras, Duration.ofSeconds(20),
                            suite.ports().get("redis"), imported);
                });
            }
            if (chosen.contains(Cordon.NAME)) {
                scenario(out, results, cpu, Cordon.NAME, () -> {
                    String plan = Cordon.plan("127.0.0.1:" + suite.apps().get("checkpoint-service").port(), suite.tokens().user("admin"),
                            DemoRealm.NANJING, nanjing[0], nanjing[1], province.staffedCheckpoint());
                    return Cordon.run(api, suite.apps().get("gateway").port(), plan, suite.tokens().user("commander"), suite.tokens().user("checkpoint"),
                            suite.ports().get("redis"));
                });
            }
        }
        Report report = new Report(System.getProperty("fangkong.commit", "unknown"));
        Path written = report.write(repository.resolve("bench/results"), results, cpu);
        // Only a whole run without the profiler's overhead stands for the platform in README.
        boolean readme = chosen.size() == SCENARIOS.size() && !profile && report.updateReadme(repository.resolve("README.md"), results);
        if (profile) {
            Path summary = written.resolveSibling(written.getFileName().toString().replace(".md", "-profile.md"));
            Profiles.summarise(recordings, summary);
            out.println("profile: " + repository.relativize(summary) + " (recordings in " + repository.relativize(recordings) + ")");
        }
        out.println();
        out.print(report.markdown(results));
        out.println();
        out.print(cpu.markdown());
        out.printf("%nwritten to %s%s (%.0f s in all)%n", repository.relativize(written), readme ? " and README.md" : "",
                (System.nanoTime() - began) / 1e9);
    }

    interface Scenario {
        List<Result> run() throws Exception;
    }

    /**
     * The province's 50,300 units imported through the gateway and put on duty; how long each took goes into the
     * results. Null (and a failed row) when the import fails.
     */
    private static Fleet loadFleet(PrintStream out, List<Result> results, CpuUse cpu, GatewayApi api, Suite suite, DemoProvince.Seeded province,
            double[] searched) {
        Fleet[] fleet = new Fleet[1];
        scenario(out, results, cpu, "load", () -> {
            Map<String, double[]> centres = centres(province);
            long began = System.nanoTime();
            fleet[0] = Fleet.importUnits(api, suite.tokens().user("admin"), province.districts(),
                    province.districts().stream().map(centres::get).toList(), PROVINCE_UNITS);
            double imported = (System.nanoTime() - began) / 1e9;
            // Every unit the recommendation's search can reach goes on duty; the rest stay off duty, still reporting.
            List<String> reachable = fleet[0].near(searched[0], searched[1], 2 * Recommendation.RADIUS_M);
            Duration onDuty = fleet[0].onDuty(api, suite.tokens().user("admin"), reachable);
            return List.of(
                    new Result("load", String.format(Locale.ROOT, "%,d units imported through the gateway (%,d per request, wanted list importing alongside)",
                            PROVINCE_UNITS, Fleet.IMPORT_BATCH), PROVINCE_UNITS / imported, "units/s", "", 0, true, "", null),
                    new Result("load", String.format(Locale.ROOT, "shift start: %,d units within %d km of the searched point set AVAILABLE, "
                            + "PUT /api/v1/units/status with up to %,d a call", reachable.size(), 2 * Recommendation.RADIUS_M / 1000, Fleet.IMPORT_BATCH),
                            reachable.size() / (onDuty.toNanos() / 1e9),
                            "units/s", "", 0, true, "", null));
        });
        return fleet[0];
    }

    /** Each district's centre: the middle of its patrol zones. */
    private static Map<String, double[]> centres(DemoProvince.Seeded province) {
        Map<String, double[]> centres = new java.util.HashMap<>();
        for (DemoProvince.DemoUnit unit : province.units()) {
            centres.putIfAbsent(unit.orgCode(), new double[] { center(unit.south(), unit.north()), center(unit.west(), unit.east()) });
        }
        return centres;
    }

    /** Runs one scenario; a failure is reported in the results and the run goes on with the next. */
    private static void scenario(PrintStream out, List<Result> results, CpuUse cpu, String name, Scenario scenario) {
        out.println("running " + name + " ...");
        long began = System.nanoTime();
        CpuUse.Mark mark = cpu.begin();
        try {
            results.addAll(scenario.run());
        } catch (Exception e) {
            e.printStackTrace();
            results.add(new Result(name, "failed: " + String.valueOf(e.getMessage()).replace('|', '/').replace('\n', ' '), Double.NaN, "", "", 0, false,
                    "runs", false));
        }
        cpu.end(name, mark);
        out.printf("  %s done in %.0f s%n", name, (System.nanoTime() - began) / 1e9);
    }

    /** Every unit reports a fix in the middle of its patrol box through /osmand, as the Traccar Client app does. */
    private static void reportOnePositionEach(GatewayApi api, DemoProvince.Seeded province) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long now = Instant.now().getEpochSecond();
        for (DemoProvince.DemoUnit unit : province.units()) {
            URI uri = api.uri("/osmand?id=" + URLEncoder.encode(unit.terminalId(), StandardCharsets.UTF_8) + "&lat="
                    + center(unit.south(), unit.north()) + "&lon=" + center(unit.west(), unit.east()) + "&timestamp=" + now);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("position of " + unit.callSign() + " refused: " + response.statusCode() + " " + response.body());
            }
        }
    }

    private static double center(double low, double high) {
        return (low + high) / 2;
    }
}
