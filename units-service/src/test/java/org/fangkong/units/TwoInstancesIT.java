package org.fangkong.units;

import static org.fangkong.infra.testing.TestOrgs.XUANWU;
import static org.fangkong.units.UnitsTestClient.DISPATCHER;
import static org.fangkong.units.UnitsTestClient.GATEWAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.fangkong.infra.AppProcess;
import org.fangkong.infra.testing.Eventually;
import org.fangkong.infra.testing.TestInfrastructure;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.proto.units.v1.FindNearestUnitsRequest;
import org.fangkong.proto.units.v1.ForceType;
import org.fangkong.proto.units.v1.GetUnitTrackRequest;
import org.fangkong.proto.units.v1.NearbyUnit;
import org.fangkong.proto.units.v1.PositionFix;
import org.fangkong.proto.units.v1.ReportPositionsResponse;
import org.fangkong.proto.units.v1.Unit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;

/**
 * Two packaged instances of units-service share PostgreSQL and Redis, as replicas do in a cluster. The second is
 * configured with a tiny write bulkhead, to show overload refused rather than queued.
 */
class TwoInstancesIT {

    private static AppProcess first;
    private static AppProcess second;
    private static UnitsTestClient one;
    private static UnitsTestClient two;

    @BeforeAll
    static void start() throws Exception {
        TestInfrastructure infra = TestInfrastructure.get();
        Path app = Path.of("target/quarkus-app");
        Map<String, String> config = infra.serviceConfig("units");
        Map<String, String> small = new HashMap<>(config);
        small.put("quarkus.fault-tolerance.\"org.fangkong.units.position.service.PositionStore/store\".bulkhead.value", "1");
        small.put("quarkus.fault-tolerance.\"org.fangkong.units.position.service.PositionStore/store\".bulkhead.waiting-task-queue", "1");
        // Started together, as replicas of a rollout are: both migrate the same database at once.
        CompletableFuture<AppProcess> starting = CompletableFuture.supplyAsync(
                () -> AppProcess.start("units-service", app, config, Path.of("target/two-instances-1.log"), Duration.ofSeconds(120)));
        try {
            second = AppProcess.start("units-service", app, small, Path.of("target/two-instances-2.log"), Duration.ofSeconds(120));
        } finally {
            first = starting.join();
        }
        one = new UnitsTestClient(first.port());
        two = new UnitsTestClient(second.port());
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {one, two, first, second}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    /** Reports through the given instance, retrying as a device does when told the service is at capacity. */
    private static ReportPositionsResponse reportRetrying(UnitsTestClient instance, List<PositionFix> fixes) throws InterruptedException {
        while (true) {
            try {
                return instance.report(GATEWAY, fixes);
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Code.RESOURCE_EXHAUSTED) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    @Test
    void concurrentFixesForOneUnitThroughTwoInstancesEndWithTheNewestStored() throws Exception {
        Unit unit = one.unit(XUANWU, ForceType.SPECIAL_PATROL, 2, true);
        Instant base = Instant.now().minusSeconds(300).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            order.add(i);
        }
        Collections.shuffle(order);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger accepted = new AtomicInteger();
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                int second = order.get(i);
                UnitsTestClient via = i % 2 == 0 ? one : two;
                sent.add(pool.submit(() -> {
                    PositionFix fix = UnitsTestClient.fix(unit, 32.0 + second * 1e-5, 118.8, base.plusSeconds(second));
                    accepted.addAndGet(reportRetrying(via, List.of(fix)).getAccepted());
                    return null;
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        for (UnitsTestClient instance : List.of(one, two)) {
            NearbyUnit seen = instance.as(DISPATCHER).findNearestUnits(FindNearestUnitsRequest.newBuilder()
                    .setPoint(UnitsTestClient.point(32.0, 118.8)).setRadiusM(2000).setLimit(200).build())
                    .getUnitsList().stream().filter(n -> n.getUnit().getId().equals(unit.getId())).findFirst().orElseThrow();
            assertEquals(base.plusSeconds(199), Timestamps.toInstant(seen.getPositionAt()),
                    "whatever order the fixes arrived in, through whichever instance, the newest is the one stored");
            assertEquals(32.0 + 199 * 1e-5, seen.getPosition().getLat(), 5e-6);
        }
        // Every accepted fix reaches the history, written by whichever instance's group reader took it.
        GetUnitTrackRequest track = GetUnitTrackRequest.newBuilder().setUnitId(unit.getId()).setFrom(Timestamps.of(base))
                .setTo(Timestamps.of(base.plusSeconds(200))).setLimit(1000).build();
        Eventually.until("every accepted fix in the history", Duration.ofSeconds(30),
                () -> one.as(DISPATCHER).getUnitTrack(track).getFixesCount() >= accepted.get());
        assertEquals(accepted.get(), one.as(DISPATCHER).getUnitTrack(track).getFixesCount());
        assertTrue(accepted.get() >= 1 && accepted.get() <= 200);
    }

    @Test
    void anInstanceAtCapacityRefusesWithResourceExhaustedAndLosesNothingItAcknowledged() throws Exception {
        Unit unit = one.unit(XUANWU, ForceType.AUXILIARY, 0, false);
        int streams = 60;
        ExecutorService pool = Executors.newFixedThreadPool(30);
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        AtomicInteger acknowledged = new AtomicInteger();
        Instant base = Instant.now().minusSeconds(600);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int s = 0; s < streams; s++) {
                int stream = s;
                sent.add(pool.submit(() -> {
                    List<PositionFix> batch = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        batch.add(UnitsTestClient.fix(unit, 32.0, 118.8, base.plusMillis(stream * 1000L + i)));
                    }
                    try {
                        ReportPositionsResponse response = two.report(GATEWAY, batch);
                        acknowledged.addAndGet(response.getAccepted() + response.getOutOfOrder());
                        outcomes.merge("OK", 1, Integer::sum);
                    } catch (StatusRuntimeException e) {
                        outcomes.merge(e.getStatus().getCode().name(), 1, Integer::sum);
                    }
                    return null;
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(outcomes.getOrDefault("RESOURCE_EXHAUSTED", 0) > 0, "some streams were refused: " + outcomes);
        assertTrue(outcomes.getOrDefault("OK", 0) > 0, "and some were served: " + outcomes);
        assertEquals(streams, outcomes.getOrDefault("OK", 0) + outcomes.getOrDefault("RESOURCE_EXHAUSTED", 0),
                "nothing failed any other way: " + outcomes);
        assertEquals(outcomes.get("OK") * 200, acknowledged.get(), "every served stream had all its fixes counted");
    }
}
