package org.fangkong.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

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
     * Puts units on duty ({@code AVAILABLE}) through the gateway's status endpoint, {@code inFlight} requests at a
     * time, as the shift's commanders would; returns how long it took. Any refusal fails the run.
     */
    Duration onDuty(GatewayApi api, String commanderToken, List<String> unitIds, int inFlight) throws Exception {
        Semaphore slots = new Semaphore(inFlight);
        AtomicReference<String> refused = new AtomicReference<>();
        AtomicLong done = new AtomicLong();
        long began = System.nanoTime();
        byte[] body = GatewayApi.write(Map.of("status", "AVAILABLE", "reason", "shift start")).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (String id : unitIds) {
            slots.acquire();
            if (refused.get() != null) {
                break;
            }
            HttpRequest request = HttpRequest.newBuilder(api.uri("/api/v1/units/" + id + "/status")).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + commanderToken).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            CompletableFuture<HttpResponse<String>> sent = api.sendAsync(request);
            sent.whenComplete((response, failure) -> {
                if (failure != null) {
                    refused.compareAndSet(null, id + ": " + failure);
                } else if (response.statusCode() != 200) {
                    refused.compareAndSet(null, id + ": " + response.statusCode() + " " + response.body());
                }
                done.incrementAndGet();
                slots.release();
            });
        }
        if (!slots.tryAcquire(inFlight, 2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("shift start did not finish: " + done.get() + " of " + unitIds.size() + " answered");
        }
        if (refused.get() != null) {
            throw new IllegalStateException("a unit could not go on duty: " + refused.get());
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
