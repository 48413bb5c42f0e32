package org.fangkong.units;

import static org.fangkong.infra.testing.TestOrgs.XUANWU;
import static org.fangkong.units.UnitsTestClient.DISPATCHER;
import static org.fangkong.units.UnitsTestClient.GATEWAY;
import static org.fangkong.units.UnitsTestClient.point;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import org.fangkong.infra.testing.Eventually;
import org.fangkong.infra.testing.ServiceTest;
import org.fangkong.platform.grpc.Timestamps;
import org.fangkong.platform.redis.RedisKeys;
import org.fangkong.proto.units.v1.FindNearestUnitsRequest;
import org.fangkong.proto.units.v1.ForceType;
import org.fangkong.proto.units.v1.GetUnitTrackRequest;
import org.fangkong.proto.units.v1.Unit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;

/** Redis loses everything: units-service puts back what it owns and carries on. */
@QuarkusTest
@ServiceTest
class RedisLossTest {

    // Relative to the management root path (/q).
    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    @Inject
    RedisDataSource redis;

    private UnitsTestClient units;

    @BeforeEach
    void open() {
        units = new UnitsTestClient(RestAssured.port);
    }

    @AfterEach
    void close() throws InterruptedException {
        units.close();
    }

    private static void await(String what, Callable<Boolean> condition) {
        Eventually.until(what, Duration.ofSeconds(20), condition);
    }

    @Test
    void aFlushedRedisIsRebuiltAndTheUnitsAreRecommendedAgainFromTheirNextFixes() throws Exception {
        double[] spot = UnitsTestClient.freshSpot();
        Unit unit = units.available(XUANWU, ForceType.SPECIAL_PATROL, 2, true);
        units.at(unit, spot[0], spot[1]);
        FindNearestUnitsRequest recommend = FindNearestUnitsRequest.newBuilder().setPoint(point(spot[0], spot[1])).setRadiusM(1000)
                .setOnlyAvailable(true).build();
        assertEquals(1, units.as(DISPATCHER).findNearestUnits(recommend).getUnitsCount());

        redis.flushall();

        // The service notices, puts the unit states and the stale watchdogs back, and reports ready again.
        await("the unit's state is mirrored again", () -> redis.hash(String.class).hget(RedisKeys.unitStates("32"), unit.getId()) != null);
        assertTrue(redis.hash(String.class).hget(RedisKeys.unitStates("32"), unit.getId()).contains("|AVAILABLE|SPECIAL_PATROL|2|1|"));
        await("the stale watchdog is scheduled again", () -> redis.sortedSet(String.class)
                .zscore(RedisKeys.timersDue("unit-stale"), unit.getId()) != null);
        await("ready", () -> RestAssured.get(readiness).statusCode() == 200);

        // Positions come back with the next fix, and the history consumer group is there to store it.
        Instant at = Instant.now();
        units.report(GATEWAY, List.of(UnitsTestClient.fix(unit, spot[0], spot[1], at)));
        assertEquals(List.of(unit.getId()), units.as(DISPATCHER).findNearestUnits(recommend).getUnitsList().stream()
                .map(n -> n.getUnit().getId()).toList());
        GetUnitTrackRequest track = GetUnitTrackRequest.newBuilder().setUnitId(unit.getId())
                .setFrom(Timestamps.of(at.minusSeconds(1))).setTo(Timestamps.of(at.plusSeconds(1))).build();
        await("the fix reached the history", () -> units.as(DISPATCHER).getUnitTrack(track).getFixesCount() == 1);
    }
}
