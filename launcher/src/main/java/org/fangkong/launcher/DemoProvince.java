package org.fangkong.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;

import org.fangkong.launcher.ProvincePlan.PlannedCamera;
import org.fangkong.launcher.ProvincePlan.PlannedCheckpoint;
import org.fangkong.launcher.ProvincePlan.PlannedCity;
import org.fangkong.launcher.ProvincePlan.PlannedDistrict;
import org.fangkong.launcher.ProvincePlan.PlannedKeySite;
import org.fangkong.launcher.ProvincePlan.PlannedStation;
import org.fangkong.launcher.ProvincePlan.PlannedUnit;
import org.fangkong.launcher.ProvincePlan.PlannedVideoPoint;
import org.fangkong.launcher.ProvincePlan.PlannedZone;
import org.fangkong.launcher.ProvincePlan.Scale;

/**
 * A demo Jiangsu, seeded through the gateway's public API as the province's administrator would, from its
 * {@link ProvincePlan}: organisations (province, cities, districts, stations), patrol zones with levels, key sites, units
 * of every force type with their terminals, checkpoints and each city's cordon plan, video points and cameras, crews for
 * the demo officers, and a wanted list. What was seeded (with the terminal secrets, which the API never shows again) is
 * kept in the working folder, so a later start reuses it.
 */
public final class DemoProvince {

    /** A seeded unit as the simulator drives it, with the bounds of its home zone. */
    public record DemoUnit(String id, String callSign, String orgCode, String forceType, boolean car, String terminalId, String zoneId,
            double south, double west, double north, double east) {
    }

    /** A seeded checkpoint. */
    public record DemoCheckpoint(String id, String code, String type, String orgCode) {
    }

    /** A seeded camera, by its GB/T 28181 code. */
    public record DemoCamera(String gbCode, String kind, String orgCode) {
    }

    /**
     * What was seeded; of the wanted list, the first 200 plates (for simulated hits). {@code staffedCheckpoint} is the
     * Nanjing checkpoint the demo {@code checkpoint} user works at.
     */
    public record Seeded(String scale, List<DemoUnit> units, Map<String, String> crewUnits, int wantedCount, List<String> wantedPlates,
            List<String> districts, List<DemoCheckpoint> checkpoints, Map<String, String> cordonPlans, List<DemoCamera> cameras,
            String staffedCheckpoint) {
    }

    private static final String PROVINCE_LETTERS = "ABCDEFGHJKLMN";
    /** Units per import call and per shift-start call: the services' bound for one bulk request. */
    static final int BULK = 5_000;
    /** Wanted entries per import request: about 4 MB of NDJSON. */
    private static final int WANTED_PER_IMPORT = 20_000;
    /** Districts seeded at once: enough to keep the services busy, few enough for a two-core machine. */
    private static final int SEEDING_THREADS = 4;

    private static final String CHECKPOINTS = "fangkong.checkpoints.v1.CheckpointService";
    private static final String VIDEO = "fangkong.video.v1.VideoService";

    private final GatewayApi api;
    private final ServiceCalls services;
    private final Map<String, String> apps;
    private final RealmTokens tokens;
    private final SecureRandom secrets = new SecureRandom();

    /** @param apps each app's base URL by name, for the registry steps the gateway has no door for */
    public DemoProvince(GatewayApi api, ServiceCalls services, Map<String, String> apps, RealmTokens tokens) {
        this.api = api;
        this.services = services;
        this.apps = apps;
        this.tokens = tokens;
    }

