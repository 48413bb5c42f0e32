package org.fangkong.bench;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.fangkong.launcher.GatewayApi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The province's units for the load scenarios: imported through the gateway's bulk import, each with one terminal and
 * a home point scattered around its district, and put on duty through the gateway as a shift start does.
 *
 * @param districts the district of each unit (the demo province's districts, in turn)
 */
record Fleet(List<String> unitIds, List<String> terminals, List<String> districts, double[] lat, double[] lon) {

    /**
     * Half the side of the square a district's units are scattered over, in degrees of latitude (about 55 km): a
     * city's three districts overlap to about two units a km² near its centre, a city's density of patrols.
     */
    static final double SPREAD_DEG = 0.5;
    static final int IMPORT_BATCH = 5_000;

    int size() {
        return terminals.size();
    }

    /**
     * Imports {@code count} units into the given districts (centre points in the same order), as the seed's mix: of
     * every 50,300, 5,300 cars (special patrol) and the rest people on foot (auxiliaries).
     */
    static Fleet importUnits(GatewayApi api, String adminToken, List<String> districtCodes, List<double[]> centres, int count) {
        SecureRandom secrets = new SecureRandom();
        Random places = new Random(20_261_202L);
        List<String> ids = new ArrayList<>(count);
        List<String> terminals = new ArrayList<>(count);
        List<String> districts = new ArrayList<>(count);
        double[] lat = new double[count];
        double[] lon = new double[count];
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int u = 0; u < count; u++) {
            byte[] secret = new byte[16];
            secrets.nextBytes(secret);
            String terminal = "bench-" + HexFormat.of().formatHex(secret);
            int d = u % districtCodes.size();
            terminals.add(terminal);
            districts.add(districtCodes.get(d));
            lat[u] = centres.get(d)[0] + (places.nextDouble() * 2 - 1) * SPREAD_DEG;
            lon[u] = centres.get(d)[1] + (places.nextDouble() * 2 - 1) * SPREAD_DEG * 1.2;
            boolean car = u % 50_300 < 5_300;
            Map<String, Object> unit = new LinkedHashMap<>();
            unit.put("callSign", "B-" + u);
            unit.put("orgCode", districtCodes.get(d));
            unit.put("forceType", car ? "SPECIAL_PATROL" : "AUXILIARY");
            unit.put("tier", car ? "MAIN_ROAD" : "COMMUNITY");
            unit.put("headCount", car ? 2 : 1);
            unit.put("armedCount", car ? 1 : 0);
            unit.put("terminalIds", List.of(terminal));
            batch.add(unit);
            if (batch.size() == IMPORT_BATCH || u == count - 1) {
                JsonNode imported = api.post("/api/v1/units/import", adminToken, Map.of("units", batch));
                if (imported.path("unitIds").size() != batch.size()) {
                    throw new IllegalStateException("import returned " + imported);
                }
                imported.path("unitIds").forEach(id -> ids.add(id.asText()));
                batch = new ArrayList<>();
            }
        }
        return new Fleet(ids, terminals, districts, lat, lon);
    }

    /**
     * Puts units on duty ({@code AVAILABLE}) as a shift start does: {@code PUT /api/v1/units/status}, up to 5,000 units a
     * call; returns how long it took. Any refusal fails the run.
     */
    Duration onDuty(GatewayApi api, String commanderToken, List<String> unitIds) {
        long began = System.nanoTime();
        for (int from = 0; from < unitIds.size(); from += IMPORT_BATCH) {
            api.put("/api/v1/units/status", commanderToken, Map.of("unitIds", unitIds.subList(from, Math.min(unitIds.size(), from + IMPORT_BATCH)),
                    "status", "AVAILABLE", "reason", "shift start"));
        }
        return Duration.ofNanos(System.nanoTime() - began);
    }

    /** The units whose home point lies within {@code metres} of a point (a flat approximation, fine at city scale). */
    List<String> near(double lat0, double lon0, double metres) {
        double metresPerDegree = 111_320;
        List<String> found = new ArrayList<>();
        for (int u = 0; u < size(); u++) {
            double dy = (lat[u] - lat0) * metresPerDegree;
            double dx = (lon[u] - lon0) * metresPerDegree * Math.cos(Math.toRadians(lat0));
            if (dx * dx + dy * dy <= metres * metres) {
                found.add(unitIds.get(u));
            }
        }
        return found;
    }
}
