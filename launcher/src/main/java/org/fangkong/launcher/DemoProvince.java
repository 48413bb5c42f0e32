package org.fangkong.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A demo Jiangsu, seeded through the gateway's public API as the province's administrator would: organisations
 * (province, cities, districts, stations), patrol zones with levels, key sites, units of every force type with their
 * terminals, crews for the demo officers, and a wanted list. What was seeded (with the terminal secrets, which the
 * API never shows again) is kept in the working folder, so a later start reuses it.
 */
public final class DemoProvince {

    /** How big the demo is. */
    public enum Scale {
        /** Two cities, six districts, 48 units, 14 checkpoints, 24 cameras: starts in seconds. */
        SMALL(2, 3, 8, 500, new int[] { 4, 1, 1, 1 }, 2, 2),
        /** Every city of the province, four districts each: about 2,000 units, 208 checkpoints, 624 cameras. */
        CITY(13, 4, 40, 10_000, new int[] { 8, 4, 2, 2 }, 4, 3),
        /**
         * The seed's counts: 13 cities, 91 districts, 50,323 units (45,000 people in patrols and 5,300 cars), the four
         * kinds of checkpoints (325, 416, 104, 130), 7,007 video points with 42,042 cameras.
         */
        PROVINCE(13, 7, 553, 100_000, new int[] { 25, 32, 8, 10 }, 77, 6);

        final int cities;
        final int districtsPerCity;
        final int unitsPerDistrict;
        final int wantedPlates;
        /** Per city: security checkpoints, service stations, inspection stations, mobile checkpoints. */
        final int[] checkpointsPerCity;
        final int videoPointsPerDistrict;
        final int camerasPerPoint;

        Scale(int cities, int districtsPerCity, int unitsPerDistrict, int wantedPlates, int[] checkpointsPerCity, int videoPointsPerDistrict,
                int camerasPerPoint) {
            this.cities = cities;
            this.districtsPerCity = districtsPerCity;
            this.unitsPerDistrict = unitsPerDistrict;
            this.wantedPlates = wantedPlates;
            this.checkpointsPerCity = checkpointsPerCity;
            this.videoPointsPerDistrict = videoPointsPerDistrict;
            this.camerasPerPoint = camerasPerPoint;
        }

