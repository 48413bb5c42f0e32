package org.fangkong.platform.streams;

import java.util.List;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Consumes one stream as one consumer group, at least once. Implement it as an {@code @ApplicationScoped} bean;
 * every replica of the app reads as a member of the group, so the work is shared. An entry is acknowledged only
 * after {@link #handle} completes (so return the Uni of your transaction), and may arrive more than once: handlers
 * deduplicate by the event's id.
 */
public interface StreamHandler {

    /** The stream's key, e.g. {@code RedisKeys.eventStream("check-hits")}. */
    String stream();

    /** The consumer group, normally the app's name. */
    String group();

    Uni<Void> handle(StreamEntry entry);

    /**
     * Handles a batch read together (override for bulk writes). If it fails, the reader falls back to
     * {@link #handle} entry by entry, so one bad entry is retried and parked alone.
     */
    default Uni<Void> handleBatch(List<StreamEntry> entries) {
        return Multi.createFrom().iterable(entries).onItem().transformToUniAndConcatenate(this::handle).collect().last().replaceWithVoid();
    }
}