    /**
     * The province kept in {@code file}, or a freshly seeded one (then kept there). A seeding that fails leaves a note
     * beside the file saying what failed; the next start then asks for {@code --fresh} rather than build on half a province.
     */
    public Seeded seedOrLoad(Scale scale, Path file) {
        try {
            if (Files.exists(file)) {
                Seeded kept = GatewayApi.JSON.readValue(file.toFile(), Seeded.class);
                if (kept.scale().equals(scale.name())) {
                    return kept;
                }
                throw new IllegalStateException("the working folder holds a " + kept.scale().toLowerCase(Locale.ROOT)
                        + " demo province; start with --fresh to seed a " + scale.name().toLowerCase(Locale.ROOT) + " one");
            }
            Path seeding = file.resolveSibling(file.getFileName() + ".seeding");
            if (Files.exists(seeding)) {
                String why = Files.readString(seeding, StandardCharsets.UTF_8).strip();
                throw new IllegalStateException("seeding the demo province did not finish in an earlier start" + (why.isEmpty() ? " (it was stopped)" : " (" + why + ")")
                        + "; its half-seeded data cannot be completed: start again with --fresh to seed it afresh");
            }
            Files.createDirectories(file.getParent());
            Files.writeString(seeding, "", StandardCharsets.UTF_8);
            Seeded seeded;
            try {
                seeded = seed(ProvincePlan.of(scale));
            } catch (RuntimeException failure) {
                Files.writeString(seeding, failure.getMessage() == null ? failure.toString() : failure.getMessage(), StandardCharsets.UTF_8);
                throw new IllegalStateException(failure.getMessage() + "\nSeeding stopped part-way; start again with ./fangkong up --fresh"
                        + (scale == Scale.SMALL ? "" : " --scale " + scale.name().toLowerCase(Locale.ROOT)) + " to seed afresh", failure);
            }
            GatewayApi.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), seeded);
            Files.delete(seeding);
            return seeded;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Seeded seed(ProvincePlan plan) {
        organisation(DemoRealm.JIANGSU, "江苏省公安厅", "");
        for (PlannedCity city : plan.cities()) {
            organisation(city.code(), city.name(), DemoRealm.JIANGSU);
        }
        // Districts in parallel (each registers its own organisations, zones, units, key sites and video points).
        List<Callable<SeededDistrict>> districtSteps = new ArrayList<>();
        for (PlannedCity city : plan.cities()) {
            for (PlannedDistrict district : city.districts()) {
                districtSteps.add(() -> seedDistrict(city, district));
            }
        }
        List<SeededDistrict> seededDistricts = inParallel(districtSteps);

        List<DemoUnit> units = new ArrayList<>();
        List<DemoCamera> cameras = new ArrayList<>();
        List<String> districts = new ArrayList<>();
        seededDistricts.forEach(district -> {
            units.addAll(district.units());
            cameras.addAll(district.cameras());
            districts.add(district.code());
        });
        List<Callable<SeededCity>> citySteps = new ArrayList<>();
        int first = 0;
        for (PlannedCity city : plan.cities()) {
            List<SeededDistrict> own = seededDistricts.subList(first, first + city.districts().size());
            first += city.districts().size();
            citySteps.add(() -> cityCheckpoints(city, own));
        }
        List<DemoCheckpoint> checkpoints = new ArrayList<>();
        Map<String, String> plans = new LinkedHashMap<>();
        for (SeededCity city : inParallel(citySteps)) {
            checkpoints.addAll(city.checkpoints());
            plans.put(city.code(), city.cordonPlan());
        }
        Map<String, String> crews = crews(units);
        List<String> plates = wantedList(plan.scale().wantedPlates());
        String staffed = checkpoints.stream().filter(cp -> cp.orgCode().equals(DemoRealm.NANJING) && cp.type().equals("SECURITY_CHECKPOINT"))
                .findFirst().map(DemoCheckpoint::id).orElseThrow();
        return new Seeded(plan.scale().name(), units, crews, plan.scale().wantedPlates(), plates, districts, checkpoints, plans, cameras, staffed);
    }

    private record SeededDistrict(String code, List<DemoUnit> units, List<DemoCamera> cameras) {
    }

    private record SeededCity(String code, List<DemoCheckpoint> checkpoints, String cordonPlan) {
    }

