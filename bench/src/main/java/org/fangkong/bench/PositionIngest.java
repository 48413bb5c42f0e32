package org.fangkong.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.fangkong.proto.common.v1.GeoPoint;
import org.fangkong.proto.terminals.v1.FixBatch;
import org.fangkong.proto.terminals.v1.ReportResult;
import org.fangkong.proto.terminals.v1.TerminalFix;
import org.fangkong.proto.terminals.v1.TerminalIngestGrpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;

/**
 * Scenario 1: the province's units streaming batched fixes through the real terminal path (gateway's
 * TerminalIngest → units-service → Redis) at rising fixed rates, counted when acknowledged and found again in
 * PostgreSQL once the history writer has drained; beside pipelined GEOADDs straight into the same Redis with the same
 * client library (Vert.x).
 */
final class PositionIngest {

    static final String NAME = "position-ingest";
    static final int BATCH = 500;
    /** In flight at once in the GEOADD baseline. */
    static final int STREAMS = 4;
    private static final String BASELINE_KEY = "bench:baseline:positions";

    private PositionIngest() {
    }

    /** Fixed rates tried in turn, each for {@link #STEP}, until one is not sustained. */
    static final int[] RATES = { 5_000, 10_000, 20_000, 40_000, 80_000 };
    static final Duration STEP = Duration.ofSeconds(10);

    /**
     * Relays at fixed rates, rising: a rate is sustained when every call is answered and every fix offered is
     * acknowledged. Then the acknowledged fixes are looked for in PostgreSQL once the history writer has drained.
     */
    static List<Result> run(String gatewayHostPort, Fleet fleet, int redisPort, int postgresPort) throws Exception {
        Instant began = Instant.now();
        long acknowledgedInAll = 0;
        int sustained = 0;
        double sustainedAcknowledged = 0;
        String notSustained = "none up to " + RATES[RATES.length - 1] + "/s";
        for (int rate : RATES) {
            long start = System.nanoTime();
            Paced paced = paced(gatewayHostPort, fleet, rate);
            Thread.sleep(STEP.toMillis());
            paced.close();
            double seconds = (System.nanoTime() - start) / 1e9;
            acknowledgedInAll += paced.acknowledged();
            boolean kept = paced.refusedCalls() == 0 && paced.acknowledged() == paced.offered();
            System.out.printf(java.util.Locale.ROOT, "  %,d fixes/s asked: %,d offered, %,d acknowledged, %,d out of order, %d calls refused %s%n", rate,
                    paced.offered(), paced.acknowledged(), paced.outOfOrder(), paced.refusedCalls(), paced.firstRefusal());
            if (!kept) {
                notSustained = String.format(java.util.Locale.ROOT, "%,d/s: %,.0f acknowledged a second, %d of its calls refused", rate,
                        paced.acknowledged() / seconds, paced.refusedCalls());
                break;
            }
            sustained = rate;
            sustainedAcknowledged = paced.acknowledged() / seconds;
        }
        long inHistory = awaitHistory(postgresPort, began, acknowledgedInAll, Duration.ofMinutes(2));
        double baseline = geoaddBaseline(redisPort, fleet, STEP);
        return List.of(
                new Result(NAME, String.format(java.util.Locale.ROOT, "%,d units, batches of %d: highest fixed rate sustained (rates doubled from %,d/s)",
                        fleet.size(), BATCH, RATES[0]), sustained, "fixes/s", "pipelined GEOADD, same Redis and client library", baseline, true,
                        "≥ 50,000/s and ≥ 0.3× baseline", sustained >= 50_000 && sustained >= 0.3 * baseline),
                new Result(NAME, "acknowledged a second at that rate (calls answered as they end)", sustainedAcknowledged, "fixes/s", "", 0, true, "",
                        null),
                new Result(NAME, "first rate not sustained: " + notSustained, Double.NaN, "", "", 0, false, "", null),
                // A refused call may have stored some of its batches before the refusal: at least as many, never fewer.
                new Result(NAME, "acknowledged fixes found in PostgreSQL after the history writer drained", inHistory, "fixes", "acknowledged",
                        acknowledgedInAll, true, "all", inHistory >= acknowledgedInAll));
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
    private static double geoaddBaseline(int redisPort, Fleet fleet, Duration measure) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            RedisConnection connection = Redis.createClient(vertx, "redis://127.0.0.1:" + redisPort).connect().toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            AtomicLong added = new AtomicLong();
            long stopAt = System.nanoTime() + measure.toNanos();
            long start = System.nanoTime();
            List<CompletableFuture<Void>> loops = new ArrayList<>();
            int slice = (fleet.size() + STREAMS - 1) / STREAMS;
            for (int s = 0; s < STREAMS; s++) {
                CompletableFuture<Void> loop = new CompletableFuture<>();
                geoadd(connection, BASELINE_KEY, fleet, s * slice, Math.min(fleet.size(), (s + 1) * slice), stopAt, added, loop, 0);
                loops.add(loop);
            }
            CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get(measure.toSeconds() + 60, TimeUnit.SECONDS);
            double rate = added.get() / ((System.nanoTime() - start) / 1e9);
            connection.send(Request.cmd(Command.DEL).arg(BASELINE_KEY)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            connection.close();
            return rate;
        } finally {
            vertx.close();
        }
    }

