package org.fangkong.bench;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.fangkong.launcher.GatewayApi;
import org.fangkong.proto.events.v1.Event;
import org.fangkong.proto.video.v1.CaptureReport;
import org.fangkong.proto.video.v1.ReportCapturesResponse;
import org.fangkong.proto.video.v1.VideoServiceGrpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Scenario 3: plate captures through video-service's capture ingest (validated, deduplicated, stored, matched against
 * a wanted list of {@link #WANTED} plates imported through the gateway, hits on the capture-hits stream through the
 * outbox), as fast as flow control lets them; one capture in {@link #HIT_EVERY} carries a wanted plate, and each hit
 * is timed from its capture's sending to its arrival on the stream. Beside the same captures without plates, which
 * have nothing to match (matching off).
 */
final class Captures {

    static final String NAME = "captures";
    static final int WANTED = 1_000_000;
    static final int HIT_EVERY = 100;
    static final int STREAMS = 4;
    /** Captures per call: one answer per call, as a collection system's relay sends them. */
    static final int PER_CALL = 2_000;
    /** Captures per call at a fixed rate: a relay forwarding what its cameras saw in the last moments. */
    static final int PACED_CALL = 100;
    /** Entries per import request: below the gateway's default 10 MB body limit. */
    static final int IMPORT_REQUEST = 40_000;
    /** video-service's stream of wanted hits ({@code RedisKeys.eventStream("capture-hits")}). */
    static final String HITS_STREAM = "fk:{stream:capture-hits}";
    private static final String LETTERS = "ABCDEFGHJKLMN";

    private Captures() {
    }

    /** A wanted plate (the first {@link #WANTED}), or with {@code index} at or past it a plate nobody wants. */
    static String plate(int index) {
        return "苏" + LETTERS.charAt(index / 100_000) + String.format("%05d", index % 100_000);
    }

    /** The million-plate wanted list through the gateway's bulk import; how long it took. */
    static Duration importWanted(GatewayApi api, String adminToken) {
        long began = System.nanoTime();
        for (int start = 0; start < WANTED; start += IMPORT_REQUEST) {
            int from = start;
            int to = Math.min(WANTED, from + IMPORT_REQUEST);
            HttpRequest request = HttpRequest.newBuilder(api.uri("/api/v1/wanted/import?source=bench&mode=ADD")).timeout(Duration.ofMinutes(5))
                    .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> lines(from, to))).build();
            HttpResponse<String> response = api.sendAsync(request).orTimeout(5, TimeUnit.MINUTES).join();
            if (response.statusCode() != 200) {
                throw new IllegalStateException("wanted-list import refused: " + response.statusCode() + " " + response.body());
            }
        }
        return Duration.ofNanos(System.nanoTime() - began);
    }

    /** NDJSON lines of entries {@code from} to {@code to}, made as the body is read. */
    private static InputStream lines(int from, int to) {
        Enumeration<InputStream> chunks = new Enumeration<>() {
            int next = from;

            @Override
            public boolean hasMoreElements() {
                return next < to;
            }

            @Override
            public InputStream nextElement() {
                StringBuilder chunk = new StringBuilder();
                for (int end = Math.min(to, next + 1_000); next < end; next++) {
                    chunk.append(GatewayApi.write(Map.of("kind", "VEHICLE", "plate", plate(next), "plateColour", "BLUE", "reason", "stolen vehicle",
                            "severity", 1 + next % 3, "issuingAgency", "江苏省公安厅刑侦总队", "externalRef", "bench-" + next))).append('\n');
                }
                return new ByteArrayInputStream(chunk.toString().getBytes(StandardCharsets.UTF_8));
            }
        };
        return chunks.hasMoreElements() ? new SequenceInputStream(chunks) : new ByteArrayInputStream(new byte[0]);
    }

    static List<Result> run(String videoHostPort, String serviceToken, List<String> cameras, Duration measure, int redisPort, Duration imported)
            throws Exception {
        // The path's first seconds are the JIT's, whichever run comes first: warm it up unmeasured.
        flat(videoHostPort, serviceToken, cameras, Duration.ofSeconds(10), redisPort, true);
        Measured matched = flat(videoHostPort, serviceToken, cameras, measure, redisPort, true);
        Measured plain = flat(videoHostPort, serviceToken, cameras, measure, redisPort, false);
        // Latency flat out is mostly the wait behind queued batches; at half that rate it is the path's own.
        double pacedRate = Math.max(PACED_CALL, Math.floor(matched.rate() / 2 / PACED_CALL) * PACED_CALL);
        Paced paced = paced(videoHostPort, serviceToken, cameras, pacedRate, Duration.ofSeconds(5), measure, redisPort);
        double p99 = Latencies.millis(paced.hits().histogram(), 99);
        String at = String.format(Locale.ROOT, "at %,.0f captures/s (half the rate flat out; calls of %d, one capture in %d wanted)", pacedRate, PACED_CALL,
                HIT_EVERY);
        return List.of(
                new Result(NAME, "wanted list imported through the gateway, alongside the units (" + String.format(Locale.ROOT, "%,d", WANTED) + " plates, "
                        + IMPORT_REQUEST + " per request)", WANTED / (imported.toNanos() / 1e9), "entries/s", "", 0, true, "", null),
                new Result(NAME, "captures/s accepted flat out (one in " + HIT_EVERY + " wanted, " + STREAMS + " streams of " + PER_CALL
                        + " a call, after 10 s of warm-up)", matched.rate(), "captures/s", "same ingest, captures without plates (matching off)",
                        plain.rate(), true, "≥ 20,000/s and ≥ 0.8× baseline", matched.rate() >= 20_000 && matched.rate() >= 0.8 * plain.rate()),
                new Result(NAME, "capture to hit on the stream flat out, p50 (mostly waiting behind queued batches)",
                        Latencies.millis(matched.hitLatencies().histogram, 50), "ms", "", 0, false, "", null),
                new Result(NAME, "capture to hit on the stream flat out, p99", Latencies.millis(matched.hitLatencies().histogram, 99), "ms", "", 0, false,
                        "", null),
                new Result(NAME, "capture to hit on the stream " + at + ", p50", Latencies.millis(paced.hits().histogram(), 50), "ms", "", 0, false, "",
                        null),
                new Result(NAME, "capture to hit on the stream, p99", p99, "ms", "", 0, false, "≤ 100 ms", paced.hitsSeen() > 0 && p99 <= 100),
                new Result(NAME, "ReportCaptures call answered (stored and matched) " + at + ", p99", Latencies.millis(paced.calls().latencies(), 99),
                        "ms", "", 0, false, "", null),
                new Result(NAME, "calls failed or unanswered " + at, paced.calls().failures(), "calls", "", 0, false, "0",
                        paced.calls().failures() == 0),
                new Result(NAME, "hits on the stream (of hits answered, all runs)", matched.hitsSeen() + paced.hitsSeen(), "hits", "answered as hits",
                        matched.hitsAnswered() + paced.hitsAnswered(), true, "all",
                        matched.hitsSeen() == matched.hitsAnswered() && paced.hitsSeen() == paced.hitsAnswered() && matched.hitsAnswered() > 0));
    }

    private record HitLatencies(org.HdrHistogram.Histogram histogram) {
    }

    private record Measured(double rate, HitLatencies hitLatencies, long hitsAnswered, long hitsSeen) {
    }

    private record Paced(OpenLoop.Measured calls, HitLatencies hits, long hitsAnswered, long hitsSeen) {
    }

    /**
     * One run's connections: a gRPC channel to video-service, and a Redis connection reading the hits stream from its
     * end, timing every hit whose capture id is in {@link #sentAt}.
     */
    private static final class Session implements AutoCloseable {

        final Map<String, Long> sentAt = new ConcurrentHashMap<>();
        final VideoServiceGrpc.VideoServiceStub stub;
        private final Latencies latencies = new Latencies();
        private final AtomicLong seen = new AtomicLong();
        private final AtomicBoolean reading = new AtomicBoolean(true);
        private final CompletableFuture<Void> reader = new CompletableFuture<>();
        private final Vertx vertx = Vertx.vertx();
        private final ManagedChannel channel;
        private final RedisConnection redis;

        Session(String videoHostPort, String serviceToken, int redisPort) throws Exception {
            channel = NettyChannelBuilder.forTarget(videoHostPort).usePlaintext().build();
            stub = VideoServiceGrpc.newStub(channel).withInterceptors(GrpcOverhead.bearer(serviceToken));
            redis = Redis.createClient(vertx, "redis://127.0.0.1:" + redisPort).connect().toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            Response last = redis.send(Request.cmd(Command.XREVRANGE).arg(HITS_STREAM).arg("+").arg("-").arg("COUNT").arg(1)).toCompletionStage()
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            readHits(redis, last.size() == 0 ? "0-0" : last.get(0).get(0).toString(), sentAt, latencies, seen, reading, reader);
        }

        /** Waits (up to 30 s: the outbox relays on its own schedule) for the hits answered to arrive, then stops reading. */
        HitLatencies awaitHits(long answered) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (seen.get() < answered && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            reading.set(false);
            reader.get(10, TimeUnit.SECONDS);
            return new HitLatencies(latencies.take());
        }

        long seen() {
            return seen.get();
        }

        @Override
        public void close() {
            redis.close();
            channel.shutdownNow();
            vertx.close();
        }
    }

    /** {@link #STREAMS} relay streams as fast as flow control lets them, for {@code measure}. */
    private static Measured flat(String videoHostPort, String serviceToken, List<String> cameras, Duration measure, int redisPort, boolean plates)
            throws Exception {
        try (Session session = new Session(videoHostPort, serviceToken, redisPort)) {
            AtomicLong accepted = new AtomicLong();
            AtomicLong hits = new AtomicLong();
            AtomicLong sequence = new AtomicLong();
            String run = Long.toString(System.currentTimeMillis(), 36) + (plates ? "p" : "n");
            long start = System.nanoTime();
            long stopAt = start + measure.toNanos();
            List<CompletableFuture<Void>> streams = new ArrayList<>();
            for (int s = 0; s < STREAMS; s++) {
                streams.add(CompletableFuture.runAsync(() -> {
                    while (System.nanoTime() < stopAt) {
                        ReportCapturesResponse answer = call(session.stub, cameras, run, sequence, PER_CALL, plates, session.sentAt).join();
                        accepted.addAndGet(answer.getAccepted());
                        hits.addAndGet(answer.getHits());
                    }
                }));
            }
            CompletableFuture.allOf(streams.toArray(CompletableFuture[]::new)).get(measure.toSeconds() + 120, TimeUnit.SECONDS);
            double rate = accepted.get() / ((System.nanoTime() - start) / 1e9);
            HitLatencies latencies = session.awaitHits(hits.get());
            return new Measured(rate, latencies, hits.get(), session.seen());
        }
    }

    /**
     * Calls of {@link #PACED_CALL} captures at a fixed rate, open loop: each call's answer timed from its due time, each
     * hit from its call's sending (calls go out when due unless the generator itself is behind).
     */
    private static Paced paced(String videoHostPort, String serviceToken, List<String> cameras, double capturesPerSecond, Duration warmUp,
            Duration measure, int redisPort) throws Exception {
        try (Session session = new Session(videoHostPort, serviceToken, redisPort)) {
            AtomicLong hits = new AtomicLong();
            AtomicLong sequence = new AtomicLong();
            String run = Long.toString(System.currentTimeMillis(), 36) + "t";
            long measureFrom = System.nanoTime() + warmUp.toNanos();
            // Hits of warm-up calls are not timed (not put in sentAt), nor counted.
            Map<String, Long> ignored = new ConcurrentHashMap<>();
            OpenLoop.Measured calls = OpenLoop.run(capturesPerSecond / PACED_CALL, warmUp, measure, () -> {
                boolean measured = System.nanoTime() >= measureFrom;
                return call(session.stub, cameras, run, sequence, PACED_CALL, true, measured ? session.sentAt : ignored).thenAccept(answer -> {
                    if (measured) {
                        hits.addAndGet(answer.getHits());
                    }
                });
            });
            HitLatencies latencies = session.awaitHits(hits.get());
            return new Paced(calls, latencies, hits.get(), session.seen());
        }
    }

    /** One relay call: {@code count} captures as flow control allows, then the one answer. */
    private static CompletableFuture<ReportCapturesResponse> call(VideoServiceGrpc.VideoServiceStub stub, List<String> cameras, String run,
            AtomicLong sequence, int count, boolean plates, Map<String, Long> sentAt) {
        CompletableFuture<ReportCapturesResponse> done = new CompletableFuture<>();
        stub.withDeadlineAfter(2, TimeUnit.MINUTES).reportCaptures(new ClientResponseObserver<CaptureReport, ReportCapturesResponse>() {
            int sent;

            @Override
            public void beforeStart(ClientCallStreamObserver<CaptureReport> requests) {
                requests.setOnReadyHandler(() -> {
                    while (sent < count && requests.isReady()) {
                        long n = sequence.getAndIncrement();
                        String id = "bench-" + run + "-" + n;
                        CaptureReport.Builder capture = CaptureReport.newBuilder().setCaptureId(id).setCameraGbCode(cameras.get((int) (n % cameras.size())))
                                .setPassTime(now()).setLane(1 + (int) (n % 3)).setDirectionDeg(90).setSpeedKmh(50).setVehicleClass("K33");
                        if (plates) {
                            boolean wanted = n % HIT_EVERY == 0;
                            capture.setPlate(plate(wanted ? (int) ((n / HIT_EVERY) % WANTED) : WANTED + (int) (n % 300_000))).setPlateColour("BLUE");
                            if (wanted) {
                                sentAt.put(id, System.nanoTime());
                            }
                        }
                        requests.onNext(capture.build());
                        if (++sent == count) {
                            requests.onCompleted();
                        }
                    }
                });
            }

            @Override
            public void onNext(ReportCapturesResponse answer) {
                done.complete(answer);
            }

            @Override
            public void onError(Throwable failure) {
                done.completeExceptionally(failure);
            }

            @Override
            public void onCompleted() {
                done.complete(ReportCapturesResponse.getDefaultInstance());
            }
        });
        return done;
    }

    private static com.google.protobuf.Timestamp now() {
        Instant now = Instant.now();
        return com.google.protobuf.Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
    }

    /** Reads the hits stream from {@code after} with blocking XREADs, timing each hit of this run from its sending. */
    private static void readHits(RedisConnection redis, String after, Map<String, Long> sentAt, Latencies latencies, AtomicLong seen,
            AtomicBoolean reading, CompletableFuture<Void> done) {
        if (!reading.get()) {
            done.complete(null);
            return;
        }
        redis.send(Request.cmd(Command.XREAD).arg("COUNT").arg(1000).arg("BLOCK").arg(500).arg("STREAMS").arg(HITS_STREAM).arg(after))
                .onComplete(result -> {
                    if (result.failed()) {
                        done.completeExceptionally(result.cause());
                        return;
                    }
                    long now = System.nanoTime();
                    String next = after;
                    Response streams = result.result();
                    if (streams != null) {
                        // RESP3 answers a map of stream to entries, RESP2 a list of [stream, entries].
                        Response entries = streams.isMap() ? streams.get(HITS_STREAM) : streams.get(0).get(1);
                        if (entries != null) {
                            for (Response entry : entries) {
                                next = entry.get(0).toString();
                                Map<String, Response> fields = new LinkedHashMap<>();
                                Response values = entry.get(1);
                                for (int i = 0; i + 1 < values.size(); i += 2) {
                                    fields.put(values.get(i).toString(), values.get(i + 1));
                                }
                                try {
                                    Event event = Event.parseFrom(fields.get("event").toBytes());
                                    Long sent = sentAt.remove(event.getCaptureHit().getCaptureId());
                                    if (sent != null) {
                                        latencies.record(now - sent);
                                        seen.incrementAndGet();
                                    }
                                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                                    done.completeExceptionally(e);
                                    return;
                                }
                            }
                        }
                    }
                    readHits(redis, next, sentAt, latencies, seen, reading, done);
                });
    }
}