    private SeededDistrict seedDistrict(PlannedCity city, PlannedDistrict district) {
        organisation(district.code(), district.name(), city.code());
        for (PlannedStation station : district.stations()) {
            organisation(station.code(), station.name(), district.code());
        }
        // The admin's token is asked for each call: a province's seeding outlasts one.
        List<String> zoneIds = new ArrayList<>();
        for (PlannedZone zone : district.zones()) {
            JsonNode created = api.post("/api/v1/zones", tokens.user("admin"), Map.of("name", zone.name(), "orgCode", district.code(), "patrolLevel",
                    zone.level(), "polygon", List.of(point(zone.south(), zone.west()), point(zone.south(), zone.east()), point(zone.north(), zone.east()),
                            point(zone.north(), zone.west()), point(zone.south(), zone.west()))));
            zoneIds.add(created.path("id").asText());
        }
        List<Map<String, Object>> requests = new ArrayList<>();
        List<String> terminals = new ArrayList<>();
        for (PlannedUnit unit : district.units()) {
            String terminal = terminalSecret();
            terminals.add(terminal);
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("callSign", unit.callSign());
            request.put("orgCode", district.code());
            request.put("forceType", unit.forceType());
            request.put("tier", unit.tier());
            request.put("headCount", unit.headCount());
            request.put("armedCount", unit.armedCount());
            if (unit.vehiclePlate() != null) {
                request.put("vehiclePlate", unit.vehiclePlate());
            }
            request.put("homeZoneId", zoneIds.get(unit.zone()));
            request.put("terminalIds", List.of(terminal));
            requests.add(request);
        }
        List<DemoUnit> units = new ArrayList<>();
        for (int from = 0; from < requests.size(); from += BULK) {
            JsonNode imported = api.post("/api/v1/units/import", tokens.user("admin"),
                    Map.of("units", requests.subList(from, Math.min(requests.size(), from + BULK))));
            int i = from;
            for (JsonNode id : imported.path("unitIds")) {
                PlannedUnit planned = district.units().get(i);
                PlannedZone zone = district.zones().get(planned.zone());
                units.add(new DemoUnit(id.asText(), planned.callSign(), district.code(), planned.forceType(), planned.car(), terminals.get(i),
                        zoneIds.get(planned.zone()), zone.south(), zone.west(), zone.north(), zone.east()));
                i++;
            }
        }
        for (PlannedKeySite site : district.keySites()) {
            api.post("/api/v1/key-sites", tokens.user("admin"), Map.of("name", site.name(), "category", site.category(), "orgCode", district.code(),
                    "center", point(site.lat(), site.lon()), "radiusM", site.radiusM(), "postedUnitIds",
                    site.postedUnits().stream().map(u -> units.get(u).id()).toList()));
        }
        List<DemoCamera> cameras = new ArrayList<>();
        for (PlannedVideoPoint planned : district.videoPoints()) {
            JsonNode point = services.call(apps.get("video-service"), VIDEO, "CreateVideoPoint", Map.of("gbCode", planned.gbCode(), "name", planned.name(),
                    "orgCode", district.code(), "location", point(planned.lat(), planned.lon()), "positionType", planned.positionType()), tokens.user("admin"));
            for (PlannedCamera camera : planned.cameras()) {
                services.call(apps.get("video-service"), VIDEO, "CreateCamera", Map.of("gbCode", camera.gbCode(), "pointId", point.path("id").asText(),
                        "name", camera.name(), "kind", camera.kind(), "ptzType", camera.ptzType()), tokens.user("admin"));
                cameras.add(new DemoCamera(camera.gbCode(), camera.kind(), district.code()));
            }
        }
        return new SeededDistrict(district.code(), units, cameras);
    }

