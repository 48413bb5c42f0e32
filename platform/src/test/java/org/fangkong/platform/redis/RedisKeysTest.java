package org.fangkong.platform.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.vertx.redis.client.impl.ZModem;

/** Keys one script touches must hash to one Redis Cluster slot, or the script fails on a cluster. */
class RedisKeysTest {

    @Test
    void theKeysOfAProvincesUnitScriptsShareOneClusterSlot() {
        assertOneSlot(List.of(RedisKeys.unitPositions("32"), RedisKeys.unitFixes("32"),
                RedisKeys.unitOrgs("32"), RedisKeys.positionsStream("32")));
    }

    @Test
    void anOutboxStreamAndItsPublishedMarkersShareOneClusterSlot() {
        assertOneSlot(List.of(RedisKeys.eventStream("unit-events"), RedisKeys.publishedMarker("unit-events", "e-1"),
                RedisKeys.publishedMarker("unit-events", "e-2"), RedisKeys.parked(RedisKeys.eventStream("unit-events"), "gateway")));
    }

    @Test
    void aTimerQueuesKeysShareOneClusterSlot() {
        assertOneSlot(List.of(RedisKeys.timersDue("breach"), RedisKeys.timersClaimed("breach"), RedisKeys.timersDueAt("breach")));
    }

    private static void assertOneSlot(List<String> keys) {
        Set<Integer> slots = keys.stream().map(ZModem::generate).collect(Collectors.toSet());
        assertEquals(1, slots.size(), keys + " hash to " + slots);
    }

    @Test
    void provincesSpreadOverTheCluster() {
        assertNotEquals(ZModem.generate(RedisKeys.unitPositions("32")), ZModem.generate(RedisKeys.unitPositions("34")));
    }
}
