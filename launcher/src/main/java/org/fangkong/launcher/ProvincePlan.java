package org.fangkong.launcher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The demo province worked out in full before anything is called: its cities and districts with their stations,
 * patrol zones, units, key sites and video points, and each city's checkpoints and cordon ring. {@link DemoProvince}
 * registers what it says through the public APIs. The same scale always gives the same plan (positions included);
 * only the terminals' secrets are drawn when seeding.
 *
 * <p>At {@link Scale#PROVINCE} the totals are the seed's: 13 cities, 95 county-level districts, 440 key sites, 13,000
 * police and 32,000 auxiliaries in patrol units with 5,300 cars and 1,460 firearms, 330 security checkpoints, 420 police
 * service stations, 100 inspection stations, 130 mobile checkpoints, 7,000 video points with 40,000 cameras. Each total
 * is shared out over the cities by population (largest remainders), so every count adds up exactly.
 */
public final class ProvincePlan {

    /** The four kinds of checkpoint, in the order the scales count them. */
    public static final List<String> CHECKPOINT_TYPES = List.of("SECURITY_CHECKPOINT", "SERVICE_STATION", "INSPECTION_STATION", "MOBILE_CHECKPOINT");
    /** Force types counted as police (the rest are auxiliaries and volunteers). */
    public static final List<String> POLICE_FORCES = List.of("SPECIAL_PATROL", "STATION", "HQ_SUPPORT", "ARMED_POLICE", "RAPID_RESPONSE");

    /**
     * One kind of patrol unit and how many of it the province has: force type, car or on foot, crew size and the
     * firearms each crew carries.
     */
    public record UnitKind(String forceType, boolean car, int total, int headCount, int armedCount) {

        /** The patrol tier the kind works: cars and special patrols the main roads, desks' reinforcements the key sites. */
        public String tier() {
            return switch (forceType) {
                case "HQ_SUPPORT", "ARMED_POLICE" -> "KEY_SITE";
                case "STATION", "VOLUNTEER" -> car ? "MAIN_ROAD" : "COMMUNITY";
                default -> "MAIN_ROAD";
            };
        }
    }

    /** How big the demo is. */
    public enum Scale {
        /** Two cities, six districts, 48 units, 14 checkpoints, 24 cameras: starts in seconds. */
        SMALL(new int[] { 3, 3 }, false, everyKindPerDistrict(6, 1), 6, new int[] { 8, 2, 2, 2 }, 12, 24, 500),
        /** Every city of the province, four districts each: 2,080 units, 208 checkpoints, 624 cameras. */
        CITY(repeat(13, 4), false, everyKindPerDistrict(52, 5), 52, new int[] { 104, 52, 26, 26 }, 208, 624, 10_000),
        /** The seed's counts (see the class comment), over the province's 95 county-level districts. */
        PROVINCE(new int[] { 11, 9, 7, 6, 10, 7, 6, 7, 9, 6, 6, 6, 5 }, true, List.of(
                new UnitKind("SPECIAL_PATROL", true, 560, 2, 1),
                new UnitKind("STATION", false, 1_150, 2, 0),
                new UnitKind("AUXILIARY", false, 13_300, 2, 0),
                new UnitKind("HQ_SUPPORT", false, 800, 2, 0),
                new UnitKind("ARMED_POLICE", false, 175, 4, 2),
                new UnitKind("RAPID_RESPONSE", true, 200, 4, 2),
                new UnitKind("VOLUNTEER", false, 190, 2, 0),
                new UnitKind("STATION", true, 1_300, 2, 0),
                new UnitKind("SPECIAL_PATROL", true, 1_440, 2, 0),
                new UnitKind("SPECIAL_PATROL", false, 350, 2, 0),
                new UnitKind("RAPID_RESPONSE", false, 75, 4, 2),
                new UnitKind("AUXILIARY", true, 1_800, 3, 0)),
                440, new int[] { 330, 420, 100, 130 }, 7_000, 40_000, 100_000);

        /** Districts of each city, in {@link ProvincePlan#CITIES} order. */
        final int[] districtsPerCity;
        /** Whether totals are shared by the cities' population (else evenly). */
        final boolean byPopulation;
        final List<UnitKind> kinds;
        final int keySites;
        /** Security checkpoints, service stations, inspection stations, mobile checkpoints. */
        final int[] checkpoints;
        final int videoPoints;
        final int cameras;
        final int wantedPlates;

        Scale(int[] districtsPerCity, boolean byPopulation, List<UnitKind> kinds, int keySites, int[] checkpoints, int videoPoints, int cameras,
                int wantedPlates) {
            this.districtsPerCity = districtsPerCity;
            this.byPopulation = byPopulation;
            this.kinds = kinds;
            this.keySites = keySites;
            this.checkpoints = checkpoints;
            this.videoPoints = videoPoints;
            this.cameras = cameras;
            this.wantedPlates = wantedPlates;
        }

        public int wantedPlates() {
            return wantedPlates;
        }

        public static Scale parse(String value) {
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--scale must be small, city or province, not " + value);
            }
        }

        /** The small demo's district: one unit of each kind (a station patrol on foot and one in a car). */
        private static List<UnitKind> everyKindPerDistrict(int districts, int each) {
            int n = districts * each;
            return List.of(new UnitKind("SPECIAL_PATROL", true, n, 3, 1), new UnitKind("STATION", false, n, 2, 0),
                    new UnitKind("AUXILIARY", false, n, 2, 0), new UnitKind("HQ_SUPPORT", false, n, 2, 0),
                    new UnitKind("ARMED_POLICE", false, n, 2, 1), new UnitKind("RAPID_RESPONSE", true, n, 3, 1),
                    new UnitKind("VOLUNTEER", false, n, 2, 0), new UnitKind("STATION", true, n, 3, 0));
        }

        private static int[] repeat(int times, int value) {
            int[] values = new int[times];
            Arrays.fill(values, value);
            return values;
        }
    }

    /** A planned unit; {@code zone} is its home zone among the district's two (0 the main roads, 1 the communities). */
    public record PlannedUnit(String callSign, String forceType, String tier, boolean car, int headCount, int armedCount, String vehiclePlate,
            int zone) {
    }

    /** A patrol zone (a rectangle, south-west to north-east corner) with its patrol level. */
    public record PlannedZone(String name, int level, double south, double west, double north, double east) {
    }

    /** A key site with the district's units posted there (indices into the district's units). */
    public record PlannedKeySite(String name, String category, double lat, double lon, int radiusM, List<Integer> postedUnits) {
    }

    /** A camera of a video point, by its GB/T 28181 code. */
    public record PlannedCamera(String gbCode, String name, String kind, String ptzType) {
    }

    /** A video point and its cameras: the first a smart capture camera reading plates, the others domes. */
    public record PlannedVideoPoint(String gbCode, String name, double lat, double lon, int positionType, List<PlannedCamera> cameras) {
    }

    /** A police station of a district (an organisation of its own). */
    public record PlannedStation(String code, String name) {
    }

    /**
     * A checkpoint of a city. A mobile checkpoint rides on a car unit ({@code carDistrict}, {@code carUnit}: indices
     * into the city's districts and that district's units) and has no fixed location.
     */
    public record PlannedCheckpoint(String code, String name, String type, double lat, double lon, int lanes, boolean onRing, int staffedHeadCount,
            int carDistrict, int carUnit) {
    }

    public record PlannedDistrict(String code, String name, double south, double west, double north, double east, List<PlannedStation> stations,
            List<PlannedZone> zones, List<PlannedUnit> units, List<PlannedKeySite> keySites, List<PlannedVideoPoint> videoPoints) {
    }

    public record PlannedCity(String code, String name, double lat, double lon, List<PlannedDistrict> districts, List<PlannedCheckpoint> checkpoints,
            String ring, String cordonPlanName) {
    }

    /** What a plan adds up to, as the seed counts it. */
    public record Totals(int cities, int districts, int units, int police, int auxiliaries, int volunteers, int cars, int firearms, int keySites,
            int[] checkpoints, int videoPoints, int cameras) {
    }

    /** Province code, bureau name, centre; with each city's 2020 census population (millions), which shares the totals. */
    static final String[][] CITIES = {
            { "3201", "南京市公安局", "32.060", "118.790", "9.31" }, { "3205", "苏州市公安局", "31.300", "120.620", "12.75" },
            { "3202", "无锡市公安局", "31.570", "120.300", "7.46" }, { "3204", "常州市公安局", "31.810", "119.970", "5.28" },
            { "3203", "徐州市公安局", "34.260", "117.180", "9.08" }, { "3206", "南通市公安局", "31.980", "120.890", "7.73" },
            { "3207", "连云港市公安局", "34.600", "119.220", "4.60" }, { "3208", "淮安市公安局", "33.610", "119.020", "4.56" },
            { "3209", "盐城市公安局", "33.350", "120.160", "6.71" }, { "3210", "扬州市公安局", "32.390", "119.410", "4.56" },
            { "3211", "镇江市公安局", "32.190", "119.450", "3.21" }, { "3212", "泰州市公安局", "32.460", "119.920", "4.51" },
            { "3213", "宿迁市公安局", "33.960", "118.280", "4.99" } };
    /** The real districts of the two demo cities (GB/T 2260 suffix and bureau), in the order the demo uses them. */
    private static final java.util.Map<String, String[]> NAMED_DISTRICTS = java.util.Map.of(
            "3201", new String[] { "02:玄武分局", "04:秦淮分局", "06:鼓楼分局", "05:建邺分局", "13:栖霞分局", "14:雨花台分局", "15:江宁分局", "11:浦口分局",
                    "16:六合分局", "17:溧水分局", "18:高淳分局" },
            "3205", new String[] { "08:姑苏分局", "06:吴中分局", "05:虎丘分局", "07:相城分局", "09:吴江分局", "81:常熟市公安局", "82:张家港市公安局",
                    "83:昆山市公安局", "85:太仓市公安局" });
    private static final String[] SITE_CATEGORIES = { "COMMERCIAL_CENTRE", "TRANSPORT_HUB", "SCHOOL_SURROUNDINGS", "CROWD_GATHERING" };
    private static final String[] CHECKPOINT_NAMES = { "治安卡口", "警务服务站", "公安检查站", "移动卡口" };
    private static final String PROVINCE_LETTERS = "ABCDEFGHJKLMN";
    /** A district is a square this many degrees across (about 4 km). */
    private static final double DISTRICT_SIZE = 0.04;

    private final Scale scale;
    private final List<PlannedCity> cities;

    private ProvincePlan(Scale scale, List<PlannedCity> cities) {
        this.scale = scale;
        this.cities = cities;
    }

    public Scale scale() {
        return scale;
    }

    public List<PlannedCity> cities() {
        return cities;
    }

    /** The plan of a scale; the same every time. */
    public static ProvincePlan of(Scale scale) {
        Random random = new Random(20_260_101L);
        int cityCount = scale.districtsPerCity.length;
        double[] cityWeights = new double[cityCount];
        List<Double> districtWeights = new ArrayList<>();
        for (int c = 0; c < cityCount; c++) {
            cityWeights[c] = scale.byPopulation ? Double.parseDouble(CITIES[c][4]) : 1;
            for (int d = 0; d < scale.districtsPerCity[c]; d++) {
                districtWeights.add(cityWeights[c] / scale.districtsPerCity[c]);
            }
        }
        double[] perDistrict = districtWeights.stream().mapToDouble(Double::doubleValue).toArray();
        int districtCount = perDistrict.length;
        // Every total shared out over the districts (units of each kind, key sites, video points) or the cities (checkpoints).
        int[][] unitsOfKind = new int[scale.kinds.size()][];
        for (int k = 0; k < scale.kinds.size(); k++) {
            unitsOfKind[k] = apportion(scale.kinds.get(k).total(), perDistrict);
        }
        int[] keySites = apportion(scale.keySites, perDistrict);
        int[] videoPoints = apportion(scale.videoPoints, perDistrict);
        int[][] checkpoints = new int[CHECKPOINT_TYPES.size()][];
        for (int t = 0; t < CHECKPOINT_TYPES.size(); t++) {
            checkpoints[t] = apportion(scale.checkpoints[t], cityWeights);
        }
        // Cameras: every point has the same number, the first points one more, so the total is exact.
        int camerasEach = scale.cameras / scale.videoPoints;
        int[] pointsWithOneMore = { scale.cameras % scale.videoPoints };

        List<PlannedCity> cities = new ArrayList<>();
        int districtIndex = 0;
        for (int c = 0; c < cityCount; c++) {
            String[] city = CITIES[c];
            double lat = Double.parseDouble(city[2]);
            double lon = Double.parseDouble(city[3]);
            String shortName = city[1].replace("市公安局", "");
            List<PlannedDistrict> districts = new ArrayList<>();
            int count = scale.districtsPerCity[c];
            int columns = count <= 9 ? 3 : 4;
            for (int d = 0; d < count; d++, districtIndex++) {
                String[] named = NAMED_DISTRICTS.get(city[0]);
                boolean real = named != null && d < named.length;
                String code = city[0] + (real ? named[d].substring(0, 2) : String.format("%02d", 2 + d)) + "000000";
                String name = real ? named[d].substring(3) : shortName + "第" + (d + 1) + "分局";
                String callSignPrefix = real ? name.substring(0, 2) : shortName + (d + 1);
                double south = lat - 0.06 + (d / columns) * DISTRICT_SIZE;
                double west = lon - 0.06 + (d % columns) * DISTRICT_SIZE;
                int[] kindCounts = new int[scale.kinds.size()];
                for (int k = 0; k < kindCounts.length; k++) {
                    kindCounts[k] = unitsOfKind[k][districtIndex];
                }
                districts.add(district(scale, random, code, name, callSignPrefix, south, west, kindCounts, keySites[districtIndex],
                        videoPoints[districtIndex], camerasEach, pointsWithOneMore));
            }
            int[] cityCheckpoints = new int[CHECKPOINT_TYPES.size()];
            for (int t = 0; t < cityCheckpoints.length; t++) {
                cityCheckpoints[t] = checkpoints[t][c];
            }
            String ring = "city-" + city[0];
            cities.add(new PlannedCity(city[0] + "00000000", city[1], lat, lon, districts,
                    cityCheckpoints(random, city[0], shortName, lat, lon, districts, cityCheckpoints), ring, shortName + "关城门方案"));
        }
        return new ProvincePlan(scale, List.copyOf(cities));
    }

    private static PlannedDistrict district(Scale scale, Random random, String code, String name, String callSignPrefix, double south, double west,
            int[] kindCounts, int keySiteCount, int videoPointCount, int camerasEach, int[] pointsWithOneMore) {
        double north = south + DISTRICT_SIZE;
        double east = west + DISTRICT_SIZE;
        List<PlannedStation> stations = List.of(
                new PlannedStation(code.substring(0, 6) + "001000", name.replace("分局", "").replace("市公安局", "") + "第1派出所"),
                new PlannedStation(code.substring(0, 6) + "002000", name.replace("分局", "").replace("市公安局", "") + "第2派出所"));
        // Two zones side by side: the main roads at level 2 (cars), the communities at level 3 (on foot).
        String zoneName = name.replace("市公安局", "").replace("分局", "");
        List<PlannedZone> zones = List.of(new PlannedZone(zoneName + "主干道巡区", 2, south, west, north, west + DISTRICT_SIZE / 2),
                new PlannedZone(zoneName + "社区巡区", 3, south, west + DISTRICT_SIZE / 2, north, east));

        // Units of every kind in turn, so each district's first units are one of each kind.
        List<PlannedUnit> units = new ArrayList<>();
        int[] left = kindCounts.clone();
        for (boolean any = true; any;) {
            any = false;
            for (int k = 0; k < left.length; k++) {
                if (left[k] == 0) {
                    continue;
                }
                left[k]--;
                any = true;
                UnitKind kind = scale.kinds.get(k);
                int n = units.size();
                String plate = kind.car() ? "苏" + PROVINCE_LETTERS.charAt(Integer.parseInt(code.substring(2, 4)) - 1)
                        + String.format("%05d", Integer.parseInt(code.substring(4, 6)) * 1000 + n) : null;
                units.add(new PlannedUnit(callSignPrefix + "-" + String.format("%03d", n + 1), kind.forceType(), kind.tier(), kind.car(), kind.headCount(),
                        kind.armedCount(), plate, kind.tier().equals("MAIN_ROAD") ? 0 : 1));
            }
        }

        // Key sites, each with two units posted: armed ones first, then whoever patrols the key sites, then any.
        List<Integer> postable = new ArrayList<>();
        for (int pass = 0; pass < 3; pass++) {
            for (int u = 0; u < units.size(); u++) {
                PlannedUnit unit = units.get(u);
                boolean armed = unit.armedCount() > 0;
                boolean keySiteTier = unit.tier().equals("KEY_SITE");
                if ((pass == 0 && armed) || (pass == 1 && !armed && keySiteTier) || (pass == 2 && !armed && !keySiteTier)) {
                    postable.add(u);
                }
            }
        }
        List<PlannedKeySite> sites = new ArrayList<>();
        for (int s = 0; s < keySiteCount; s++) {
            List<Integer> posted = new ArrayList<>();
            for (int p = 0; p < 2 && !postable.isEmpty(); p++) {
                posted.add(postable.get((2 * s + p) % postable.size()));
            }
            double lat = keySiteCount == 1 ? south + DISTRICT_SIZE / 2 : south + 0.005 + random.nextDouble() * (DISTRICT_SIZE - 0.01);
            double lon = keySiteCount == 1 ? west + DISTRICT_SIZE / 2 : west + 0.005 + random.nextDouble() * (DISTRICT_SIZE - 0.01);
            sites.add(new PlannedKeySite(zoneName + (keySiteCount == 1 ? "商圈" : "重点部位" + (s + 1)), SITE_CATEGORIES[random.nextInt(SITE_CATEGORIES.length)],
                    lat, lon, 600, List.copyOf(posted)));
        }

        // Video points with GB/T 28181 codes: division (8 digits), type, network 0, serial.
        String division = code.substring(0, 6) + "0000";
        List<PlannedVideoPoint> points = new ArrayList<>();
        for (int p = 0; p < videoPointCount; p++) {
            String pointName = zoneName + "监控点" + (p + 1);
            int cameraCount = camerasEach + (pointsWithOneMore[0]-- > 0 ? 1 : 0);
            List<PlannedCamera> cameras = new ArrayList<>();
            for (int c = 0; c < cameraCount; c++) {
                boolean capture = c == 0;
                cameras.add(new PlannedCamera(division + (capture ? "131" : "132") + "0" + String.format("%06d", (p + 1) * 10 + c),
                        pointName + (capture ? "卡口抓拍" : "球机" + c), capture ? "SMART_CAPTURE" : "PANORAMIC_DOME", capture ? "FIXED_BULLET" : "DOME"));
            }
            points.add(new PlannedVideoPoint(division + "121" + "0" + String.format("%06d", p + 1), pointName, south + random.nextDouble() * DISTRICT_SIZE,
                    west + random.nextDouble() * DISTRICT_SIZE, 1 + random.nextInt(10), List.copyOf(cameras)));
        }
        return new PlannedDistrict(code, name, south, west, north, east, stations, zones, List.copyOf(units), List.copyOf(sites), List.copyOf(points));
    }

    /**
     * Security checkpoints on a ring outside the districts and inspection stations further out (together the "close
     * the city gates" plan), service stations in town, and mobile checkpoints on the city's patrol cars.
     */
    private static List<PlannedCheckpoint> cityCheckpoints(Random random, String prefix, String shortName, double lat, double lon,
            List<PlannedDistrict> districts, int[] counts) {
        // The ring lies outside every district's far corner.
        double reach = 0.09;
        for (PlannedDistrict district : districts) {
            reach = Math.max(reach, Math.hypot(Math.max(Math.abs(district.north() - lat), Math.abs(district.south() - lat)),
                    Math.max(Math.abs(district.east() - lon), Math.abs(district.west() - lon))) + 0.01);
        }
        List<int[]> cars = new ArrayList<>();
        for (int d = 0; d < districts.size(); d++) {
            List<PlannedUnit> units = districts.get(d).units();
            for (int u = 0; u < units.size(); u++) {
                if (units.get(u).car()) {
                    cars.add(new int[] { d, u });
                }
            }
        }
        List<PlannedCheckpoint> checkpoints = new ArrayList<>();
        for (int t = 0; t < CHECKPOINT_TYPES.size(); t++) {
            String type = CHECKPOINT_TYPES.get(t);
            for (int n = 0; n < counts[t]; n++) {
                String code = prefix + "-" + type.substring(0, 3) + "-" + String.format("%02d", n + 1);
                String name = shortName + CHECKPOINT_NAMES[t] + (n + 1);
                double angle = 2 * Math.PI * n / Math.max(1, counts[t]);
                double radius = switch (type) {
                    case "SECURITY_CHECKPOINT" -> reach;
                    case "INSPECTION_STATION" -> reach + 0.06;
                    default -> 0.03 * random.nextDouble();
                };
                boolean mobile = type.equals("MOBILE_CHECKPOINT");
                int[] car = mobile ? cars.get(n % cars.size()) : new int[] { -1, -1 };
                checkpoints.add(new PlannedCheckpoint(code, name, type, lat + radius * Math.cos(angle), lon + radius * Math.sin(angle),
                        type.equals("SERVICE_STATION") || mobile ? 0 : 4, type.equals("SECURITY_CHECKPOINT") || type.equals("INSPECTION_STATION"),
                        type.equals("INSPECTION_STATION") ? 6 : 3, car[0], car[1]));
            }
        }
        return List.copyOf(checkpoints);
    }

    /** What the plan adds up to. */
    public Totals totals() {
        int districts = 0;
        int units = 0;
        int police = 0;
        int auxiliaries = 0;
        int volunteers = 0;
        int cars = 0;
        int firearms = 0;
        int keySites = 0;
        int[] checkpoints = new int[CHECKPOINT_TYPES.size()];
        int videoPoints = 0;
        int cameras = 0;
        for (PlannedCity city : cities) {
            for (PlannedDistrict district : city.districts()) {
                districts++;
                for (PlannedUnit unit : district.units()) {
                    units++;
                    if (POLICE_FORCES.contains(unit.forceType())) {
                        police += unit.headCount();
                    } else if (unit.forceType().equals("AUXILIARY")) {
                        auxiliaries += unit.headCount();
                    } else {
                        volunteers += unit.headCount();
                    }
                    cars += unit.car() ? 1 : 0;
                    firearms += unit.armedCount();
                }
                keySites += district.keySites().size();
                videoPoints += district.videoPoints().size();
                cameras += district.videoPoints().stream().mapToInt(point -> point.cameras().size()).sum();
            }
            for (PlannedCheckpoint checkpoint : city.checkpoints()) {
                checkpoints[CHECKPOINT_TYPES.indexOf(checkpoint.type())]++;
            }
        }
        return new Totals(cities.size(), districts, units, police, auxiliaries, volunteers, cars, firearms, keySites, checkpoints, videoPoints, cameras);
    }

    /**
     * Shares {@code total} out in proportion to {@code weights}: each share rounded down, then one more to the largest
     * remainders (earlier entries first on ties) until the shares add up to the total.
     */
    static int[] apportion(int total, double[] weights) {
        double sum = Arrays.stream(weights).sum();
        int[] shares = new int[weights.length];
        double[] remainders = new double[weights.length];
        int given = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = total * weights[i] / sum;
            shares[i] = (int) Math.floor(exact + 1e-9);
            remainders[i] = exact - shares[i];
            given += shares[i];
        }
        while (given < total) {
            int best = 0;
            for (int i = 1; i < weights.length; i++) {
                if (remainders[i] > remainders[best] + 1e-9) {
                    best = i;
                }
            }
            shares[best]++;
            remainders[best] = -1;
            given++;
        }
        return shares;
    }
}