    /**
     * The city's checkpoints and its "close the city gates" plan (the ring's security checkpoints and inspection
     * stations), registered on checkpoint-service's API as an administrator's onboarding step.
     */
    private SeededCity cityCheckpoints(PlannedCity city, List<SeededDistrict> districts) {
        List<DemoCheckpoint> seeded = new ArrayList<>();
        List<String> gates = new ArrayList<>();
        for (PlannedCheckpoint planned : city.checkpoints()) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("code", planned.code());
            request.put("name", planned.name());
            request.put("type", planned.type());
            request.put("orgCode", city.code());
            if (planned.carDistrict() >= 0) {
                request.put("unitId", districts.get(planned.carDistrict()).units().get(planned.carUnit()).id());
            } else {
                request.put("location", point(planned.lat(), planned.lon()));
                request.put("lanes", planned.lanes());
            }
            if (planned.onRing()) {
                request.put("rings", List.of(city.ring()));
            }
            request.put("staffedHeadCount", planned.staffedHeadCount());
            JsonNode checkpoint = services.call(apps.get("checkpoint-service"), CHECKPOINTS, "CreateCheckpoint", request, tokens.user("admin"));
            seeded.add(new DemoCheckpoint(checkpoint.path("id").asText(), planned.code(), planned.type(), city.code()));
            if (planned.onRing()) {
                gates.add(checkpoint.path("id").asText());
            }
        }
        JsonNode plan = services.call(apps.get("checkpoint-service"), CHECKPOINTS, "CreateCordonPlan", Map.of("name", city.cordonPlanName(), "orgCode",
                city.code(), "checkpointIds", gates, "rings", List.of(city.ring()), "confirmWithinS", 300), tokens.user("admin"));
        return new SeededCity(city.code(), seeded, plan.path("id").asText());
    }

    /** The demo officers join the first units of Xuanwu and Qinhuai (two, one, one each), for today's shift. */
    private static Map<String, String> crews(List<DemoUnit> units) {
        Map<String, String> crews = new LinkedHashMap<>();
        int[] unitOf = { 0, 0, 1, 2 };
        for (int n = 1; n <= 8; n++) {
            String district = n <= 4 ? DemoRealm.XUANWU : DemoRealm.QINHUAI;
            List<DemoUnit> local = units.stream().filter(u -> u.orgCode().equals(district)).toList();
            crews.put("officer" + n, local.get(unitOf[(n - 1) % 4]).id());
        }
        return crews;
    }

    /**
     * Each start: the demo officers' shift (up to a day, the longest allowed) and every unit on duty, {@link #BULK} units
     * a call. A unit still on an incident from an earlier run is on duty already: the call that names it is refused
     * with each such unit named, and sent again without them.
     */
    public void startShift(Seeded province) {
        String admin = tokens.user("admin");
        Instant now = Instant.now();
        province.crewUnits().forEach((officer, unit) -> {
            try {
                api.post("/api/v1/units/" + unit + "/crew", admin, Map.of("subject", tokens.subject(officer), "shiftStart", now.minusSeconds(60).toString(),
                        "shiftEnd", now.plusSeconds(23 * 3600).toString()));
            } catch (GatewayApi.ApiException alreadyOnShift) {
                if (alreadyOnShift.status() != 409) {
                    throw alreadyOnShift;
                }
            }
        });
        List<String> ids = province.units().stream().map(DemoUnit::id).toList();
        for (int from = 0; from < ids.size(); from += BULK) {
            List<String> batch = new ArrayList<>(ids.subList(from, Math.min(ids.size(), from + BULK)));
            while (!batch.isEmpty()) {
                try {
                    api.put("/api/v1/units/status", tokens.user("admin"), Map.of("unitIds", batch, "status", "AVAILABLE", "reason", "demo shift"));
                    break;
                } catch (GatewayApi.ApiException refused) {
                    List<String> busy = onIncident(refused, batch);
                    if (busy.isEmpty()) {
                        throw refused;
                    }
                    batch.removeAll(busy);
                }
            }
        }
        try {
            api.post("/api/v1/checkpoints/" + province.staffedCheckpoint() + "/staff", tokens.user("commander"), Map.of("subject",
                    tokens.subject("checkpoint"), "shiftStart", now.minusSeconds(60).toString(), "shiftEnd", now.plusSeconds(23 * 3600).toString()));
        } catch (GatewayApi.ApiException alreadyOnShift) {
            if (alreadyOnShift.status() != 409) {
                throw alreadyOnShift;
            }
        }
    }

    /** The units a refused shift start names ({@code unitIds[i]} in its 409), if that is why it was refused. */
    static List<String> onIncident(GatewayApi.ApiException refused, List<String> batch) {
        if (refused.status() != 409) {
            return List.of();
        }
        List<String> named = new ArrayList<>();
        try {
            for (JsonNode param : GatewayApi.JSON.readTree(refused.body()).path("invalid-params")) {
                String name = param.path("name").asText();
                if (name.startsWith("unitIds[") && name.endsWith("]")) {
                    named.add(batch.get(Integer.parseInt(name.substring("unitIds[".length(), name.length() - 1))));
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return List.of();
        }
        return named;
    }

    /** The wanted list, {@link #WANTED_PER_IMPORT} entries a request added to the source (a request body is bounded; 100,000 entries pass it). */
    private List<String> wantedList(int count) {
        List<String> plates = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count && i < 10_000 * PROVINCE_LETTERS.length(); i++) {
            String plate = "苏" + PROVINCE_LETTERS.charAt(i % PROVINCE_LETTERS.length()) + String.format("W%04d", i % 10_000);
            plates.add(plate);
            lines.append(GatewayApi.write(Map.of("kind", "VEHICLE", "plate", plate, "plateColour", "BLUE", "reason",
                    i % 3 == 0 ? "stolen vehicle" : "used in a robbery", "severity", 1 + i % 3, "issuingAgency", "江苏省公安厅刑侦总队",
                    "externalRef", "demo-" + i))).append('\n');
            if (plates.size() % WANTED_PER_IMPORT == 0 || i == count - 1) {
                api.postRaw("/api/v1/wanted/import?source=demo-province&mode=ADD", tokens.user("admin"), lines.toString(), "application/x-ndjson");
                lines.setLength(0);
            }
        }
        return plates.subList(0, Math.min(plates.size(), 200));
    }

    private void organisation(String code, String name, String parent) {
        try {
            api.post("/api/v1/organisations", tokens.user("admin"), parent.isEmpty() ? Map.of("code", code, "name", name)
                    : Map.of("code", code, "name", name, "parentCode", parent));
        } catch (GatewayApi.ApiException exists) {
            if (exists.status() != 409) {
                throw exists;
            }
        }
    }

    /** Runs the steps on a few threads; the results in the steps' order. The first failure stops the rest. */
    private static <T> List<T> inParallel(List<Callable<T>> steps) {
        ExecutorService pool = Executors.newFixedThreadPool(SEEDING_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "seeding");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<T>> running = steps.stream().map(pool::submit).toList();
            List<T> results = new ArrayList<>(steps.size());
            for (Future<T> step : running) {
                results.add(step.get());
            }
            return results;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private String terminalSecret() {
        byte[] bytes = new byte[24];
        secrets.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static Map<String, Double> point(double lat, double lon) {
        return Map.of("lat", lat, "lon", lon);
    }
}
