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
import java.util.Map;
import java.util.Set;

import org.fangkong.launcher.DemoProvince;
import org.fangkong.launcher.DemoRealm;
import org.fangkong.launcher.GatewayApi;
import org.fangkong.launcher.LaunchOptions;
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
    static final List<String> SCENARIOS = List.of(Footprint.NAME, GrpcOverhead.NAME, PositionIngest.NAME);
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
        for (String arg : args) {
            if (arg.equals("--free-ports")) {
                launch.add(arg);
            } else if (SCENARIOS.contains(arg)) {
                chosen.add(arg);
            } else {
                System.err.println("fangkong bench: unknown scenario or option " + arg + " (scenarios: " + String.join(", ", SCENARIOS) + ")");
                System.exit(2);
            }
        }
        if (chosen.isEmpty()) {
            chosen.addAll(SCENARIOS);
        }
        LaunchOptions options = LaunchOptions.parse(repository, launch);
        List<Result> results = new ArrayList<>();
        out.println("Fangkong bench: " + String.join(", ", chosen));
        long began = System.nanoTime();
        try (Suite suite = Suite.start(options, out); ServiceCalls services = new ServiceCalls()) {
            double startSeconds = (System.nanoTime() - began) / 1e9;
            GatewayApi api = new GatewayApi(suite.gatewayUrl());
            Map<String, String> apps = new java.util.HashMap<>();
            suite.apps().forEach((name, app) -> apps.put(name, app.baseUrl()));
            DemoProvince demo = new DemoProvince(api, services, apps, suite.tokens());
            DemoProvince.Seeded province = demo.seedOrLoad(DemoProvince.Scale.SMALL, options.workDirectory().resolve("demo-province.json"));
            demo.startShift(province);
            reportOnePositionEach(api, province);
            out.printf("suite up in %.0f s, %d units on duty%n", startSeconds, province.units().size());

            if (chosen.contains(Footprint.NAME)) {
                results.addAll(Footprint.run(startSeconds, suite.apps(), "idle"));
            }
            if (chosen.contains(GrpcOverhead.NAME)) {
                scenario(out, results, GrpcOverhead.NAME, () -> {
                    DemoProvince.DemoUnit unit = province.units().stream().filter(u -> u.orgCode().startsWith("3201")).findFirst().orElseThrow();
                    FindNearestUnitsRequest request = FindNearestUnitsRequest.newBuilder()
                            .setPoint(GeoPoint.newBuilder().setLat(center(unit.south(), unit.north())).setLon(center(unit.west(), unit.east())))
                            .setRadiusM(20_000).setLimit(20).setWithinOrgCode(DemoRealm.NANJING).build();
                    String units = "127.0.0.1:" + suite.apps().get("units-service").port();
                    return GrpcOverhead.run(units, suite.tokens().user("dispatcher"), request, 16, Duration.ofSeconds(10), Duration.ofSeconds(20));
                });
            }
            if (chosen.contains(PositionIngest.NAME)) {
                scenario(out, results, PositionIngest.NAME, () -> {
                    List<String> terminals = PositionIngest.importUnits(api, suite.tokens().user("admin"), province.districts(), PROVINCE_UNITS);
                    DemoProvince.DemoUnit unit = province.units().get(0);
                    List<Result> ingest = new ArrayList<>(PositionIngest.run("127.0.0.1:" + suite.apps().get("gateway").port(), terminals,
                            center(unit.south(), unit.north()), center(unit.west(), unit.east()), Duration.ofSeconds(30), suite.ports().get("redis"),
                            suite.ports().get("postgres")));
                    ingest.addAll(Footprint.run(0, suite.apps(), "after position ingest"));
                    return ingest;
                });
            }
        }
        Report report = new Report(System.getProperty("fangkong.commit", "unknown"));
        Path written = report.write(repository.resolve("bench/results"), results);
        boolean readme = report.updateReadme(repository.resolve("README.md"), results);
        out.println();
        out.print(report.markdown(results));
        out.printf("%nwritten to %s%s (%.0f s in all)%n", repository.relativize(written), readme ? " and README.md" : "",
                (System.nanoTime() - began) / 1e9);
    }

    interface Scenario {
        List<Result> run() throws Exception;
    }

    /** Runs one scenario; a failure is reported in the results and the run goes on with the next. */
    private static void scenario(PrintStream out, List<Result> results, String name, Scenario scenario) {
        out.println("running " + name + " ...");
        long began = System.nanoTime();
        try {
            results.addAll(scenario.run());
        } catch (Exception e) {
            e.printStackTrace();
            results.add(new Result(name, "failed: " + String.valueOf(e.getMessage()).replace('|', '/').replace('\n', ' '), Double.NaN, "", "", 0, false,
                    "runs", false));
        }
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
