package org.fangkong.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.fangkong.launcher.GatewayApi;
import org.fangkong.proto.checkpoints.v1.CheckpointServiceGrpc;
import org.fangkong.proto.checkpoints.v1.CheckpointType;
import org.fangkong.proto.checkpoints.v1.CreateCheckpointRequest;
import org.fangkong.proto.checkpoints.v1.CreateCordonPlanRequest;
import org.fangkong.proto.common.v1.GeoPoint;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;

/**
 * Scenario 4: "close the city gates". A commander activates a plan of {@link #CHECKPOINTS} checkpoints while as many
 * checkpoint clients hold the gateway's live stream (Server-Sent Events) open; each activation is timed from the
 * commander's request until every client has the order ({@code cordon.activated}). Beside a raw Redis stream fan-out:
 * one XADD read by as many plain blocking XREADs on their own connections.
 */
final class Cordon {

    static final String NAME = "cordon";
    static final int CHECKPOINTS = 330;
    static final int ROUNDS = 20;
    private static final String FANOUT_STREAM = "bench:fanout";

    private Cordon() {
    }

    /**
     * A plan of {@link #CHECKPOINTS} city-gate checkpoints around the city centre: {@code staffed} (where the checkpoint
     * user is posted) and new ones registered on checkpoint-service's API as an administrator's onboarding does.
     */
    static String plan(String checkpointHostPort, String adminToken, String cityCode, double lat, double lon, String staffed) {
        ManagedChannel channel = NettyChannelBuilder.forTarget(checkpointHostPort).usePlaintext().build();
        try {
            CheckpointServiceGrpc.CheckpointServiceBlockingStub checkpoints = CheckpointServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(GrpcOverhead.bearer(adminToken));
            List<String> members = new ArrayList<>(List.of(staffed));
            String run = Long.toString(System.currentTimeMillis(), 36);
            for (int n = 1; n < CHECKPOINTS; n++) {
                double angle = 2 * Math.PI * n / CHECKPOINTS;
                members.add(checkpoints.withDeadlineAfter(10, TimeUnit.SECONDS).createCheckpoint(CreateCheckpointRequest.newBuilder()
                        .setCode("B" + run + "-" + n).setName("城门卡口 " + n).setType(CheckpointType.SECURITY_CHECKPOINT).setOrgCode(cityCode)
                        .setLocation(GeoPoint.newBuilder().setLat(lat + 0.12 * Math.cos(angle)).setLon(lon + 0.14 * Math.sin(angle))).setLanes(4)
                        .setStaffedHeadCount(3).build()).getId());
            }
            return checkpoints.withDeadlineAfter(30, TimeUnit.SECONDS).createCordonPlan(CreateCordonPlanRequest.newBuilder().setName("关城门 bench " + run)
                    .setOrgCode(cityCode).addAllCheckpointIds(members).setConfirmWithinS(300).build()).getId();
        } finally {
            channel.shutdownNow();
        }
    }

    static List<Result> run(GatewayApi api, int gatewayPort, String planId, String commanderToken, String checkpointToken, int redisPort)
            throws Exception {
        Measured gateway = gateway(api, gatewayPort, planId, commanderToken, checkpointToken);
        Measured raw = fanOut(redisPort);
        String shape = CHECKPOINTS + " checkpoints, " + CHECKPOINTS + " SSE clients, " + ROUNDS + " activations";
        return List.of(
                new Result(NAME, "activation to order at every client, p50 (" + shape + ")", Latencies.millis(gateway.lastClient(), 50), "ms",
                        "raw Redis stream fan-out to " + CHECKPOINTS + " XREAD connections", Latencies.millis(raw.lastClient(), 50), false, "", null),
                new Result(NAME, "activation to order at every client, p99", Latencies.millis(gateway.lastClient(), 99), "ms", "raw Redis stream fan-out",
                        Latencies.millis(raw.lastClient(), 99), false, "", null),
                new Result(NAME, "activation to order at one client, p99 (all deliveries)", Latencies.millis(gateway.everyClient(), 99), "ms",
                        "raw Redis stream fan-out", Latencies.millis(raw.everyClient(), 99), false, "", null),
                new Result(NAME, "orders missing at a client", gateway.missing(), "orders", "raw Redis stream fan-out", raw.missing(), false, "0",
                        gateway.missing() == 0));
    }

    /** Per round, the time until the last client had the order; every client's time; orders that never came. */
    private record Measured(Histogram lastClient, Histogram everyClient, long missing) {
    }

    private interface Rounds {
        /** Sends the order of one round; the clients count what they receive in {@code received}. */
        void send(int round) throws Exception;
    }

