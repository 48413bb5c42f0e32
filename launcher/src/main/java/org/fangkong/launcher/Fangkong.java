package org.fangkong.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code ./fangkong up}: the whole platform on this machine with a demo province and a live simulator, until Ctrl-C;
 * {@code ./fangkong token USER}: an access token of a demo user from the running suite's realm.
 */
public final class Fangkong {

    /** Where a running suite says where it is, for {@code ./fangkong token} and the end-to-end tests. */
    public static final String RUNNING_FILE = "running.properties";

    private Fangkong() {
    }

    public static void main(String[] args) {
        // The console is for progress and the summary; the parts' own logs go to files in the working folder.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path repository = Path.of(System.getProperty("fangkong.repository", ".")).toAbsolutePath().normalize();
        List<String> arguments = Arrays.asList(args);
        try {
            if (arguments.isEmpty() || arguments.get(0).equals("help") || arguments.contains("--help")) {
                out.print(LaunchOptions.USAGE);
                return;
            }
            LaunchOptions options = LaunchOptions.parse(repository, arguments.subList(1, arguments.size()));
            switch (arguments.get(0)) {
                case "up" -> up(options, out);
                case "token" -> token(options, out);
                default -> throw new IllegalArgumentException("unknown command " + arguments.get(0) + "\n" + LaunchOptions.USAGE);
            }
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException | GatewayApi.ApiException e) {
            System.err.println("fangkong: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void up(LaunchOptions options, PrintStream out) {
        long began = System.nanoTime();
        out.printf("Fangkong 防控: starting in %s%n", options.workDirectory());
        Suite suite = Suite.start(options, out);
        ServiceCalls services = new ServiceCalls();
        CountDownLatch stopped = new CountDownLatch(1);
        Simulator[] simulator = new Simulator[1];
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("\nstopping ...");
            if (simulator[0] != null) {
                simulator[0].close();
            }
            services.close();
            suite.close();
            try {
                Files.deleteIfExists(options.workDirectory().resolve(RUNNING_FILE));
            } catch (IOException ignored) {
                // the next start overwrites it
            }
            out.println("Fangkong stopped.");
            stopped.countDown();
        }, "fangkong-stop"));