        static Scale parse(String value) {
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--scale must be small, city or province, not " + value);
            }
        }
    }

    /** A seeded unit as the simulator drives it. */
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

    private static final String[][] CITIES = {
            { "3201", "南京市公安局", "32.060", "118.790" }, { "3205", "苏州市公安局", "31.300", "120.620" },
            { "3202", "无锡市公安局", "31.570", "120.300" }, { "3204", "常州市公安局", "31.810", "119.970" },
            { "3203", "徐州市公安局", "34.260", "117.180" }, { "3206", "南通市公安局", "31.980", "120.890" },
            { "3207", "连云港市公安局", "34.600", "119.220" }, { "3208", "淮安市公安局", "33.610", "119.020" },
            { "3209", "盐城市公安局", "33.350", "120.160" }, { "3210", "扬州市公安局", "32.390", "119.410" },
            { "3211", "镇江市公安局", "32.190", "119.450" }, { "3212", "泰州市公安局", "32.460", "119.920" },
            { "3213", "宿迁市公安局", "33.960", "118.280" } };
    private static final Map<String, String[]> NAMED_DISTRICTS = Map.of(
            "3201", new String[] { "02:玄武分局", "04:秦淮分局", "06:鼓楼分局", "05:建邺分局", "13:栖霞分局", "14:雨花台分局", "15:江宁分局" },
            "3205", new String[] { "08:姑苏分局", "06:吴中分局", "05:虎丘分局", "07:相城分局", "09:吴江分局", "81:常熟市公安局", "82:张家港市公安局" });
    private static final String[] FORCE_TYPES = { "SPECIAL_PATROL", "STATION", "AUXILIARY", "HQ_SUPPORT", "ARMED_POLICE", "RAPID_RESPONSE",
            "VOLUNTEER", "STATION" };
    private static final String[] SITE_CATEGORIES = { "COMMERCIAL_CENTRE", "TRANSPORT_HUB", "SCHOOL_SURROUNDINGS", "CROWD_GATHERING" };
    private static final String PROVINCE_LETTERS = "ABCDEFGHJKLMN";
    private static final int IMPORT_BATCH = 5_000;

    private static final String CHECKPOINTS = "fangkong.checkpoints.v1.CheckpointService";
    private static final String VIDEO = "fangkong.video.v1.VideoService";
    private static final String[] CHECKPOINT_TYPES = { "SECURITY_CHECKPOINT", "SERVICE_STATION", "INSPECTION_STATION", "MOBILE_CHECKPOINT" };

    private final GatewayApi api;
    private final ServiceCalls services;
    private final Map<String, String> apps;
    private final RealmTokens tokens;
    private final Random random = new Random(20_260_101L);
    private final SecureRandom secrets = new SecureRandom();

    /** @param apps each app's base URL by name, for the registry steps the gateway has no door for */
    public DemoProvince(GatewayApi api, ServiceCalls services, Map<String, String> apps, RealmTokens tokens) {
        this.api = api;
        this.services = services;
        this.apps = apps;
        this.tokens = tokens;
    }

    /** The province kept in {@code file}, or a freshly seeded one (then kept there). */
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
                throw new IllegalStateException("seeding the demo province was interrupted in an earlier start; start with --fresh");
            }
            Files.createDirectories(file.getParent());
            Files.createFile(seeding);
            Seeded seeded = seed(scale);
            GatewayApi.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), seeded);
            Files.delete(seeding);
            return seeded;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Seeded seed(Scale scale) {
        String admin = tokens.user("admin");
        organisation(admin, DemoRealm.JIANGSU, "江苏省公安厅", "");
        List<DemoUnit> units = new ArrayList<>();
        List<String> districts = new ArrayList<>();
        List<DemoCheckpoint> checkpoints = new ArrayList<>();
        Map<String, String> plans = new LinkedHashMap<>();
        List<DemoCamera> cameras = new ArrayList<>();
        for (int c = 0; c < scale.cities; c++) {
            String[] city = CITIES[c];
            String cityCode = city[0] + "00000000";
            organisation(admin, cityCode, city[1], DemoRealm.JIANGSU);
            double cityLat = Double.parseDouble(city[2]);
            double cityLon = Double.parseDouble(city[3]);
            String[] named = NAMED_DISTRICTS.get(city[0]);
            for (int d = 0; d < scale.districtsPerCity; d++) {
                String suffix = named != null && d < named.length ? named[d].substring(0, 2) : String.format("%02d", 2 + d);
                String name = named != null && d < named.length ? named[d].substring(3) : city[1].replace("市公安局", "") + "第" + (d + 1) + "分局";
                String district = city[0] + suffix + "000000";
                organisation(admin, district, name, cityCode);
                districts.add(district);
                // Districts on a grid around the city centre, each 4 km square.
                double south = cityLat - 0.06 + (d / 3) * 0.04;
                double west = cityLon - 0.06 + (d % 3) * 0.04;
                units.addAll(seedDistrict(admin, scale, district, name, south, west));
                cameras.addAll(videoPoints(admin, scale, district, name, south, west));
            }
            List<DemoUnit> cityCars = units.stream().filter(u -> u.car() && u.orgCode().startsWith(city[0])).toList();
            plans.put(cityCode, cityCheckpoints(admin, scale, cityCode, city[1], cityLat, cityLon, cityCars, checkpoints));
        }
        Map<String, String> crews = crews(units);
        List<String> plates = wantedList(admin, scale.wantedPlates);
        String staffed = checkpoints.stream().filter(cp -> cp.orgCode().equals(DemoRealm.NANJING) && cp.type().equals("SECURITY_CHECKPOINT"))
                .findFirst().map(DemoCheckpoint::id).orElseThrow();
        return new Seeded(scale.name(), units, crews, scale.wantedPlates, plates, districts, checkpoints, plans, cameras, staffed);
    }

    /**
     * The city's checkpoints: security checkpoints on a ring about 10 km out and inspection stations about 16 km out
     * (together the "close the city gates" plan), service stations in town, and mobile checkpoints on patrol cars.
     * Registered on checkpoint-service's API, as an administrator's onboarding step.
     */
    private String cityCheckpoints(String admin, Scale scale, String cityCode, String cityName, double lat, double lon, List<DemoUnit> cars,
            List<DemoCheckpoint> seeded) {
        String ring = "city-" + cityCode.substring(0, 4);
        List<String> gates = new ArrayList<>();
        for (int t = 0; t < CHECKPOINT_TYPES.length; t++) {
            String type = CHECKPOINT_TYPES[t];
            for (int n = 0; n < scale.checkpointsPerCity[t]; n++) {
                String code = cityCode.substring(0, 4) + "-" + type.substring(0, 3) + "-" + String.format("%02d", n + 1);
                Map<String, Object> request = new LinkedHashMap<>();
                request.put("code", code);
                request.put("name", cityName.replace("公安局", "") + new String[] { "治安卡口", "警务服务站", "公安检查站", "移动卡口" }[t] + (n + 1));
                request.put("type", type);
                request.put("orgCode", cityCode);
                double angle = 2 * Math.PI * n / Math.max(1, scale.checkpointsPerCity[t]);
                double radius = switch (type) {
                    case "SECURITY_CHECKPOINT" -> 0.09;
                    case "INSPECTION_STATION" -> 0.15;
                    default -> 0.03 * random.nextDouble();
                };
                if (type.equals("MOBILE_CHECKPOINT")) {
                    request.put("unitId", cars.get(n % cars.size()).id());
                } else {
                    request.put("location", point(lat + radius * Math.cos(angle), lon + radius * Math.sin(angle)));
                    request.put("lanes", type.equals("SERVICE_STATION") ? 0 : 4);
                }
                if (type.equals("SECURITY_CHECKPOINT") || type.equals("INSPECTION_STATION")) {
                    request.put("rings", List.of(ring));
                }
                request.put("staffedHeadCount", type.equals("INSPECTION_STATION") ? 6 : 3);
                JsonNode checkpoint = services.call(apps.get("checkpoint-service"), CHECKPOINTS, "CreateCheckpoint", request, admin);
                seeded.add(new DemoCheckpoint(checkpoint.path("id").asText(), code, type, cityCode));
                if (request.containsKey("rings")) {
                    gates.add(checkpoint.path("id").asText());
                }
            }
        }
        JsonNode plan = services.call(apps.get("checkpoint-service"), CHECKPOINTS, "CreateCordonPlan", Map.of("name",
                cityName.replace("公安局", "") + "关城门方案", "orgCode", cityCode, "checkpointIds", gates, "rings", List.of(ring), "confirmWithinS", 300), admin);
        return plan.path("id").asText();
    }

    /** The district's video points, each with a smart capture camera and fixed or dome cameras, with GB/T 28181 codes. */
    private List<DemoCamera> videoPoints(String admin, Scale scale, String district, String name, double south, double west) {
        List<DemoCamera> cameras = new ArrayList<>();
        // Division (8 digits), industry 00, type, network 0, serial: 20 digits.
        String division = district.substring(0, 6) + "00" + "00";
        for (int p = 0; p < scale.videoPointsPerDistrict; p++) {
            JsonNode point = services.call(apps.get("video-service"), VIDEO, "CreateVideoPoint", Map.of("gbCode", division + "121" + "0"
                    + String.format("%06d", p + 1), "name", name + "监控点" + (p + 1), "orgCode", district, "location",
                    point(south + random.nextDouble() * 0.04, west + random.nextDouble() * 0.04), "positionType", 1 + random.nextInt(10)), admin);
            for (int c = 0; c < scale.camerasPerPoint; c++) {
                boolean capture = c == 0;
                String gbCode = division + (capture ? "131" : "132") + "0" + String.format("%06d", (p + 1) * 10 + c);
                services.call(apps.get("video-service"), VIDEO, "CreateCamera", Map.of("gbCode", gbCode, "pointId", point.path("id").asText(), "name",
                        name + "监控点" + (p + 1) + (capture ? "卡口抓拍" : "球机" + c), "kind", capture ? "SMART_CAPTURE" : "PANORAMIC_DOME", "ptzType",
                        capture ? "FIXED_BULLET" : "DOME"), admin);
                cameras.add(new DemoCamera(gbCode, capture ? "SMART_CAPTURE" : "PANORAMIC_DOME", district));
            }
        }
        return cameras;
    }

    private List<DemoUnit> seedDistrict(String admin, Scale scale, String district, String name, double south, double west) {
        for (int s = 1; s <= 2; s++) {
            organisation(admin, district.substring(0, 6) + String.format("%03d", s) + "000", name.replace("分局", "") + "第" + s + "派出所", district);
        }
        // Two patrol zones side by side: a main-road zone at level 2 and a community zone at level 3.
        List<String> zoneIds = new ArrayList<>();
        double[][] bounds = { { south, west, south + 0.04, west + 0.02 }, { south, west + 0.02, south + 0.04, west + 0.04 } };
        for (int z = 0; z < 2; z++) {
            double[] b = bounds[z];
            JsonNode zone = api.post("/api/v1/zones", admin, Map.of("name", name + (z == 0 ? "主干道巡区" : "社区巡区"), "orgCode", district,
                    "patrolLevel", 2 + z, "polygon", List.of(point(b[0], b[1]), point(b[0], b[3]), point(b[2], b[3]), point(b[2], b[1]), point(b[0], b[1]))));
            zoneIds.add(zone.path("id").asText());
        }
        List<Map<String, Object>> requests = new ArrayList<>();
        List<String> terminals = new ArrayList<>();
        for (int u = 0; u < scale.unitsPerDistrict; u++) {
            String forceType = FORCE_TYPES[u % FORCE_TYPES.length];
            boolean car = forceType.equals("SPECIAL_PATROL") || forceType.equals("RAPID_RESPONSE") || (u % FORCE_TYPES.length == 7);
            String terminal = terminalSecret();
            terminals.add(terminal);
            Map<String, Object> unit = new LinkedHashMap<>();
            unit.put("callSign", name.substring(0, Math.min(2, name.length())) + "-" + String.format("%03d", u + 1));
            unit.put("orgCode", district);
            unit.put("forceType", forceType);
            unit.put("tier", car ? "MAIN_ROAD" : "COMMUNITY");
            unit.put("headCount", car ? 3 : 2);
            unit.put("armedCount", forceType.equals("SPECIAL_PATROL") || forceType.equals("ARMED_POLICE") || forceType.equals("RAPID_RESPONSE") ? 1 : 0);
            if (car) {
                // The city's office letter, then the district's two digits and the unit's three.
                unit.put("vehiclePlate", "苏" + PROVINCE_LETTERS.charAt(Integer.parseInt(district.substring(2, 4)) - 1)
                        + String.format("%05d", Integer.parseInt(district.substring(4, 6)) * 1000 + u));
            }
            unit.put("homeZoneId", zoneIds.get(car ? 0 : 1));
            unit.put("terminalIds", List.of(terminal));
            requests.add(unit);
        }
        List<DemoUnit> units = new ArrayList<>();
        for (int from = 0; from < requests.size(); from += IMPORT_BATCH) {
            List<Map<String, Object>> batch = requests.subList(from, Math.min(requests.size(), from + IMPORT_BATCH));
            JsonNode imported = api.post("/api/v1/units/import", admin, Map.of("units", batch));
            int i = from;
            for (JsonNode id : imported.path("unitIds")) {
                Map<String, Object> asked = requests.get(i);
                boolean car = asked.containsKey("vehiclePlate");
                double[] b = bounds[car ? 0 : 1];
                units.add(new DemoUnit(id.asText(), (String) asked.get("callSign"), district, (String) asked.get("forceType"), car,
                        terminals.get(i), zoneIds.get(car ? 0 : 1), b[0], b[1], b[2], b[3]));
                i++;
            }
        }
        api.post("/api/v1/key-sites", admin, Map.of("name", name + "商圈", "category", SITE_CATEGORIES[random.nextInt(SITE_CATEGORIES.length)],
                "orgCode", district, "center", point(south + 0.02, west + 0.02), "radiusM", 600,
                "postedUnitIds", units.stream().limit(2).map(DemoUnit::id).toList()));
        return units;
    }

    /** The demo officers join the first units of Xuanwu and Qinhuai (two, one, one each), for today's shift. */
    private Map<String, String> crews(List<DemoUnit> units) {
        Map<String, String> crews = new LinkedHashMap<>();
        int[] unitOf = { 0, 0, 1, 2 };
        for (int n = 1; n <= 8; n++) {
            String district = n <= 4 ? DemoRealm.XUANWU : DemoRealm.QINHUAI;
            List<DemoUnit> local = units.stream().filter(u -> u.orgCode().equals(district)).toList();
            crews.put("officer" + n, local.get(unitOf[(n - 1) % 4]).id());
        }
        return crews;
    }

    /** Each start: the demo officers' shift (up to a day, the longest allowed) and every unit on duty. */
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
        for (DemoUnit unit : province.units()) {
            try {
                api.put("/api/v1/units/" + unit.id() + "/status", admin, Map.of("status", "AVAILABLE", "reason", "demo shift"));
            } catch (GatewayApi.ApiException onAnIncident) {
                // Still on an incident from an earlier run: it is on duty, and the incident releases it.
                if (onAnIncident.status() != 409) {
                    throw onAnIncident;
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

    private List<String> wantedList(String admin, int count) {
        StringBuilder lines = new StringBuilder();
        List<String> plates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String plate = "苏" + PROVINCE_LETTERS.charAt(i % PROVINCE_LETTERS.length()) + String.format("W%04d", i % 10_000);
            if (i >= 10_000 * PROVINCE_LETTERS.length()) {
                break;
            }
            plates.add(plate);
            lines.append(GatewayApi.write(Map.of("kind", "VEHICLE", "plate", plate, "plateColour", "BLUE", "reason",
                    i % 3 == 0 ? "stolen vehicle" : "used in a robbery", "severity", 1 + i % 3, "issuingAgency", "江苏省公安厅刑侦总队",
                    "externalRef", "demo-" + i))).append('\n');
        }
        api.postRaw("/api/v1/wanted/import?source=demo-province&mode=SYNC", admin, lines.toString(), "application/x-ndjson");
        return plates.subList(0, Math.min(plates.size(), 200));
    }

    private void organisation(String admin, String code, String name, String parent) {
        try {
            api.post("/api/v1/organisations", admin, parent.isEmpty() ? Map.of("code", code, "name", name) : Map.of("code", code, "name", name,
                    "parentCode", parent));
        } catch (GatewayApi.ApiException exists) {
            if (exists.status() != 409) {
                throw exists;
            }
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