    /** Times {@link #ROUNDS} orders until each of {@code received}'s clients has counted {@code round + 1}. */
    private static Measured rounds(AtomicLongArray received, long[] at, Rounds order, Runnable between) throws Exception {
        Latencies last = new Latencies();
        Latencies every = new Latencies();
        long missing = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long sent = System.nanoTime();
            order.send(round);
            long deadline = sent + TimeUnit.SECONDS.toNanos(30);
            int arrived;
            while ((arrived = arrived(received, round + 1)) < received.length() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
            }
            missing += received.length() - arrived;
            long latest = 0;
            for (int c = 0; c < received.length(); c++) {
                if (received.get(c) >= round + 1) {
                    long took = at[c] - sent;
                    every.record(took);
                    latest = Math.max(latest, took);
                }
            }
            last.record(latest);
            between.run();
        }
        return new Measured(last.take(), every.take(), missing);
    }

    private static int arrived(AtomicLongArray received, long count) {
        int arrived = 0;
        for (int c = 0; c < received.length(); c++) {
            if (received.get(c) >= count) {
                arrived++;
            }
        }
        return arrived;
    }

    private static Measured gateway(GatewayApi api, int gatewayPort, String planId, String commanderToken, String checkpointToken) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(gatewayPort)
                    .setIdleTimeout(0), new PoolOptions().setHttp1MaxSize(CHECKPOINTS + 10));
            AtomicLongArray activated = new AtomicLongArray(CHECKPOINTS);
            AtomicLongArray deactivated = new AtomicLongArray(CHECKPOINTS);
            long[] at = new long[CHECKPOINTS];
            List<CompletableFuture<Void>> open = new ArrayList<>();
            for (int c = 0; c < CHECKPOINTS; c++) {
                int client = c;
                CompletableFuture<Void> opened = new CompletableFuture<>();
                open.add(opened);
                StringBuilder pending = new StringBuilder();
                http.request(HttpMethod.GET, "/api/v1/events").compose(request -> request.putHeader("Authorization", "Bearer " + checkpointToken)
                        .putHeader("Accept", "text/event-stream").send()).onComplete(response -> {
                            if (response.failed() || response.result().statusCode() != 200) {
                                opened.completeExceptionally(new IllegalStateException("live stream refused: "
                                        + (response.failed() ? response.cause() : response.result().statusCode())));
                                return;
                            }
                            opened.complete(null);
                            response.result().handler(buffer -> {
                                pending.append(buffer.toString(java.nio.charset.StandardCharsets.UTF_8));
                                int end;
                                while ((end = pending.indexOf("\n")) >= 0) {
                                    String line = pending.substring(0, end).strip();
                                    pending.delete(0, end + 1);
                                    if (line.equals("event: cordon.activated") || line.equals("event:cordon.activated")) {
                                        at[client] = System.nanoTime();
                                        activated.incrementAndGet(client);
                                    } else if (line.equals("event: cordon.deactivated") || line.equals("event:cordon.deactivated")) {
                                        deactivated.incrementAndGet(client);
                                    }
                                }
                            });
                        });
                // Clients connect a few dozen at a time, as a shift's checkpoints do, not all in one instant.
                if (open.size() % 30 == 0) {
                    CompletableFuture.allOf(open.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
                }
            }
            CompletableFuture.allOf(open.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
            Measured measured = rounds(activated, at, round -> api.post("/api/v1/cordon-plans/" + planId + "/activate", commanderToken,
                    Map.of("reason", "benchmark round " + (round + 1))), () -> {
                        int round = (int) activated.get(0);
                        api.post("/api/v1/cordon-plans/" + planId + "/deactivate", commanderToken, Map.of("reason", "benchmark round done"));
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                        while (arrived(deactivated, round) < CHECKPOINTS && System.nanoTime() < deadline) {
                            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                        }
                    });
            http.close();
            return measured;
        } finally {
            vertx.close();
        }
    }

    private static Measured fanOut(int redisPort) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString("redis://127.0.0.1:" + redisPort)
                    .setMaxPoolSize(CHECKPOINTS + 10).setMaxPoolWaiting(CHECKPOINTS + 10));
            RedisConnection writer = client.connect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            AtomicLongArray received = new AtomicLongArray(CHECKPOINTS);
            long[] at = new long[CHECKPOINTS];
            List<RedisConnection> readers = new ArrayList<>();
            for (int c = 0; c < CHECKPOINTS; c++) {
                RedisConnection reader = client.connect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                readers.add(reader);
                read(reader, "$", c, received, at);
            }
            Thread.sleep(500);
            Measured measured = rounds(received, at, round -> writer.send(Request.cmd(Command.XADD).arg(FANOUT_STREAM).arg("*").arg("order")
                    .arg("round " + round)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS), () -> {
                    });
            writer.send(Request.cmd(Command.DEL).arg(FANOUT_STREAM)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            readers.forEach(RedisConnection::close);
            writer.close();
            return measured;
        } finally {
            vertx.close();
        }
    }

    /** A plain reader: blocking XREAD after the last entry it saw, again and again. */
    private static void read(RedisConnection reader, String after, int client, AtomicLongArray received, long[] at) {
        reader.send(Request.cmd(Command.XREAD).arg("BLOCK").arg(0).arg("STREAMS").arg(FANOUT_STREAM).arg(after)).onSuccess(answer -> {
            if (answer == null) {
                read(reader, after, client, received, at);
                return;
            }
            io.vertx.redis.client.Response entries = answer.isMap() ? answer.get(FANOUT_STREAM) : answer.get(0).get(1);
            String last = after;
            for (io.vertx.redis.client.Response entry : entries) {
                last = entry.get(0).toString();
                at[client] = System.nanoTime();
                received.incrementAndGet(client);
            }
            read(reader, last, client, received, at);
        });
    }
}
