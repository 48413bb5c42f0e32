package org.fangkong.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import org.fangkong.launcher.DemoProvince.DemoUnit;
import org.fangkong.launcher.DemoProvince.Seeded;

/**
 * A shift in the demo province, through the same doors real users and devices use: every unit's phone reports its
 * position to the gateway as the Traccar Client app does; the duty room takes 110 calls and dispatches; the demo
 * officers acknowledge with their own tokens, drive to the scene, arrive and resolve; officers on patrol and the
 * staff of a Nanjing checkpoint check plates, and a collection system relays capture cameras' plate reads; some of
 * the plates are on the wanted list.
 */
public final class Simulator implements AutoCloseable {

    private static final String[] TYPES = { "THEFT", "FIGHT", "TRAFFIC", "SUSPICIOUS_PERSON", "SNATCHING" };
    private static final double METRES_PER_DEGREE = 111_000;
    /** The simulated duty rooms: who, and the organisation they answer for. */
    private static final String[][] DESKS = { { "dispatcher", DemoRealm.NANJING }, { "suzhou-dispatcher", DemoRealm.SUZHOU } };

    private final GatewayApi api;
    private final ServiceCalls services;
    private final String videoService;
    private final RealmTokens tokens;
    private final Seeded province;
    private final Duration positionInterval;
    private final Duration incidentInterval;
    private final PrintStream log;
    private final Random random = new Random();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "simulator");
        thread.setDaemon(true);
        return thread;
    });
    /** Position reports waiting for their answer at most: a well-behaved client's bound on its connections. */
    private static final int IN_FLIGHT = 64;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final Thread positionsThread = new Thread(this::reportPositions, "simulator-positions");
    /** Until when ({@link System#nanoTime()}) the phones wait because the gateway asked them to. */
    private volatile long pausedUntil = System.nanoTime();
    private final Map<String, Position> positions = new ConcurrentHashMap<>();
    /** Patrol cars' fixes waiting for the relay's next batch. */
    private final List<Map<String, Object>> vehicleFixes = new ArrayList<>();
    private final Map<String, Call> calls = new ConcurrentHashMap<>();

    final AtomicLong positionsStored = new AtomicLong();
    final AtomicLong positionsRefused = new AtomicLong();
    final AtomicLong positionsSlowed = new AtomicLong();
    final AtomicLong incidentsReported = new AtomicLong();
    final AtomicLong incidentsResolved = new AtomicLong();
    final AtomicLong checks = new AtomicLong();
    final AtomicLong captures = new AtomicLong();
    final AtomicLong wantedHits = new AtomicLong();

    /** Where a unit is and where it is heading. */
    private static final class Position {
        volatile double lat;
        volatile double lon;
        volatile double heading;
        volatile double[] target;

        Position(double lat, double lon) {
            this.lat = lat;
            this.lon = lon;
        }
    }

    /** An incident the simulated duty room is working, and the unit it sent. */
    private record Call(String incidentId, String unitId, String officer, double lat, double lon, Instant arrived) {
    }

    Simulator(GatewayApi api, ServiceCalls services, String videoService, RealmTokens tokens, Seeded province, Duration positionInterval,
            Duration incidentInterval, Path logFile) {
        this.api = api;
        this.services = services;
        this.videoService = videoService;
        this.tokens = tokens;
        this.province = province;
        this.positionInterval = positionInterval;
        this.incidentInterval = incidentInterval;
        try {
            Files.createDirectories(logFile.getParent());
            this.log = new PrintStream(Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        positionsThread.setDaemon(true);
        for (DemoUnit unit : province.units()) {
            positions.put(unit.id(), new Position(unit.south() + random.nextDouble() * (unit.north() - unit.south()),
                    unit.west() + random.nextDouble() * (unit.east() - unit.west())));
        }
    }

    public Simulator start() {
        handOver();
        positionsThread.start();
        scheduler.scheduleWithFixedDelay(guarded("incidents", this::workIncidents), positionInterval.toMillis(), 2_000, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(guarded("calls", this::takeCall), incidentInterval.toMillis() / 3, incidentInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(guarded("checks", this::checkPlate), 5_000, 10_000, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(guarded("inspections", this::inspectAtCheckpoint), 7_000, 10_000, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(guarded("captures", this::relayCaptures), 3_000, 2_000, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(guarded("vehicle terminals", this::relayVehicleFixes), 1_000, 1_000, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(guarded("interceptions", this::interceptWantedVehicles), 60_000, 30_000, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Positions the gateway should store a second when every unit reports on time. */
    public double expectedPositionsPerSecond() {
        return province.units().size() * 1000.0 / positionInterval.toMillis();
    }

    /** Times the gateway asked the simulator to wait (429 or 503), positions and the duty rooms' calls together. */
    public long slowed() {
        return positionsSlowed.get() + api.waits();
    }

    private Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.printf("%s %s: %s%n", Instant.now(), what, e.getMessage());
            }
        };
    }

    /**
     * Every unit reports once an interval, the reports spread evenly over it rather than sent at once: a foot patrol's
     * phone to {@code /osmand} (at most {@code IN_FLIGHT} waiting for their answer), a patrol car's terminal into the
     * relay's next batch. When the gateway says to wait (429, or 503 while a service is down), every phone waits as long
     * as it asks: the fixes of that time are skipped, as a phone's are, and counted as slowed.
     */
    private void reportPositions() {
        List<DemoUnit> units = province.units();
        long interval = positionInterval.toNanos();
        long next = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            // Rounds keep to the clock, as phones do: one that ran late is followed at once by the next; one a whole
            // interval late is skipped, as a phone that lost its connection skips its fixes.
            long round = next;
            long now = Instant.now().getEpochSecond();
            for (int i = 0; i < units.size() && !Thread.currentThread().isInterrupted(); i++) {
                if (!sleepUntil(round + interval * i / units.size()) || !sleepUntil(pausedUntil)) {
                    return;
                }
                reportPosition(units.get(i), now);
            }
            next = round + interval;
            if (System.nanoTime() - next > interval) {
                next = System.nanoTime();
            }
            if (!sleepUntil(next)) {
                return;
            }
        }
    }

    private void reportPosition(DemoUnit unit, long now) {
        Position at = positions.get(unit.id());
        double speed = move(unit, at);
        if (unit.car()) {
            // A patrol car's terminal: its fixes reach the gateway through the terminal platform's relay, in batches.
            Map<String, Object> fix = new java.util.LinkedHashMap<>();
            fix.put("terminalId", unit.terminalId());
            fix.put("point", DemoProvince.point(at.lat, at.lon));
            fix.put("recordedAt", Instant.ofEpochSecond(now).toString());
            fix.put("accuracyM", 8);
            fix.put("speedMps", speed);
            fix.put("headingDeg", (double) Math.round(at.heading) % 360);
            synchronized (vehicleFixes) {
                vehicleFixes.add(fix);
            }
            return;
        }
        String query = "/osmand?id=" + URLEncoder.encode(unit.terminalId(), StandardCharsets.UTF_8) + "&lat=" + at.lat + "&lon=" + at.lon
                + "&timestamp=" + now + "&speed=" + String.format("%.1f", speed / 0.514444) + "&bearing=" + Math.round(at.heading)
                + "&accuracy=8";
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        api.sendAsync(HttpRequest.newBuilder(api.uri(query)).timeout(Duration.ofSeconds(10)).GET().build()).whenComplete((response, failure) -> {
            inFlight.release();
            if (failure == null && response.statusCode() == 200) {
                positionsStored.incrementAndGet();
            } else if (failure == null && (response.statusCode() == 429 || response.statusCode() == 503)) {
                positionsSlowed.incrementAndGet();
                Duration wait = GatewayApi.waitBefore(1, response.headers().firstValue("Retry-After"));
                pausedUntil = Math.max(pausedUntil, System.nanoTime() + wait.toNanos());
                log.printf("%s slowed: the gateway answered %s %d and asked to wait %d ms%n", Instant.now(), unit.callSign(), response.statusCode(),
                        wait.toMillis());
            } else {
                positionsRefused.incrementAndGet();
                log.printf("%s position of %s refused: %s%n", Instant.now(), unit.callSign(),
                        failure != null ? failure.getMessage() : response.statusCode() + " " + response.body());
            }
        });
    }

    /** Sleeps until {@code deadline} ({@link System#nanoTime()}); false when interrupted (the simulator stops). */
    private static boolean sleepUntil(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return true;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(left);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The terminal platform's relay: every second, the patrol cars' fixes since the last batch go to the gateway's
     * {@code TerminalIngest} in one message (the terminal ids are the devices' credentials; no user token). Told to
     * wait (units-service at capacity, or down), it keeps them for the next round, as the API asks.
     */
    private void relayVehicleFixes() {
        List<Map<String, Object>> batch;
        synchronized (vehicleFixes) {
            if (vehicleFixes.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(vehicleFixes);
            vehicleFixes.clear();
        }
        try {
            JsonNode answer = services.send(api.baseUrl(), "fangkong.terminals.v1.TerminalIngest", "Report", List.of(Map.of("fixes", batch)), null);
            positionsStored.addAndGet(answer.path("accepted").asLong());
        } catch (IllegalStateException failure) {
            if (failure.getCause() instanceof io.grpc.StatusRuntimeException status && (status.getStatus().getCode() == io.grpc.Status.Code.RESOURCE_EXHAUSTED
                    || status.getStatus().getCode() == io.grpc.Status.Code.UNAVAILABLE)) {
                positionsSlowed.incrementAndGet();
                log.printf("%s slowed: the vehicle terminals' relay was answered %s; %d fixes kept for the next round%n", Instant.now(),
                        status.getStatus().getCode(), batch.size());
                synchronized (vehicleFixes) {
                    vehicleFixes.addAll(0, batch);
                }
                return;
            }
            positionsRefused.addAndGet(batch.size());
            throw failure;
        }
    }

    /** Metres per second moved this tick. */
    private double move(DemoUnit unit, Position at) {
        double seconds = positionInterval.toMillis() / 1000.0;
        double cruise = unit.car() ? 11 : 1.4;
        double[] target = at.target;
        if (target != null) {
            double dLat = target[0] - at.lat;
            double dLon = target[1] - at.lon;
            double distance = Math.hypot(dLat, dLon) * METRES_PER_DEGREE;
            double step = Math.min(distance, (unit.car() ? 14 : 3) * seconds);
            if (distance > 1) {
                at.lat += dLat / distance * step;
                at.lon += dLon / distance * step;
                at.heading = (Math.toDegrees(Math.atan2(dLon, dLat)) + 360) % 360;
            }
            return step / seconds;
        }
        at.heading = (at.heading + random.nextGaussian() * 30 + 360) % 360;
        double step = cruise * seconds / METRES_PER_DEGREE;
        double lat = at.lat + Math.cos(Math.toRadians(at.heading)) * step;
        double lon = at.lon + Math.sin(Math.toRadians(at.heading)) * step;
        if (lat < unit.south() || lat > unit.north() || lon < unit.west() || lon > unit.east()) {
            at.heading = (at.heading + 180) % 360;
            return 0;
        }
        at.lat = lat;
        at.lon = lon;
        return cruise;
    }

    /** A 110 call near one of the demo officers' units: reported, recommended and dispatched by the duty room. */
    private void takeCall() {
        List<String> idle = new ArrayList<>(new LinkedHashSet<>(province.crewUnits().values()));
        idle.removeIf(unit -> calls.values().stream().anyMatch(call -> call.unitId().equals(unit)));
        if (idle.isEmpty()) {
            return;
        }
        String unitId = idle.get(random.nextInt(idle.size()));
        DemoUnit unit = province.units().stream().filter(u -> u.id().equals(unitId)).findFirst().orElseThrow();
        Position at = positions.get(unitId);
        double lat = at.lat + (random.nextDouble() - 0.5) * 0.008;
        double lon = at.lon + (random.nextDouble() - 0.5) * 0.008;
        String dispatcher = tokens.user("dispatcher");
        JsonNode incident = api.post("/api/v1/incidents", dispatcher, Map.of("idempotencyKey", "sim-" + java.util.UUID.randomUUID(),
                "type", TYPES[random.nextInt(TYPES.length)], "priority", 2 + random.nextInt(2), "orgCode", unit.orgCode(),
                "location", DemoProvince.point(lat, lon), "address", "simulated 110 call", "source", "CALL_110"));
        incidentsReported.incrementAndGet();
        String id = incident.path("id").asText();
        api.get("/api/v1/incidents/" + id + "/recommendations", dispatcher);
        api.post("/api/v1/incidents/" + id + "/dispatch", dispatcher, Map.of("unitIds", List.of(unitId)));
        String officer = province.crewUnits().entrySet().stream().filter(e -> e.getValue().equals(unitId)).map(Map.Entry::getKey).findFirst().orElseThrow();
        calls.put(id, new Call(id, unitId, officer, lat, lon, null));
    }

    /** The crews' side: acknowledge, drive, arrive, resolve; then the duty room closes the incident. */
    private void workIncidents() {
        for (Call call : List.copyOf(calls.values())) {
            String officer = tokens.user(call.officer());
            Position at = positions.get(call.unitId());
            String base = "/api/v1/incidents/" + call.incidentId();
            if (at.target == null && call.arrived() == null) {
                api.post(base + "/units/" + call.unitId() + "/acknowledge", officer, Map.of());
                at.target = new double[] { call.lat(), call.lon() };
            } else if (call.arrived() == null) {
                if (Math.hypot(call.lat() - at.lat, call.lon() - at.lon) * METRES_PER_DEGREE < 60) {
                    api.post(base + "/units/" + call.unitId() + "/arrive", officer, Map.of());
                    calls.put(call.incidentId(), new Call(call.incidentId(), call.unitId(), call.officer(), call.lat(), call.lon(), Instant.now()));
                }
            } else if (call.arrived().isBefore(Instant.now().minusSeconds(15))) {
                api.post(base + "/resolve", officer, Map.of("outcome", "handled on scene"));
                api.post(base + "/close", tokens.user("dispatcher"), Map.of());
                at.target = null;
                calls.remove(call.incidentId());
                incidentsResolved.incrementAndGet();
            }
        }
    }

    /** An officer on patrol checks a passing car's plate; one in twenty is on the wanted list. */
    private void checkPlate() {
        List<String> officers = new ArrayList<>(province.crewUnits().keySet());
        String officer = officers.get(random.nextInt(officers.size()));
        String unitId = province.crewUnits().get(officer);
        DemoUnit unit = province.units().stream().filter(u -> u.id().equals(unitId)).findFirst().orElseThrow();
        Position at = positions.get(unitId);
        JsonNode result = api.post("/api/v1/checks", tokens.user(officer), Map.of("plate", plate(20), "plateColour", "BLUE", "reason", "routine patrol",
                "location", DemoProvince.point(at.lat, at.lon), "orgCode", unit.orgCode()));
        checks.incrementAndGet();
        if ("HIT".equals(result.path("outcome").asText())) {
            wantedHits.incrementAndGet();
        }
    }

    /** The Nanjing checkpoint's staff inspect a car; one in twenty is on the wanted list. */
    private void inspectAtCheckpoint() {
        JsonNode result = api.post("/api/v1/checks", tokens.user("checkpoint"), Map.of("checkpointId", province.staffedCheckpoint(), "plate", plate(20),
                "plateColour", "BLUE", "reason", "city gate inspection"));
        checks.incrementAndGet();
        if ("HIT".equals(result.path("outcome").asText())) {
            wantedHits.incrementAndGet();
        }
    }

    /** A collection system relays the capture cameras' plate reads to video-service, a few every two seconds. */
    private void relayCaptures() {
        List<DemoProvince.DemoCamera> capturing = province.cameras().stream().filter(camera -> camera.kind().equals("SMART_CAPTURE")).toList();
        if (capturing.isEmpty()) {
            return;
        }
        List<Map<String, Object>> reports = new ArrayList<>();
        int count = Math.max(3, capturing.size() / 10);
        for (int i = 0; i < count; i++) {
            DemoProvince.DemoCamera camera = capturing.get(random.nextInt(capturing.size()));
            // Wanted vehicles drive where a simulated duty room closes their hits (Nanjing, Suzhou); elsewhere they would pile up.
            boolean watched = java.util.Arrays.stream(DESKS).anyMatch(desk -> camera.orgCode().startsWith(desk[1].substring(0, 4)));
            reports.add(Map.of("captureId", java.util.UUID.randomUUID().toString(), "cameraGbCode", camera.gbCode(), "plate", plate(watched ? 200 : 0),
                    "plateColour",
                    "BLUE", "passTime", Instant.now().toString(), "lane", 1 + random.nextInt(3), "directionDeg", random.nextInt(360), "speedKmh",
                    30 + random.nextInt(50), "vehicleClass", "K33", "vehicleColour", "A"));
        }
        JsonNode answer = services.send(videoService, "fangkong.video.v1.VideoService", "ReportCaptures", reports,
                tokens.client(DemoRealm.LAUNCHER_CLIENT, DemoRealm.secret(DemoRealm.LAUNCHER_CLIENT)));
        captures.addAndGet(answer.path("accepted").asLong());
        wantedHits.addAndGet(answer.path("hits").asLong());
    }

    /** Incidents an earlier run left open are handed over: cancelled, which releases their units. */
    private void handOver() {
        for (String[] desk : DESKS) {
            String token = tokens.user(desk[0]);
            JsonNode open = api.get("/api/v1/incidents?orgCode=" + desk[1] + "&status=NEW&status=DISPATCHED&status=ACKNOWLEDGED&status=ON_SCENE"
                    + "&pageSize=200", token);
            for (JsonNode incident : open.path("incidents")) {
                api.post("/api/v1/incidents/" + incident.path("id").asText() + "/cancel", token, Map.of("reason", "handed over at shift change"));
            }
        }
    }

    /** The duty rooms close the wanted-hit incidents older than two minutes: the vehicle was intercepted. */
    private void interceptWantedVehicles() {
        for (String[] desk : DESKS) {
            String token = tokens.user(desk[0]);
            JsonNode open = api.get("/api/v1/incidents?orgCode=" + desk[1] + "&type=WANTED_HIT&status=NEW&reportedTo="
                    + Instant.now().minusSeconds(120) + "&pageSize=50", token);
            for (JsonNode incident : open.path("incidents")) {
                api.post("/api/v1/incidents/" + incident.path("id").asText() + "/cancel", token, Map.of("reason", "vehicle intercepted"));
            }
        }
    }

    /** A passing car's plate: one in {@code oneIn} from the wanted list (none when 0). */
    private String plate(int oneIn) {
        boolean wanted = oneIn > 0 && random.nextInt(oneIn) == 0 && !province.wantedPlates().isEmpty();
        return wanted ? province.wantedPlates().get(random.nextInt(province.wantedPlates().size())) : String.format("苏A%05d", random.nextInt(100_000));
    }

    /** The last known position the simulator reported for a unit. */
    public double[] positionOf(String unitId) {
        Position at = positions.get(unitId);
        return new double[] { at.lat, at.lon };
    }

    @Override
    public void close() {
        positionsThread.interrupt();
        scheduler.shutdownNow();
        try {
            positionsThread.join(5_000);
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.close();
    }
}