        GatewayApi api = new GatewayApi(suite.gatewayUrl());
        Map<String, String> apps = new java.util.HashMap<>();
        suite.apps().forEach((name, app) -> apps.put(name, app.baseUrl()));
        DemoProvince demo = new DemoProvince(api, services, apps, suite.tokens());
        DemoProvince.Seeded province = suite.progress().step("demo province", () -> {
            DemoProvince.Seeded seeded = demo.seedOrLoad(options.scale(), options.workDirectory().resolve("demo-province.json"));
            demo.startShift(seeded);
            return seeded;
        });
        if (options.simulate()) {
            simulator[0] = new Simulator(api, services, apps.get("video-service"), suite.tokens(), province, Duration.ofSeconds(5),
                    Duration.ofSeconds(30), options.workDirectory().resolve("logs/simulator.log")).start();
        }
        writeRunning(options, suite);
        summary(out, suite, province, options, (System.nanoTime() - began) / 1e9);
        liveCounts(out, api, suite, simulator[0], stopped);
    }

    private static void summary(PrintStream out, Suite suite, DemoProvince.Seeded province, LaunchOptions options, double seconds) {
        String gateway = suite.gatewayUrl().replace("127.0.0.1", "localhost");
        String memory = Footprint.describe(options.workDirectory());
        out.printf("%nFangkong is up (%.0f s%s): %d units in %d districts, %d checkpoints, %d cameras, %d wanted plates%s.%n", seconds,
                memory.isEmpty() ? "" : ", " + memory + " in use", province.units().size(), province.districts().size(), province.checkpoints().size(),
                province.cameras().size(), province.wantedCount(), options.simulate() ? ", simulator running" : "");
        out.printf("  command console                %s/console/   (sign in as dispatcher or commander)%n", gateway);
        out.printf("  gateway (REST, gRPC, /osmand)  %s%n", gateway);
        out.printf("  Swagger UI                     %s/q/swagger-ui%n", gateway);
        out.printf("  realm (OIDC issuer)            %s%n", suite.realmUrl());
        out.printf("  a token                        ./fangkong token dispatcher   (users: %s; password %s)%n",
                String.join(", ", DemoRealm.PEOPLE.stream().map(DemoRealm.Person::username).toList()), DemoRealm.PASSWORD);
        out.printf("  try                            curl -H \"Authorization: Bearer $(./fangkong token commander)\" %s/api/v1/duty-strength?orgCode=%s%n",
                gateway, DemoRealm.NANJING);
        out.printf("  data and logs                  %s%n", options.workDirectory());
        out.println("Ctrl-C stops everything.\n");
    }

    /**
     * Every 15 s: units on duty and open incidents as the command centre sees them, positions stored a second against
     * what every unit reporting on time would give, the simulator's work, whether the gateway is slowing it down, and
     * the memory the platform takes.
     */
    private static void liveCounts(PrintStream out, GatewayApi api, Suite suite, Simulator simulator, CountDownLatch stopped) {
        long lastStored = 0;
        long lastSlowed = 0;
        long lastAt = System.nanoTime();
        try {
            while (!stopped.await(15, java.util.concurrent.TimeUnit.SECONDS)) {
                try {
                    String desk = suite.tokens().user("command-center");
                    JsonNode strength = api.get("/api/v1/duty-strength?orgCode=" + DemoRealm.JIANGSU, desk);
                    JsonNode open = api.get("/api/v1/incidents?orgCode=" + DemoRealm.JIANGSU
                            + "&status=NEW&status=DISPATCHED&status=ACKNOWLEDGED&status=ON_SCENE&pageSize=100", desk);
                    long stored = simulator == null ? 0 : simulator.positionsStored.get();
                    long slowed = simulator == null ? 0 : simulator.slowed();
                    long now = System.nanoTime();
                    double rate = (stored - lastStored) / ((now - lastAt) / 1e9);
                    lastStored = stored;
                    lastAt = now;
                    int openCount = open.path("incidents").size();
                    String memory = Footprint.describe(suite.options().workDirectory());
                    out.printf("  live: %d units on duty · %.1f positions/s%s · %s open incidents%s%s%s%n", strength.path("total").path("units").asInt(),
                            rate, simulator == null ? "" : " of " + rate(simulator.expectedPositionsPerSecond()) + " expected",
                            openCount >= 100 ? "100+" : String.valueOf(openCount), simulator == null ? ""
                                    : String.format(" · %d resolved · %d plate checks and %d captures, %d wanted hits",
                                            simulator.incidentsResolved.get(), simulator.checks.get(), simulator.captures.get(),
                                            simulator.wantedHits.get()),
                            slowed > lastSlowed ? String.format(" · SLOWED: the gateway asked the simulator to wait %d times (429/503)", slowed - lastSlowed)
                                    : "",
                            memory.isEmpty() ? "" : " · " + memory);
                    lastSlowed = slowed;
                } catch (RuntimeException e) {
                    if (stopped.getCount() > 0) {
                        out.println("  live: counts unavailable: " + e.getMessage());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A rate as a whole number when it is one (416), else with one decimal (9.6). */
    private static String rate(double perSecond) {
        return perSecond == Math.rint(perSecond) ? String.format("%.0f", perSecond) : String.format("%.1f", perSecond);
    }

    private static void writeRunning(LaunchOptions options, Suite suite) {
        Properties running = new Properties();
        running.setProperty("gateway", suite.gatewayUrl());
        running.setProperty("realm", suite.realmUrl());
        running.setProperty("pid", String.valueOf(ProcessHandle.current().pid()));
        suite.apps().forEach((name, app) -> {
            running.setProperty("app." + name, app.baseUrl());
            running.setProperty("pid." + name, String.valueOf(app.handle().pid()));
        });
        suite.ports().forEach((name, port) -> running.setProperty("port." + name, String.valueOf(port)));
        try (Writer writer = Files.newBufferedWriter(options.workDirectory().resolve(RUNNING_FILE))) {
            running.store(writer, "the running Fangkong suite");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void token(LaunchOptions options, PrintStream out) {
        Path file = options.workDirectory().resolve(RUNNING_FILE);
        if (!Files.exists(file)) {
            throw new IllegalStateException("no suite is running from " + options.workDirectory() + " (start it with ./fangkong up)");
        }
        Properties running = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            running.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RealmTokens tokens = new RealmTokens(running.getProperty("realm"));
        List<String> rest = options.rest();
        if (rest.size() == 2 && rest.get(0).equals("client")) {
            out.println(tokens.client(rest.get(1), DemoRealm.secret(rest.get(1))));
        } else if (rest.size() == 1) {
            DemoRealm.person(rest.get(0));
            out.println(tokens.user(rest.get(0)));
        } else {
            throw new IllegalArgumentException("usage: ./fangkong token USER | ./fangkong token client CLIENT_ID");
        }
    }
}
