package org.fangkong.platform.streams;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import org.fangkong.platform.redis.RedisKeys;

import io.smallrye.mutiny.Uni;

/** Counts handled events; events starting with "poison" always fail. */
@Singleton
public class RecordingStreamHandler implements StreamHandler {

    public static final String STREAM = RedisKeys.eventStream("reader-test");
    static final String GROUP = "platform-test";

    final Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();

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
        handled.computeIfAbsent(event, e -> new AtomicInteger()).incrementAndGet();
        return Uni.createFrom().voidItem();
    }

    public int handledCount(String event) {
        AtomicInteger count = handled.get(event);
        return count == null ? 0 : count.get();
    }
}
