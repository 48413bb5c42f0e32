package org.fangkong.bench;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.fangkong.launcher.GatewayApi;
import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.terminals.v1.FixBatch;
import org.fangkong.proto.terminals.v1.ReportResult;
import org.fangkong.proto.terminals.v1.TerminalFix;
import org.fangkong.proto.terminals.v1.TerminalIngestGrpc;

import com.fasterxml.jackson.databind.JsonNode;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;

/**
 * Scenario 1: the province's units streaming batched fixes through the real terminal path (gateway's
 * TerminalIngest → units-service → Redis), counted when acknowledged and found again in PostgreSQL once the history
 * writer has drained; beside pipelined GEOADDs straight into the same Redis with the same client library (Vert.x).
 */
final class PositionIngest {

    static final String NAME = "position-ingest";
    static final int BATCH = 500;
    static final int STREAMS = 4;

    private PositionIngest() {
    }

    /** Imports {@code count} units with one terminal each into the given districts; returns their terminal ids. */
    static List<String> importUnits(GatewayApi api, String adminToken, List<String> districts, int count) {
        SecureRandom random = new SecureRandom();
        List<String> terminals = new ArrayList<>(count);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int u = 0; u < count; u++) {
            byte[] secret = new byte[16];
            random.nextBytes(secret);
            String terminal = "bench-" + HexFormat.of().formatHex(secret);
            terminals.add(terminal);
            Map<String, Object> unit = new LinkedHashMap<>();
            unit.put("callSign", "B-" + u);
            unit.put("orgCode", districts.get(u % districts.size()));
            // Of the seed's 50,300: 5,300 cars (special patrol), the rest people on foot (auxiliaries).
            boolean car = u % 50_300 < 5_300;
            unit.put("forceType", car ? "SPECIAL_PATROL" : "AUXILIARY");
            unit.put("tier", car ? "MAIN_ROAD" : "COMMUNITY");
            unit.put("headCount", 1);
            unit.put("armedCount", 0);
            unit.put("terminalIds", List.of(terminal));
            batch.add(unit);
            if (batch.size() == 5000 || u == count - 1) {
                JsonNode imported = api.post("/api/v1/units/import", adminToken, Map.of("units", batch));
                if (imported.path("unitIds").size() != batch.size()) {
                    throw new IllegalStateException("import returned " + imported);
                }
                batch = new ArrayList<>();
            }
        }
        return terminals;
    }

    static List<Result> run(String gatewayHostPort, List<String> terminals, double lat, double lon, Duration measure, int redisPort,
            int postgresPort) throws Exception {
        Instant began = Instant.now();
        AtomicLong acknowledged = new AtomicLong();
        long start = System.nanoTime();
        List<CompletableFuture<Void>> streams = new ArrayList<>();
        ManagedChannel channel = NettyChannelBuilder.forTarget(gatewayHostPort).usePlaintext().build();
        long stopAt = start + measure.toNanos();
        int slice = (terminals.size() + STREAMS - 1) / STREAMS;
        AtomicLong refusals = new AtomicLong();
        for (int s = 0; s < STREAMS; s++) {
            List<String> mine = terminals.subList(s * slice, Math.min(terminals.size(), (s + 1) * slice));
            streams.add(CompletableFuture.runAsync(() -> relay(channel, mine, lat, lon, stopAt, acknowledged, refusals)));
        }
        CompletableFuture.allOf(streams.toArray(CompletableFuture[]::new)).get(measure.toSeconds() + 300, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        channel.shutdownNow();
        long stored = acknowledged.get();
        double rate = stored / seconds;
        long inHistory = awaitHistory(postgresPort, began, stored, Duration.ofMinutes(3));
        double baseline = geoaddBaseline(redisPort, terminals.size(), lat, lon, measure);
        return List.of(
                new Result(NAME, terminals.size() + " units, batches of " + BATCH + " on " + STREAMS + " streams: positions/s acknowledged", rate,
                        "fixes/s", "pipelined GEOADD, same Redis and client library", baseline, true, "≥ 50,000/s and ≥ 0.3× baseline",
                        rate >= 50_000 && rate >= 0.3 * baseline),
                new Result(NAME, "acknowledged fixes found in PostgreSQL after the history writer drained", inHistory, "fixes", "acknowledged",
                        stored, true, "all", inHistory == stored),
                new Result(NAME, "rounds refused at capacity and sent again (RESOURCE_EXHAUSTED, UNAVAILABLE)", refusals.get(), "rounds", "", 0, false, "", null));
    }

    /**
     * A relay: one call per round (one fix for each unit of its slice, in batches), as fast as flow control lets it;
     * a round refused at capacity (RESOURCE_EXHAUSTED, or UNAVAILABLE while the gateway's breaker is open) is sent
     * again after a pause, as the API asks.
     */
    private static void relay(ManagedChannel channel, List<String> terminals, double lat, double lon, long stopAt, AtomicLong acknowledged,
            AtomicLong refusals) {
        long roundMillis = System.currentTimeMillis();
        while (System.nanoTime() < stopAt) {
            try {
                ReportResult result = round(channel, terminals, lat, lon, roundMillis).get(5, TimeUnit.MINUTES);
                acknowledged.addAndGet(result.getAccepted());
                // Each unit's next fix is newer than its last, or units-service drops it as out of order.
                roundMillis = Math.max(roundMillis + 1, System.currentTimeMillis());
            } catch (java.util.concurrent.ExecutionException e) {
                io.grpc.Status.Code code = io.grpc.Status.fromThrowable(e.getCause()).getCode();
                if (code != io.grpc.Status.Code.RESOURCE_EXHAUSTED && code != io.grpc.Status.Code.UNAVAILABLE) {
                    throw new IllegalStateException(e.getCause());
                }
                refusals.incrementAndGet();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static CompletableFuture<ReportResult> round(ManagedChannel channel, List<String> terminals, double lat, double lon, long roundMillis) {
        CompletableFuture<ReportResult> done = new CompletableFuture<>();
        com.google.protobuf.Timestamp at = com.google.protobuf.Timestamp.newBuilder().setSeconds(roundMillis / 1000)
                .setNanos((int) (roundMillis % 1000) * 1_000_000).build();
        TerminalIngestGrpc.newStub(channel).report(new ClientResponseObserver<FixBatch, ReportResult>() {
            int next;
            boolean finished;

            @Override
            public void beforeStart(ClientCallStreamObserver<FixBatch> requests) {
                requests.setOnReadyHandler(() -> {
                    while (!finished && requests.isReady()) {
                        FixBatch.Builder batch = FixBatch.newBuilder();
                        for (int i = 0; i < BATCH && next < terminals.size(); i++, next++) {
                            batch.addFixes(TerminalFix.newBuilder().setTerminalId(terminals.get(next))
                                    .setPoint(GeoPoint.newBuilder().setLat(lat + next * 1e-6).setLon(lon)).setRecordedAt(at).setAccuracyM(8));
                        }
                        requests.onNext(batch.build());
                        if (next >= terminals.size()) {
                            finished = true;
                            requests.onCompleted();
                        }
                    }
                });
            }

            @Override
            public void onNext(ReportResult result) {
                done.complete(result);
            }

            @Override
            public void onError(Throwable failure) {
                done.completeExceptionally(failure);
            }

            @Override
            public void onCompleted() {
                done.complete(ReportResult.getDefaultInstance());
            }
        });
        return done;
    }

    /** Waits until the history writer has stored the run's fixes in PostgreSQL (or the time is up) and counts them. */
    private static long awaitHistory(int postgresPort, Instant since, long expected, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        long found = 0;
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/units", "units", "units")) {
            var count = db.prepareStatement("select count(*) from position_fix where recorded_at >= ?");
            count.setTimestamp(1, Timestamp.from(since.minusSeconds(1)));
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    found = rows.getLong(1);
                }
                if (found >= expected) {
                    return found;
                }
                Thread.sleep(1000);
            }
        }
        return found;
    }

    /** Pipelined GEOADD batches of the same size into the same Redis, several in flight, for the same time. */
    private static double geoaddBaseline(int redisPort, int units, double lat, double lon, Duration measure) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            RedisConnection connection = Redis.createClient(vertx, "redis://127.0.0.1:" + redisPort).connect().toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            AtomicLong added = new AtomicLong();
            long stopAt = System.nanoTime() + measure.toNanos();
            long start = System.nanoTime();
            List<CompletableFuture<Void>> loops = new ArrayList<>();
            for (int s = 0; s < STREAMS; s++) {
                CompletableFuture<Void> loop = new CompletableFuture<>();
                geoadd(connection, "bench:baseline:" + s, units / STREAMS, lat, lon, stopAt, added, loop, 0);
                loops.add(loop);
            }
            CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get(measure.toSeconds() + 60, TimeUnit.SECONDS);
            double rate = added.get() / ((System.nanoTime() - start) / 1e9);
            connection.send(Request.cmd(Command.DEL).arg("bench:baseline:0").arg("bench:baseline:1").arg("bench:baseline:2").arg("bench:baseline:3"));
            connection.close();
            return rate;
        } finally {
            vertx.close();
        }
    }

    private static void geoadd(RedisConnection connection, String key, int members, double lat, double lon, long stopAt, AtomicLong added,
            CompletableFuture<Void> done, int from) {
        if (System.nanoTime() >= stopAt) {
            done.complete(null);
            return;
        }
        List<Request> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            batch.add(Request.cmd(Command.GEOADD).arg(key).arg(lon).arg(lat + i * 1e-6).arg("u" + ((from + i) % members)));
        }
        connection.batch(batch).onComplete(result -> {
            if (result.failed()) {
                done.completeExceptionally(result.cause());
            } else {
                added.addAndGet(BATCH);
                geoadd(connection, key, members, lat, lon, stopAt, added, done, from + BATCH);
            }
        });
    }
}
