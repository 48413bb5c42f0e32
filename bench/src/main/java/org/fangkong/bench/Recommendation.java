package org.fangkong.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.fangkong.launcher.GatewayApi;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;

/**
 * Scenario 2: a dispatcher's closest-unit recommendation for an open incident (gateway REST → alert-service →
 * units-service → Redis GEOSEARCH with the availability and scope filters), at a fixed rate while the province's
 * units report {@link #INGEST_PER_SECOND} fixes a second; beside a raw GEOSEARCH on the same live positions at the
 * same rate under the same ingest.
 */
final class Recommendation {

    static final String NAME = "recommendation";
    static final int INGEST_PER_SECOND = 10_000;
    /** A rate this machine's suite keeps up with, for the path's own latency beside the overload at the target rate. */
    static final int LIGHT_PER_SECOND = 50;
    /** units-service's GEO set of the province's live positions ({@code RedisKeys.unitPositions("32")}). */
    static final String POSITIONS_KEY = "fk:{units:32}:geo";
    /** alert-service's default search radius ({@code fangkong.alerts.recommend.radius-m}). */
    static final int RADIUS_M = 5_000;

    private Recommendation() {
    }

    /**
     * First at {@link #LIGHT_PER_SECOND}, the path's latency when it keeps up, then at {@code perSecond}, the rate the
     * target is set for (in that order, so an overload cannot spill into the lighter run). Only the latter is judged.
     */
    static List<Result> run(GatewayApi api, String gatewayHostPort, String dispatcherToken, Fleet fleet, String orgCode, double lat, double lon,
            int perSecond, Duration warmUp, Duration measure, int redisPort) throws Exception {
        List<Result> results = new java.util.ArrayList<>(atRate(api, gatewayHostPort, dispatcherToken, fleet, orgCode, lat, lon, LIGHT_PER_SECOND,
                warmUp, measure, redisPort, false));
        results.addAll(atRate(api, gatewayHostPort, dispatcherToken, fleet, orgCode, lat, lon, perSecond, warmUp, measure, redisPort, true));
        return results;
    }

    private static List<Result> atRate(GatewayApi api, String gatewayHostPort, String dispatcherToken, Fleet fleet, String orgCode, double lat,
            double lon, int perSecond, Duration warmUp, Duration measure, int redisPort, boolean judged) throws Exception {
        String incident = api.post("/api/v1/incidents", dispatcherToken, Map.of("idempotencyKey", UUID.randomUUID().toString(), "type", "THEFT",
                "priority", 2, "orgCode", orgCode, "location", Map.of("lat", lat, "lon", lon), "address", "bench", "source", "CALL_110",
                "description", "closest-unit recommendation benchmark", "major", false)).path("id").asText();
        HttpRequest recommend = HttpRequest.newBuilder(api.uri("/api/v1/incidents/" + incident + "/recommendations"))
                .header("Authorization", "Bearer " + dispatcherToken).timeout(Duration.ofSeconds(10)).GET().build();
        int[] recommended = new int[1];
        OpenLoop.Measured suite;
        OpenLoop.Measured baseline;
        double suiteIngest;
        double baselineIngest;
        try (PositionIngest.Paced ingest = PositionIngest.paced(gatewayHostPort, fleet, INGEST_PER_SECOND)) {
            suite = OpenLoop.run(perSecond, warmUp, measure, () -> api.sendAsync(recommend).thenApply(response -> {
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("recommendations answered " + response.statusCode() + " " + response.body());
                }
                recommended[0] = count(response);
                return response;
            }));
            suiteIngest = ingest.rate();
            baseline = geosearch(redisPort, lat, lon, perSecond, warmUp, measure);
            baselineIngest = ingest.rate();
            System.out.printf(java.util.Locale.ROOT, "  ingest alongside: %,d offered, %,d acknowledged, %d calls refused %s%n", ingest.offered(),
                    ingest.acknowledged(), ingest.refusedCalls(), ingest.firstRefusal());
        }
        if (suite.failures() > 0) {
            System.out.println("  first failed recommendation: " + suite.firstFailure());
        }
        if (baseline.failures() > 0) {
            System.out.println("  first failed GEOSEARCH: " + baseline.firstFailure());
        }
        String load = String.format(java.util.Locale.ROOT, "%,d live units, %,.0f fixes/s ingest", fleet.size(), suiteIngest);
        String at = "at " + perSecond + "/s: ";
        double p99 = Latencies.millis(suite.latencies(), 99);
        // Nothing answered has no latency: the target is missed, not met with 0 ms.
        boolean met = suite.answered() > 0 && suite.failures() == 0 && p99 <= 20 && p99 <= 4 * Latencies.millis(baseline.latencies(), 99);
        return List.of(
                new Result(NAME, at + "p50 latency (open loop, " + load + ", " + recommended[0] + " units in each answer)",
                        Latencies.millis(suite.latencies(), 50), "ms", "raw GEOSEARCH ... ASC COUNT 10, same rate and ingest",
                        Latencies.millis(baseline.latencies(), 50), false, "", null),
                new Result(NAME, at + "p99 latency", p99, "ms", "raw GEOSEARCH", Latencies.millis(baseline.latencies(), 99), false,
                        judged ? "≤ 20 ms and ≤ 4× baseline" : "", judged ? met : null),
                new Result(NAME, at + "p99.9 latency", Latencies.millis(suite.latencies(), 99.9), "ms", "raw GEOSEARCH",
                        Latencies.millis(baseline.latencies(), 99.9), false, "", null),
                new Result(NAME, at + "answered requests/s", suite.answeredPerSecond(), "requests/s", "raw GEOSEARCH", baseline.answeredPerSecond(), true,
                        "", null),
                new Result(NAME, at + "failed or unanswered requests", suite.failures(), "requests", "raw GEOSEARCH", baseline.failures(), false, "0",
                        suite.failures() == 0),
                new Result(NAME, at + "ingest achieved while measuring (asked " + INGEST_PER_SECOND + "/s)", suiteIngest, "fixes/s", "during the baseline",
                        baselineIngest, true, "", null));
    }

    private static int count(HttpResponse<String> response) {
        try {
            return GatewayApi.JSON.readTree(response.body()).path("units").size();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The same search straight on Redis, pipelined on one connection from Vert.x's client, on the same schedule. */
    private static OpenLoop.Measured geosearch(int redisPort, double lat, double lon, int perSecond, Duration warmUp, Duration measure)
            throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            RedisConnection connection = Redis.createClient(vertx, "redis://127.0.0.1:" + redisPort).connect().toCompletionStage()
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            Request search = Request.cmd(Command.GEOSEARCH).arg(POSITIONS_KEY).arg("FROMLONLAT").arg(lon).arg(lat).arg("BYRADIUS").arg(RADIUS_M)
                    .arg("m").arg("ASC").arg("COUNT").arg(10).arg("WITHDIST").arg("WITHCOORD");
            OpenLoop.Measured measured = OpenLoop.run(perSecond, warmUp, measure,
                    () -> connection.send(search).toCompletionStage().toCompletableFuture().thenApply(found -> {
                        if (found.size() == 0) {
                            throw new IllegalStateException("GEOSEARCH found no unit");
                        }
                        return found;
                    }));
            connection.close();
            return measured;
        } finally {
            vertx.close();
        }
    }
}