    private static void geoadd(RedisConnection connection, String key, Fleet fleet, int from, int to, long stopAt, AtomicLong added,
            CompletableFuture<Void> done, int round) {
        if (System.nanoTime() >= stopAt) {
            done.complete(null);
            return;
        }
        List<Request> batch = new ArrayList<>(BATCH);
        int offset = (round * BATCH) % (to - from);
        for (int i = 0; i < BATCH; i++) {
            int u = from + (offset + i) % (to - from);
            batch.add(Request.cmd(Command.GEOADD).arg(key).arg(fleet.lon()[u] + jitter(u, round)).arg(fleet.lat()[u]).arg(fleet.unitIds().get(u)));
        }
        connection.batch(batch).onComplete(result -> {
            if (result.failed()) {
                done.completeExceptionally(result.cause());
            } else {
                added.addAndGet(BATCH);
                geoadd(connection, key, fleet, from, to, stopAt, added, done, round + 1);
            }
        });
    }

    /** Units {@code from} (inclusive) to {@code to} with a fix each at {@code millis}, a few metres off their home point. */
    static FixBatch batch(Fleet fleet, int from, int to, long millis) {
        com.google.protobuf.Timestamp at = com.google.protobuf.Timestamp.newBuilder().setSeconds(millis / 1000)
                .setNanos((int) (millis % 1000) * 1_000_000).build();
        FixBatch.Builder batch = FixBatch.newBuilder();
        for (int u = from; u < to; u++) {
            batch.addFixes(TerminalFix.newBuilder().setTerminalId(fleet.terminals().get(u))
                    .setPoint(GeoPoint.newBuilder().setLat(fleet.lat()[u]).setLon(fleet.lon()[u] + jitter(u, millis))).setRecordedAt(at).setAccuracyM(8));
        }
        return batch.build();
    }

    /** Up to about 50 m east or west, so consecutive fixes of a unit differ as a patrol's do. */
    private static double jitter(int unit, long seed) {
        return ((unit * 31L + seed) % 101 - 50) * 1e-5;
    }

    /**
     * Background load for other scenarios: every unit's fix in turn, {@code perSecond} fixes a second in batches of
     * {@link #BATCH} on one relay call per round, sent on schedule whatever the answers do.
     */
    static Paced paced(String gatewayHostPort, Fleet fleet, int perSecond) {
        return new Paced(gatewayHostPort, fleet, perSecond);
    }

    static final class Paced implements AutoCloseable {

        /** Batches per relay call: a call is answered (and counted) about once a second at the lowest rate. */
        private static final int BATCHES_PER_CALL = 10;

        private final ManagedChannel channel;
        private final Fleet fleet;
        private final java.util.concurrent.ScheduledExecutorService sender = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong offered = new AtomicLong();
        private final AtomicLong acknowledged = new AtomicLong();
        private final AtomicLong outOfOrder = new AtomicLong();
        private final AtomicLong refused = new AtomicLong();
        private final java.util.concurrent.atomic.AtomicReference<String> firstRefusal = new java.util.concurrent.atomic.AtomicReference<>("");
        private long mark = System.nanoTime();
        private long countAtMark;
        private io.grpc.stub.StreamObserver<FixBatch> call;
        private int batchesInCall;
        private int next;
        private long callMillis;

        private Paced(String gatewayHostPort, Fleet fleet, int perSecond) {
            this.channel = NettyChannelBuilder.forTarget(gatewayHostPort).usePlaintext().build();
            this.fleet = fleet;
            long periodMicros = 1_000_000L * BATCH / perSecond;
            sender.scheduleAtFixedRate(this::send, 0, periodMicros, TimeUnit.MICROSECONDS);
        }

        private void send() {
            if (call == null) {
                // Each unit's next fix is newer than its last (units-service drops older ones as out of order).
                callMillis = Math.max(callMillis + 1, System.currentTimeMillis());
                call = TerminalIngestGrpc.newStub(channel).withDeadlineAfter(2, TimeUnit.MINUTES).report(new io.grpc.stub.StreamObserver<>() {
                    @Override
                    public void onNext(ReportResult result) {
                        acknowledged.addAndGet(result.getAccepted());
                        outOfOrder.addAndGet(result.getOutOfOrder());
                    }

                    @Override
                    public void onError(Throwable failure) {
                        refused.incrementAndGet();
                        firstRefusal.compareAndSet("", String.valueOf(failure));
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
                batchesInCall = 0;
            }
            int to = Math.min(fleet.size(), next + BATCH);
            call.onNext(batch(fleet, next, to, callMillis));
            offered.addAndGet(to - next);
            next = to == fleet.size() ? 0 : to;
            if (++batchesInCall == BATCHES_PER_CALL || next == 0) {
                call.onCompleted();
                call = null;
            }
        }

        /** Fixes acknowledged per second since the previous call (or the start). */
        synchronized double rate() {
            long now = System.nanoTime();
            long count = acknowledged.get();
            double rate = (count - countAtMark) / ((now - mark) / 1e9);
            mark = now;
            countAtMark = count;
            return rate;
        }

        long offered() {
            return offered.get();
        }

        long acknowledged() {
            return acknowledged.get();
        }

        long refusedCalls() {
            return refused.get();
        }

        long outOfOrder() {
            return outOfOrder.get();
        }

        String firstRefusal() {
            return firstRefusal.get();
        }

        /** Stops sending and waits (up to a minute) for the answers of the calls sent. */
        @Override
        public void close() {
            sender.shutdown();
            try {
                sender.awaitTermination(10, TimeUnit.SECONDS);
                if (call != null) {
                    call.onCompleted();
                    call = null;
                }
                channel.shutdown();
                channel.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            channel.shutdownNow();
        }
    }
}
