package org.fangkong.platform.streams;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import org.fangkong.platform.redis.RedisKeys;

import io.grpc.Status;
import io.smallrye.mutiny.Uni;

/**
 * Counts handled events; events starting with "poison" always fail, those starting with "outage" fail as a call to a
 * service that is down does while {@link #outage} is set.
 */
@Singleton
public class RecordingStreamHandler implements StreamHandler {

    public static final String STREAM = RedisKeys.eventStream("reader-test");
    static final String GROUP = "platform-test";

    final Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
    final AtomicInteger outageFailures = new AtomicInteger();
    volatile boolean outage;

    @Override
    public String stream() {
        return STREAM;
    }

    @Override
    public String group() {
        return GROUP;
    }

    @Override
    public Uni<Void> handle(StreamEntry entry) {
        String event = new String(entry.event(), StandardCharsets.UTF_8);
        if (event.startsWith("poison")) {
            return Uni.createFrom().failure(new IllegalArgumentException("cannot parse " + event));
        }
        if (event.startsWith("outage") && outage) {
            outageFailures.incrementAndGet();
            return Uni.createFrom().failure(Status.UNAVAILABLE.withDescription("io exception").asRuntimeException());
        }
        handled.computeIfAbsent(event, e -> new AtomicInteger()).incrementAndGet();
        return Uni.createFrom().voidItem();
    }

    public int handledCount(String event) {
        AtomicInteger count = handled.get(event);
        return count == null ? 0 : count.get();
    }
}
